import { common } from './common.js';

/** The English catalog: the reference every other language translates key by key. */
export const EN = { ...common } as const;

export type MessageKey = keyof typeof EN;
