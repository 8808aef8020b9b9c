import { biomarkerById } from '../../src/core/biomarkers/catalog.js';
import type { SiteConfig } from '../../src/core/config/schema.js';
import { displayOf, medicationConcepts, type RecognizedOrder, resolveMedication } from '../../src/core/drugs/orders.js';
import { rolesOf } from '../../src/core/drugs/recognize.js';
import type { ResourceSet } from '../../src/core/fhir/parse.js';
import type { MedicationRequest, ServiceRequest } from '../../src/core/fhir/schemas.js';
import { className } from '../../src/core/messages/names.js';
import type { Translator } from '../../src/core/messages/translator.js';
import { type PatientContext, recognizeDraftOrders } from '../../src/core/rules/context.js';
import { GENERIC_DEFICIT_MARKERS, markerStates } from '../../src/core/rules/deficits.js';
import { evaluate, RULES } from '../../src/core/rules/engine.js';
import { conditionEvidence, measurementEvidence, orderEvidence } from '../../src/core/rules/exposure.js';
import type { RuleId } from '../../src/core/rules/ids.js';
import { immunosuppressionReasons } from '../../src/core/rules/immunosuppression.js';
import { OrderIndex } from '../../src/core/rules/order-index.js';
import type { EvidenceRef, Finding } from '../../src/core/rules/types.js';

/**
 * `immunosteward explain`: what the engine made of a patient and draft orders, for informatics
 * teams testing a local mapping before go-live. Built from the same recognition, context and
 * engine the CDS service uses; only the bookkeeping of what did *not* happen is added here.
 */

export interface MatchExplanation {
  /** `local` (localCodes.drugs), `rxnorm`, `atc`, `atc-prefix` (class only) or `name`. */
  via: string;
  matched: string;
  system?: string;
  agent?: { id: string; name: string };
  class: { id: string; display: string };
  roles: string[];
}

export interface RuleExplanation {
  id: RuleId;
  title: string;
  status: 'disabled' | 'fired' | 'silent';
  /** The indicator the configuration forces on every finding of the rule. */
  forcedIndicator?: string;
  findings: Finding[];
}

export interface OrderExplanation {
  reference: string;
  display: string;
  recognised: boolean;
  matches: MatchExplanation[];
  vaccines: { cvx: string; name: string; live: string }[];
  /** Recognised orders: `topical` orders have no systemic exposure. */
  route?: 'systemic' | 'topical';
  dose?: string;
  course?: string;
  /** Why the vaccine rules would call the patient immunocompromised, seen from this order. */
  immunosuppression: { reason: string; evidence: EvidenceRef[] }[];
  /** Unrecognised orders: the codings and texts that were looked up. */
  tried?: { codings: { system?: string; code?: string; display?: string }[]; texts: string[] };
  /** Unrecognised orders: local mappings that come close (same system, unknown ids). */
  hints: string[];
  rules: RuleExplanation[];
}

export interface Explanation {
  patient: { id?: string; asOf: string };
  configuration: string;
  evidence: {
    markers: { biomarker: string; state: string; latest?: EvidenceRef; threshold?: string }[];
    conditions: { reference: string; display: string; categories: string[]; active: boolean; onset?: string }[];
    medications: (EvidenceRef & { classes: string[] })[];
  };
  orders: OrderExplanation[];
  issues: PatientContext['issues'];
}

function explainMatches(order: RecognizedOrder, t: Translator): MatchExplanation[] {
  return order.agents.map((m) => ({
    via: m.via,
    matched: m.matched,
    ...(m.system ? { system: m.system } : {}),
    ...(m.agent ? { agent: { id: m.agent.id, name: m.agent.name } } : {}),
    class: { id: m.drugClass.id, display: className(t, m.drugClass) },
    roles: [...rolesOf(m)],
  }));
}

function courseText(order: RecognizedOrder): string {
  const { course } = order;
  if (!course.bounded) return 'no end';
  const basis = course.basis ? ` (${course.basis})` : '';
  return course.plannedDays !== undefined ? `${course.plannedDays} days planned${basis}` : `bounded${basis}`;
}

function conceptsOf(request: MedicationRequest | ServiceRequest, drafts: ResourceSet) {
  if (request.resourceType === 'ServiceRequest') return [request.code];
  return medicationConcepts(request, resolveMedication(request, drafts.medications, []));
}

