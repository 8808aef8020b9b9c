import { appliesAtAge, type BiomarkerDefinition } from '../biomarkers/catalog.js';
import { formatResult, formatThreshold } from '../biomarkers/display.js';
import type { SiteConfig } from '../config/schema.js';
import { DAY_MS } from '../drugs/dosage.js';
import type { RecognizedOrder } from '../drugs/orders.js';
import type { ConditionCategory } from '../drugs/types.js';
import type { Translator } from '../messages/translator.js';
import { hasAgent, matchesWithRole, plainName } from './agents.js';
import type { PatientContext } from './context.js';
import { ageAtResult, isBelow } from './deficits.js';
import {
  activeConditions,
  conditionEvidence,
  courseText,
  currentSeries,
  exposures,
  isCurrent,
  measurementEvidence,
  orderEvidence,
  ordersWithRole,
  resultText,
} from './exposure.js';
import { escapeMarkdown } from './markdown.js';
import type { EvidenceRef, RuleInput } from './types.js';

/**
 * Why a patient is immunocompromised for vaccination purposes (clinical reference V1–V4, V6),
 * each reason with its evidence and source. Shared by the live-vaccine and vaccine-response rules.
 */
export interface ImmunosuppressionReason {
  /** What makes the patient immunocompromised: a therapy, the CD4 result, or a condition category. */
  kind:
    | 'immunosuppressant'
    | 'anti-b-cell'
    | 'glucocorticoid'
    | 'chemotherapy'
    | 'immune-mediator'
    | 'cd4'
    | ConditionCategory;
  /** One concern line, markdown (request text escaped): the fact and the value, date or order behind it. */
  text: string;
  /** Plain words for a summary line. */
  short: string;
  /** What to do about a live vaccine for this reason (its timing). */
  advice: string;
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

const IMMUNOCOMPROMISING: ConditionCategory[] = ['immunodeficiency', 'transplant', 'immunosuppressed', 'malignancy'];

/**
 * The live-vaccine CD4 cut-off at an age: CD4 % at any age; the CD4 count from the site value
 * from age 6 (ACIP MMR 2013 above age 5, IDSA 2013 from 14), from the CDC 1994 bands under 6.
 * Unknown age: the adult value. Never the CDC HIV staging cut-off (< 14 %).
 */
function liveVaccineCut(marker: BiomarkerDefinition, ageYears: number | undefined, config: SiteConfig) {
  const t = config.thresholds.liveVaccine;
  const entry = marker.liveVaccineSevereBelow?.find((e) => appliesAtAge(marker, e, ageYears));
  if (!entry) return undefined;
  if (marker.id === 'cd4-pct') {
    return { value: t.cd4Percent, label: `below ${t.cd4Percent} %`, source: entry.source, band: 'any' };
  }
  const paediatric = (entry.ages?.belowYears ?? Number.POSITIVE_INFINITY) <= 6;
  const value = paediatric ? entry.value : t.cd4;
  const label = `below ${value} cells/µL ${paediatric ? entry.note : 'from age 6'}`;
  // The age band in words: "under 12 months", "at age 1–5 years", or the count's own band.
  return { value, label, source: entry.source, band: paediatric ? (entry.note ?? 'any') : 'from6' };
}

/** Severe immunosuppression by the latest current CD4 count or percentage (HIV vaccination guidance). */
function severeCd4(context: PatientContext, config: SiteConfig, t: Translator): ImmunosuppressionReason[] {
  const reasons: ImmunosuppressionReason[] = [];
  for (const id of ['cd4', 'cd4-pct']) {
    const s = currentSeries(context, id);
    const cut = s && liveVaccineCut(s.biomarker, ageAtResult(context, s), config);
    if (!s || !cut || !isBelow(s.latest, cut.value)) continue;
    const result = formatResult(t, s.latest, s.biomarker);
    reasons.push({
      kind: 'cd4',
      short: result,
      text: t.t('immunosuppression.cd4', {
        result: resultText(t, s),
        threshold: formatThreshold(t, cut.value, s.biomarker, s.latest),
        band: cut.band,
      }),
      advice: t.t('immunosuppression.cd4.advice'),
      evidence: [measurementEvidence(s, t)],
      source: cut.source,
    });
  }
  return reasons;
}

export function immunosuppressionReasons(input: RuleInput): ImmunosuppressionReason[] {
  const { context, config, t: tr } = input;
  const t = config.thresholds.liveVaccine;
  const nowMs = context.nowMs;
  const drug = (o: RecognizedOrder) => escapeMarkdown(o.display);
  const course = (o: RecognizedOrder) => courseText(tr, o, nowMs);
  const reasons: ImmunosuppressionReason[] = [];
  for (const o of exposures(input, 'immunosuppressant')) {
    const methotrexate = hasAgent(o, ['methotrexate']);
    reasons.push({
      kind: 'immunosuppressant',
      short: tr.t('immunosuppression.immunosuppressant.short', { drug: plainName(o) }),
      text: tr.t('immunosuppression.immunosuppressant', { drug: drug(o), course: course(o) }),
      advice: tr.t(
        methotrexate ? 'immunosuppression.methotrexate.advice' : 'immunosuppression.immunosuppressant.advice',
        {
          drug: plainName(o),
        },
      ),
      evidence: [orderEvidence(o, nowMs, tr)],
      source: 'S1',
    });
  }
  for (const o of exposures(input, 'anti-b-cell', { withinDays: t.antiBCellDays })) {
    if (o.roles.has('immunosuppressant') && isCurrent(o, nowMs)) continue;
    reasons.push({
      kind: 'anti-b-cell',
      short: tr.t('immunosuppression.antiBCell.short', { drug: plainName(o), days: t.antiBCellDays }),
      text: tr.t('immunosuppression.antiBCell', { drug: drug(o), course: course(o) }),
      advice: tr.t('immunosuppression.antiBCell.advice', { drug: plainName(o), days: t.antiBCellDays }),
      evidence: [orderEvidence(o, nowMs, tr)],
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
    const dose = tr.number(mg, 1);
    reasons.push({
      kind: 'glucocorticoid',
      short: tr.t('immunosuppression.glucocorticoid.short', { drug: plainName(o), dose }),
      text: tr.t('immunosuppression.glucocorticoid', {
        drug: drug(o),
        dose,
        days: t.glucocorticoidDays,
        course: course(o),
      }),
      advice: tr.t('immunosuppression.glucocorticoid.advice', { limit: t.glucocorticoidPrednisoneMgPerDay }),
      evidence: [orderEvidence(o, nowMs, tr)],
      source: 'PMC3192074',
    });
  }
  for (const o of ordersWithRole(input, 'cytotoxic')) {
    if (o === input.order || !o.roles.has('cytotoxic') || !o.systemic) continue;
    const start = o.course.startMs ?? o.authoredOnMs;
    if (start === undefined) continue;
    const end = isCurrent(o, nowMs) ? Math.max(nowMs, o.course.endMs ?? nowMs) : (o.course.endMs ?? start);
    if (nowMs >= start - t.chemoBeforeDays * DAY_MS && nowMs <= end + t.chemoAfterDays * DAY_MS) {
      const when =
        nowMs < start
          ? tr.t('course.starts', { date: tr.date(start) })
          : isCurrent(o, nowMs)
            ? course(o)
            : tr.t('course.ended', { date: tr.date(end) });
      reasons.push({
        kind: 'chemotherapy',
        short: tr.t('immunosuppression.chemo.short'),
        text: tr.t('immunosuppression.chemo', {
          drug: drug(o),
          when,
          before: t.chemoBeforeDays,
          after: t.chemoAfterDays,
        }),
        advice: tr.t('immunosuppression.chemo.advice', { date: tr.date(end + t.chemoAfterDays * DAY_MS) }),
        evidence: [orderEvidence(o, nowMs, tr)],
        source: 'S1',
      });
    }
  }
  for (const o of exposures(input, 'immune-mediator', { withinDays: t.immuneMediatorDays })) {
    reasons.push({
      kind: 'immune-mediator',
      short: tr.t('immunosuppression.mediator.short', { drug: plainName(o), days: t.immuneMediatorDays }),
      text: tr.t('immunosuppression.mediator', { drug: drug(o), course: course(o), days: t.immuneMediatorDays }),
      advice: tr.t('immunosuppression.mediator.advice', { drug: plainName(o), days: t.immuneMediatorDays }),
      evidence: [orderEvidence(o, nowMs, tr)],
      source: 'PMC3192074',
    });
  }
  reasons.push(...severeCd4(context, config, tr));
  for (const category of IMMUNOCOMPROMISING) {
    const found = activeConditions(context, category);
    if (found.length > 0) {
      reasons.push({
        kind: category,
        short: tr.t(`condition.${category}`),
        text: tr.t('immunosuppression.condition', {
          category: tr.t(`condition.${category}`),
          conditions: tr.list(found.map((c) => escapeMarkdown(c.display))),
        }),
        advice: tr.t('immunosuppression.condition.advice'),
        evidence: found.map(conditionEvidence),
        source: 'S1',
      });
    }
  }
  return reasons;
}
