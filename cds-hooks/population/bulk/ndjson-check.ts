import { Transform, type TransformCallback } from 'node:stream';

/**
 * Checks an NDJSON download as it streams: every line parses as a JSON object whose
 * `resourceType` is the manifest entry's type. Only complete, checked lines pass through, so the
 * file on disk always ends at a line boundary and its size is the offset to resume from. Memory
 * holds one unfinished line at most (`maxLineBytes`).
 */

/** The content is wrong (not resumable): names the line, never its content. */
export class ContentError extends Error {}

const NEWLINE = 0x0a;

export class NdjsonCheck extends Transform {
  /** Resources passed through. */
  resources = 0;
  /** Bytes read from the server (passed through or pending). */
  received = 0;
  /**
   * Set when the stream ended inside a line: the transfer was cut (resumable). The stream still
   * ends normally, so every complete line before the cut reaches the disk.
   */
  truncated: string | undefined;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly type: string,
    private readonly firstLine: number,
    private readonly limits: {
      maxLineBytes: number;
      maxBytes: number;
      onBytes: (bytes: number) => void;
      onResource: () => void;
    },
  ) {
    super();
  }

  private line(buffer: Buffer): void {
    const text = buffer.toString('utf8').trim();
    if (text === '') return;
    const number = this.firstLine + this.resources + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ContentError(`line ${number} is not JSON`);
    }
    const type = (value as { resourceType?: unknown })?.resourceType;
    if (type !== this.type)
      throw new ContentError(
        `line ${number} is ${typeof type === 'string' ? `a ${type.slice(0, 64)}` : 'not a FHIR resource'}, not a ${this.type}`,
      );
    this.resources++;
    this.limits.onResource();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.received += chunk.byteLength;
      if (this.received > this.limits.maxBytes) throw new ContentError(`more than ${this.limits.maxBytes} bytes`);
      this.limits.onBytes(chunk.byteLength);
      let start = 0;
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
        const piece = chunk.subarray(start, at + 1);
        this.line(start === 0 && this.pendingBytes > 0 ? Buffer.concat([...this.pending, piece]) : piece);
        start = at + 1;
      }
      if (start > 0) {
        // The checked lines go on as one buffer: a write per line would cost more than the check.
        const lines = chunk.subarray(0, start);
        this.push(this.pendingBytes > 0 ? Buffer.concat([...this.pending, lines]) : lines);
        this.pending = [];
        this.pendingBytes = 0;
      }
      if (start < chunk.byteLength) {
        this.pending.push(chunk.subarray(start));
        this.pendingBytes += chunk.byteLength - start;
        if (this.pendingBytes > this.limits.maxLineBytes)
          throw new ContentError(
            `line ${this.firstLine + this.resources + 1} is longer than ${this.limits.maxLineBytes} bytes`,
          );
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.pendingBytes === 0 ? undefined : this.lastLine());
  }

  /** The last line when it has no newline: a whole resource, or the cut of a transfer. */
  private lastLine(): Error | undefined {
    const last = Buffer.concat(this.pending);
    try {
      JSON.parse(last.toString('utf8'));
    } catch {
      this.truncated = `the file ends inside line ${this.firstLine + this.resources + 1}`;
      return undefined;
    }
    try {
      this.line(last);
    } catch (error) {
      return error as Error;
    }
    this.push(Buffer.concat([last, Buffer.from('\n')]));
    return undefined;
  }
}
