import type { ReactNode } from 'react';
import { patientDisplayName } from '../../core/fhir/patient-name.js';
import type { Patient } from '../../core/fhir/schemas.js';
import { pageTranslator } from '../language.js';
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

/**
 * Who the page is about: name, gender, birth date and age, MRN; a placeholder until the record
 * arrives. `aside` (the language switch) ends the line.
 */
export function PatientBanner({ patient, aside }: { patient: Patient | undefined; aside?: ReactNode }) {
  const t = pageTranslator();
  return (
    <header className="banner">
      {patient ? (
        <BannerBody patient={patient as Patient & PatientLike} aside={aside} />
      ) : (
        <div className="banner-body">
          <div className="banner-loading" aria-busy="true">
            <Skeleton lines={1} label={t.t('app.banner.loading')} />
          </div>
          {aside}
        </div>
      )}
    </header>
  );
}

function BannerBody({ patient, aside }: { patient: Patient & PatientLike; aside: ReactNode }) {
  const t = pageTranslator();
  const notRecorded = t.t('app.banner.notRecorded');
  const name = patientDisplayName(patient) ?? t.t('app.banner.unnamed');
  const gender =
    typeof patient.gender === 'string' ? t.t('app.banner.genderValue', { gender: patient.gender }) : undefined;
  const birthDate = typeof patient.birthDate === 'string' ? patient.birthDate : undefined;
  const age = birthDate ? ageOf(birthDate) : undefined;
  // A partial birth date (year, or year and month) is shown as recorded.
  const date = birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? t.date(birthDate) : birthDate;
  const born = date ? (age !== undefined ? t.t('app.banner.birthWithAge', { date, age }) : date) : notRecorded;
  const mrn = patient.identifier?.find((i) => typeof i.value === 'string')?.value as string | undefined;
  return (
    <div className="banner-body">
      <p className="banner-name">{name}</p>
      <dl className="banner-facts">
        <div>
          <dt>{t.t('app.banner.gender')}</dt>
          <dd>{gender ?? notRecorded}</dd>
        </div>
        <div>
          <dt>{t.t('app.banner.born')}</dt>
          <dd>{born}</dd>
        </div>
        <div>
          <dt>{t.t('app.banner.mrn')}</dt>
          <dd>{mrn ?? notRecorded}</dd>
        </div>
      </dl>
      {aside}
    </div>
  );
}
