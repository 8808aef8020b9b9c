import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Real HTTP servers on 127.0.0.1 for fault tests: every request is recorded (method, path and
 * query, Authorization header), and `close()` drops open sockets and pending timers so that held
 * responses cannot keep vitest alive. `startFhirServer` plays an EHR's FHIR server that serves a
 * fixture record and misbehaves per resource type as scripted.
 */

export interface ReceivedRequest {
  method: string;
  /** Path and query, e.g. `/fhir/Observation?patient=p1`. */
  path: string;
  authorization: string | undefined;
}

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: ReceivedRequest[];
  /** Runs `fn` after `ms` unless the server has closed by then. */
  later(ms: number, fn: () => void): void;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

export async function startRecordingServer(handle: Handler): Promise<RecordingServer> {
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: req.method ?? '',
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
    });
    handle(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    later(ms, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** How the FHIR server answers one resource type (reads of `Patient/<id>` count as `Patient`). */
export type Behaviour =
  | { kind: 'normal' }
  /** The searchset split into pages of `pageSize` entries linked by `next`. */
  | { kind: 'paged'; pageSize: number }
  /** Never answers (until the server closes). */
  | { kind: 'hold' }
  /** Status and headers at once, then one byte of body every `everyMs`, never finishing. */
  | { kind: 'trickle'; everyMs: number }
  | { kind: 'status'; status: number }
  /** 200 with the first half of the JSON. */
  | { kind: 'truncated' }
  /** The searchset with this `next` link. */
  | { kind: 'next'; url: string }
  /** A `next` link to the very URL requested. */
  | { kind: 'loop-self' }
  /** Endless pages, each with a new `next` URL (`_page=n+1`), each answered after `delayMs`. */
  | { kind: 'loop-changing'; delayMs: number }
  | { kind: 'redirect'; status: 301 | 302 | 307; location: string }
  /** A valid searchset of `bytes` bytes, sent as fast as the client reads it. */
  | { kind: 'huge'; bytes: number; declareLength: boolean };

export const FHIR_TYPES = ['Patient', 'Observation', 'MedicationRequest', 'Condition', 'Immunization'] as const;
export type FhirType = (typeof FHIR_TYPES)[number];

export interface FhirServer extends RecordingServer {
  /** `http://127.0.0.1:<port>/fhir` */
  base: string;
  /** Behaviours per type from now on; unscripted types answer normally. Clears the request log. */
  script(behaviours: Partial<Record<FhirType, Behaviour>>): void;
  /** Body bytes of `huge` responses handed to the socket, and whether the client hung up first. */
  huge: { bytesWritten: number; clientHungUp: boolean };
}

type Resource = Record<string, unknown> & { resourceType: string };

const FHIR_JSON = { 'content-type': 'application/fhir+json' };

function searchset(entries: readonly Resource[], next?: string): Resource {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: entries.length,
    entry: entries.map((resource) => ({ resource })),
    ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
  };
}

function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, FHIR_JSON);
  res.end(JSON.stringify(body));
}

/** Resolves when the response can take more data, or with false once the client is gone. */
function writable(res: ServerResponse): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

/** A valid searchset of about `bytes` bytes (rounded up to 64 KiB), written with back-pressure. */
async function sendHuge(
  res: ServerResponse,
  behaviour: Extract<Behaviour, { kind: 'huge' }>,
  stats: FhirServer['huge'],
): Promise<void> {
  const head = Buffer.from('{"resourceType":"Bundle","type":"searchset","entry":[');
  const filler = '{"resource":{"resourceType":"Observation","id":"filler","status":"final","code":{"text":"x"}}}';
  const chunk = Buffer.from(`${filler},`.repeat(Math.ceil(65_536 / (filler.length + 1))));
  const tail = Buffer.from(`${filler}]}`);
  const chunks = Math.max(0, Math.ceil((behaviour.bytes - head.length - tail.length) / chunk.length));
  const length = head.length + chunks * chunk.length + tail.length;
  res.writeHead(200, { ...FHIR_JSON, ...(behaviour.declareLength ? { 'content-length': String(length) } : {}) });
  const write = (data: Buffer) => {
    stats.bytesWritten += data.length;
    return res.write(data);
  };
  if (!write(head) && !(await writable(res))) return hungUp(stats);
  for (let i = 0; i < chunks; i++) {
    if (res.destroyed) return hungUp(stats);
    if (!write(chunk) && !(await writable(res))) return hungUp(stats);
  }
  write(tail);
  res.end();
}

