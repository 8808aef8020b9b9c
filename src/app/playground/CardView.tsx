import { useId, useState } from 'react';
import { Markdown } from '../views/Markdown.js';
import { type Card, type FeedbackResult, type Suggestion, sendFeedback } from './api.js';

const ICONS: Record<Card['indicator'], string> = { critical: '⛔', warning: '⚠', info: 'ℹ' };

interface Props {
  card: Card;
  /** Applies a suggestion's actions to the drafts. */
  onApply: (suggestion: Suggestion) => void;
  onError: (message: string) => void;
}

type Sent = { outcome: 'accepted' | 'overridden'; result: FeedbackResult; label: string };

/** One card as an EHR shows it: indicator, summary, detail, source, suggestions, override. */
export function CardView({ card, onApply, onError }: Props) {
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
      onError('Choose an override reason or write a comment.');
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
      coding?.display ?? coding?.code ?? 'comment only',
    );
  };

  return (
    <article className={`pg-card pg-card--${card.indicator}`} aria-labelledby={`${id}-summary`}>
      <header className="pg-card-head">
        <span className={`badge badge--${card.indicator}`}>
          <span aria-hidden="true">{ICONS[card.indicator]}</span> {card.indicator}
        </span>
        <h3 id={`${id}-summary`} className="pg-card-summary">
          {card.summary}
        </h3>
      </header>
      {card.detail ? <Markdown text={card.detail} /> : null}
      <p className="pg-card-source muted">
        Source:{' '}
        {card.source.url && /^https?:\/\//i.test(card.source.url) ? (
          <a href={card.source.url} target="_blank" rel="noreferrer noopener">
            {card.source.label}
          </a>
        ) : (
          card.source.label
        )}
        {card.source.topic ? (
          <>
            {' · Rule: '}
            <span className="pg-rule">{card.source.topic.display ?? card.source.topic.code}</span>{' '}
            <code>{card.source.topic.code}</code>
          </>
        ) : null}
      </p>
      {card.links && card.links.length > 0 ? (
        <ul className="pg-links">
          {card.links.map((l) => (
            <li key={l.url}>
              {/^https?:\/\//i.test(l.url) ? (
                <a href={l.url} target="_blank" rel="noreferrer noopener">
                  {l.label}
                </a>
              ) : (
                l.label
              )}{' '}
              <span className="muted">({l.type})</span>
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
            Override
          </button>
        ) : null}
      </div>
      {overriding && !done ? (
        <fieldset id={`${id}-override`} className="pg-override">
          <legend>Override this card</legend>
          {reasons.length > 0 ? (
            <div className="pg-field">
              <label htmlFor={`${id}-reason`}>Override reason</label>
              <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)}>
                <option value="">(none — comment only)</option>
                {reasons.map((r) => (
                  <option key={`${r.system}|${r.code}`} value={r.code}>
                    {r.display ?? r.code}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="pg-field">
            <label htmlFor={`${id}-comment`}>Comment (optional)</label>
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
            Submit override
          </button>
        </fieldset>
      ) : null}
      <output className="pg-feedback" aria-live="polite">
        {sent
          ? `Feedback ${sent.outcome} (${sent.label}): received ${sent.result.received}, stored ${sent.result.stored}`
          : busy
            ? 'Sending feedback…'
            : ''}
      </output>
    </article>
  );
}
