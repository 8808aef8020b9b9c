import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXPERT_OPINION } from '../../src/core/citation.js';
import { DRUG_SOURCES } from '../../src/core/drugs/drug-sources.js';
import { ALL_SOURCES, SOURCES } from '../../src/core/sources.js';
import { allStructuralCitations } from '../helpers/citations.js';

const KINDS = ['label', 'guideline', 'review', 'study', 'expert-opinion', 'code-system', 'laboratory'];

/** What must never reach a clinician in a citation: internal documents, repositories, test hosts. */
const FORBIDDEN_IN_CITATION: [RegExp, string][] = [
  [/clinical[- ]reference/i, 'names the internal clinical reference'],
  [/product policy/i, 'names the internal product policy'],
  [/github/i, 'names a repository'],
  [/\.sql\b/i, 'names a SQL file'],
  [/\bsql\//i, 'names a repository path'],
  [/uat\./i, 'names a test host'],
  [/mimsdev/i, 'names a test host'],
  [/@[0-9a-f]{7,40}\b/i, 'names a commit'],
];

/** Hosts a link must never point at: test sites, repositories. */
const FORBIDDEN_IN_URL = [/uat\./i, /mimsdev/i, /github\.com/i, /githubusercontent/i, /\.sql\b/i];

const SRC_CORE = fileURLToPath(new URL('../../src/core', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Source ids written as literals in `source: '…'`, `sources: [...]` or `sources = [...]` anywhere in src/core. */
function literalCitations(): [string, string][] {
  const found: [string, string][] = [];
  for (const file of tsFiles(SRC_CORE)) {
    if (file.endsWith('sources.ts') || file.endsWith('drug-sources.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bsources?\s*[:=]\s*(\[[^\]]*\]|[^,\n;}]+)/g)) {
      for (const id of (m[1] ?? '').matchAll(/'([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)'/g)) {
        found.push([id[1] as string, file.slice(SRC_CORE.length + 1)]);
      }
    }
  }
  return found;
}

describe('sources', () => {
  it('lists every source of both lists once, under a unique id', () => {
    const ids = ALL_SOURCES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(SOURCES.size).toBe(ids.length);
    for (const s of DRUG_SOURCES) expect(SOURCES.get(s.id)).toBe(s);
  });

  it.each(ALL_SOURCES.map((s) => [s.id, s] as const))('%s has a kind and a citation', (_id, s) => {
    expect(KINDS).toContain(s.kind);
    expect(s.citation.trim().length).toBeGreaterThan(10);
  });

  it.each(ALL_SOURCES.map((s) => [s.id, s] as const))(
    '%s cites no internal document, repository or test host',
    (_id, s) => {
      for (const [pattern, why] of FORBIDDEN_IN_CITATION) expect(s.citation, why).not.toMatch(pattern);
      if (s.url) {
        expect(s.url).toMatch(/^https?:\/\//);
        for (const pattern of FORBIDDEN_IN_URL) expect(s.url).not.toMatch(pattern);
      }
    },
  );

  it('says plainly when a citation is expert opinion, with its reasoning', () => {
    for (const s of ALL_SOURCES) {
      const opinion = s.citation.startsWith(EXPERT_OPINION);
      expect(opinion, s.id).toBe(s.kind === 'expert-opinion');
      if (opinion) expect(s.citation.slice(EXPERT_OPINION.length), s.id).toMatch(/^: \S.{40,}/);
    }
    expect(EXPERT_OPINION).toBe('Expert opinion (ImmunoSteward clinical policy)');
  });

  it('keeps the generic policy entry and a narrow expert-opinion entry per claim', () => {
    for (const id of [
      'IMMUNOSTEWARD-POLICY',
      'POLICY-WEAK-EVIDENCE',
      'POLICY-TIME-BOUND',
      'POLICY-DEFICIT-ANCHOR',
      'POLICY-NO-STACKING',
      'POLICY-OPPOSING',
      'POLICY-ICI-BOOSTER',
      'POLICY-MALIGNANCY-BOOSTER',
      'POLICY-AUTOIMMUNE',
    ]) {
      expect(SOURCES.get(id)?.kind, id).toBe('expert-opinion');
    }
    const narrow = ALL_SOURCES.filter((s) => s.id.startsWith('POLICY-')).map((s) => s.citation);
    expect(new Set(narrow).size, 'each narrow entry gives its own reasoning').toBe(narrow.length);
  });

  it('replaces the test-site and repository citations with the documents they stand for, keeping the old text as provenance', () => {
    expect(SOURCES.get('FILGRASTIM-PI')?.provenance).toMatch(/mimsdev/);
    expect(SOURCES.get('FILGRASTIM-PI')?.url).toBeUndefined();
    expect(SOURCES.get('FILGRASTIM-INDICATIONS-MIMS')?.citation).toMatch(
      /^Neupogen \(filgrastim\) US prescribing information, section 1/,
    );
    expect(SOURCES.get('S3')?.provenance).toMatch(/sql\/tx_db\.sql/);
    expect(SOURCES.get('S3')?.citation).toMatch(/^CDC CVX code set/);
    expect(SOURCES.get('IDSA-2013')?.provenance).toMatch(/guidelinecentral/);
  });

  it('resolves every source id cited anywhere in src/core', () => {
    const cited = [...allStructuralCitations(), ...literalCitations()];
    expect(cited.length).toBeGreaterThan(100);
    // The scan must see the rules' literal citations, or it proves nothing.
    expect(cited.some(([, where]) => where.startsWith('rules/'))).toBe(true);
    for (const [id, where] of cited) expect(SOURCES.has(id), `${id} (${where})`).toBe(true);
  });
});
