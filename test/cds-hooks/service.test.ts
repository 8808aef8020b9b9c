import { describe, expect, it } from 'vitest';
import { loadFixture } from '../helpers/fixtures.js';
import { medicationRequest } from '../helpers/orders.js';
import { BASE, orderSignRequest, sign, startService } from '../helpers/service.js';

const healthy = loadFixture('patient-healthy.json') as Parameters<typeof orderSignRequest>[0];
const lysate = medicationRequest({ id: 'd-lysate', status: 'draft', text: 'Бронхо-мунал 7 мг', patient: 'healthy-1' });

describe('order-sign', () => {
  it('answers a fully prefetched request with cards', async () => {
    const { call } = await startService();
    const res = await call('immunosteward-order-sign', orderSignRequest(healthy, [lysate], 'healthy-1'));
    expect(res.statusCode).toBe(200);
    const { cards } = res.json();
    expect(cards.map((c: { source: { topic: { code: string } } }) => c.source.topic.code)).toEqual([
      'booster-not-indicated',
      'course-unbounded',
    ]);
  });

  it('serves discovery to an authenticated caller', async () => {
    const { app } = await startService();
    const res = await app.inject({
      method: 'GET',
      url: '/cds-services',
      headers: { authorization: `Bearer ${await sign(`${BASE}/cds-services`)}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().services).toHaveLength(3);
  });
});
