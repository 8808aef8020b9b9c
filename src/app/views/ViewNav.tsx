import { pageTranslator } from '../language.js';

export type AppView = 'profile' | 'courses';

const VIEWS: AppView[] = ['profile', 'courses'];

/** The page's two views: the immune profile with its findings, and the courses. */
export function ViewNav({ view, onChange }: { view: AppView; onChange: (view: AppView) => void }) {
  const t = pageTranslator();
  return (
    <nav className="view-nav" aria-label={t.t('app.nav.label')}>
      <ul>
        {VIEWS.map((v) => (
          <li key={v}>
            <button
              type="button"
              className={`view-nav-item${v === view ? ' view-nav-item--current' : ''}`}
              aria-current={v === view ? 'page' : undefined}
              onClick={() => onChange(v)}
            >
              {t.t(v === 'courses' ? 'app.nav.courses' : 'app.nav.profile')}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
