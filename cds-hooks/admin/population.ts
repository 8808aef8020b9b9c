import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { PopulationReport } from '../../src/contract/population.js';
import type { SiteConfig } from '../../src/core/config/schema.js';
import { openWarehouse, populationReport, ReportSourceError } from '../population/measures/report.js';
import type { FeedbackStore } from '../store/types.js';

/**
 * `/admin/api/population`: the population report of the warehouse for the dashboard's filters.
 * Counts only: no row ever names a patient. The warehouse is opened read-only for each request,
 * so a `population classify` run in between is seen at once.
 */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'a month (YYYY-MM)' });

export const populationParams = z
  .strictObject({
    from: month.optional(),
    to: month.optional(),
    class: z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/, { message: 'a knowledge-base class id' })
      .optional(),
    department: z.string().min(1).max(200).optional(),
  })
  .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });

export type PopulationParams = z.infer<typeof populationParams>;

export type PopulationAnswer = { report: PopulationReport } | { status: 404 | 503; message: string };

export async function populationAnswer(
  settings: SiteConfig['population'],
  params: PopulationParams,
  store: FeedbackStore,
): Promise<PopulationAnswer> {
  if (!existsSync(settings.warehouse)) {
    return { status: 404, message: 'No population data yet: run `immunosteward population classify` first.' };
  }
  let source: Awaited<ReturnType<typeof openWarehouse>>;
  try {
    source = await openWarehouse(settings.warehouse);
  } catch (error) {
    // A classify run holds the file's write lock, or the file is not a warehouse.
    return error instanceof ReportSourceError && /population classify/.test(error.message)
      ? { status: 404, message: 'No population data yet: run `immunosteward population classify` first.' }
      : { status: 503, message: 'The population warehouse cannot be read now (a classify run may be writing it).' };
  }
  try {
    const filter = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    return {
      report: await populationReport(source, {
        ...(settings.goLiveDate ? { goLiveDate: settings.goLiveDate } : {}),
        filter,
        feedback: store,
      }),
    };
  } finally {
    source.close();
  }
}
