import { useId, useState } from 'react';
import type { Link } from '../../contract/cds-hooks.js';
import { pageLocale, pageTranslator } from '../language.js';
import { Glyph } from '../views/Glyph.js';
import { Markdown } from '../views/Markdown.js';
import { type Card, type FeedbackResult, type Suggestion, sendFeedback, smartLaunchUrl } from './api.js';

const isHttp = (url: string) => /^https?:\/\//i.test(url);

/** The app's launch for a card's SMART link, in the page's language (a new tab keeps no session). */
function appLaunch(link: Link, patientId: string): string | undefined {
  const launch = smartLaunchUrl(link, patientId);
  if (!launch) return undefined;
  const url = new URL(launch);
  url.searchParams.set('lang', pageLocale());
  return url.href;
}

/** A card link: a SMART link launches the app on the patient as the demo EHR would; others open as they are. */
function CardLink({ link, patientId }: { link: Link; patientId: string }) {
  const t = pageTranslator();
  const href = link.type === 'smart' ? appLaunch(link, patientId) : isHttp(link.url) ? link.url : undefined;
  if (!href) return <>{link.label}</>;
  return (
    <>
      <a href={href} target="_blank" rel="noreferrer noopener">
        {link.label}
      </a>{' '}
      <span className="muted">
        ({t.t(link.type === 'smart' ? 'playground.card.opensApp' : 'playground.card.opensTab')})
      </span>
    </>
  );
}

interface Props {
  card: Card;
  /** The patient the card is about (a SMART link opens the app on it). */
  patientId: string;
  /** Applies a suggestion's actions to the drafts. */
  onApply: (suggestion: Suggestion) => void;
  onError: (message: string) => void;
}

type Sent = { outcome: 'accepted' | 'overridden'; result: FeedbackResult; label: string };

/** One card as an EHR shows it: indicator, summary, detail, source, suggestions, override. */
export function CardView({ card, patientId, onApply, onError }: Props) {
  const t = pageTranslator();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent | undefined>();
  const [overriding, setOverriding] = useState(false);
  const reasons = card.overrideReasons ?? [];
  const [reason, setReason] = useState(reasons[0]?.code ?? '');
  const [comment, setComment] = useState('');
  const done = sent !== undefined;

  const feedback = async (item: Parameters<typeof sendFeedback>[0], label: string) => {
    setBusy(true);
    try {
      const result = await sendFeedback(item);
      setSent({ outcome: item.outcome, result, label });
      setOverriding(false);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const accept = async (suggestion: Suggestion) => {
    onApply(suggestion);
    if (!card.uuid) return;
    await feedback(
      {
        card: card.uuid,
        outcome: 'accepted',
        acceptedSuggestions: [{ id: suggestion.uuid }],
        outcomeTimestamp: new Date().toISOString(),
      },
      suggestion.label,
    );
  };

  const override = async () => {
    if (!card.uuid) return;
    const coding = reasons.find((r) => r.code === reason);
    const userComment = comment.trim();
    if (!coding && !userComment) {
      onError(t.t('playground.override.needReason'));
      return;
    }
    await feedback(
      {
        card: card.uuid,
        outcome: 'overridden',
        overrideReason: {
          ...(coding ? { reason: coding } : {}),
          ...(userComment ? { userComment } : {}),
        },
        outcomeTimestamp: new Date().toISOString(),
      },
      coding?.display ?? coding?.code ?? t.t('playground.feedback.commentOnly'),
    );
  };

  return (
    <article className={`pg-card pg-card--${card.indicator}`} aria-labelledby={`${id}-summary`}>
      <header className="pg-card-head">
        <span className={`badge badge--${card.indicator}`}>
          <Glyph name={card.indicator} /> {t.t(`indicator.${card.indicator}`)}
        </span>
        <h3 id={`${id}-summary`} className="pg-card-summary">
          {card.summary}
        </h3>
      </header>
      {card.detail ? <Markdown text={card.detail} /> : null}
      <dl className="pg-card-source muted">
        <div>
          <dt>{t.t('playground.card.source')}</dt>
          <dd>
            {card.source.url && isHttp(card.source.url) ? (
              <a href={card.source.url} target="_blank" rel="noreferrer noopener">
                {card.source.label}
              </a>
            ) : (
              card.source.label
            )}
          </dd>
        </div>
        {card.source.topic?.display ? (
          <div>
            <dt>{t.t('playground.card.rule')}</dt>
            <dd className="pg-rule" data-rule={card.source.topic.code}>
              {card.source.topic.display}
            </dd>
          </div>
        ) : null}
      </dl>
      {card.links && card.links.length > 0 ? (
        <ul className="pg-links">
          {card.links.map((l) => (
            <li key={`${l.url}|${l.appContext ?? ''}`}>
              <CardLink link={l} patientId={patientId} />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="pg-actions">
        {(card.suggestions ?? []).map((s) => (
          <button
            key={s.uuid}
            type="button"
            className="pg-button pg-button--primary"
            disabled={busy || done}
            title={(s.actions ?? []).map((a) => a.description).join('; ') || undefined}
            onClick={() => void accept(s)}
          >
            {s.label}
          </button>
        ))}
        {reasons.length > 0 || card.uuid ? (
          <button
            type="button"
            className="pg-button"
            aria-expanded={overriding}
            aria-controls={`${id}-override`}
            disabled={busy || done || !card.uuid}
            onClick={() => setOverriding((o) => !o)}
          >
            {t.t('playground.override')}
          </button>
        ) : null}
      </div>
      {overriding && !done ? (
        <fieldset id={`${id}-override`} className="pg-override">
          <legend>{t.t('playground.override.legend')}</legend>
          {reasons.length > 0 ? (
            <div className="pg-field">
              <label htmlFor={`${id}-reason`}>{t.t('playground.override.reason')}</label>
              <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)}>
                <option value="">{t.t('playground.override.none')}</option>
                {reasons.map((r) => (
                  <option key={`${r.system}|${r.code}`} value={r.code}>
                    {r.display ?? r.code}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="pg-field">
            <label htmlFor={`${id}-comment`}>{t.t('playground.override.comment')}</label>
            <textarea
              id={`${id}-comment`}
              rows={2}
              maxLength={4000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <button
            type="button"
            className="pg-button pg-button--primary"
            disabled={busy}
            onClick={() => void override()}
          >
            {t.t('playground.override.submit')}
          </button>
        </fieldset>
      ) : null}
      <output className="pg-feedback" aria-live="polite">
        {sent
          ? t.t('playground.feedback.sent', {
              outcome: sent.outcome,
              label: sent.label,
              received: sent.result.received,
              stored: sent.result.stored,
            })
          : busy
            ? t.t('playground.feedback.sending')
            : ''}
      </output>
    </article>
  );
}
