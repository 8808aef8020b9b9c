import { biomarkerById } from '../biomarkers/catalog.js';
import type { BiomarkerSeries } from '../biomarkers/profile.js';
import type { SiteConfig } from '../config/schema.js';
import type { PatientContext } from './context.js';
import { seriesOf } from './exposure.js';

/**
 * Whether the labs document an immune deficit, with the site's thresholds. A stale or absent
 * result is "unknown", never "normal".
 */

export type DeficitState = 'deficit' | 'normal' | 'stale' | 'absent';

export interface MarkerState {
  biomarker: string;
  state: DeficitState;
  series?: BiomarkerSeries;
  /** The threshold applied and where it comes from. */
  threshold?: { value: number; label: string };
}

/** The markers that document a deficit a booster could treat (clinical reference, D1). */
export const GENERIC_DEFICIT_MARKERS = ['neutrophils', 'lymphocytes', 'cd4', 'cd4-pct', 'igg'];

function thresholdFor(biomarker: string, series: BiomarkerSeries | undefined, config: SiteConfig) {
  const t = config.thresholds.deficit;
  switch (biomarker) {
    case 'neutrophils':
      return { value: t.neutrophils, label: `ANC < ${t.neutrophils} /uL` };
    case 'lymphocytes':
      return { value: t.lymphocytes, label: `ALC < ${t.lymphocytes} /uL` };
    case 'cd4':
      return { value: t.cd4, label: `CD4 < ${t.cd4} /uL` };
    case 'cd4-pct':
      return { value: t.cd4Percent, label: `CD4 < ${t.cd4Percent} %` };
    case 'igg': {
      if (t.iggMgDl !== undefined) return { value: t.iggMgDl, label: `IgG < ${t.iggMgDl} mg/dL` };
      const low = series?.latest.referenceRange?.low;
      if (low === undefined) return undefined;
      const origin = series?.latest.referenceRange?.origin === 'observation' ? "lab's" : 'catalog';
      return { value: low, label: `IgG below the ${origin} lower limit ${low} mg/dL` };
    }
    default: {
      const low = series?.latest.referenceRange?.low;
      const short = biomarkerById(biomarker)?.short ?? biomarker;
      return low === undefined ? undefined : { value: low, label: `${short} below ${low}` };
    }
  }
}

export function markerState(context: PatientContext, biomarker: string, config: SiteConfig): MarkerState {
  const series = seriesOf(context, biomarker);
  if (!series) return { biomarker, state: 'absent' };
  if (series.stale) return { biomarker, state: 'stale', series };
  const threshold = thresholdFor(biomarker, series, config);
  if (!threshold) return { biomarker, state: 'normal', series };
  const m = series.latest;
  const below =
    m.comparator === '<' || m.comparator === '<='
      ? m.value <= threshold.value
      : m.comparator === undefined && m.value < threshold.value;
  return { biomarker, state: below ? 'deficit' : 'normal', series, threshold };
}

export function markerStates(context: PatientContext, markers: readonly string[], config: SiteConfig): MarkerState[] {
  return markers.map((m) => markerState(context, m, config));
}

/** The tests to order for markers that are stale or absent (first LOINC code of each). */
export function panelFor(states: readonly MarkerState[]): { code: string; display: string }[] {
  const codes: { code: string; display: string }[] = [];
  for (const s of states) {
    if (s.state !== 'stale' && s.state !== 'absent') continue;
    const loinc = biomarkerById(s.biomarker)?.loinc[0];
    if (loinc && !codes.some((c) => c.code === loinc.code)) codes.push({ code: loinc.code, display: loinc.display });
  }
  return codes;
}
