import { Session } from 'node:inspector/promises';

/**
 * A CPU profile of this process (V8's sampling profiler through node:inspector) summed by part:
 * garbage collection, JSON.parse/stringify and JWT signatures by themselves; every other sample
 * by the nearest frame of our own code above it (so zod inside src/core/fhir counts as
 * core/fhir), else by the npm package or Node internal it is in (fastify's routing, pino…).
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileShares {
  /** Sampled time that was not idle, µs. */
  busyUs: number;
  /** µs by part, largest first. */
  parts: { part: string; us: number }[];
}

export async function startProfile(): Promise<{ stop: () => Promise<Profile> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
      session.disconnect();
      return profile;
    },
  };
}

function ownPart(url: string): string | undefined {
  const core = /\/src\/core\/([^/]+)\//.exec(url);
  if (core) return `core: ${core[1]}`;
  const service = /\/cds-hooks\/([^/]+\/[^/.]+)\.js$/.exec(url);
  if (service) return `service: ${service[1]}`;
  const contract = /\/src\/contract\//.test(url);
  return contract ? 'contract' : undefined;
}

function leafPart({ functionName, url }: ProfileNode['callFrame']): string | undefined {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (url === '' && functionName === 'parse') return 'JSON.parse';
  if (url === '' && functionName === 'stringify') return 'JSON.stringify';
  if (url.startsWith('node:internal/crypto') || url.includes('/node_modules/jose/')) return 'JWT (jose, node:crypto)';
  return undefined;
}

function foreignPart(url: string, functionName: string): string {
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return `npm: ${pkg[1]}`;
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/').slice(0, 2).join('/')}`;
  return functionName || '(native)';
}

export function profileShares(profile: Profile): ProfileShares {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = profile.samples?.length ?? 0;
  const interval = samples > 0 ? (profile.endTime - profile.startTime) / samples : 0;
  const totals = new Map<string, number>();
  let busyUs = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0 || node.callFrame.functionName === '(idle)') continue;
    // a native leaf (a crypto job's `run`, SQLite's `run`) is named by the frame that called it
    const caller = node.callFrame.url === '' ? byId.get(parent.get(node.id) ?? -1) : undefined;
    let part = leafPart(node.callFrame) ?? (caller ? leafPart(caller.callFrame) : undefined);
    for (let at: ProfileNode | undefined = node; !part && at; at = byId.get(parent.get(at.id) ?? -1)) {
      part = ownPart(at.callFrame.url);
    }
    part ??= foreignPart(node.callFrame.url, node.callFrame.functionName);
    totals.set(part, (totals.get(part) ?? 0) + hits * interval);
    busyUs += hits * interval;
  }
  const parts = [...totals].map(([p, us]) => ({ part: p, us })).sort((a, b) => b.us - a.us);
  return { busyUs, parts };
}

/** The functions with the most self time, `name (file:line)`, µs; idle and the profiler's own nodes left out. */
export function topFunctions(profile: Profile, count: number): { fn: string; us: number }[] {
  const samples = profile.samples?.length ?? 0;
  const interval = samples > 0 ? (profile.endTime - profile.startTime) / samples : 0;
  const totals = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame as ProfileNode['callFrame'] & { lineNumber?: number };
    if (!node.hitCount || functionName === '(idle)' || functionName === '(program)') continue;
    const file = url.replace(/^.*\/(dist|node_modules)\//, '').replace(/^file:\/\//, '');
    const key = `${functionName || '(anonymous)'} (${file || 'native'}${file ? `:${(lineNumber ?? 0) + 1}` : ''})`;
    totals.set(key, (totals.get(key) ?? 0) + node.hitCount * interval);
  }
  return [...totals]
    .map(([fn, us]) => ({ fn, us }))
    .sort((a, b) => b.us - a.us)
    .slice(0, count);
}
