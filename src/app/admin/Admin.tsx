import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { RULE_TITLES, type RuleId } from '../../core/rules/ids.js';
import { AdminError, type Analytics, downloadCsv, loadAnalytics, type Period, type RuleRow } from './api.js';

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
  return RULE_TITLES[rule as RuleId] ?? rule;
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`;
}

function ms(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** The chart: per rule and tenant, cards shown split into accepted, overridden and no feedback. */
function ResponseChart({ rows }: { rows: RuleRow[] }) {
  const max = Math.max(1, ...rows.map((r) => r.shown));
  return (
    <figure className="adm-chart" aria-label="Physician response per rule">
      {rows.map((r) => {
        const silent = Math.max(0, r.shown - r.accepted - r.overridden);
        const label = `${ruleTitle(r.rule)}${r.tenant ? ` · ${r.tenant}` : ''}`;
        return (
          <div className="adm-bar-row" key={`${r.rule}|${r.tenant}`}>
            <span className="adm-bar-label">{label}</span>
            <span
              className="adm-bar"
              role="img"
              aria-label={`${label}: ${r.shown} shown, ${r.accepted} accepted, ${r.overridden} overridden`}
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
        <span className="adm-key adm-accepted" /> accepted <span className="adm-key adm-overridden" /> overridden{' '}
        <span className="adm-key adm-silent" /> no feedback
      </figcaption>
    </figure>
  );
}

function RulesTable({ rows }: { rows: RuleRow[] }) {
  return (
    <table className="adm-table">
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Tenant</th>
          <th scope="col">Shown</th>
          <th scope="col">Accepted</th>
          <th scope="col">Overridden</th>
          <th scope="col">Override rate</th>
          <th scope="col">Top override reasons</th>
          <th scope="col">Comments</th>
          <th scope="col">Suggestions accepted</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.rule}|${r.tenant}`}>
            <th scope="row">
              {ruleTitle(r.rule)}
              <br />
              <code className="muted">{r.rule}</code>
            </th>
            <td>{r.tenant ?? '—'}</td>
            <td>{r.shown}</td>
            <td>{r.accepted}</td>
            <td>{r.overridden}</td>
            <td>{percent(r.overrideRate)}</td>
            <td>
              {r.topReasons.length === 0 ? (
                '—'
              ) : (
                <ul className="adm-reasons">
                  {r.topReasons.map((t) => (
                    <li key={t.code}>
                      {t.display ?? t.code} ({t.count})
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

function ServicesTable({ rows }: { rows: Analytics['services'] }) {
  return (
    <table className="adm-table">
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Invocations</th>
          <th scope="col">p50</th>
          <th scope="col">p95</th>
          <th scope="col">p99</th>
          <th scope="col">412 (data unobtainable)</th>
          <th scope="col">Other 4xx</th>
          <th scope="col">5xx</th>
        </tr>
      </thead>
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

export function Admin() {
  const id = useId();
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [draftToken, setDraftToken] = useState('');
  const [period, setPeriod] = useState<Period>(defaultPeriod);
  const [data, setData] = useState<Analytics | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);

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
    if (token) void load(periodRef.current, token);
  }, [token, load]);

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
          <h1 className="banner-name">ImmunoSteward — override analytics</h1>
          <p className="muted">How physicians respond to each rule's cards: tune thresholds and fight alert fatigue.</p>
        </div>
      </header>
      <main className="content adm-layout">
        {error ? (
          <p className="adm-error" role="alert">
            {error}
          </p>
        ) : null}
        {!token ? (
          <form className="panel adm-form" onSubmit={signIn}>
            <label htmlFor={`${id}-token`}>Admin token</label>
            <input
              id={`${id}-token`}
              type="password"
              autoComplete="current-password"
              value={draftToken}
              onChange={(e) => setDraftToken(e.target.value)}
              required
            />
            <button type="submit">Sign in</button>
          </form>
        ) : (
          <>
            <form className="panel adm-form" onSubmit={apply} aria-label="Period">
              <label htmlFor={`${id}-from`}>From</label>
              <input
                id={`${id}-from`}
                type="date"
                value={period.from}
                onChange={(e) => setPeriod({ ...period, from: e.target.value })}
                required
              />
              <label htmlFor={`${id}-to`}>To (inclusive)</label>
              <input
                id={`${id}-to`}
                type="date"
                value={period.to}
                onChange={(e) => setPeriod({ ...period, to: e.target.value })}
                required
              />
              <label htmlFor={`${id}-tenant`}>Tenant</label>
              <input
                id={`${id}-tenant`}
                type="text"
                placeholder="all tenants"
                value={period.tenant}
                onChange={(e) => setPeriod({ ...period, tenant: e.target.value })}
              />
              <button type="submit" disabled={loading}>
                Show
              </button>
              <button type="button" onClick={() => downloadCsv(period, token).catch((e: Error) => setError(e.message))}>
                Export CSV
              </button>
            </form>
            {loading ? <p className="muted">Loading…</p> : null}
            {data ? (
              <>
                <section className="panel" aria-labelledby={`${id}-rules`}>
                  <h2 id={`${id}-rules`} className="panel-title">
                    Cards and responses per rule
                  </h2>
                  {data.rules.length === 0 ? (
                    <p className="muted">No cards were shown in this period.</p>
                  ) : (
                    <>
                      <ResponseChart rows={data.rules} />
                      <RulesTable rows={data.rules} />
                    </>
                  )}
                </section>
                <section className="panel" aria-labelledby={`${id}-services`}>
                  <h2 id={`${id}-services`} className="panel-title">
                    Calls per service
                  </h2>
                  {data.services.length === 0 ? (
                    <p className="muted">No calls in this period.</p>
                  ) : (
                    <ServicesTable rows={data.services} />
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
