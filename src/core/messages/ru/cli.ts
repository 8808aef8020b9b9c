import type { cli as en } from '../en/cli.js';

/** Текстовые отчёты и ошибки CLI. */
export const cli = {} satisfies Record<keyof typeof en, string>;
