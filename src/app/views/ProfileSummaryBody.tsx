import { biomarkerById } from '../../core/biomarkers/catalog.js';
import { describeResult, formatResult } from '../../core/biomarkers/display.js';
import type { Measurement } from '../../core/biomarkers/measurement.js';
import type { CompartmentStatus, ImmuneProfile } from '../../core/biomarkers/profile.js';
import { pageTranslator } from '../language.js';
import { Glyph } from './Glyph.js';

/** Results shown per compartment; the rest are counted. */
const SHOWN = 3;

function described(m: Measurement): string | undefined {
  const marker = biomarkerById(m.biomarker);
  return marker ? describeResult(pageTranslator(), m, marker) : undefined;
}

/** The results that decide a compartment, or why it is unknown: none, no range, or only stale ones. */
function detailOf(c: CompartmentStatus, profile: ImmuneProfile): string {
  const t = pageTranslator();
  if (c.status !== 'unknown') {
    const shown = c.evidence
      .slice(0, SHOWN)
      .map(described)
      .filter((d) => d !== undefined)
      .join('; ');
    const more = c.evidence.length - SHOWN;
    return more > 0 ? t.t('app.compartment.more', { results: shown, count: more }) : shown;
  }
  const own = profile.series.filter((s) => s.biomarker.group === c.compartment && s.biomarker.decisive);
  if (own.length === 0) return t.t('app.compartment.noResults');
  const current = own.filter((s) => !s.stale);
  if (current.length > 0) {
    return t.t('app.compartment.withoutRange', {
      results: t.list(current.map((s) => formatResult(t, s.latest, s.biomarker))),
    });
  }
  const newest = own.reduce((a, b) => (b.latest.epochMs > a.latest.epochMs ? b : a));
  return t.t('app.compartment.onlyStale', { date: t.date(newest.latest.day) });
}

/** One line per immune compartment: status in words and a glyph, the results that decide it. */
function ProfileSummaryBody({ profile }: { profile: ImmuneProfile }) {
  const t = pageTranslator();
  const shortOf = (id: string) => profile.series.find((s) => s.biomarker.id === id)?.biomarker.short ?? id;
  return (
    <ul className="compartments">
      {profile.compartments.map((c) => (
        <li key={c.compartment} className={`compartment compartment--${c.status}`}>
          <span className="compartment-label">{t.t(`compartment.${c.compartment}`)}</span>
          <span className={`badge badge--${c.status}`}>
            <Glyph name={c.status} /> {t.t('app.compartment.status', { status: c.status })}
          </span>
          <span className="compartment-detail">{detailOf(c, profile)}</span>
          {c.staleMarkers.length > 0 && (
            <span className="stale-note">
              {t.t('app.compartment.stale', {
                days: profile.staleAfterDays,
                markers: t.list(c.staleMarkers.map(shortOf)),
              })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export default ProfileSummaryBody;
