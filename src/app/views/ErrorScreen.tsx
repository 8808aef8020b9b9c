import { pageTranslator } from '../language.js';
import type { AppError } from '../smart/errors.js';
import { Glyph } from './Glyph.js';
import { RefusalDetails } from './RefusalDetails.js';

/** A full-page error in words a physician can act on: title, message, what to do. Never a stack. */
export function ErrorScreen({
  error,
  onRetry,
}: {
  error: Pick<AppError, 'title' | 'message' | 'relaunch' | 'authorization'>;
  onRetry?: (() => void) | undefined;
}) {
  const t = pageTranslator();
  return (
    <div className="error-screen" role="alert">
      <h1 className="error-screen-title">
        <Glyph name="critical" /> {error.title}
      </h1>
      <p>{error.message}</p>
      {error.authorization && <RefusalDetails {...error.authorization} />}
      {error.relaunch && <p className="relaunch-hint">{t.t('app.error.relaunch')}</p>}
      {onRetry && (
        <button type="button" className="button-link notice-retry" onClick={onRetry}>
          {t.t('app.load.retry')}
        </button>
      )}
    </div>
  );
}
