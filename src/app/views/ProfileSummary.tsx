import { Suspense } from 'react';
import type { ImmuneProfile } from '../../core/biomarkers/profile.js';
import { pageTranslator } from '../language.js';
import { preloadable } from './preloadable.js';
import { Skeleton } from './Skeleton.js';

/**
 * The summary writes results through the core's formatting: loaded with the analysis (its own
 * chunk, fetched ahead), so that formatting stays out of the initial bundle.
 */
const Body = preloadable(() => import('./ProfileSummaryBody.js'));

/** Fetches the view's code ahead of its first render (main.tsx, beside the launch). */
export const preloadProfileSummary = Body.preload;

/** One line per immune compartment: status in words and a glyph, the results that decide it. */
export function ProfileSummary({ profile }: { profile: ImmuneProfile }) {
  return (
    <Suspense fallback={<Skeleton label={pageTranslator().t('app.loading')} />}>
      <Body profile={profile} />
    </Suspense>
  );
}
