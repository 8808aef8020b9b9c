/** The admin API of the service (`/admin/api/*`), called with the admin token the user typed. */

import type { Analytics } from '../../contract/analytics.js';
import type { PopulationReport } from '../../contract/population.js';
import { pageTranslator } from '../language.js';

export type { Analytics, RuleAnalytics as RuleRow } from '../../contract/analytics.js';

export interface Period {
  from: string;
  to: string;
  tenant: string;
}

export class AdminError extends Error {
  constructor(
    message: string,
    readonly unauthorized = false,
  ) {
    super(message);
  }
}

function query(period: Period): string {
  const params = new URLSearchParams({ from: period.from, to: period.to });
  if (period.tenant) params.set('tenant', period.tenant);
  return params.toString();
}

async function get(path: string, token: string): Promise<Response> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (response.ok) return response;
  if (response.status === 401) throw new AdminError(pageTranslator().t('admin.error.token'), true);
  let detail = '';
  try {
    const body = (await response.json()) as { issue?: { diagnostics?: string; expression?: string[] }[] };
    detail = (body.issue ?? []).map((i) => `${i.expression?.[0] ?? ''} ${i.diagnostics ?? ''}`.trim()).join('; ');
  } catch {
    // not an OperationOutcome: the status says enough
  }
  throw new AdminError(pageTranslator().t('admin.error.http', { status: response.status, detail: detail || 'none' }));
}

export async function loadAnalytics(period: Period, token: string): Promise<Analytics> {
  return (await (await get(`/admin/api/analytics?${query(period)}`, token)).json()) as Analytics;
}

/** Fetches the CSV (it needs the token, so not a plain link) and hands it to the browser as a download. */
export async function downloadCsv(period: Period, token: string): Promise<void> {
  const response = await get(`/admin/api/analytics.csv?${query(period)}`, token);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'overrides.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export type { MeasureRow, PopulationReport } from '../../contract/population.js';

/** The dashboard's filters: months `YYYY-MM`, a class id, a department; empty means all. */
export interface PopulationFilter {
  from: string;
  to: string;
  class: string;
  department: string;
}

function populationQuery(filter: PopulationFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  return params.toString();
}

export async function loadPopulation(filter: PopulationFilter, token: string): Promise<PopulationReport> {
  return (await (await get(`/admin/api/population?${populationQuery(filter)}`, token)).json()) as PopulationReport;
}

export async function downloadPopulationCsv(filter: PopulationFilter, token: string): Promise<void> {
  const response = await get(`/admin/api/population.csv?${populationQuery(filter)}`, token);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = 'immunosteward-population.csv';
  link.click();
  URL.revokeObjectURL(url);
}
