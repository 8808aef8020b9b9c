import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Locale, MessageKey } from '../../core/messages/translator.js';
import { pageTranslator } from '../language.js';
import { Glyph } from '../views/Glyph.js';
import { LanguageSwitch } from '../views/LanguageSwitch.js';
import { AdminError, type Analytics, downloadCsv, loadAnalytics, type Period, type RuleRow } from './api.js';
import { Population } from './Population.js';

/** The two admin pages, one app: the override analytics at /admin, the population measures at /admin/population. */
const POPULATION_PATH = '/admin/population';

const TOKEN_KEY = 'immunosteward-admin-token';
const DAY_MS = 86_400_000;

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function defaultPeriod(): Period {
  const today = Date.now();
  return { from: isoDay(today - 29 * DAY_MS), to: isoDay(today), tenant: '' };
}

function ruleTitle(rule: string): string {
  const t = pageTranslator();
  const key = `ruleTitle.${rule}`;
  return t.has(key) ? t.t(key) : rule;
}

function percent(rate: number | null): string {
  const t = pageTranslator();
  return rate === null ? t.t('admin.none') : t.t('admin.percent', { rate: t.number(rate * 100) });
}

function ms(value: number | null): string {
  const t = pageTranslator();
  return value === null ? t.t('admin.none') : t.t('admin.ms', { ms: t.number(value, value < 10 ? 1 : 0) });
}

