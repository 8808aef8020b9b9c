import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { outcomeLines } from './http-body.js';

/**
 * The OperationOutcomes of the manifest's error files, counted and grouped by issue (severity,
 * code, text) so that a thousand "not found" become one line with its count.
 */

export interface OutcomeSummary {
  outcomes: number;
  issues: { issue: string; count: number }[];
}

const MAX_DISTINCT = 50;

export async function summariseOutcomes(files: readonly string[]): Promise<OutcomeSummary> {
  const counts = new Map<string, number>();
  let outcomes = 0;
  for (const file of files) {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      outcomes++;
      for (const issue of outcomeLines(JSON.parse(line), 20)) {
        const key = counts.has(issue) || counts.size < MAX_DISTINCT ? issue : 'other issues';
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const issues = [...counts].map(([issue, count]) => ({ issue, count })).sort((a, b) => b.count - a.count);
  return { outcomes, issues };
}
