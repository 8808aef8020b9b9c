import { execFile } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { generatePopulation } from '../cds-hooks/population/synthetic/generate.js';
import { writeNdjson } from '../cds-hooks/population/synthetic/ndjson.js';
import { fmt } from './util.js';

/**
 * The Bulk Data client (`cds-hooks/population/bulk`): the synthetic population written once as
 * NDJSON, served by a plain node:http Bulk server (Backend Services token, kick-off, one status
 * poll, the files), and exported by the client in a process of its own (peak RSS is the
 * client's): resources/s and MB/s through download, line-by-line check and write to disk.
 */

export interface BulkClientResult {
  patients: number;
  resources: number;
  megabytes: number;
  downloadMs: number;
  totalMs: number;
  maxRssMb: number;
}

const CLIENT_ID = 'bench-population';

/** Files as a server hands them out: each type's NDJSON cut at line ends into parts of about `PART_BYTES`. */
const PART_BYTES = 256 * 2 ** 20;

interface Part {
  name: string;
  type: string;
  file: string;
  start: number;
  end: number;
}

function partsOf(dir: string): Part[] {
  const parts: Part[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ndjson'))) {
    const type = file.replace('.ndjson', '');
    const path = join(dir, file);
    const size = statSync(path).size;
    const fd = openSync(path, 'r');
    const probe = Buffer.alloc(64 * 1024);
    try {
      for (let start = 0, n = 1; start < size; n++) {
        let end = Math.min(size, start + PART_BYTES);
        // Move the cut to the end of the line it falls in.
        while (end < size) {
          const read = readSync(fd, probe, 0, probe.length, end - 1);
          const at = probe.subarray(0, read).indexOf(0x0a);
          if (at !== -1) {
            end += at;
            break;
          }
          end += read;
        }
        parts.push({ name: `${type}-${n}.ndjson`, type, file: path, start, end });
        start = end;
      }
    } finally {
      closeSync(fd);
    }
  }
  return parts;
}

async function serveExport(dir: string, publicJwk: Record<string, unknown>) {
  const keys = createLocalJWKSet({ keys: [publicJwk] });
  const parts = partsOf(dir);
  const tokens = new Set<string>();
  let origin = '';
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (path === '/fhir/.well-known/smart-configuration') return json(200, { token_endpoint: `${origin}/token` });
    if (path === '/token') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      await jwtVerify(form.get('client_assertion') ?? '', keys, { audience: `${origin}/token`, issuer: CLIENT_ID });
      const token = `t${tokens.size}`;
      tokens.add(token);
      return json(200, { access_token: token, expires_in: 300 });
    }
    if (!tokens.has(req.headers.authorization?.replace('Bearer ', '') ?? '')) return json(401, {});
    if (path === '/fhir/$export') {
      req.resume();
      res.writeHead(202, { 'content-location': `${origin}/job` });
      return res.end();
    }
    if (path === '/job')
      return json(200, {
        transactionTime: new Date().toISOString(),
        request: `${origin}/fhir/$export`,
        requiresAccessToken: true,
        output: parts.map((p) => ({ type: p.type, url: `${origin}/files/${p.name}` })),
        error: [],
      });
    const part = parts.find((p) => path === `/files/${p.name}`);
    if (part) {
      res.writeHead(200, {
        'content-type': 'application/fhir+ndjson',
        'content-length': String(part.end - part.start),
      });
      return createReadStream(part.file, { start: part.start, end: part.end - 1 }).pipe(res);
    }
    json(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function one(patients: number): Promise<BulkClientResult> {
  const root = mkdtempSync(join(tmpdir(), 'immunosteward-bench-bulk-'));
  try {
    const source = join(root, 'source');
    await writeNdjson(source, generatePopulation({ patients, anchor: new Date('2026-11-01T00:00:00Z') }));
    const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
    const keyFile = join(root, 'key.jwk.json');
    writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), alg: 'ES384' }));
    const server = await serveExport(source, { ...(await exportJWK(publicKey)), alg: 'ES384' });
    try {
      const configFile = join(root, 'config.json');
      writeFileSync(
        configFile,
        JSON.stringify({
          fhir: { allowedServers: [`${server.origin}/fhir`] },
          population: { bulk: { server: `${server.origin}/fhir`, clientId: CLIENT_ID, privateKeyFile: keyFile } },
        }),
      );
      const worker = fileURLToPath(new URL('./population-bulk-worker.js', import.meta.url));
      const { stdout } = await promisify(execFile)(process.execPath, [worker, configFile, join(root, 'out')], {
        maxBuffer: 1 << 20,
      });
      const figures = JSON.parse(stdout.trim().split('\n').at(-1) as string);
      return { patients, ...figures, megabytes: figures.bytes / 2 ** 20 };
    } finally {
      await server.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchPopulationBulk(sizes: number[]): Promise<{ results: BulkClientResult[]; section: string }> {
  const results: BulkClientResult[] = [];
  for (const size of sizes) results.push(await one(size));
  const rows = results.map(
    (r) =>
      `| ${r.patients.toLocaleString('en')} | ${r.resources.toLocaleString('en')} | ${fmt(r.megabytes, 0)} MB | ${fmt(r.downloadMs / 1000, 1)} s | **${Math.round((r.resources / r.downloadMs) * 1000).toLocaleString('en')}** /s | ${fmt(r.megabytes / (r.downloadMs / 1000), 0)} MB/s | ${fmt(r.totalMs / 1000, 1)} s | ${fmt(r.maxRssMb, 0)} MB |`,
  );
  const [small, big] = [results[0], results[results.length - 1]];
  const ratio =
    small && big && big !== small ? big.downloadMs / big.resources / (small.downloadMs / small.resources) : undefined;
  const section = [
    '## Bulk Data client (`cds-hooks/population/bulk`)',
    '',
    "The synthetic population written once as one `{Type}.ndjson` per type and served by a plain node:http Bulk server on 127.0.0.1 (token, kick-off, manifest at the first poll, each type cut at line ends into files of about 256 MB as servers hand them out, streamed from disk); the client exports it in a process of its own with the default configuration (two files at a time, every line parsed and its `resourceType` checked, written to `.part` files and renamed). Download = first file request to the end; total adds discovery, token, kick-off and poll. Peak RSS is the client process's whole resident maximum (Node itself ≈ 50 MB): memory holds one unfinished line per file, whatever the size.",
    '',
    '| patients | resources | NDJSON | download + check + write | resources/s | MB/s | total | client peak RSS |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ratio === undefined
      ? ''
      : `Scaling: time per resource at ${big?.patients.toLocaleString('en')} over ${small?.patients.toLocaleString('en')} patients **${fmt(ratio, 2)}** (1.00 is linear).`,
  ].join('\n');
  return { results, section };
}
