import { Suspense } from 'react';
import type { RecognizedOrder } from '../../core/drugs/orders.js';
import { pageTranslator } from '../language.js';
import { preloadable } from './preloadable.js';
import { Skeleton } from './Skeleton.js';

/** The timeline asks the core which orders are current: loaded lazily, with the analysis. */
const Body = preloadable(() => import('./MedicationTimelineBody.js'));

/** Fetches the view's code ahead of its first render (main.tsx, beside the launch). */
export const preloadMedicationTimeline = Body.preload;

/** Current and past immunomodulator courses: what, which class, how far into the course. */
export function MedicationTimeline({ orders, nowMs }: { orders: RecognizedOrder[]; nowMs: number }) {
  return (
    <Suspense fallback={<Skeleton label={pageTranslator().t('app.meds.loading')} />}>
      <Body orders={orders} nowMs={nowMs} />
    </Suspense>
  );
}
