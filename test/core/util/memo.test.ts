import { describe, expect, it } from 'vitest';
import { memoizeString } from '../../../src/core/util/memo.js';

describe('memoizeString', () => {
  const counting = (maxEntries?: number, maxKeyLength?: number) => {
    const calls: string[] = [];
    const memo = memoizeString(
      (key: string) => {
        calls.push(key);
        return key.length;
      },
      maxEntries,
      maxKeyLength,
    );
    return { memo, calls };
  };

  it('computes each short key once, undefined and null results included', () => {
    const calls: string[] = [];
    const memo = memoizeString((key: string) => {
      calls.push(key);
      return key === 'u' ? undefined : null;
    });
    for (const key of ['u', 'n', 'u', 'n']) memo(key);
    expect(calls).toEqual(['u', 'n']);
  });

  it('never keeps a long key: distinct 1 MB dates or drug names would pin memory (found while fuzzing)', () => {
    const { memo, calls } = counting(10, 8);
    const long = 'x'.repeat(9);
    expect([memo(long), memo(long), memo('short'), memo('short')]).toEqual([9, 9, 5, 5]);
    expect(calls).toEqual([long, long, 'short']);
  });

  it('starts afresh when full', () => {
    const { memo, calls } = counting(2);
    for (const key of ['a', 'b', 'c', 'a']) memo(key);
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
