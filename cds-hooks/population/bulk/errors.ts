/**
 * Why an export stopped. `config`: the site configuration or the command line is wrong (the
 * message names the key or option); `server`: the server or the transfer failed. Messages never
 * carry tokens, assertions or resource contents.
 */
export class BulkError extends Error {
  constructor(
    readonly kind: 'config' | 'server',
    message: string,
  ) {
    super(message);
    this.name = 'BulkError';
  }
}

export const configError = (message: string) => new BulkError('config', message);
export const serverError = (message: string) => new BulkError('server', message);

/** A failure worth another try: a broken connection or a request that timed out. */
export class TransientError extends BulkError {
  constructor(message: string) {
    super('server', message);
  }
}
