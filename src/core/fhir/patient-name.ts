import type { Patient } from './schemas.js';

/** The name to show for a patient: the official name, else the first; its text, else given + family. */
export function patientDisplayName(patient: Patient | undefined): string | undefined {
  const name = patient?.name?.find((n) => n.use === 'official') ?? patient?.name?.[0];
  if (!name) return undefined;
  if (name.text) return name.text;
  return [...(name.given ?? []), name.family].filter(Boolean).join(' ') || undefined;
}
