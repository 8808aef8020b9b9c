import { useEffect, useId, useMemo, useState } from 'react';
import type { Locale } from '../../core/messages/translator.js';
import { pageLocale, pageTranslator } from '../language.js';
import { Glyph } from '../views/Glyph.js';
import { LanguageSwitch } from '../views/LanguageSwitch.js';
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

/** `onLanguage`: the reader switched the page's language. */
export function Playground({ onLanguage }: { onLanguage: (locale: Locale) => void }) {
  const t = pageTranslator();
  const id = useId();
  useEffect(() => {
    document.title = t.t('playground.title');
  }, [t]);
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
      .map((d) => ({
        key: draftKey(d),
        label: draftLabel(d),
        scenario: t.t('playground.scenario.added'),
        resource: d,
      }));
    const nameOf = (patient: string) => patients.find((p) => p.id === patient)?.name ?? patient;
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
            ? t.t('playground.scenario.own')
            : t.t('playground.scenario.other', { patient: nameOf(o.patient) })
          : t.t('playground.scenario.neutral'),
        resource: o.resource,
      })),
      ...extra,
    ];
  }, [orders, drafts, patientId, patients, t]);
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
      const result = await callService(request, { language: pageLocale() });
      setExchange({ request, result });
      if (result.status !== 200) {
        setError(diagnostics(result.status, result.body));
        return;
      }
      const list = (result.body as { cards?: Card[] }).cards ?? [];
      setCards(list);
      setAnnounce(t.t('playground.cardsReturned', { count: list.length, ms: Math.round(result.latencyMs) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSigning(false);
    }
  };

  const apply = (suggestion: Suggestion) => {
    const actions = suggestion.actions ?? [];
    setDrafts((d) => applyActions(d, actions));
    setAnnounce(
      t.t('playground.applied', { label: suggestion.label, actions: actions.map((a) => a.description).join('; ') }),
    );
  };

  return (
    <div className="app">
      <header className="banner">
        <div className="banner-body">
          <h1 className="banner-name">{t.t('playground.title')}</h1>
          <p className="muted pg-lede">{t.t('playground.lede')}</p>
          <LanguageSwitch onChange={onLanguage} />
        </div>
      </header>
      <main className="content pg-layout">
        <section className="panel pg-orders" aria-labelledby={`${id}-orders`}>
          <h2 id={`${id}-orders`} className="panel-title">
            {t.t('playground.orders')}
          </h2>
          {loading ? <p className="muted">{t.t('playground.loadingPatients')}</p> : null}
          <div className="pg-field">
            <label htmlFor={`${id}-patient`}>{t.t('playground.patient')}</label>
            <select
              id={`${id}-patient`}
              value={patientId}
              disabled={loading || patients.length === 0}
              onChange={(e) => choosePatient(e.target.value)}
            >
              {patients.map((p) => (
                <option key={p.id} value={p.id}>
                  {t.t('playground.patientOption', { name: p.name, id: p.id })}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="pg-drafts">
            <legend>{t.t('playground.drafts', { count: drafts.length })}</legend>
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
            {t.t(signing ? 'playground.signing' : 'playground.sign')}
          </button>
        </section>

        <section className="panel pg-cards" aria-labelledby={`${id}-cards`} aria-busy={signing}>
          <h2 id={`${id}-cards`} className="panel-title">
            {t.t('playground.cards')}
          </h2>
          {error ? (
            <div role="alert" className="notice notice--error">
              <p className="notice-title">
                <Glyph name="warning" /> {t.t('playground.error')}
              </p>
              <p>{error}</p>
            </div>
          ) : null}
          <p className="visually-hidden" aria-live="polite">
            {announce}
          </p>
          {cards === undefined ? (
            <p className="empty">{t.t(signing ? 'playground.calling' : 'playground.pressSign')}</p>
          ) : cards.length === 0 ? (
            <p className="empty">{t.t('playground.noCards')}</p>
          ) : (
            <div className="pg-card-list">
              {cards.map((card, i) => (
                <CardView key={card.uuid ?? i} card={card} patientId={patientId} onApply={apply} onError={setError} />
              ))}
            </div>
          )}
          {exchange ? (
            <details className="pg-raw">
              <summary>
                {exchange.result
                  ? t.t('playground.raw.answered', {
                      status: exchange.result.status,
                      ms: Math.round(exchange.result.latencyMs),
                    })
                  : t.t('playground.raw.waiting')}
              </summary>
              {exchange.result ? (
                <p>{t.t('playground.raw.latency', { ms: t.number(exchange.result.latencyMs, 1) })}</p>
              ) : null}
              <h3>{t.t('playground.raw.request')}</h3>
              <pre>{JSON.stringify(exchange.request, null, 2)}</pre>
              <h3>{t.t('playground.raw.response')}</h3>
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
