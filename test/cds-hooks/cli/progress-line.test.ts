import { describe, expect, it } from 'vitest';
import { formatDuration, formatMegabytes, ProgressLine } from '../../../cds-hooks/cli/progress-line.js';

/** The progress line of long commands (`population export`): one rewritten line on a terminal, plain lines elsewhere. */

function output(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, out: { isTTY, write: (t: string) => writes.push(t) } };
}

describe('the progress line', () => {
  it('rewrites one line on a terminal and ends it before what follows', () => {
    const { writes, out } = output(true);
    const line = new ProgressLine(out, { tty: 0, plain: 0 });
    line.update('files 1/3');
    line.update('files 2/3');
    line.done();
    expect(writes).toEqual(['\r\x1b[2Kfiles 1/3', '\r\x1b[2Kfiles 2/3', '\n']);
  });

  it('writes plain lines elsewhere, no more often than its interval unless forced', () => {
    const { writes, out } = output(false);
    const line = new ProgressLine(out, { tty: 0, plain: 60_000 });
    line.update('starting the export…', true);
    line.update('files 0/3');
    line.update('files 1/3, 40 resources', true);
    line.done();
    expect(writes).toEqual(['starting the export…\n', 'files 1/3, 40 resources\n']);
  });

  it('writes durations and sizes as a person reads them', () => {
    expect(formatDuration(12.4)).toBe('12 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatMegabytes(187.7 * 2 ** 20)).toBe('187.7 MB');
  });
});
