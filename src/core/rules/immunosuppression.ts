import { appliesAtAge, type BiomarkerDefinition } from '../biomarkers/catalog.js';
import type { Measurement } from '../biomarkers/measurement.js';
import type { SiteConfig } from '../config/schema.js';
import { DAY_MS } from '../drugs/dosage.js';
import type { RecognizedOrder } from '../drugs/orders.js';
import type { ConditionCategory } from '../drugs/types.js';
import { matchesWithRole } from './agents.js';
import type { PatientContext } from './context.js';
import { ageAtResult, isBelow } from './deficits.js';
import {
  activeConditions,
  conditionEvidence,
  currentSeries,
  endedAt,
  exposures,
  isCurrent,
  isoDay,
  measurementEvidence,
  orderEvidence,
  ordersWithRole,
} from './exposure.js';
import { escapeMarkdown } from './markdown.js';
import type { EvidenceRef, RuleInput } from './types.js';

/**
 * Why a patient is immunocompromised for vaccination purposes (clinical reference V1–V4, V6),
 * each reason with its evidence and source. Shared by the live-vaccine and vaccine-response rules.
 */
export interface ImmunosuppressionReason {
  /** Markdown (request text escaped). */
  text: string;
  /** Plain words for a summary line. */
  short: string;
  evidence: EvidenceRef[];
  source: string;
}

/** Prednisone-equivalent mg/day of a systemic glucocorticoid order, when dose and factor are known. */
export function prednisoneEquivalentPerDay(order: RecognizedOrder): number | undefined {
  const match = matchesWithRole(order, 'systemic-glucocorticoid').find((m) => m.agent?.prednisoneEquivalent);
  const factor = match?.agent?.prednisoneEquivalent?.factor;
  if (factor === undefined || !order.dose || order.dose.unit !== 'mg') return undefined;
  return Math.round(order.dose.value * factor * 10) / 10;
}

function courseDays(order: RecognizedOrder, nowMs: number): number | undefined {
  if (order.course.plannedDays !== undefined) return order.course.plannedDays;
  if (!order.course.bounded) return Number.POSITIVE_INFINITY;
  return order.course.startMs === undefined ? undefined : (nowMs - order.course.startMs) / DAY_MS;
}

const IMMUNOCOMPROMISING: { category: ConditionCategory; label: string }[] = [
  { category: 'immunodeficiency', label: 'primary or secondary immunodeficiency' },
  { category: 'transplant', label: 'transplant recipient' },
  { category: 'immunosuppressed', label: 'immunosuppressed or immunocompromised state' },
  { category: 'malignancy', label: 'active malignancy' },
];

/**
 * The live-vaccine CD4 cut-off at an age: CD4 % at any age; the CD4 count from the site value
 * from age 6 (ACIP MMR 2013 above age 5, IDSA 2013 from 14), from the CDC 1994 bands under 6.
 * Unknown age: the adult value. Never the CDC HIV staging cut-off (< 14 %).
 */
function liveVaccineCut(marker: BiomarkerDefinition, ageYears: number | undefined, config: SiteConfig) {
  const t = config.thresholds.liveVaccine;
  const entry = marker.liveVaccineSevereBelow?.find((e) => appliesAtAge(marker, e, ageYears));
  if (!entry) return undefined;
  if (marker.id === 'cd4-pct') return { value: t.cd4Percent, label: `below ${t.cd4Percent} %`, source: entry.source };
  const paediatric = (entry.ages?.belowYears ?? Number.POSITIVE_INFINITY) <= 6;
  const value = paediatric ? entry.value : t.cd4;
  const label = `below ${value} cells/µL ${paediatric ? entry.note : 'from age 6'}`;
  return { value, label, source: entry.source };
}

function cd4Text(m: Measurement): string {
  const pct = m.unit === '%';
  const value = Math.round(m.value * 10) / 10;
  return `${pct ? 'CD4 %' : 'CD4 count'} ${m.comparator ?? ''}${value}${pct ? ' %' : ' cells/µL'}`;
}

