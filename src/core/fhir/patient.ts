import { type ResourceSet, referencedId } from './parse.js';
import type { Patient, Reference } from './schemas.js';

export interface PatientSelection {
  patient?: Patient;
  patientId?: string;
}

/**
 * Picks the patient a Bundle is about: the one named, or the only Patient (or only subject) in
 * it. Returns an error message when the choice is ambiguous or the named patient is absent.
 */
export function selectPatient(set: ResourceSet, patientId?: string): PatientSelection | { error: string } {
  if (patientId !== undefined) {
    const patient = set.patients.find((p) => p.id === patientId);
    const referenced = set.observations.some((o) => referencedId(o.subject?.reference, 'Patient') === patientId);
    if (!patient && !referenced) return { error: `no Patient/${patientId} in the input` };
    return { ...(patient ? { patient } : {}), patientId };
  }
  const ids = new Set<string>();
  for (const p of set.patients) if (p.id) ids.add(p.id);
  if (ids.size === 0) {
    for (const o of set.observations) {
      const id = referencedId(o.subject?.reference, 'Patient');
      if (id) ids.add(id);
    }
  }
  if (ids.size > 1) return { error: `the input holds several patients (${[...ids].join(', ')}): name one` };
  const only = [...ids][0];
  const patient = set.patients.find((p) => p.id === only);
  return { ...(patient ? { patient } : {}), ...(only ? { patientId: only } : {}) };
}

/** Whether a resource's subject/patient reference points at the patient (or names no one). */
export function belongsTo(ref: Reference | undefined, patientId: string | undefined): boolean {
  if (patientId === undefined || ref?.reference === undefined) return true;
  const reference = ref.reference;
  // The usual form, `Patient/<id>`, checked without building a string (called for every resource).
  if (reference.length === patientId.length + 8 && reference.startsWith('Patient/') && reference.endsWith(patientId)) {
    return true;
  }
  return referencedId(reference, 'Patient') === patientId;
}

/**
 * Completed years between a birthDate and a day (both `YYYY[-MM[-DD]]`, compared as written so
 * no time zone shifts a birthday). A partial birthDate is read as its latest possible day: when
 * in doubt the patient is the younger, so adult values are not applied to a child.
 */
export function ageInYears(birthDate: string | undefined, day: string): number | undefined {
  const born = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(birthDate ?? '');
  const on = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!born || !on) return undefined;
  const bornMonthDay = `${born[2] ?? '12'}-${born[3] ?? '31'}`;
  const years = Number(on[1]) - Number(born[1]) - (`${on[2]}-${on[3]}` < bornMonthDay ? 1 : 0);
  return years >= 0 ? years : undefined;
}
