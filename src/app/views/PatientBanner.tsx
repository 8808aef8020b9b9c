import { patientDisplayName } from '../../core/fhir/patient-name.js';
import type { Patient } from '../../core/fhir/schemas.js';
import type { PanelState } from '../data/panels.js';
import { Skeleton } from './Skeleton.js';

interface PatientLike {
  gender?: unknown;
  birthDate?: unknown;
  identifier?: { value?: unknown; type?: { text?: string } }[];
}

/** Whole years between a FHIR birth date (YYYY, YYYY-MM or YYYY-MM-DD) and today. */
function ageOf(birthDate: string, today = new Date()): number | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(birthDate);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  let age = today.getFullYear() - year;
  if (today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day)) age -= 1;
  return age >= 0 ? age : undefined;
}

const GENDER: Record<string, string> = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' };

/** Who the page is about: name, gender, birth date and age, MRN. */
export function PatientBanner({ state }: { state: PanelState }) {
  return (
    <header className="banner">
      <BannerBody state={state} />
    </header>
  );
}

function BannerBody({ state }: { state: PanelState }) {
  switch (state.status) {
    case 'loading':
      return (
        <div aria-busy="true">
          <Skeleton lines={1} label="Loading patient…" />
        </div>
      );
    case 'unauthorized':
      return (
        <p className="banner-notice" role="status">
          Not authorised to read {state.resourceType} — ask your EHR administrator to grant the scope.
        </p>
      );
    case 'error':
      return (
        <p className="banner-notice" role="alert">
          {state.error.title}: {state.error.message}
        </p>
      );
    case 'ready': {
      const patient = state.resources[0] as (Record<string, unknown> & PatientLike) | undefined;
      if (!patient) {
        return (
          <p className="banner-notice" role="status">
            Patient record not found.
          </p>
        );
      }
      const name = patientDisplayName(patient as Patient) ?? 'Unnamed patient';
      const gender = typeof patient.gender === 'string' ? (GENDER[patient.gender] ?? patient.gender) : undefined;
      const birthDate = typeof patient.birthDate === 'string' ? patient.birthDate : undefined;
      const age = birthDate ? ageOf(birthDate) : undefined;
      const mrn = patient.identifier?.find((i) => typeof i.value === 'string')?.value as string | undefined;
      return (
        <div className="banner-body">
          <p className="banner-name">{name}</p>
          <dl className="banner-facts">
            <div>
              <dt>Gender</dt>
              <dd>{gender ?? 'not recorded'}</dd>
            </div>
            <div>
              <dt>Born</dt>
              <dd>
                {birthDate ?? 'not recorded'}
                {age !== undefined && ` (${age} y)`}
              </dd>
            </div>
            <div>
              <dt>MRN</dt>
              <dd>{mrn ?? 'not recorded'}</dd>
            </div>
          </dl>
        </div>
      );
    }
  }
}
