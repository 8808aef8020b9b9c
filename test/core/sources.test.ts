import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIOMARKERS } from '../../src/core/biomarkers/catalog.js';
import { EXPERT_OPINION } from '../../src/core/citation.js';
import { CONDITION_CODES } from '../../src/core/drugs/condition-codes.js';
import { DRUG_SOURCES } from '../../src/core/drugs/drug-sources.js';
import { DRUG_AGENTS, DRUG_CLASSES } from '../../src/core/drugs/knowledge-base.js';
import { ALL_SOURCES, SOURCES } from '../../src/core/sources.js';

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

/** Source ids the knowledge base, condition codes and biomarker catalog cite, with where. */
function structuralCitations(): [string, string][] {
  const cited: [string, string][] = [];
  for (const c of DRUG_CLASSES) {
    for (const s of c.sources) cited.push([s, `class ${c.id}`]);
    if (c.maxCourseDays) cited.push([c.maxCourseDays.source, `class ${c.id} course`]);
    for (const i of c.indications ?? []) cited.push([i.source, `class ${c.id} indication`]);
  }
  for (const a of DRUG_AGENTS) {
    for (const s of a.sources) cited.push([s, `agent ${a.id}`]);
    for (const r of a.rxnorm) cited.push([r.source, `agent ${a.id} rxnorm ${r.code}`]);
    if (a.maxCourseDays) cited.push([a.maxCourseDays.source, `agent ${a.id} course`]);
    if (a.doseLimit) cited.push([a.doseLimit.source, `agent ${a.id} dose`]);
    if (a.prednisoneEquivalent) cited.push([a.prednisoneEquivalent.source, `agent ${a.id} equivalence`]);
    for (const i of a.indications ?? []) cited.push([i.source, `agent ${a.id} indication`]);
  }
  for (const row of CONDITION_CODES) cited.push([row.source, `condition ${row.system}|${row.code}`]);
  for (const b of BIOMARKERS) {
    for (const l of b.loinc) cited.push([l.source, `biomarker ${b.id} loinc ${l.code}`]);
    for (const r of b.ranges) cited.push([r.source, `biomarker ${b.id} range`]);
    for (const t of [...(b.deficitBelow ?? []), ...(b.excessAbove ?? []), ...(b.criticalBelow ?? [])]) {
      cited.push([t.source, `biomarker ${b.id} threshold`]);
    }
    if (b.deficitBelowRange) cited.push([b.deficitBelowRange.source, `biomarker ${b.id} deficit below range`]);
  }
  return cited;
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
    const cited = [...structuralCitations(), ...literalCitations()];
    expect(cited.length).toBeGreaterThan(100);
    // The scan must see the rules' literal citations, or it proves nothing.
    expect(cited.some(([, where]) => where.startsWith('rules/'))).toBe(true);
    for (const [id, where] of cited) expect(SOURCES.has(id), `${id} (${where})`).toBe(true);
  });
});
