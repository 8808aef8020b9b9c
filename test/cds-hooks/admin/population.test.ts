import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../cds-hooks/auth/admin-credential.js';
import type { PopulationReport } from '../../../src/contract/population.js';
import { HAND_GO_LIVE, HAND_MAX_DAYS } from '../../helpers/hand-population.js';
import { handWarehouse } from '../../helpers/hand-warehouse.js';
import { registerSecret } from '../../helpers/log-capture.js';
import { startService } from '../../helpers/service.js';

/** `/admin/api/population`: behind the admin token, the hand-checked population's measures, bad filters refused. */

const TOKEN = 'admin-token-for-population-0123456789';
registerSecret(TOKEN);
let dir: string;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const warehouse = await handWarehouse();
  dir = warehouse.dir;
  const service = await startService(
    {
      population: { warehouse: warehouse.file, goLiveDate: HAND_GO_LIVE },
      thresholds: { courses: { maxDays: HAND_MAX_DAYS } },
    },
    undefined,
    { adminTokenSha256: sha256Hex(TOKEN) },
  );
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = service.app.server.address() as { port: number };
  base = `http://127.0.0.1:${port}`;
  close = () => service.app.close();
});
afterAll(async () => {
  await close?.();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, token: string | null = TOKEN) =>
  fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('/admin/api/population', () => {
  it('needs the admin token', async () => {
    expect((await get('/admin/api/population', null)).status).toBe(401);
    expect((await get('/admin/api/population.csv', 'wrong-token')).status).toBe(401);
  });

  it('answers the measures, before and after the configured go-live', async () => {
    const response = await get('/admin/api/population');
    expect(response.status).toBe(200);
    const report = (await response.json()) as PopulationReport;
    expect(report.goLiveDate).toBe(HAND_GO_LIVE);
    expect(report.total.find((r) => r.dim === 'all')).toMatchObject({
      courses: 8,
      days_of_therapy: 155,
      days_present: 22,
    });
    expect(report.phases.map((r) => [r.bucket, r.dim, r.courses]).filter(([, d]) => d === 'all')).toEqual([
      ['after', 'all', 5],
      ['before', 'all', 3],
    ]);
    // Counts only: no patient id anywhere in the answer.
    expect(JSON.stringify(report)).not.toMatch(/pop-[a-g]/);
  });

  it('filters by department and period, and exports the same numbers as CSV', async () => {
    const query = '?department=Pulmonology&from=2026-01&to=2026-05';
    const report = (await (await get(`/admin/api/population${query}`)).json()) as PopulationReport;
    expect(report.total.find((r) => r.dim === 'all')).toMatchObject({ courses: 5 });
    const csv = await get(`/admin/api/population.csv${query}`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(
      (await csv.text())
        .split('\r\n')
        .find((l) => l.startsWith('all,all,,'))
        ?.split(',')[3],
    ).toBe('5');
  });

  it('refuses bad filters with an OperationOutcome naming the parameter', async () => {
    const response = await get('/admin/api/population?from=2026-13&class=Bad%20Class&patient=pop-a');
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      resourceType: string;
      issue: { expression: string[]; diagnostics: string }[];
    };
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue.map((i) => [i.expression[0], i.diagnostics])).toEqual([
      ['from', 'a month (YYYY-MM)'],
      ['class', 'a knowledge-base class id'],
      ['(query)', 'unknown parameter(s): patient'],
    ]);
    const months = (await (await get('/admin/api/population?from=2026-13')).json()) as typeof body;
    expect(months.issue.map((i) => [i.expression[0], i.diagnostics])).toEqual([['from', 'a month (YYYY-MM)']]);
  });
});

describe('without a warehouse', () => {
  it('answers 404 saying how to make one', async () => {
    const service = await startService({ population: { warehouse: join(dir, 'none.duckdb') } }, undefined, {
      adminTokenSha256: sha256Hex(TOKEN),
    });
    const response = await service.app.inject({
      url: '/admin/api/population',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    await service.app.close();
    expect(response.statusCode).toBe(404);
    expect(response.json().issue[0].diagnostics).toContain('population classify');
  });
});
