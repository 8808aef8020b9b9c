import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMedicationRequestShape, isObservationShape } from '../../../src/core/fhir/guards.js';
import { medicationRequest as medicationRequestSchema, observation } from '../../../src/core/fhir/schemas.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { drugs, medicationRequest } from '../../helpers/orders.js';

const resources = ['patient-post-covid.json', 'patient-chemo-neutropenia.json', 'patient-healthy.json']
  .flatMap((f) => (loadFixture(f) as { entry: { resource: { resourceType: string; id: string } }[] }).entry)
  .map((e) => e.resource)
  .filter((r) => r.resourceType === 'Observation');

/** Replaces the value at a random path of a real Observation with arbitrary JSON. */
function mutateAt(resource: unknown, choices: number[], value: unknown): unknown {
  const copy = structuredClone(resource);
  let node = copy as Record<string, unknown>;
  for (const choice of choices) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[choice % keys.length] as string;
    const child = node[key];
    if (typeof child !== 'object' || child === null || choice % 3 === 0) {
      node[key] = value;
      return copy;
    }
    node = child as Record<string, unknown>;
  }
  return copy;
}

describe('the fast Observation guard', () => {
  it('accepts the well-formed fixture Observations (the fast path is used)', () => {
    const wellFormed = resources.filter((r) => !['pc-bad-value', 'pc-bad-code'].includes(r.id));
    expect(wellFormed.length).toBeGreaterThan(30);
    for (const r of wellFormed) expect(isObservationShape(r), r.id).toBe(true);
  });

  it('refuses the malformed fixtures, which zod then explains', () => {
    for (const id of ['pc-bad-value', 'pc-bad-code']) {
      const r = resources.find((x) => x.id === id);
      expect(isObservationShape(r)).toBe(false);
      expect(observation.safeParse(r).success).toBe(false);
    }
  });

  it('is sound: whatever it accepts, the zod schema accepts (property)', () => {
    const special = fc.constantFrom(
      null,
      '',
      'x',
      1.5,
      -1,
      Number.NaN,
      true,
      [],
      {},
      [{}],
      '2026-13-01',
      '<',
      '2026-10-01',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...resources),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.oneof(fc.jsonValue(), special),
        (resource, path, value) => {
          const mutated = mutateAt(resource, path, value);
          if (isObservationShape(mutated)) expect(observation.safeParse(mutated).success).toBe(true);
        },
      ),
      { numRuns: 5000, seed: 424242 },
    );
  });
});

const orders = [
  medicationRequest({
    id: 'a',
    codings: drugs.filgrastim,
    dose: { value: 300, unit: 'ug' },
    count: 5,
    boundsPeriod: { start: '2026-11-01' },
  }),
  medicationRequest({
    id: 'b',
    text: 'Бронхо-мунал 7 мг',
    boundsDays: 10,
    supplyDays: 10,
    route: { display: 'Oral route' },
  }),
  medicationRequest({ id: 'c', medicationReference: '#m', contained: [{ resourceType: 'Medication', id: 'm' }] }),
];

describe('the fast MedicationRequest guard', () => {
  it('accepts realistic orders', () => {
    for (const o of orders) expect(isMedicationRequestShape(o)).toBe(true);
  });

  it('is sound: whatever it accepts, the zod schema accepts (property)', () => {
    const special = fc.constantFrom(null, '', 'x', 1.5, -1, true, [], {}, [{}], '2026-13-01', '2026-10-01', {
      value: 'x',
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...orders),
        fc.array(fc.nat(), { minLength: 1, maxLength: 7 }),
        fc.oneof(fc.jsonValue(), special),
        (resource, path, value) => {
          const mutated = mutateAt(resource, path, value);
          if (isMedicationRequestShape(mutated)) expect(medicationRequestSchema.safeParse(mutated).success).toBe(true);
        },
      ),
      { numRuns: 5000, seed: 515151 },
    );
  });
});
