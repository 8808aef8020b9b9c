import { parseArgs } from 'node:util';
import { writeReportFiles } from '../population/measures/files.js';
import { openFeedbackStore, openParquet, openWarehouse, populationReport } from '../population/measures/report.js';
import { renderReport } from '../population/measures/text.js';
import {
  type PopulationResult,
  PopulationUsageError,
  parseInstant,
  populationConfig,
  populationFailure,
} from './population-shared.js';

/**
 * `population report [--db FILE | --from PARQUET…] [--out DIR] [--go-live DATE] [--json]`: the
 * measures as a table, and `measures.csv`, `measures.parquet`, `feedback.csv` in `--out`.
 */

export const POPULATION_REPORT_USAGE = `  population report [--db <file> | --from <parquet file or dir>...] [--out <dir>]
                          [--go-live <date>] [--json]
                          Print the stewardship measures (days of therapy per 1,000
                          days present, indication, length, repeats, interactions,
                          the cards' feedback) before and after go-live, and write
                          measures.csv, measures.parquet and feedback.csv to --out.
                          --from merges the Parquet files of sharded classify runs.
`;

export async function populationReportCommand(args: string[], env: NodeJS.ProcessEnv): Promise<PopulationResult> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        from: { type: 'string', multiple: true },
        out: { type: 'string' },
        'go-live': { type: 'string' },
        json: { type: 'boolean' },
        config: { type: 'string' },
      },
    });
    // `--from a.parquet b.parquet`: the files after --from are positionals to parseArgs.
    const parquet = [...(values.from ?? []), ...(values.from ? positionals : [])];
    if (!values.from && positionals.length > 0)
      throw new PopulationUsageError(`unexpected argument "${positionals[0]}"`);
    if (values.db && parquet.length > 0) throw new PopulationUsageError('give --db or --from, not both');
    const config = populationConfig(values.config, env);
    const goLive = values['go-live'] ?? config.population.goLiveDate;
    if (values['go-live'] !== undefined) {
      parseInstant(values['go-live'], '--go-live');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values['go-live']))
        throw new PopulationUsageError(`--go-live: "${values['go-live']}" is not a date (YYYY-MM-DD)`);
    }
    const source =
      parquet.length > 0 ? await openParquet(parquet) : await openWarehouse(values.db ?? config.population.warehouse);
    const feedback = await openFeedbackStore(config.feedback);
    try {
      const report = await populationReport(source, {
        ...(goLive ? { goLiveDate: goLive } : {}),
        ...(feedback ? { feedback } : {}),
      });
      const files = values.out ? await writeReportFiles(source, report, values.out) : [];
      const text = values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report);
      const written = files.length > 0 && !values.json ? `\n${files.map((f) => `wrote ${f}`).join('\n')}\n` : '';
      return { code: 0, stdout: `${text}${written}`, stderr: '' };
    } finally {
      await feedback?.close();
      source.close();
    }
  } catch (error) {
    return populationFailure(error);
  }
}
