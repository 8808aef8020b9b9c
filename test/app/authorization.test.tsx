// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import HttpError from 'fhirclient/lib/HttpError.js';
import { afterEach, describe, expect, it } from 'vitest';
import { runtimeConfigSchema } from '../../src/app/runtime-config.js';
import {
  AuthorizationError,
  type AuthRequest,
  redirectRefusal,
  takePendingRequest,
  tokenRefusal,
} from '../../src/app/smart/authorization.js';
import { describeError } from '../../src/app/smart/errors.js';
import { requestedScope } from '../../src/app/smart/scopes.js';
import { ErrorScreen } from '../../src/app/views/ErrorScreen.js';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

const REQUEST: AuthRequest = {
  clientId: 'immunosteward',
  redirectUri: 'https://app.example/app/index.html',
  scope: 'launch openid fhirUser patient/Patient.r patient/Observation.rs online_access',
};
const ISSUE_TEXT =
  'Scopes "patient/Observation.rs" could not be granted. Your client is allowed to request "launch", "openid", "fhirUser" and "patient/Patient.r".';

/** The page of a redirect refusal; `request` null: the tab saved no state for it. */
function page(code: string, description?: string, request: AuthRequest | null = REQUEST) {
  const params = new URLSearchParams({ error: code, ...(description ? { error_description: description } : {}) });
  const refusal = redirectRefusal(params);
  if (!refusal) throw new Error('no refusal');
  render(<ErrorScreen error={describeError(new AuthorizationError(refusal, request ?? undefined))} />);
  return screen.getByRole('alert');
}

/** The administrator's values on the page, by their labels. */
function registration(alert: HTMLElement): Record<string, string> {
  const section = within(alert).queryByRole('region', { name: 'For your EHR administrator' });
  if (!section) return {};
  const terms = [...section.querySelectorAll('dt')];
  return Object.fromEntries(terms.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? '']));
}

describe('authorisation error pages', () => {
  it('invalid_scope shows the EHR’s words, the scopes to enable for the client, and no relaunch', () => {
    const alert = page('invalid_scope', ISSUE_TEXT);
    expect(within(alert).getByRole('heading', { level: 1 }).textContent).toContain(
      'The EHR refused the access ImmunoSteward asks for',
    );
    expect(alert.querySelector('blockquote')?.textContent).toBe(ISSUE_TEXT);
    expect(registration(alert)).toEqual({
      'Error code': 'invalid_scope',
      'Client ID': 'immunosteward',
      'Redirect URI': 'https://app.example/app/index.html',
      'Scopes requested': 'launchopenidfhirUserpatient/Patient.rpatient/Observation.rsonline_access',
    });
    expect([...alert.querySelectorAll('.scope-list li')].map((li) => li.textContent)).toEqual(REQUEST.scope.split(' '));
    expect(alert.textContent).toContain('set "onlineAccess": false in smart-config.json');
    expect(alert.textContent).toContain('Relaunching will not help');
    expect(alert.textContent).not.toMatch(/Relaunch ImmunoSteward from the EHR|try again/i);
  });

  it('shows the EHR’s description as text, never as HTML', () => {
    const alert = page('invalid_request', '<img src=x onerror="alert(1)"><b>redirect_uri</b> is not registered');
    expect(alert.querySelector('img, b')).toBeNull();
    expect(alert.querySelector('blockquote')?.textContent).toBe(
      '<img src=x onerror="alert(1)"><b>redirect_uri</b> is not registered',
    );
    expect(registration(alert)['Redirect URI']).toBe(REQUEST.redirectUri);
  });

  it('access_denied says access was declined and how to grant it, without the registration', () => {
    const alert = page('access_denied', 'The user denied access');
    expect(within(alert).getByRole('heading', { level: 1 }).textContent).toContain('Access was not granted');
    expect(alert.textContent).toContain(
      'To grant it, relaunch ImmunoSteward from the patient’s chart and approve access when the EHR asks.',
    );
    expect(alert.textContent).toContain('Relaunch ImmunoSteward from the EHR');
    expect(registration(alert)).toEqual({});
  });

  it.each([
    ['server_error', 'The EHR could not complete the sign-in'],
    ['temporarily_unavailable', 'The EHR’s sign-in is unavailable for now'],
  ])('%s offers a relaunch and names no registration values', (code, title) => {
    const alert = page(code, 'maintenance');
    expect(within(alert).getByRole('heading', { level: 1 }).textContent).toContain(title);
    expect(alert.textContent).toContain('Relaunch ImmunoSteward from the EHR');
    expect(registration(alert)).toEqual({});
  });

  it.each([
    ['invalid_request', 'The EHR could not accept ImmunoSteward’s sign-in request'],
    ['unauthorized_client', 'ImmunoSteward may not sign in this way'],
    ['unsupported_response_type', 'The EHR does not offer ImmunoSteward’s way of signing in'],
    ['invalid_client', 'The EHR does not recognise ImmunoSteward'],
    ['some_new_error', 'The EHR refused ImmunoSteward’s sign-in'],
  ])('%s is the registration’s fault: no relaunch, the values to check', (code, title) => {
    const alert = page(code);
    expect(within(alert).getByRole('heading', { level: 1 }).textContent).toContain(title);
    expect(alert.textContent).not.toContain('Relaunch ImmunoSteward from the EHR');
    expect(alert.querySelector('blockquote')).toBeNull();
    expect(registration(alert)['Client ID']).toBe('immunosteward');
    expect(registration(alert)['Error code']).toBe(code);
  });

  it('a refusal whose state this tab never saved shows none of its text: the session has ended', () => {
    const alert = page('invalid_scope', 'Call 555-0100 to unlock your account', null);
    expect(within(alert).getByRole('heading', { level: 1 }).textContent).toContain('Your session has ended');
    expect(alert.textContent).not.toContain('555-0100');
    expect(alert.textContent).toContain('Relaunch ImmunoSteward from the EHR');
  });

  it('links error_uri only when it is http(s)', () => {
    const link = (uri: string) => redirectRefusal(new URLSearchParams({ error: 'invalid_scope', error_uri: uri }))?.uri;
    expect(link('https://ehr.example/help/invalid_scope')).toBe('https://ehr.example/help/invalid_scope');
    expect(link('javascript:alert(1)')).toBeUndefined();
    const refusal = redirectRefusal(
      new URLSearchParams({ error: 'invalid_scope', error_uri: 'https://ehr.example/help' }),
    );
    render(<ErrorScreen error={describeError(new AuthorizationError(refusal ?? { code: 'x' }, REQUEST))} />);
    expect(screen.getByRole('link', { name: 'https://ehr.example/help' }).getAttribute('rel')).toBe(
      'noopener noreferrer',
    );
  });
});

