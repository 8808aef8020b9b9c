import type { CompartmentState, ImmuneProfile } from '../../core/biomarkers/profile.js';

const BADGES: Record<CompartmentState, { icon: string; text: string }> = {
  deficit: { icon: '▼', text: 'Deficit' },
  low: { icon: '▽', text: 'Below the lab range' },
  normal: { icon: '✓', text: 'Within the lab range' },
  high: { icon: '△', text: 'Above the lab range' },
  excess: { icon: '▲', text: 'Excess' },
  unknown: { icon: '?', text: 'Unknown' },
};

/** The detail of a compartment summary without its "<label>: <status> — " lead. */
function detailOf(summary: string): string {
  const at = summary.indexOf(' — ');
  return at === -1 ? summary : summary.slice(at + 3);
}

/** One line per immune compartment: status as text and icon, the values that decide it. */
export function ProfileSummary({ profile }: { profile: ImmuneProfile }) {
  const shortOf = (id: string) => profile.series.find((s) => s.biomarker.id === id)?.biomarker.short ?? id;
  return (
    <ul className="compartments">
      {profile.compartments.map((c) => {
        const badge = BADGES[c.status];
        return (
          <li key={c.compartment} className={`compartment compartment--${c.status}`}>
            <span className="compartment-label">{c.label}</span>
            <span className={`badge badge--${c.status}`}>
              <span aria-hidden="true">{badge.icon} </span>
              {badge.text}
            </span>
            <span className="compartment-detail">{detailOf(c.summary)}</span>
            {c.staleMarkers.length > 0 && (
              <span className="stale-note">
                Stale (older than {profile.staleAfterDays} days, not used as evidence):{' '}
                {c.staleMarkers.map(shortOf).join(', ')}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
