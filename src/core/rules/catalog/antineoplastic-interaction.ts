import { DAY_MS } from '../../drugs/dosage.js';
import type { RecognizedOrder } from '../../drugs/orders.js';
import { matchesWithRole, orderLabel, plainName } from '../agents.js';
import { exposures, isCurrent, isoDay, orderEvidence, ordersWithRole } from '../exposure.js';
import { escapeMarkdown, listOf } from '../markdown.js';
import type { Rule, RuleInput, RuleOutcome } from '../types.js';

const HOUR_MS = 3_600_000;

/** Pegylated and other long-acting G-CSFs follow the pegfilgrastim label window (14 days before). */
function isLongActingCsf(order: RecognizedOrder): boolean {
  return matchesWithRole(order, 'csf').some((m) =>
    /peg|balugrastim|efbemalenograstim|eflapegrastim/.test(m.agent?.id ?? ''),
  );
}

function cytotoxicCourses(input: RuleInput): RecognizedOrder[] {
  return ordersWithRole(input, 'cytotoxic').filter(
    (o) =>
      o !== input.order && o.systemic && o.roles.has('cytotoxic') && (o.course.startMs ?? o.authoredOnMs) !== undefined,
  );
}

/** G-CSF timing against cytotoxic chemotherapy (labels C1, C2). */
function csfTiming(input: RuleInput): RuleOutcome | undefined {
  const { order, config, context } = input;
  if (!order.roles.has('csf')) return undefined;
  const start = order.course.startMs ?? context.nowMs;
  const t = config.thresholds.csf;
  const longActing = isLongActingCsf(order);
  for (const chemo of cytotoxicCourses(input)) {
    const chemoStart = (chemo.course.startMs ?? chemo.authoredOnMs) as number;
    const chemoEnd = chemo.course.endMs ?? chemoStart;
    const before = longActing ? t.pegfilgrastimBeforeDays * DAY_MS : t.filgrastimHours * HOUR_MS;
    const after = (longActing ? t.pegfilgrastimAfterHours : t.filgrastimHours) * HOUR_MS;
    if (start < chemoStart - before || start > chemoEnd + after) continue;
    const name = plainName(order, 'csf');
    const window = longActing
      ? `from ${t.pegfilgrastimBeforeDays} days before to ${t.pegfilgrastimAfterHours} hours after`
      : `from ${t.filgrastimHours} hours before to ${t.filgrastimHours} hours after`;
    return {
      indicator: 'critical',
      summary: `${name} starts within the chemotherapy window (${window} cytotoxics) — reschedule`,
      why: [
        `${orderLabel(order, 'csf')} starts ${isoDay(start)}; ${escapeMarkdown(chemo.display)} runs ${isoDay(chemoStart)}${chemoEnd !== chemoStart ? ` → ${isoDay(chemoEnd)}` : ''}.`,
        `The label says not to give ${longActing ? 'pegfilgrastim' : 'filgrastim'} ${window} cytotoxic chemotherapy: dividing myeloid progenitors become more sensitive to the cytotoxic drugs.`,
      ],
      action: longActing
        ? 'Give it at least 24 hours after the last cytotoxic dose and at least 14 days before the next cycle.'
        : 'Start at least 24 hours after chemotherapy and stop at least 24 hours before the next dose.',
      evidence: [orderEvidence(order, context.nowMs), orderEvidence(chemo, context.nowMs)],
      sources: longActing ? ['PEGFILGRASTIM-BIOSIMILAR-PI', 'UIC-DIG-FAQ'] : ['FILGRASTIM-PI'],
      suggestions: [{ kind: 'remove-order', label: `Remove the ${name} order and reschedule`, order: order.reference }],
    };
  }
  return undefined;
}

/**
 * An immunomodulator meets antineoplastic therapy: G-CSF timing against cytotoxics (critical),
 * a booster during checkpoint-inhibitor therapy (warning), interferon alfa or interleukin with
 * myelosuppressive chemotherapy (info).
 */
export const antineoplasticInteraction: Rule = {
  id: 'antineoplastic-interaction',
  evaluate(input): RuleOutcome | undefined {
    const { order, context, config } = input;
    if (!order.systemic) return undefined;
    const timing = csfTiming(input);
    if (timing) return timing;
    const recent = config.thresholds.recentExposureDays;
    if (order.roles.has('booster') && !order.roles.has('csf') && !order.roles.has('oncology-immunotherapy')) {
      const icis = exposures(input, 'checkpoint-inhibitor', { withinDays: recent });
      if (icis.length > 0) {
        return {
          indicator: 'warning',
          summary: `${plainName(order, 'booster')} during checkpoint-inhibitor therapy — risk of immune-related adverse events`,
          why: [
            `${orderLabel(order, 'booster')} is an immunostimulant; the patient ${icis.some((o) => isCurrent(o, context.nowMs)) ? 'is on' : `received within ${recent} days`} ${listOf(icis.map((o) => o.display))}.`,
            'Additive immune activation may increase immune-related adverse events. This is expert opinion; checkpoint-inhibitor labels warn of immune-mediated reactions.',
          ],
          action: 'Avoid non-indicated immunostimulants during checkpoint-inhibitor therapy; ask the oncologist.',
          evidence: [orderEvidence(order, context.nowMs), ...icis.map((o) => orderEvidence(o, context.nowMs))],
          sources: ['IMMUNOSTEWARD-POLICY'],
          suggestions: [
            { kind: 'remove-order', label: `Remove the ${plainName(order, 'booster')} order`, order: order.reference },
          ],
        };
      }
    }
    if (
      order.roles.has('interferon-alfa') ||
      (order.roles.has('immune-mediator') && order.roles.has('oncology-immunotherapy'))
    ) {
      const cytotoxics = exposures(input, 'cytotoxic');
      if (cytotoxics.length > 0) {
        return {
          indicator: 'info',
          summary: `${plainName(order)} with myelosuppressive chemotherapy — additive myelosuppression, monitor CBC`,
          why: [
            `${orderLabel(order)} with ${listOf(cytotoxics.map((o) => o.display))}: interferons and interleukins add to the myelosuppression of cytotoxic drugs.`,
            'The product labels state this interaction; the citation was not retrieved verbatim (clinical reference I4).',
          ],
          action: 'Monitor the complete blood count.',
          evidence: [orderEvidence(order, context.nowMs), ...cytotoxics.map((o) => orderEvidence(o, context.nowMs))],
          sources: ['IMMUNOSTEWARD-POLICY'],
        };
      }
    }
    return undefined;
  },
};