function hungUp(stats: FhirServer['huge']): void {
  stats.clientHungUp = true;
}

/** A FHIR server with the resources of a fixture Bundle (searches filter by type only). */
export async function startFhirServer(record: {
  entry?: { resource: Record<string, unknown> }[];
}): Promise<FhirServer> {
  const resources = (record.entry ?? []).map((e) => e.resource as Resource);
  const ofType = (type: string) => resources.filter((r) => r.resourceType === type);
  let behaviours: Partial<Record<FhirType, Behaviour>> = {};
  const huge = { bytesWritten: 0, clientHungUp: false };

  const handle: Handler = (_req, res, url) => {
    const [, prefix, type, id] = url.pathname.split('/');
    if (prefix !== 'fhir' || !FHIR_TYPES.includes(type as FhirType)) {
      sendJson(res, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }, 404);
      return;
    }
    const normal = (): Resource => {
      if (id === undefined) return searchset(ofType(type as string));
      const found = resources.find((r) => r.resourceType === type && r.id === id);
      return found ?? { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] };
    };
    const pageUrl = (page: number) => {
      const next = new URL(url.pathname + url.search, server.origin);
      next.searchParams.set('_page', String(page));
      return next.href;
    };
    const page = Number(url.searchParams.get('_page') ?? '1');
    const behaviour = behaviours[type as FhirType] ?? { kind: 'normal' };
    switch (behaviour.kind) {
      case 'normal':
        return sendJson(res, normal());
      case 'paged': {
        const all = ofType(type as string);
        const slice = all.slice((page - 1) * behaviour.pageSize, page * behaviour.pageSize);
        const more = page * behaviour.pageSize < all.length;
        return sendJson(res, searchset(slice, more ? pageUrl(page + 1) : undefined));
      }
      case 'hold':
        return;
      case 'trickle': {
        res.writeHead(200, FHIR_JSON);
        const drip = () => {
          if (res.destroyed) return;
          res.write(' ');
          server.later(behaviour.everyMs, drip);
        };
        res.write('{"resourceType":"Bundle",');
        server.later(behaviour.everyMs, drip);
        return;
      }
      case 'status':
        return sendJson(
          res,
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] },
          behaviour.status,
        );
      case 'truncated': {
        const text = JSON.stringify(normal());
        res.writeHead(200, FHIR_JSON);
        res.end(text.slice(0, Math.floor(text.length / 2)));
        return;
      }
      case 'next':
        return sendJson(res, searchset(ofType(type as string), behaviour.url));
      case 'loop-self':
        return sendJson(res, searchset(ofType(type as string), new URL(url.pathname + url.search, server.origin).href));
      case 'loop-changing':
        server.later(behaviour.delayMs, () => {
          if (!res.destroyed) sendJson(res, searchset([], pageUrl(page + 1)));
        });
        return;
      case 'redirect':
        res.writeHead(behaviour.status, { location: behaviour.location });
        res.end();
        return;
      case 'huge':
        void sendHuge(res, behaviour, huge);
        return;
    }
  };

  const recording = await startRecordingServer((req, res, url) => handle(req, res, url));
  const server: FhirServer = {
    ...recording,
    base: `${recording.origin}/fhir`,
    huge,
    script(next) {
      behaviours = next;
      recording.requests.length = 0;
      huge.bytesWritten = 0;
      huge.clientHungUp = false;
    },
  };
  return server;
}
