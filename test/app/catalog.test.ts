import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { EN } from '../../src/core/messages/en/index.js';

/** The faces this suite owns: every message parses as ICU MessageFormat, so no view crashes on one. */
const FACES = ['app.', 'playground.', 'admin.', 'landing.'];

describe('the app, playground, admin and landing catalogs', () => {
  const keys = Object.keys(EN).filter((k) => FACES.some((f) => k.startsWith(f)));

  it('hold the texts of every face', () => {
    for (const face of FACES) expect(keys.filter((k) => k.startsWith(face)).length, face).toBeGreaterThan(5);
  });

  it('parse as ICU MessageFormat', () => {
    const broken = keys.filter((key) => {
      try {
        new IntlMessageFormat(EN[key as keyof typeof EN], 'en');
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  it('never show UCUM codes or FHIR element names to a physician', () => {
    const technical = /10\*9|\{cells\}|\bMedicationRequest\.|\bvalueQuantity\b|\breferenceRange\b|\bappContext\b/;
    expect(keys.filter((key) => technical.test(EN[key as keyof typeof EN]))).toEqual([]);
  });
});
