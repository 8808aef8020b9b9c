import type { cli as enCli } from '../en/cli.js';

/** The CLI's plain-text reports and errors. */
export const cli = {} as const satisfies Record<keyof typeof enCli, string>;
