import type { SiteConfig } from '../../../src/core/config/schema.js';
import type { RecognizedOrder } from '../../../src/core/drugs/orders.js';
import { emptyResourceSet, readResources } from '../../../src/core/fhir/parse.js';
import type { MedicationRequest } from '../../../src/core/fhir/schemas.js';
import { EN } from '../../../src/core/messages/en/index.js';
import { type Catalog, Translator } from '../../../src/core/messages/translator.js';
import { matchesWithRole } from '../../../src/core/rules/agents.js';
import { courseMaxDays } from '../../../src/core/rules/catalog/course-unbounded.js';
import { recognizeDraftOrders } from '../../../src/core/rules/context.js';
import { treatmentCourses } from '../../../src/core/rules/courses.js';
import { evaluate } from '../../../src/core/rules/engine.js';
import { activeConditions, exposures, isCurrent } from '../../../src/core/rules/exposure.js';
import type { RuleId } from '../../../src/core/rules/ids.js';
import { type BoosterIndication, boosterIndication } from '../../../src/core/rules/indication.js';
import { OrderIndex } from '../../../src/core/rules/order-index.js';
import type { Finding } from '../../../src/core/rules/types.js';
import { contextAt } from './as-of.js';
import { courseDepartment, DAY_MS, daysOf, type EncounterSpan, encounterSpan } from './encounters.js';

/**
 * One patient's immunostimulant courses classified as the cards classified them: each order of a
 * course is evaluated by the rules engine as a draft at the moment it was signed (its authoredOn),
 * against the record as it stood then (`as-of.ts`). The indication is the first order's; the
 * course's flags gather what any of its signings showed.
 *
 * The findings are written through a translator whose catalog is the message keys themselves, so
 * each concern names the branch of the rule that wrote it (`rule.course.tooLong.concern`…): the
 * classification reads the rules' own verdicts and reimplements none.
 */

