import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type CardLike, firedRules } from '../helpers/cards.js';
import { freePort, spawnService, stopChildren, until } from '../helpers/child-service.js';
import { loadFixture } from '../helpers/fixtures.js';
import { medicationRequest } from '../helpers/orders.js';
import { EHR_ISS, orderSignRequest, sign, testKeys } from '../helpers/service.js';

/**
 * Reload without restart in the real process: SIGHUP and a change of the file apply a new
 * configuration to the next call; an invalid file is refused and the running one stays; on
 * SIGTERM the process exits 0.
 */

const workDir = mkdtempSync(join(tmpdir(), 'immunosteward-reload-'));
afterAll(async () => {
  await stopChildren();
  rmSync(workDir, { recursive: true, force: true });
});

const ORDER_SIGN = 'immunosteward-order-sign';
const healthy = loadFixture('patient-healthy.json') as Parameters<typeof orderSignRequest>[0];
const lysate = medicationRequest({ id: 'd-lysate', status: 'draft', text: 'Бронхо-мунал 7 мг', patient: 'healthy-1' });

describe('configuration reload (real process)', () => {
  it('applies a valid file on SIGHUP and on change, keeps the running configuration when the file is invalid', async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const configFile = join(workDir, 'site.yaml');
    const { ES384 } = await testKeys();
    const site = (rules: Record<string, unknown>) =>
      stringify({
        server: { port, publicUrl },
        auth: { trustedIssuers: [{ iss: EHR_ISS, jwks: { keys: [ES384.publicJwk] } }] },
        feedback: { store: join(workDir, 'feedback.sqlite') },
        rules,
      });
    writeFileSync(configFile, site({}));
    const service = await spawnService(configFile);
    const url = `${publicUrl}/cds-services/${ORDER_SIGN}`;
    const topics = async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await sign(url)}` },
        body: JSON.stringify(orderSignRequest(healthy, [lysate], 'healthy-1')),
      });
      expect(res.status).toBe(200);
      return firedRules(((await res.json()) as { cards: CardLike[] }).cards);
    };
    const logged = (message: string) => service.output().split(message).length - 1;

    expect(await topics()).toEqual(['booster-not-indicated', 'course-unbounded']);

    writeFileSync(configFile, site({ 'booster-not-indicated': { enabled: false } }));
    service.child.kill('SIGHUP');
    await until(() => logged('"msg":"configuration reloaded"') >= 1, 10_000, 'the reload after SIGHUP');
    expect(await topics()).toEqual(['course-unbounded']);

    writeFileSync(configFile, site({ 'booster-not-indicated': { enabled: 'sometimes' } }));
    service.child.kill('SIGHUP');
    await until(() => logged('configuration NOT reloaded') >= 1, 10_000, 'the refusal of the invalid file');
    expect(service.output()).toContain('rules.booster-not-indicated.enabled');
    expect(await topics()).toEqual(['course-unbounded']);

    // No signal: the file watcher notices the change.
    writeFileSync(configFile, site({ 'course-unbounded': { enabled: false } }));
    await until(() => logged('"msg":"configuration reloaded"') >= 2, 10_000, 'the reload after the file changed');
    expect(await topics()).toEqual(['booster-not-indicated']);

    service.child.kill('SIGTERM');
    expect(await service.closed).toEqual({ code: 0, signal: null });
  }, 60_000);
});
