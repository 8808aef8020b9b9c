import { Suspense } from 'react';
import type { ImmuneProfile } from '../../core/biomarkers/profile.js';
import { pageTranslator } from '../language.js';
import { preloadable } from './preloadable.js';
import { Skeleton } from './Skeleton.js';

/**
 * The table uses the core's formatting, which brings the unit tables with it: loaded lazily,
 * like the analysis that produces the profile, so the core stays out of the initial bundle.
 */
const Body = preloadable(() => import('./BiomarkerTableBody.js'));

/** Fetches the view's code ahead of its first render (main.tsx, beside the launch). */
export const preloadBiomarkerTable = Body.preload;

/** Latest value of every immune marker, with range, flag and trend; each row expands a chart. */
export function BiomarkerTable({ profile }: { profile: ImmuneProfile }) {
  return (
    <Suspense fallback={<Skeleton label={pageTranslator().t('app.biomarkers.loading')} />}>
      <Body profile={profile} />
    </Suspense>
  );
}
