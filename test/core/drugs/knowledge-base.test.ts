import { describe, expect, it } from 'vitest';
import { conditionCategories, ICD10, ICD10CM, SNOMED } from '../../../src/core/drugs/condition-codes.js';
import { DRUG_SOURCES } from '../../../src/core/drugs/drug-sources.js';
import { agentById, classById, DRUG_AGENTS, DRUG_CLASSES } from '../../../src/core/drugs/knowledge-base.js';
import { VACCINES, vaccineByCvx } from '../../../src/core/drugs/vaccines.js';
import { SOURCES } from '../../../src/core/sources.js';
import { knowledgeBaseCitations } from '../../helpers/citations.js';

const ATC = /^[A-Z]\d\d[A-Z]{2}\d\d$/;

describe('drug knowledge base', () => {
  it('has unique class and agent ids', () => {
    const classIds = DRUG_CLASSES.map((c) => c.id);
    const agentIds = DRUG_AGENTS.map((a) => a.id);
    expect(new Set(classIds).size).toBe(classIds.length);
    expect(new Set(agentIds).size).toBe(agentIds.length);
  });

  it('keeps the class ids and roles the rules depend on', () => {
    expect(classById('csf')?.roles).toEqual(['booster', 'csf', 'immune-mediator']);
    expect(classById('interferon-alfa')?.roles).toEqual(['booster', 'interferon-alfa']);
    expect(classById('interferon-beta')?.roles).toEqual([]);
    expect(classById('non-booster-l03')?.roles).toEqual([]);
    expect(classById('checkpoint-inhibitor')?.roles).toContain('checkpoint-inhibitor');
    expect(classById('vitamin-k-antagonist')?.roles).toEqual(['anticoagulant', 'vitamin-k-antagonist']);
    expect(classById('dnmt-inhibitor')?.roles).toEqual(['antineoplastic', 'cytotoxic']);
    expect(classById('systemic-glucocorticoid')?.roles).toEqual(['systemic-glucocorticoid']);
    for (const id of ['bacterial-lysate', 'thymus-peptide', 'interferon-inducer', 'local-interferon', 'levamisole']) {
      expect(classById(id)?.evidence, id).toBe('weak');
      expect(classById(id)?.sources, id).toContain('IMMUNOSTEWARD-POLICY');
    }
  });

  it('gives every agent a class that exists and at least one way to recognise it', () => {
    for (const a of DRUG_AGENTS) {
      expect(classById(a.classId), a.id).toBeDefined();
      expect(a.atc.length + a.synonyms.length + a.rxnorm.length, a.id).toBeGreaterThan(0);
      expect(a.sources.length, a.id).toBeGreaterThan(0);
    }
    for (const c of DRUG_CLASSES) expect(c.sources.length, c.id).toBeGreaterThan(0);
  });

  it('cites only source keys that exist', () => {
    for (const [key, where] of knowledgeBaseCitations()) expect(SOURCES.has(key), `${key} (${where})`).toBe(true);
  });

  it('adds no source that sources.ts already has under the same id twice', () => {
    const ids = DRUG_SOURCES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses well-formed ATC codes', () => {
    for (const a of DRUG_AGENTS) for (const code of a.atc) expect(code, a.id).toMatch(ATC);
  });

  it('never relies on an unverified RxNorm code alone and gives verified ones a source', () => {
    for (const a of DRUG_AGENTS) {
      for (const r of a.rxnorm) {
        expect(r.code, a.id).toMatch(/^\d+$/);
        if (r.verified) expect(SOURCES.has(r.source), `${a.id} ${r.code}`).toBe(true);
      }
      if (a.rxnorm.length > 0 && a.rxnorm.every((r) => !r.verified)) {
        expect(a.atc.length + a.synonyms.length, a.id).toBeGreaterThan(0);
      }
    }
  });

  it('holds the sourced limits', () => {
    expect(agentById('colecalciferol')?.doseLimit).toMatchObject({ perDay: 4000, unit: '[IU]', verified: true });
    expect(agentById('zinc-sulfate')?.doseLimit).toMatchObject({ perDay: 40, unit: 'mg', verified: false });
    expect(agentById('sodium-selenite')?.doseLimit).toMatchObject({ perDay: 400, unit: 'ug' });
    expect(agentById('omega-3')?.doseLimit).toMatchObject({ perDay: 3, unit: 'g' });
    expect(classById('herbal-immunostimulant')?.maxCourseDays?.days).toBe(56);
    expect(agentById('prednisone')?.prednisoneEquivalent?.factor).toBe(1);
    expect(agentById('methylprednisolone')?.prednisoneEquivalent?.factor).toBeCloseTo(1.25);
  });

  it('places the codes the rules look for', () => {
    expect(agentById('warfarin')?.rxnorm).toContainEqual({ code: '11289', verified: true, source: 'S6' });
    expect(agentById('filgrastim')?.atc).toContain('L03AA02');
    expect(agentById('bcg-intravesical')?.roles).toContain('live-bcg');
    expect(agentById('inosine-pranobex')?.classId).toBe('low-molecular-immunomodulator');
    expect(agentById('lenalidomide')?.atc).toEqual(['L04AX04']);
    expect(agentById('nope')).toBeUndefined();
  });
});

