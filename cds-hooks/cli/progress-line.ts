/**
 * A progress line on stderr: on a terminal one line rewritten in place (at most a few times a
 * second), elsewhere (a log, a pipe) a plain line now and then, so logs stay readable.
 */

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export class ProgressLine {
  private last = 0;
  private shown = false;

  constructor(
    private readonly out: ProgressOutput,
    private readonly intervalMs = { tty: 200, plain: 5000 },
  ) {}

  /** Shows `text`; `force` for a change of stage, which is always shown. */
  update(text: string, force = false): void {
    const now = Date.now();
    const interval = this.out.isTTY ? this.intervalMs.tty : this.intervalMs.plain;
    if (!force && now - this.last < interval) return;
    this.last = now;
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${text}`);
      this.shown = true;
    } else this.out.write(`${text}\n`);
  }

  /** Ends the rewritten line so that what follows starts on its own. */
  done(): void {
    if (this.shown) this.out.write('\n');
    this.shown = false;
  }
}

/** `1 h 02 min`, `3 min 05 s`, `12 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
