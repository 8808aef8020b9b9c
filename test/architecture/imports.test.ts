import { describe, expect, it } from 'vitest';
import { importCircles, importGraph } from './import-graph.js';

/**
 * The rooms and the one-way arrows between them (docs/architecture.md). A room is a folder of
 * `cds-hooks/` or `src/`; the process entry points at the top of `cds-hooks/` are rooms of their own.
 */
const ALLOWED: Record<string, readonly string[]> = {
  'cds-hooks/cli': ['cds-hooks/serve', 'cds-hooks/demo', 'cds-hooks/config', 'cds-hooks/population', 'src/core'],
  'cds-hooks/serve': [
    'cds-hooks/http',
    'cds-hooks/demo',
    'cds-hooks/auth',
    'cds-hooks/config',
    'cds-hooks/logger',
    'src/core',
  ],
  'cds-hooks/http': [
    'cds-hooks/admin',
    'cds-hooks/demo',
    'cds-hooks/auth',
    'cds-hooks/data',
    'cds-hooks/cards',
    'cds-hooks/store',
    'cds-hooks/logger',
    'src/core',
    'src/contract',
  ],
  'cds-hooks/admin': ['cds-hooks/store', 'cds-hooks/population', 'src/core', 'src/contract'],
  'cds-hooks/demo': ['cds-hooks/auth', 'cds-hooks/population', 'src/core', 'src/contract'],
  'cds-hooks/population': [
    'cds-hooks/data',
    'cds-hooks/auth',
    'cds-hooks/config',
    'cds-hooks/store',
    'src/core',
    'src/contract',
  ],
  'cds-hooks/auth': ['cds-hooks/config', 'src/core'],
  'cds-hooks/data': ['src/core'],
  'cds-hooks/cards': ['src/core', 'src/contract'],
  'cds-hooks/store': ['cds-hooks/auth', 'cds-hooks/cards', 'src/core', 'src/contract'],
  'cds-hooks/config': ['src/core'],
  'cds-hooks/logger': [],
  'src/app': ['src/core', 'src/contract'],
  'src/core': [],
  'src/contract': [],
};

function roomOf(file: string): string {
  const parts = file.replace(/\.tsx?$/, '').split('/');
  return parts.slice(0, 2).join('/');
}

/** Imports that go against the arrows. */
function violations(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const from = roomOf(file);
    for (const target of targets) {
      const to = roomOf(target);
      if (to !== from && !(ALLOWED[from] ?? []).includes(to)) found.push(`${file} → ${target}`);
    }
  }
  return found;
}

const graph = importGraph(['src', 'cds-hooks']);

describe('the import graph', () => {
  it('reads the sources (a parser that found nothing would pass everything)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('cds-hooks/http/server.ts')).toContain('cds-hooks/http/calls.ts');
    expect(graph.get('src/core/rules/context.ts')).toContain('src/core/rules/order-index.ts');
  });

  it('has no import circles, type-only imports included', () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const circular = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCircles(circular)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('every source file lives in a known room', () => {
    const unknown = [...graph.keys()].filter((f) => !(roomOf(f) in ALLOWED) && !f.startsWith('src/types/'));
    expect(unknown).toEqual([]);
  });

  it('imports run one way: cli → serve → http → (auth, data, cards, store) → src/core', () => {
    expect(violations(graph)).toEqual([]);
  });

  it('names an import against the arrows', () => {
    const backwards = new Map([
      ['src/app/admin/api.ts', ['cds-hooks/store/types.ts', 'src/contract/analytics.ts']],
      ['cds-hooks/data/prefetch.ts', ['cds-hooks/http/hook-request.ts']],
    ]);
    expect(violations(backwards)).toEqual([
      'src/app/admin/api.ts → cds-hooks/store/types.ts',
      'cds-hooks/data/prefetch.ts → cds-hooks/http/hook-request.ts',
    ]);
  });
});