export const CLASSIFICATIONS = ['indicated', 'not-indicated-normal-labs', 'not-indicated-unknown-labs'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export type IndicatedBy = 'deficit' | 'condition' | 'therapy' | 'anthelmintic';

export interface CourseClass {
  patientId: string;
  /** The id of the course's first MedicationRequest. */
  courseId: string;
  /** The agent's knowledge-base id (the class's id when only the class was recognised). */
  agent: string;
  drugClass: string;
  /** ISO instant of the course's start, and its month (YYYY-MM). */
  start: string;
  startMonth: string;
  /** ISO instant of the planned end; undefined for an unbounded course. */
  end?: string;
  /** Planned length (sum of the orders'); undefined when an order has no end. */
  plannedDays?: number;
  /** Days of therapy up to the as-of date (calendar days with the agent given). */
  therapyDays: number;
  orders: number;
  classification: Classification;
  indicatedBy?: IndicatedBy;
  /** Everything that indicated it, `kind:id` comma-separated (markers in deficit, condition categories, therapy roles). */
  indication?: string;
  unbounded: boolean;
  overMax: boolean;
  classMaxDays?: number;
  repeated: boolean;
  liveVaccine: boolean;
  anticoagulant: boolean;
  antineoplastic: boolean;
  immunosuppressant: boolean;
  /** Every rule that fired at one of the course's signings, sorted, comma-separated. */
  rules: string;
  department?: string;
}

export interface CourseMonth {
  patientId: string;
  courseId: string;
  month: string;
  daysOfTherapy: number;
}

export interface DayPresent {
  patientId: string;
  /** ISO calendar day. */
  day: string;
  department?: string;
}

export interface PatientRows {
  patientId: string;
  courses: CourseClass[];
  months: CourseMonth[];
  daysPresent: DayPresent[];
  /** First and last dated record (ISO days): the span under observation when the data carry no encounters. */
  observed?: { first: string; last: string };
}

export interface ClassifyOptions {
  config: SiteConfig;
  /** The data's as-of instant (the export's transactionTime): therapy still running is counted up to it. */
  asOfMs: number;
}

// Braces quoted for ICU MessageFormat, so `unit.{INR}` reads back as itself.
const KEYS = Object.fromEntries(
  Object.keys(EN).map((k) => [k, k.replace(/[{}]/g, (brace) => `'${brace}'`)]),
) as unknown as Catalog;
const keys = new Translator('en', KEYS);

const INTERACTIONS = {
  liveVaccine: 'live-vaccine-immunocompromised',
  anticoagulant: 'anticoagulant-interaction',
  antineoplastic: 'antineoplastic-interaction',
  immunosuppressant: 'immunomodulator-conflict',
} as const satisfies Record<string, RuleId>;

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const startOf = (o: RecognizedOrder) => o.course.startMs ?? o.authoredOnMs;

/** An immunostimulant course order, as the booster rules take it (not an oncology immunotherapy). */
function isBoosterOrder(o: RecognizedOrder): boolean {
  return o.roles.has('booster') && !o.roles.has('oncology-immunotherapy') && matchesWithRole(o, 'booster').length > 0;
}

/** The rule's verdict on the indication, with the conditions and therapies it found (not only those it looked for). */
interface Indication extends BoosterIndication {
  conditionsFound: string[];
  therapiesFound: string[];
}

interface Signing {
  findings: Finding[];
  indication?: Indication;
}

/** The order evaluated as a draft at its signing, beside the record of that moment. */
function sign(
  set: ReturnType<typeof readResources>,
  order: RecognizedOrder,
  excluded: ReadonlySet<MedicationRequest>,
  patientId: string,
  options: ClassifyOptions,
  withIndication: boolean,
): Signing {
  const atMs = order.authoredOnMs ?? startOf(order) ?? options.asOfMs;
  const context = contextAt(set, atMs, excluded, { config: options.config, t: keys, patientId });
  const draftSet = emptyResourceSet();
  draftSet.medicationRequests.push({ ...(order.resource as MedicationRequest), status: 'draft' });
  const drafts = recognizeDraftOrders(draftSet, context);
  const draft = drafts[0];
  if (!draft) return { findings: [] };
  const findings = evaluate(context, drafts, options.config, () => true, keys);
  if (!withIndication) return { findings };
  const input = { context, order: draft, drafts, draftIndex: new OrderIndex(drafts), config: options.config, t: keys };
  const b = boosterIndication(input);
  // The same questions boosterIndication asks, to name what answered them.
  const withinDays = options.config.thresholds.recentExposureDays;
  return {
    findings,
    indication: {
      ...b,
      conditionsFound: b.conditions.filter((c) => activeConditions(context, c).length > 0),
      therapiesFound: b.therapies.filter((role) => exposures(input, role, { withinDays }).length > 0),
    },
  };
}

/**
 * The first kind of indication found, in the rule's order (a deficit, a condition, a therapy), and
 * everything found: `deficit:neutrophils,therapy:cytotoxic`.
 */
function indicationOf(b: Indication | undefined): Pick<CourseClass, 'indicatedBy' | 'indication'> {
  if (!b?.indicated) return {};
  if (b.anthelmintic) return { indicatedBy: 'anthelmintic' };
  const found: [IndicatedBy, string[]][] = [
    ['deficit', b.states.filter((s) => s.state === 'deficit').map((s) => s.biomarker)],
    ['condition', b.conditionsFound],
    ['therapy', b.therapiesFound],
  ];
  const kinds = found.filter(([, ids]) => ids.length > 0);
  const [first] = kinds;
  return first
    ? { indicatedBy: first[0], indication: kinds.flatMap(([kind, ids]) => ids.map((id) => `${kind}:${id}`)).join(',') }
    : {};
}

/** Calendar days with the order given, up to the as-of day; a finished order with no end counts its first day. */
function therapyDaysOf(order: RecognizedOrder, asOfMs: number): number[] {
  const start = startOf(order);
  if (start === undefined || start > asOfMs) return [];
  const end = order.course.endMs ?? (isCurrent(order, asOfMs) ? asOfMs : start + DAY_MS);
  const span = Math.max(1, Math.round((Math.min(end, asOfMs) - start) / DAY_MS));
  const first = Math.floor(start / DAY_MS);
  return Array.from({ length: span }, (_, i) => first + i).filter((d) => d * DAY_MS <= asOfMs);
}

function patientIdOf(set: ReturnType<typeof readResources>, raw: readonly unknown[]): string | undefined {
  if (set.patients[0]?.id) return set.patients[0].id;
  for (const r of raw) {
    const ref = (r as { subject?: { reference?: unknown }; patient?: { reference?: unknown } }) ?? {};
    const value = ref.subject?.reference ?? ref.patient?.reference;
    if (typeof value === 'string' && value.startsWith('Patient/')) return value.slice('Patient/'.length);
  }
  return undefined;
}

function observedSpan(set: ReturnType<typeof readResources>, spans: readonly EncounterSpan[], asOfMs: number) {
  const times = [
    ...set.observations.map((o) => o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued),
    ...set.medicationRequests.map((r) => r.authoredOn),
    ...set.conditions.map((c) => c.onsetDateTime ?? c.recordedDate),
    ...set.immunizations.map((i) => i.occurrenceDateTime),
  ]
    .map((v) => (v === undefined ? Number.NaN : Date.parse(v)))
    .concat(spans.map((s) => s.startMs))
    .filter((ms) => !Number.isNaN(ms) && ms <= asOfMs);
  if (times.length === 0) return undefined;
  return {
    first: isoDay(Math.floor(Math.min(...times) / DAY_MS)),
    last: isoDay(Math.floor(Math.max(...times) / DAY_MS)),
  };
}

export function classifyPatient(raw: readonly unknown[], options: ClassifyOptions): PatientRows {
  const set = readResources([...raw]);
  const patientId = patientIdOf(set, raw) ?? '';
  const spans = raw
    .filter((r): r is Record<string, unknown> => (r as { resourceType?: unknown })?.resourceType === 'Encounter')
    .map((e) => encounterSpan(e, options.asOfMs))
    .filter((s): s is EncounterSpan => s !== undefined);
  const daysPresent = new Map<string, DayPresent>();
  for (const span of spans) {
    for (const day of daysOf(span)) {
      const key = `${day}|${span.department ?? ''}`;
      if (!daysPresent.has(key)) {
        daysPresent.set(key, {
          patientId,
          day: isoDay(day),
          ...(span.department ? { department: span.department } : {}),
        });
      }
    }
  }
  const all = contextAt(set, options.asOfMs, new Set(), { config: options.config, t: keys, patientId });
  const boosters = all.history.filter(isBoosterOrder);
  const courses: CourseClass[] = [];
  const months: CourseMonth[] = [];
  for (const course of treatmentCourses(boosters, 'booster', options.config.thresholds.courses.continuationGapDays)) {
    const [first] = course.orders;
    const start = first && startOf(first);
    // A course signed by the as-of instant counts, even when it starts later.
    if (!first?.id || start === undefined || (first.authoredOnMs ?? start) > options.asOfMs) continue;
    const signings = course.orders.map((order, k) =>
      sign(
        set,
        order,
        new Set(course.orders.slice(k).map((o) => o.resource as MedicationRequest)),
        patientId,
        options,
        k === 0,
      ),
    );
    const findings = signings.flatMap((s) => s.findings);
    const fired = (rule: RuleId) => findings.some((f) => f.ruleId === rule);
    const concern = (test: (key: string) => boolean) =>
      findings.some((f) => f.ruleId === 'course-unbounded' && f.concerns.some(test));
    const indication = signings[0]?.indication;
    const normalLabs = indication?.states.some((s) => s.state === 'normal' && s.series) ?? false;
    const match = matchesWithRole(first, 'booster')[0];
    const days = new Set(course.orders.flatMap((o) => therapyDaysOf(o, options.asOfMs)));
    const perMonth = new Map<string, number>();
    for (const day of days) {
      const month = isoDay(day).slice(0, 7);
      perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
    }
    for (const [month, n] of perMonth) months.push({ patientId, courseId: first.id, month, daysOfTherapy: n });
    const last = course.orders[course.orders.length - 1];
    const end = course.plannedDays !== undefined ? last?.course.endMs : undefined;
    const maxDays = match ? courseMaxDays(match, options.config) : undefined;
    const encounter = (first.resource as { encounter?: { reference?: unknown } }).encounter?.reference;
    const department = courseDepartment(
      spans,
      typeof encounter === 'string' ? encounter.replace(/^.*Encounter\//, '') : undefined,
      start,
    );
    courses.push({
      patientId,
      courseId: first.id,
      agent: match?.agent?.id ?? match?.drugClass.id ?? 'unknown',
      drugClass: match?.drugClass.id ?? 'unknown',
      start: new Date(start).toISOString(),
      startMonth: new Date(start).toISOString().slice(0, 7),
      ...(end !== undefined ? { end: new Date(end).toISOString() } : {}),
      ...(course.plannedDays !== undefined ? { plannedDays: course.plannedDays } : {}),
      therapyDays: days.size,
      orders: course.orders.length,
      classification: indication?.indicated
        ? 'indicated'
        : normalLabs
          ? 'not-indicated-normal-labs'
          : 'not-indicated-unknown-labs',
      ...indicationOf(indication),
      unbounded: concern((k) => k === 'rule.course.unbounded.concern'),
      overMax: concern((k) => k.startsWith('rule.course.tooLong.')),
      ...(maxDays !== undefined ? { classMaxDays: maxDays } : {}),
      repeated: concern((k) => k === 'rule.course.repeat.concern'),
      liveVaccine: fired(INTERACTIONS.liveVaccine),
      anticoagulant: fired(INTERACTIONS.anticoagulant),
      antineoplastic: fired(INTERACTIONS.antineoplastic),
      immunosuppressant: fired(INTERACTIONS.immunosuppressant),
      rules: [...new Set(findings.map((f) => f.ruleId))].sort().join(','),
      ...(department ? { department } : {}),
    });
  }
  const observed = observedSpan(set, spans, options.asOfMs);
  return { patientId, courses, months, daysPresent: [...daysPresent.values()], ...(observed ? { observed } : {}) };
}
