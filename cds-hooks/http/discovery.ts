import type { ApiContext, App } from './routes.js';
import { discovery } from './services.js';

/** `GET /cds-services`: the discovery document (CDS Hooks 2.0 §Discovery). */
export function discoveryApi(app: App, { runtime, authenticate, base }: ApiContext): void {
  app.get('/cds-services', async (request, reply) => {
    if (!(await authenticate(request, reply, `${base}/cds-services`))) return reply;
    return discovery(runtime.config);
  });
}
