import { pageTranslator } from '../language.js';
import type { AppError } from '../smart/errors.js';

/**
 * The EHR's refusal in its own words (as text: React escapes it, nothing is parsed as HTML) and,
 * where the EHR's registration of the app is at fault, the exact values the administrator checks.
 */
export function RefusalDetails({ refusal, registration }: NonNullable<AppError['authorization']>) {
  const t = pageTranslator();
  const scopes = registration?.scope.split(/\s+/).filter(Boolean) ?? [];
  return (
    <>
      {refusal.description && (
        <figure className="ehr-said">
          <figcaption>{t.t('app.auth.ehrSaid')}</figcaption>
          <blockquote>{refusal.description}</blockquote>
        </figure>
      )}
      {refusal.uri && (
        <p>
          {t.t('app.auth.moreInfo')}{' '}
          <a href={refusal.uri} target="_blank" rel="noopener noreferrer">
            {refusal.uri}
          </a>
        </p>
      )}
      {registration && (
        <section className="registration" aria-labelledby="registration-heading">
          <h2 id="registration-heading">{t.t('app.auth.admin.heading')}</h2>
          <p>{t.t('app.auth.admin.intro')}</p>
          <dl>
            <dt>{t.t('app.auth.admin.error')}</dt>
            <dd>
              <code>{refusal.code}</code>
            </dd>
            <dt>{t.t('app.auth.admin.clientId')}</dt>
            <dd>
              <code>{registration.clientId}</code>
            </dd>
            <dt>{t.t('app.auth.admin.redirectUri')}</dt>
            <dd>
              <code>{registration.redirectUri}</code>
            </dd>
            <dt>{t.t('app.auth.admin.scopes')}</dt>
            <dd>
              <ul className="scope-list">
                {scopes.map((scope) => (
                  <li key={scope}>
                    <code>{scope}</code>
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          {refusal.code === 'invalid_scope' && scopes.includes('online_access') && (
            <p>{t.t('app.auth.admin.onlineAccess')}</p>
          )}
        </section>
      )}
    </>
  );
}