describe('token endpoint refusals as fhirclient throws them', () => {
  async function thrown(status: number, body: unknown): Promise<unknown> {
    const response = new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    return new HttpError(response).parse();
  }

  it('reads the error and its description', async () => {
    expect(
      tokenRefusal(
        await thrown(401, { error: 'invalid_client', error_description: 'Unknown client: "x"\nsecond line' }),
      ),
    ).toEqual({ code: 'invalid_client', description: 'Unknown client: "x"\nsecond line' });
    expect(tokenRefusal(await thrown(400, { error: 'invalid_grant' }))).toEqual({ code: 'invalid_grant' });
  });

  it('is no refusal without an OAuth error body', async () => {
    expect(tokenRefusal(await thrown(500, { message: 'boom' }))).toBeUndefined();
    expect(tokenRefusal(new TypeError('Failed to fetch'))).toBeUndefined();
  });

  it('invalid_grant may pass with a relaunch; the redirect URI is still shown', async () => {
    const refusal = tokenRefusal(await thrown(400, { error: 'invalid_grant', error_description: 'code expired' }));
    render(<ErrorScreen error={describeError(new AuthorizationError(refusal ?? { code: 'x' }, REQUEST))} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Relaunch ImmunoSteward from the EHR');
    expect(alert.querySelector('blockquote')?.textContent).toBe('code expired');
    expect(registration(alert)['Redirect URI']).toBe(REQUEST.redirectUri);
  });
});

describe('takePendingRequest', () => {
  it('returns the request fhirclient saved under the state key, once', () => {
    sessionStorage.setItem('state-1', JSON.stringify({ ...REQUEST, serverUrl: 'https://ehr.example/fhir' }));
    expect(takePendingRequest(sessionStorage, 'state-1')).toEqual(REQUEST);
    expect(takePendingRequest(sessionStorage, 'state-1')).toBeUndefined();
    expect(takePendingRequest(sessionStorage, null)).toBeUndefined();
    sessionStorage.setItem('state-2', '{"clientId": 1}');
    expect(takePendingRequest(sessionStorage, 'state-2')).toBeUndefined();
  });
});

describe('requestedScope and the onlineAccess setting', () => {
  const config = (extra: Record<string, unknown> = {}) =>
    runtimeConfigSchema.parse({ clientId: 'c', scope: 'launch openid patient/Patient.r', ...extra });

  it('asks for online_access unless the site turns it off or asks for offline_access itself', () => {
    expect(config().onlineAccess).toBe(true);
    expect(requestedScope(config(), false)).toBe('launch openid patient/Patient.r online_access');
    expect(requestedScope(config(), true)).toBe('openid patient/Patient.r launch/patient online_access');
    expect(requestedScope(config({ onlineAccess: false }), false)).toBe('launch openid patient/Patient.r');
    expect(requestedScope(config({ scope: 'launch offline_access' }), false)).toBe('launch offline_access');
    expect(runtimeConfigSchema.safeParse({ clientId: 'c', scope: 's', onlineAccess: 'yes' }).success).toBe(false);
  });
});
