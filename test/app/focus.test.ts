import { describe, expect, it } from 'vitest';
import { readFocus } from '../../src/app/App.js';

describe('readFocus (a CDS card’s appContext)', () => {
  const context = { view: 'findings', rule: 'course-unbounded', order: 'MedicationRequest/d-1', cardUuid: 'c-1' };

  it('reads the JSON string a SMART token response carries, and an object some EHRs send', () => {
    const expected = { view: 'findings', rule: 'course-unbounded', order: 'MedicationRequest/d-1' };
    expect(readFocus(JSON.stringify(context))).toEqual(expected);
    expect(readFocus(context)).toEqual(expected);
  });

  it('opens the Courses view from a card that names only the view', () => {
    expect(readFocus(JSON.stringify({ view: 'courses', cardUuid: 'c-2' }))).toEqual({ view: 'courses' });
  });

  it('ignores what is not a focus: absent, malformed, wrong types, oversized, neither rule nor order', () => {
    for (const raw of [
      undefined,
      null,
      '',
      '{not json',
      '"findings"',
      '[1,2]',
      JSON.stringify({ view: 'findings' }),
      JSON.stringify({ rule: 42, order: { reference: 'x' } }),
      JSON.stringify({ order: 'x'.repeat(201) }),
    ]) {
      expect(readFocus(raw), String(raw)).toBeUndefined();
    }
  });
});
