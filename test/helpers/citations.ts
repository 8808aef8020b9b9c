import { BIOMARKERS } from '../../src/core/biomarkers/catalog.js';
import { CONDITION_CODES } from '../../src/core/drugs/condition-codes.js';
import { DRUG_AGENTS, DRUG_CLASSES } from '../../src/core/drugs/knowledge-base.js';
import { MONITORING_PLANS } from '../../src/core/drugs/monitoring-plans.js';

/** Every source id the knowledge base cites (classes, agents, condition codes, monitoring plans), with where. */
export function knowledgeBaseCitations(): [string, string][] {
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
  for (const plan of MONITORING_PLANS) cited.push([plan.source, `monitoring plan ${plan.id}`]);
  return cited;
}

/** The knowledge base's citations and the biomarker catalog's (codes, ranges, thresholds). */
export function allStructuralCitations(): [string, string][] {
  const cited = knowledgeBaseCitations();
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
