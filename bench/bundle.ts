import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Bundle sizes of the built SMART app (`npm run build:app`): what each page loads up front
 * (its script and modulepreloads) and the lazy chunks (core analysis, charts), gzip level 9.
 */

export interface BundleFigures {
  pages: { page: string; files: string[]; rawBytes: number; gzipBytes: number }[];
  lazy: { file: string; rawBytes: number; gzipBytes: number }[];
}

function sizes(file: string) {
  const content = readFileSync(file);
  return { rawBytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

export function measureBundle(distApp: string): BundleFigures {
  const assets = readdirSync(join(distApp, 'assets')).filter((f) => f.endsWith('.js'));
  const initial = new Set<string>();
  const pages = ['index.html', 'launch.html'].map((page) => {
    const html = readFileSync(join(distApp, page), 'utf8');
    const files = [...html.matchAll(/(?:src|href)="[^"]*\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
    for (const f of files) initial.add(f);
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const f of files) {
      const s = sizes(join(distApp, 'assets', f));
      rawBytes += s.rawBytes;
      gzipBytes += s.gzipBytes;
    }
    return { page, files, rawBytes, gzipBytes };
  });
  const lazy = assets.filter((f) => !initial.has(f)).map((file) => ({ file, ...sizes(join(distApp, 'assets', file)) }));
  return { pages, lazy: lazy.sort((a, b) => b.gzipBytes - a.gzipBytes) };
}