describe('vaccines', () => {
  it('copies every CVX row once', () => {
    const codes = VACCINES.map((v) => v.cvx);
    expect(new Set(codes).size).toBe(codes.length);
    expect(VACCINES.length).toBe(176);
  });

  it('knows which vaccines are live', () => {
    expect(vaccineByCvx('206')?.live).toBe('non-replicating');
    expect(vaccineByCvx('03')?.live).toBe('live');
    expect(vaccineByCvx('03')?.name).toBe('MMR');
    expect(vaccineByCvx('21')?.live).toBe('live');
    expect(vaccineByCvx('187')?.live).toBe('no');
    expect(vaccineByCvx('25')?.live).toBe('live-oral');
  });

  it('accepts codes without the leading zero', () => {
    expect(vaccineByCvx('3')?.cvx).toBe('03');
    expect(vaccineByCvx(' 3 ')?.cvx).toBe('03');
    expect(vaccineByCvx('999')).toBeUndefined();
  });
});

describe('condition codes', () => {
  it('maps SNOMED codes to their categories', () => {
    expect(conditionCategories(SNOMED, '109995007')).toEqual(
      expect.arrayContaining(['myeloid-neoplasm', 'malignancy']),
    );
    expect(conditionCategories(SNOMED, '24700007')).toEqual(
      expect.arrayContaining(['multiple-sclerosis', 'autoimmune']),
    );
    expect(conditionCategories(SNOMED, '86553008')).toContain('immunosuppressed');
    expect(conditionCategories(SNOMED, '61977001')).toEqual(['chronic-viral-hepatitis']);
    expect(conditionCategories(SNOMED, '1234')).toEqual([]);
  });

  it('matches ICD-10 prefixes with or without the dot', () => {
    expect(conditionCategories(ICD10, 'C92.1')).toEqual(expect.arrayContaining(['myeloid-neoplasm', 'malignancy']));
    expect(conditionCategories(ICD10CM, 'C92.10')).toContain('myeloid-neoplasm');
    expect(conditionCategories(ICD10, 'c921')).toContain('myeloid-neoplasm');
    expect(conditionCategories(ICD10, 'C50.9')).toEqual(['malignancy']);
    expect(conditionCategories(ICD10, 'D46.9')).toContain('myeloid-neoplasm');
    expect(conditionCategories(ICD10, 'G35')).toEqual(expect.arrayContaining(['multiple-sclerosis', 'autoimmune']));
    expect(conditionCategories(ICD10CM, 'B18.2')).toEqual(['chronic-viral-hepatitis']);
    expect(conditionCategories(ICD10CM, 'D84.821')).toEqual(
      expect.arrayContaining(['immunodeficiency', 'immunosuppressed']),
    );
    expect(conditionCategories(ICD10, 'D84.9')).toEqual([]);
  });

  it('does not mix code systems', () => {
    expect(conditionCategories(SNOMED, 'C92.1')).toEqual([]);
    expect(conditionCategories(ICD10, '109995007')).toEqual([]);
  });
});
