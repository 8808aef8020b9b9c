import type { ApiContext, App } from './routes.js';

/** `GET /healthz` (the process answers) and `GET /readyz` (the store is reachable). */
export function healthApi(app: App, { store }: Pick<ApiContext, 'store'>): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ok = await Promise.resolve(store.ping()).catch(() => false);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'store unavailable' });
  });
}
