import { Suspense } from 'react';
import { pageTranslator } from '../language.js';
import type { FindingsListProps } from './FindingsListBody.js';
import { preloadable } from './preloadable.js';
import { Skeleton } from './Skeleton.js';

/** The findings are shown after the analysis: their code is its own chunk, fetched ahead. */
const Body = preloadable(() => import('./FindingsListBody.js'));

/** Fetches the view's code ahead of its first render (main.tsx, beside the launch). */
export const preloadFindingsList = Body.preload;

/** One entry per draft or current order: the most severe indicator, the concerns, what to do, the sources. */
export function FindingsList(props: FindingsListProps) {
  return (
    <Suspense fallback={<Skeleton label={pageTranslator().t('app.loading')} />}>
      <Body {...props} />
    </Suspense>
  );
}