/** Local mappings that nearly apply: the system is mapped, but not this code. */
function mappingHints(codings: { system?: string; code?: string }[], config: SiteConfig): string[] {
  const local = config.localCodes.drugs;
  return codings.flatMap((c) =>
    c.system &&
    c.code &&
    local.some((l) => l.system === c.system) &&
    !local.some((l) => l.system === c.system && l.code === c.code)
      ? [`localCodes.drugs maps codes of ${c.system}, but not ${c.code}.`]
      : [],
  );
}

function unrecognised(request: MedicationRequest | ServiceRequest, drafts: ResourceSet, config: SiteConfig) {
  const concepts = conceptsOf(request, drafts).filter((c) => c !== undefined);
  const codings = concepts
    .flatMap((c) => c.coding ?? [])
    .map((c) => ({
      ...(c.system ? { system: c.system } : {}),
      ...(c.code ? { code: c.code } : {}),
      ...(c.display ? { display: c.display } : {}),
    }));
  const texts = concepts.map((c) => c.text).filter((t): t is string => t !== undefined);
  return {
    reference: `${request.resourceType}/${request.id ?? '?'}`,
    display: displayOf(concepts),
    recognised: false,
    matches: [],
    vaccines: [],
    immunosuppression: [],
    tried: { codings, texts },
    hints: mappingHints(codings, config),
    rules: [],
  } satisfies OrderExplanation;
}

function patientEvidence(context: PatientContext, config: SiteConfig, t: Translator): Explanation['evidence'] {
  return {
    markers: markerStates(context, GENERIC_DEFICIT_MARKERS, config).map((s) => ({
      biomarker: biomarkerById(s.biomarker)?.short ?? s.biomarker,
      state: s.state,
      ...(s.series ? { latest: measurementEvidence(s.series, t) } : {}),
      ...(s.threshold ? { threshold: s.threshold.label } : {}),
    })),
    conditions: context.conditions.map((c) => ({
      reference: c.reference,
      display: c.display,
      categories: [...c.categories],
      active: c.active,
      ...(conditionEvidence(c).date ? { onset: conditionEvidence(c).date } : {}),
    })),
    medications: context.history.map((o) => ({
      ...orderEvidence(o, context.nowMs, t),
      classes: [...new Set(o.agents.map((m) => m.drugClass.id))],
    })),
  };
}

export function explain(
  context: PatientContext,
  drafts: ResourceSet,
  config: SiteConfig,
  configuration: string,
  t: Translator,
): Explanation {
  const orders = recognizeDraftOrders(drafts, context);
  const draftIndex = new OrderIndex(orders);
  const explainOrder = (order: RecognizedOrder): OrderExplanation => {
    const findings = evaluate(context, orders, config, (o) => o === order, t);
    return {
      reference: order.reference,
      display: order.display,
      recognised: true,
      matches: explainMatches(order, t),
      vaccines: order.vaccines.map((v) => ({ cvx: v.vaccine.cvx, name: v.vaccine.name, live: v.vaccine.live })),
      route: order.systemic ? 'systemic' : 'topical',
      ...(order.dose ? { dose: `${order.dose.value} ${order.dose.unit}/day (${order.dose.basis})` } : {}),
      course: courseText(order),
      immunosuppression: immunosuppressionReasons({
        context,
        order,
        drafts: orders,
        draftIndex,
        config,
        t,
      }).map((r) => ({
        reason: r.short,
        evidence: r.evidence,
      })),
      hints: [],
      rules: RULES.map((rule) => {
        const ruleConfig = config.rules[rule.id];
        const own = findings.filter((f) => f.ruleId === rule.id);
        return {
          id: rule.id,
          title: t.t(`ruleTitle.${rule.id}`),
          status: !ruleConfig.enabled ? 'disabled' : own.length > 0 ? 'fired' : 'silent',
          ...(ruleConfig.indicator ? { forcedIndicator: ruleConfig.indicator } : {}),
          findings: own,
        };
      }),
    };
  };
  // In the order the drafts were given (MedicationRequests, then ServiceRequests, as recognised).
  const explained = [...drafts.medicationRequests, ...drafts.serviceRequests].map((request) => {
    const order = orders.find((o) => o.resource === request);
    return order ? explainOrder(order) : unrecognised(request, drafts, config);
  });
  return {
    patient: {
      ...(context.patientId ? { id: context.patientId } : {}),
      asOf: new Date(context.nowMs).toISOString(),
    },
    configuration,
    evidence: patientEvidence(context, config, t),
    orders: explained,
    issues: [...context.issues, ...drafts.issues],
  };
}
