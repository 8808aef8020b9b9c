import { useEffect, useId, useMemo, useState } from 'react';
import {
  applyActions,
  type CallResult,
  type Card,
  callService,
  type DemoOrder,
  type DemoPatient,
  diagnostics,
  draftKey,
  draftLabel,
  loadOrders,
  loadPatients,
  orderSignRequest,
  type Suggestion,
} from './api.js';
import { CardView } from './CardView.js';

interface Exchange {
  request: unknown;
  result?: CallResult;
}

/** The scenario drafts of a patient: the orders of its scenario. */
function scenarioDrafts(orders: readonly DemoOrder[], patientId: string) {
  return orders.filter((o) => o.patient === patientId).map((o) => o.resource);
}

export function Playground() {
  const id = useId();
  const [patients, setPatients] = useState<DemoPatient[]>([]);
  const [orders, setOrders] = useState<DemoOrder[]>([]);
  const [patientId, setPatientId] = useState('');
  const [drafts, setDrafts] = useState<Record<string, unknown>[]>([]);
  const [cards, setCards] = useState<Card[] | undefined>();
  const [exchange, setExchange] = useState<Exchange | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [signing, setSigning] = useState(false);
  const [announce, setAnnounce] = useState('');

  useEffect(() => {
    let live = true;
    Promise.all([loadPatients(), loadOrders()])
      .then(([p, o]) => {
        if (!live) return;
        setPatients(p);
        setOrders(o);
        // `?patient=<id>` (the landing page's "Try an order") picks the patient.
        const wanted = new URLSearchParams(window.location.search).get('patient');
        const first = p.find((x) => x.id === wanted)?.id ?? p[0]?.id ?? '';
        setPatientId(first);
        setDrafts(scenarioDrafts(o, first));
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

  // Every order of the demo, then drafts added by suggestions (create actions).
  const rows = useMemo(() => {
    const known = new Set(orders.map((o) => draftKey(o.resource)));
    const extra = drafts
      .filter((d) => !known.has(draftKey(d)))
      .map((d) => ({ key: draftKey(d), label: draftLabel(d), scenario: 'added by a suggestion', resource: d }));
    const sorted = [
      ...orders.filter((o) => o.patient === patientId),
      ...orders.filter((o) => o.patient && o.patient !== patientId),
      ...orders.filter((o) => !o.patient),
    ];
    return [
      ...sorted.map((o) => ({
        key: draftKey(o.resource),
        label: o.label,
        scenario: o.patient
          ? o.patient === patientId
            ? 'this patient’s scenario'
            : `scenario ${o.patient}`
          : 'neutral',
        resource: o.resource,
      })),
      ...extra,
    ];
  }, [orders, drafts, patientId]);
  const selected = new Set(drafts.map(draftKey));

  const choosePatient = (next: string) => {
    setPatientId(next);
    setDrafts(scenarioDrafts(orders, next));
    setCards(undefined);
    setExchange(undefined);
    setError(undefined);
  };

  const toggle = (resource: Record<string, unknown>, on: boolean) => {
    const key = draftKey(resource);
    setDrafts((d) => (on ? [...d.filter((r) => draftKey(r) !== key), resource] : d.filter((r) => draftKey(r) !== key)));
  };

  const sign = async () => {
    setError(undefined);
    setCards(undefined);
    const request = orderSignRequest(patientId, drafts);
    setExchange({ request });
    setSigning(true);
    try {
      const result = await callService(request);
      setExchange({ request, result });
      if (result.status !== 200) {
        setError(diagnostics(result.status, result.body));
        return;
      }
      const list = (result.body as { cards?: Card[] }).cards ?? [];
      setCards(list);
      setAnnounce(`${list.length} card${list.length === 1 ? '' : 's'} returned in ${Math.round(result.latencyMs)} ms`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSigning(false);
    }
  };

  const apply = (suggestion: Suggestion) => {
    const actions = suggestion.actions ?? [];
    setDrafts((d) => applyActions(d, actions));
    setAnnounce(`Applied “${suggestion.label}”: ${actions.map((a) => a.description).join('; ')}`);
  };

  return (
    <div className="app">
      <header className="banner">
        <div className="banner-body">
          <h1 className="banner-name">ImmunoSteward hook playground</h1>
          <p className="muted pg-lede">
            Sign draft orders for a synthetic patient: a real CDS Hooks <code>order-sign</code> call, cards as an EHR
            shows them, and feedback.
          </p>
        </div>
      </header>
      <main className="content pg-layout">
        <section className="panel pg-orders" aria-labelledby={`${id}-orders`}>
          <h2 id={`${id}-orders`} className="panel-title">
            Patient and draft orders
          </h2>
          {loading ? <p className="muted">Loading the demo patients…</p> : null}
          <div className="pg-field">
            <label htmlFor={`${id}-patient`}>Patient</label>
            <select
              id={`${id}-patient`}
              value={patientId}
              disabled={loading || patients.length === 0}
              onChange={(e) => choosePatient(e.target.value)}
            >
              {patients.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.id})
                </option>
              ))}
            </select>
          </div>
          <fieldset className="pg-drafts">
            <legend>Draft orders to sign ({drafts.length} selected)</legend>
            <ul>
              {rows.map((row) => (
                <li key={row.key}>
                  <label>
                    <input
                      type="checkbox"
                      checked={selected.has(row.key)}
                      onChange={(e) => toggle(row.resource, e.target.checked)}
                    />{' '}
                    {row.label} <span className="muted pg-scenario">— {row.scenario}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button
            type="button"
            className="pg-button pg-button--primary pg-sign"
            disabled={loading || signing || !patientId || drafts.length === 0}
            onClick={() => void sign()}
          >
            {signing ? 'Signing…' : 'Sign'}
          </button>
        </section>

        <section className="panel pg-cards" aria-labelledby={`${id}-cards`} aria-busy={signing}>
          <h2 id={`${id}-cards`} className="panel-title">
            Cards
          </h2>
          {error ? (
            <div role="alert" className="notice notice--error">
              <p className="notice-title">Something went wrong</p>
              <p>{error}</p>
            </div>
          ) : null}
          <p className="visually-hidden" aria-live="polite">
            {announce}
          </p>
          {cards === undefined ? (
            <p className="empty">{signing ? 'Calling the service…' : 'Press Sign to call the service.'}</p>
          ) : cards.length === 0 ? (
            <p className="empty">No cards: nothing to say about these orders.</p>
          ) : (
            <div className="pg-card-list">
              {cards.map((card, i) => (
                <CardView key={card.uuid ?? i} card={card} onApply={apply} onError={setError} />
              ))}
            </div>
          )}
          {exchange ? (
            <details className="pg-raw">
              <summary>
                Raw exchange
                {exchange.result
                  ? ` — HTTP ${exchange.result.status}, ${Math.round(exchange.result.latencyMs)} ms`
                  : ' — waiting'}
              </summary>
              {exchange.result ? (
                <p>
                  Latency: <strong>{exchange.result.latencyMs.toFixed(1)} ms</strong> (service call, without the token)
                </p>
              ) : null}
              <h3>Request</h3>
              <pre>{JSON.stringify(exchange.request, null, 2)}</pre>
              <h3>Response</h3>
              <pre>
                {exchange.result
                  ? typeof exchange.result.body === 'string'
                    ? exchange.result.body
                    : JSON.stringify(exchange.result.body, null, 2)
                  : '…'}
              </pre>
            </details>
          ) : null}
        </section>
      </main>
    </div>
  );
}
