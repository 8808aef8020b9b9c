import { type DataQualityIssue, referencedId } from '../fhir/parse.js';
import {
  type Medication,
  type MedicationRequest,
  medication as medicationSchema,
  type ServiceRequest,
} from '../fhir/schemas.js';
import { memoizeString } from '../util/memo.js';
import { type Course, courseOf, type DosePerDay, dosePerDay } from './dosage.js';
import { normalizeName } from './names.js';
import { type AgentMatch, type DrugRecognizer, rolesOf, type VaccineMatch } from './recognize.js';
import type { DrugRole } from './types.js';

/** A medication or vaccine order with what ImmunoSteward recognised in it. */
export interface RecognizedOrder {
  resourceType: 'MedicationRequest' | 'ServiceRequest';
  id?: string;
  /** `MedicationRequest/<id>`: how cards and suggestions refer to it. */
  reference: string;
  /** The medication as written (text, display or code), for people. */
  display: string;
  status: string;
  agents: AgentMatch[];
  vaccines: VaccineMatch[];
  /** Union of the roles of the agents (and `vaccine`). */
  roles: Set<DrugRole>;
  /** False when every dosage route is topical (cream, eye drops…): no systemic exposure. */
  systemic: boolean;
  dose?: DosePerDay;
  course: Course;
  authoredOnMs?: number;
  resource: MedicationRequest | ServiceRequest;
}

const TOPICAL_WORDS = [
  'topical',
  'cutaneous',
  'dermal',
  'ophthalmic',
  'otic',
  'external',
  'ointment',
  'cream',
  'eye drops',
  'наружно',
  'накожно',
  'местно',
  'мазь',
  'крем',
].map(normalizeName);

const topicalText = memoizeString((text: string) => {
  const words = ` ${normalizeName(text)} `;
  return TOPICAL_WORDS.some((w) => words.includes(` ${w} `));
}, 2_000);

function mentionsTopical(text: string | undefined): boolean {
  return text ? topicalText(text) : false;
}

function isTopical(request: MedicationRequest, medication: Medication | undefined): boolean {
  const routes = (request.dosageInstruction ?? []).map((d) => d.route).filter((r) => r !== undefined);
  if (routes.length > 0) {
    return routes.every((r) => mentionsTopical(r.text) || (r.coding ?? []).some((c) => mentionsTopical(c.display)));
  }
  const form = medication?.form;
  return mentionsTopical(form?.text) || (form?.coding ?? []).some((c) => mentionsTopical(c.display));
}

/** Resolves `medicationReference` to a contained Medication (`#id`) or one from the same data. */
export function resolveMedication(
  request: MedicationRequest,
  bundled: readonly Medication[],
  issues: DataQualityIssue[],
): Medication | undefined {
  const ref = request.medicationReference?.reference;
  if (!ref) return undefined;
  if (ref.startsWith('#')) {
    const raw = (request.contained ?? []).find(
      (c) => typeof c === 'object' && c !== null && (c as { id?: unknown }).id === ref.slice(1),
    );
    const parsed = medicationSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    issues.push({
      resourceType: 'MedicationRequest',
      ...(request.id ? { id: request.id } : {}),
      path: 'MedicationRequest.medicationReference',
      problem: `contained Medication ${ref} not found or invalid`,
    });
    return undefined;
  }
  const id = referencedId(ref, 'Medication');
  const found = bundled.find((m) => m.id === id);
  if (!found) {
    issues.push({
      resourceType: 'MedicationRequest',
      ...(request.id ? { id: request.id } : {}),
      path: 'MedicationRequest.medicationReference',
      problem: `${ref} is not in the data: only its display is used`,
    });
  }
  return found;
}

/** The order's name as people wrote it: the first concept's text, else a coding's display or code. */
export function displayOf(
  concepts: readonly ({ text?: string; coding?: { display?: string; code?: string }[] } | undefined)[],
) {
  for (const c of concepts) {
    if (c?.text) return c.text;
    const coding = c?.coding?.find((x) => x.display) ?? c?.coding?.[0];
    if (coding?.display ?? coding?.code) return (coding.display ?? coding.code) as string;
  }
  return 'unnamed order';
}

function rolesFor(agents: AgentMatch[], vaccines: VaccineMatch[]): Set<DrugRole> {
  const roles = new Set<DrugRole>();
  for (const a of agents) for (const r of rolesOf(a)) roles.add(r);
  if (vaccines.length > 0) roles.add('vaccine');
  return roles;
}

/** The concepts that name an order's drug: what recognition reads (and what `explain` reports as tried). */
export function medicationConcepts(
  request: MedicationRequest,
  medication: Medication | undefined,
): ({ text?: string; coding?: { system?: string; code?: string; display?: string }[] } | undefined)[] {
  return [
    request.medicationCodeableConcept,
    medication?.code,
    request.medicationReference?.display ? { text: request.medicationReference.display } : undefined,
    ...(medication?.ingredient ?? []).map((i) => i.itemCodeableConcept),
  ];
}

export function recognizeMedicationRequest(
  request: MedicationRequest,
  recognizer: DrugRecognizer,
  bundledMedications: readonly Medication[],
  issues: DataQualityIssue[],
  defaultStartMs?: number,
): RecognizedOrder {
  const medication = resolveMedication(request, bundledMedications, issues);
  const concepts = medicationConcepts(request, medication);
  const { agents, vaccines } = recognizer.recognize(concepts);
  const dose = dosePerDay(request, medication);
  const authoredOnMs = request.authoredOn ? Date.parse(request.authoredOn) : undefined;
  return {
    resourceType: 'MedicationRequest',
    ...(request.id ? { id: request.id } : {}),
    reference: `MedicationRequest/${request.id ?? '?'}`,
    display: displayOf(concepts),
    status: request.status ?? 'unknown',
    agents,
    vaccines,
    roles: rolesFor(agents, vaccines),
    systemic: !isTopical(request, medication),
    ...(dose ? { dose } : {}),
    course: courseOf(request, defaultStartMs),
    ...(authoredOnMs !== undefined && !Number.isNaN(authoredOnMs) ? { authoredOnMs } : {}),
    resource: request,
  };
}

/** A procedure-style vaccination order (CVX in ServiceRequest.code). */
export function recognizeServiceRequest(
  request: ServiceRequest,
  recognizer: DrugRecognizer,
  defaultStartMs?: number,
): RecognizedOrder {
  const { agents, vaccines } = recognizer.recognize([request.code]);
  const start = request.occurrenceDateTime ?? request.occurrencePeriod?.start ?? request.authoredOn;
  const startMs = start ? Date.parse(start) : defaultStartMs;
  return {
    resourceType: 'ServiceRequest',
    ...(request.id ? { id: request.id } : {}),
    reference: `ServiceRequest/${request.id ?? '?'}`,
    display: displayOf([request.code]),
    status: request.status ?? 'unknown',
    agents,
    vaccines,
    roles: rolesFor(agents, vaccines),
    systemic: true,
    course: { ...(startMs === undefined || Number.isNaN(startMs) ? {} : { startMs }), bounded: true, plannedDays: 0 },
    resource: request,
  };
}

/** Whether an order is recognised at all (the rules ignore the rest). */
export function isRecognized(order: RecognizedOrder): boolean {
  return order.agents.length > 0 || order.vaccines.length > 0;
}