/** Column headers from the catalog. */
function Headers({ columns }: { columns: readonly string[] }) {
  const t = pageTranslator();
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {t.t(`admin.column.${c}` as MessageKey)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The chart: per rule and tenant, cards shown split into accepted, overridden and no feedback. */
function ResponseChart({ rows }: { rows: RuleRow[] }) {
  const t = pageTranslator();
  const max = Math.max(1, ...rows.map((r) => r.shown));
  return (
    <figure className="adm-chart" aria-label={t.t('admin.chart')}>
      {rows.map((r) => {
        const silent = Math.max(0, r.shown - r.accepted - r.overridden);
        const label = t.t('admin.chart.row', { rule: ruleTitle(r.rule), tenant: r.tenant || 'none' });
        return (
          <div className="adm-bar-row" key={`${r.rule}|${r.tenant}`}>
            <span className="adm-bar-label">{label}</span>
            <span
              className="adm-bar"
              role="img"
              aria-label={t.t('admin.chart.bar', {
                label,
                shown: r.shown,
                accepted: r.accepted,
                overridden: r.overridden,
              })}
              style={{ width: `${(Math.max(r.shown, r.accepted + r.overridden) / max) * 100}%` }}
            >
              <span className="adm-seg adm-accepted" style={{ flexGrow: r.accepted }} />
              <span className="adm-seg adm-overridden" style={{ flexGrow: r.overridden }} />
              <span className="adm-seg adm-silent" style={{ flexGrow: silent }} />
            </span>
          </div>
        );
      })}
      <figcaption className="muted">
        <span className="adm-key adm-accepted" /> {t.t('admin.chart.accepted')}{' '}
        <span className="adm-key adm-overridden" /> {t.t('admin.chart.overridden')}{' '}
        <span className="adm-key adm-silent" /> {t.t('admin.chart.silent')}
      </figcaption>
    </figure>
  );
}

const RULE_COLUMNS = [
  'rule',
  'tenant',
  'shown',
  'accepted',
  'overridden',
  'overrideRate',
  'topReasons',
  'comments',
  'suggestionsAccepted',
] as const;

function RulesTable({ rows }: { rows: RuleRow[] }) {
  const t = pageTranslator();
  return (
    <table className="adm-table">
      <Headers columns={RULE_COLUMNS} />
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.rule}|${r.tenant}`}>
            <th scope="row">
              {ruleTitle(r.rule)}
              <br />
              <code className="muted">{r.rule}</code>
            </th>
            <td>{r.tenant ?? t.t('admin.none')}</td>
            <td>{r.shown}</td>
            <td>{r.accepted}</td>
            <td>{r.overridden}</td>
            <td>{percent(r.overrideRate)}</td>
            <td>
              {r.topReasons.length === 0 ? (
                t.t('admin.none')
              ) : (
                <ul className="adm-reasons">
                  {r.topReasons.map((reason) => (
                    <li key={reason.code}>
                      {t.t('admin.reason', { reason: reason.display ?? reason.code, count: reason.count })}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>{r.comments}</td>
            <td>{r.suggestionsAccepted}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const SERVICE_COLUMNS = ['service', 'invocations', 'p50', 'p95', 'p99', 'status412', 'status4xx', 'status5xx'] as const;

function ServicesTable({ rows }: { rows: Analytics['services'] }) {
  return (
    <table className="adm-table">
      <Headers columns={SERVICE_COLUMNS} />
      <tbody>
        {rows.map((s) => (
          <tr key={s.service}>
            <th scope="row">
              <code>{s.service}</code>
            </th>
            <td>{s.invocations}</td>
            <td>{ms(s.p50Ms)}</td>
            <td>{ms(s.p95Ms)}</td>
            <td>{ms(s.p99Ms)}</td>
            <td>{s.status412}</td>
            <td>{s.status4xx}</td>
            <td>{s.status5xx}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `onLanguage`: the reader switched the page's language. */
export function Admin({ onLanguage }: { onLanguage: (locale: Locale) => void }) {
  const t = pageTranslator();
  const id = useId();
  const population = window.location.pathname === POPULATION_PATH;
  const title = population ? t.t('admin.population.title') : t.t('admin.title');
  useEffect(() => {
    document.title = title;
  }, [title]);
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [draftToken, setDraftToken] = useState('');
  const [period, setPeriod] = useState<Period>(defaultPeriod);
  const [data, setData] = useState<Analytics | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);

  const signOut = useCallback((message: string) => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken('');
    setError(message);
  }, []);

  const load = useCallback(async (p: Period, t: string) => {
    setLoading(true);
    setError(undefined);
    try {
      setData(await loadAnalytics(p, t));
    } catch (e) {
      if (e instanceof AdminError && e.unauthorized) {
        sessionStorage.removeItem(TOKEN_KEY);
        setToken('');
      }
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, []);

  // The period applies when the form is submitted; a new token loads the period shown.
  const periodRef = useRef(period);
  periodRef.current = period;
  useEffect(() => {
    if (token && !population) void load(periodRef.current, token);
  }, [token, load, population]);

  function signIn(event: FormEvent) {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, draftToken);
    setToken(draftToken);
    setDraftToken('');
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    void load(period, token);
  }

  return (
    <div className="app">
      <header className="banner">
        <div className="banner-body">
          <h1 className="banner-name">{title}</h1>
          <p className="muted">{population ? t.t('admin.population.lede') : t.t('admin.lede')}</p>
          <nav className="adm-nav" aria-label={t.t('admin.nav')}>
            <a href="/admin" aria-current={population ? undefined : 'page'}>
              {t.t('admin.nav.overrides')}
            </a>
            <a href={POPULATION_PATH} aria-current={population ? 'page' : undefined}>
              {t.t('admin.nav.population')}
            </a>
          </nav>
          <LanguageSwitch onChange={onLanguage} />
        </div>
      </header>
      <main className="content adm-layout">
        {error ? (
          <p className="adm-error" role="alert">
            <Glyph name="warning" /> {error}
          </p>
        ) : null}
        {!token ? (
          <form className="panel adm-form" onSubmit={signIn}>
            <label htmlFor={`${id}-token`}>{t.t('admin.token')}</label>
            <input
              id={`${id}-token`}
              type="password"
              autoComplete="current-password"
              value={draftToken}
              onChange={(e) => setDraftToken(e.target.value)}
              required
            />
            <button type="submit">{t.t('admin.signIn')}</button>
          </form>
        ) : population ? (
          <Population token={token} onUnauthorized={signOut} />
        ) : (
          <>
            <form className="panel adm-form" onSubmit={apply} aria-label={t.t('admin.period')}>
              <label htmlFor={`${id}-from`}>{t.t('admin.from')}</label>
              <input
                id={`${id}-from`}
                type="date"
                value={period.from}
                onChange={(e) => setPeriod({ ...period, from: e.target.value })}
                required
              />
              <label htmlFor={`${id}-to`}>{t.t('admin.to')}</label>
              <input
                id={`${id}-to`}
                type="date"
                value={period.to}
                onChange={(e) => setPeriod({ ...period, to: e.target.value })}
                required
              />
              <label htmlFor={`${id}-tenant`}>{t.t('admin.tenant')}</label>
              <input
                id={`${id}-tenant`}
                type="text"
                placeholder={t.t('admin.allTenants')}
                value={period.tenant}
                onChange={(e) => setPeriod({ ...period, tenant: e.target.value })}
              />
              <button type="submit" disabled={loading}>
                {t.t('admin.show')}
              </button>
              <button type="button" onClick={() => downloadCsv(period, token).catch((e: Error) => setError(e.message))}>
                {t.t('admin.export')}
              </button>
            </form>
            {loading ? <p className="muted">{t.t('admin.loading')}</p> : null}
            {data ? (
              <>
                <section className="panel" aria-labelledby={`${id}-rules`}>
                  <h2 id={`${id}-rules`} className="panel-title">
                    {t.t('admin.rules')}
                  </h2>
                  {data.rules.length === 0 ? (
                    <p className="muted">{t.t('admin.rules.none')}</p>
                  ) : (
                    <>
                      <ResponseChart rows={data.rules} />
                      <div className="table-scroll">
                        <RulesTable rows={data.rules} />
                      </div>
                    </>
                  )}
                </section>
                <section className="panel" aria-labelledby={`${id}-services`}>
                  <h2 id={`${id}-services`} className="panel-title">
                    {t.t('admin.services')}
                  </h2>
                  {data.services.length === 0 ? (
                    <p className="muted">{t.t('admin.services.none')}</p>
                  ) : (
                    <div className="table-scroll">
                      <ServicesTable rows={data.services} />
                    </div>
                  )}
                </section>
              </>
            ) : null}
          </>
        )}
      </main>
    </div>
  );
}