/** Severe immunosuppression by the latest current CD4 count or percentage (HIV vaccination guidance). */
function severeCd4(context: PatientContext, config: SiteConfig): ImmunosuppressionReason[] {
  const reasons: ImmunosuppressionReason[] = [];
  for (const id of ['cd4', 'cd4-pct']) {
    const s = currentSeries(context, id);
    const cut = s && liveVaccineCut(s.biomarker, ageAtResult(context, s), config);
    if (!s || !cut || !isBelow(s.latest, cut.value)) continue;
    reasons.push({
      short: cd4Text(s.latest),
      text: `${cd4Text(s.latest)} on ${s.latest.day}: severe immunosuppression (${cut.label})`,
      evidence: [measurementEvidence(s)],
      source: cut.source,
    });
  }
  return reasons;
}

export function immunosuppressionReasons(input: RuleInput): ImmunosuppressionReason[] {
  const { context, config } = input;
  const t = config.thresholds.liveVaccine;
  const nowMs = context.nowMs;
  const reasons: ImmunosuppressionReason[] = [];
  for (const o of exposures(input, 'immunosuppressant')) {
    reasons.push({
      short: 'on immunosuppressive therapy',
      text: `immunosuppressant ${escapeMarkdown(o.display)}`,
      evidence: [orderEvidence(o, nowMs)],
      source: 'S1',
    });
  }
  for (const o of exposures(input, 'anti-b-cell', { withinDays: t.antiBCellDays })) {
    if (o.roles.has('immunosuppressant') && isCurrent(o, nowMs)) continue;
    reasons.push({
      short: 'anti-B-cell antibody therapy',
      text: `anti-B-cell antibody ${escapeMarkdown(o.display)}${isCurrent(o, nowMs) ? '' : ` (ended ${isoDay(endedAt(o, nowMs))}, within ${t.antiBCellDays} days)`}`,
      evidence: [orderEvidence(o, nowMs)],
      source: 'IDSA-2013',
    });
  }
  for (const o of exposures(input, 'systemic-glucocorticoid')) {
    const mg = prednisoneEquivalentPerDay(o);
    const days = courseDays(o, nowMs);
    if (
      mg === undefined ||
      mg < t.glucocorticoidPrednisoneMgPerDay ||
      days === undefined ||
      days < t.glucocorticoidDays
    )
      continue;
    reasons.push({
      short: `glucocorticoid ${mg} mg/day prednisone equivalent`,
      text: `systemic glucocorticoid ${escapeMarkdown(o.display)} at ${mg} mg/day prednisone equivalent for ≥ ${t.glucocorticoidDays} days`,
      evidence: [orderEvidence(o, nowMs)],
      source: 'PMC3192074',
    });
  }
  for (const o of ordersWithRole(input, 'cytotoxic')) {
    if (o === input.order || !o.roles.has('cytotoxic') || !o.systemic) continue;
    const start = o.course.startMs ?? o.authoredOnMs;
    if (start === undefined) continue;
    const end = isCurrent(o, nowMs) ? Math.max(nowMs, o.course.endMs ?? nowMs) : (o.course.endMs ?? start);
    if (nowMs >= start - t.chemoBeforeDays * DAY_MS && nowMs <= end + t.chemoAfterDays * DAY_MS) {
      const when = nowMs < start ? `starts ${isoDay(start)}` : isCurrent(o, nowMs) ? 'ongoing' : `ended ${isoDay(end)}`;
      reasons.push({
        short: 'within the chemotherapy window',
        text: `chemotherapy ${escapeMarkdown(o.display)} (${when}; window ${t.chemoBeforeDays} days before to ${t.chemoAfterDays} days after)`,
        evidence: [orderEvidence(o, nowMs)],
        source: 'S1',
      });
    }
  }
  for (const o of exposures(input, 'immune-mediator', { withinDays: t.immuneMediatorDays })) {
    reasons.push({
      short: `immune mediator within ${t.immuneMediatorDays} days`,
      text: `immune mediator ${escapeMarkdown(o.display)}${isCurrent(o, nowMs) ? '' : ` (ended ${isoDay(endedAt(o, nowMs))}, within ${t.immuneMediatorDays} days)`}`,
      evidence: [orderEvidence(o, nowMs)],
      source: 'PMC3192074',
    });
  }
  reasons.push(...severeCd4(context, config));
  for (const { category, label } of IMMUNOCOMPROMISING) {
    const found = activeConditions(context, category);
    if (found.length > 0) {
      reasons.push({
        short: label,
        text: `${label}: ${found.map((c) => escapeMarkdown(c.display)).join(', ')}`,
        evidence: found.map(conditionEvidence),
        source: 'S1',
      });
    }
  }
  return reasons;
}
