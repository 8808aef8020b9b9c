import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/core/biomarkers/profile.js';
import { readResources, referencedId } from '../../../src/core/fhir/parse.js';
import { selectPatient } from '../../../src/core/fhir/patient.js';
import { loadFixture } from '../../helpers/fixtures.js';

const cd4 = (id: string, value: unknown) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '24467-3' }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2026-10-01',
  valueQuantity: { value, unit: '/uL', system: 'http://unitsofmeasure.org', code: '/uL' },
});

describe('reading FHIR input', () => {
  it.each(['searchset', 'collection', 'transaction', undefined])('reads a %s Bundle', (type) => {
    const set = readResources({
      resourceType: 'Bundle',
      ...(type ? { type } : {}),
      entry: [
        { fullUrl: 'urn:uuid:1', resource: cd4('a', 300), request: { method: 'POST', url: 'Observation' } },
        { resource: { resourceType: 'Patient', id: 'p1', gender: 'female' } },
      ],
    });
    expect(set.observations).toHaveLength(1);
    expect(set.patients).toHaveLength(1);
    expect(set.issues).toEqual([]);
  });

  it('reads nested Bundles, arrays and single resources', () => {
    const inner = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: cd4('a', 300) }] };
    expect(readResources({ resourceType: 'Bundle', entry: [{ resource: inner }] }).observations).toHaveLength(1);
    expect(readResources([cd4('a', 1), cd4('b', 2)]).observations).toHaveLength(2);
    expect(readResources(cd4('a', 1)).observations).toHaveLength(1);
  });

  it('reads Bundles nested 100,000 deep, in document order (no recursion: a FHIR response has no depth limit)', () => {
    let chain: unknown = { resourceType: 'Bundle', entry: [{ resource: cd4('deepest', 3) }] };
    for (let i = 0; i < 100_000; i++) chain = { resourceType: 'Bundle', entry: [{ resource: chain }] };
    expect(readResources(chain).observations.map((o) => o.id)).toEqual(['deepest']);
    const inner = { resourceType: 'Bundle', entry: [{ resource: cd4('b', 2) }, { resource: 'junk' }] };
    const set = readResources({
      resourceType: 'Bundle',
      entry: [{ resource: cd4('a', 1) }, { resource: inner }, { resource: cd4('c', 3) }],
    });
    expect(set.observations.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(set.issues).toEqual([
      { resourceType: 'unknown', path: 'Bundle.entry[1].resource', problem: 'not a JSON object' },
    ]);
  });

  it('keeps unknown elements and skips unknown resource types silently', () => {
    const obs = { ...cd4('a', 300), extension: [{ url: 'x', valueString: 'y' }], futureElement: { deep: true } };
    const set = readResources([obs, { resourceType: 'Encounter', id: 'e1' }]);
    expect(set.observations[0]).toMatchObject({ futureElement: { deep: true } });
    expect(set.issues).toEqual([]);
  });

  it('reports one issue per unusable resource and keeps the rest', () => {
    const set = readResources([
      cd4('good', 300),
      cd4('bad', 'lots'),
      { ...cd4('bad-date', 300), effectiveDateTime: '01/10/2026' },
      42,
      { id: 'no-type' },
    ]);
    expect(set.observations.map((o) => o.id)).toEqual(['good']);
    expect(set.issues).toEqual([
      { resourceType: 'Observation', id: 'bad', path: 'Observation.valueQuantity.value', problem: expect.any(String) },
      {
        resourceType: 'Observation',
        id: 'bad-date',
        path: 'Observation.effectiveDateTime',
        problem: 'not a FHIR dateTime',
      },
      { resourceType: 'unknown', path: '[3]', problem: 'not a JSON object' },
      { resourceType: 'unknown', path: '[4]', problem: 'no resourceType' },
    ]);
  });

  it('reads patient references in their usual forms', () => {
    expect(referencedId('Patient/123', 'Patient')).toBe('123');
    expect(referencedId('https://fhir.example.org/r4/Patient/123/_history/2', 'Patient')).toBe('123');
    expect(referencedId('Group/9', 'Patient')).toBeUndefined();
  });

  it('asks which patient when a Bundle holds several', () => {
    const set = readResources([
      { resourceType: 'Patient', id: 'a' },
      { resourceType: 'Patient', id: 'b' },
    ]);
    expect(selectPatient(set)).toEqual({ error: expect.stringContaining('several patients (a, b)') });
    expect(selectPatient(set, 'b')).toMatchObject({ patientId: 'b' });
    expect(selectPatient(set, 'zz')).toEqual({ error: 'no Patient/zz in the input' });
  });

  it('never throws on arbitrary JSON (property)', () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const fixture = loadFixture('patient-post-covid.json') as { entry: { resource: unknown }[] };
    const realResources = fixture.entry.map((e) => e.resource);
    // Mutate real resources as well as generating free-form JSON, so the parser's deep paths are hit.
    const mutated = fc
      .tuple(fc.constantFrom(...realResources), fc.array(fc.tuple(fc.string(), fc.jsonValue()), { maxLength: 4 }))
      .map(([resource, edits]) => {
        const copy = structuredClone(resource) as Record<string, unknown>;
        for (const [key, value] of edits) copy[key === '' ? 'valueQuantity' : key] = value;
        return copy;
      });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutated, fc.array(mutated, { maxLength: 5 })), (input) => {
        const set = readResources(input);
        const profile = buildProfile(set.observations, { now });
        expect(Array.isArray(profile.compartments)).toBe(true);
      }),
      { numRuns: 2000, seed: 20261125 },
    );
  });
});
