import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from '@medplum/fhirtypes';
import { between, patientRandom, pick, type Random } from './random.js';
import {
  ADMITTED,
  DEPARTMENT_OF,
  type Department,
  FAMILY_NAMES,
  GIVEN_NAMES,
  HOSPITAL,
  MIX,
  VARIANT_SCENARIO,
  type Variant,
} from './scenarios.js';
import {
  dayOf,
  FIXTURE_ANCHOR_DAY,
  formatDay,
  instantiate,
  type ResourceTemplate,
  type ScenarioTemplate,
  scenarioTemplates,
} from './templates.js';

/**
 * The synthetic population: patient `pop-000001`… is one demo scenario's whole record (labs,
 * conditions, history, immunizations), its order placed on a day of the 24 months before the
 * anchor and everything else moved with it, so each clone keeps its scenario's clinical story (and
 * its cards). Around that: older draws of the same labs, the department the order is placed in, an
 * inpatient stay for some. Deterministic: same options, same resources, in the same order.
 */

/** The project's demo fixtures, found from this file whether it runs as source or from `dist/`. */
export function demoFixturesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('the project root (package.json) is not above the population generator');
    dir = up;
  }
  return join(dir, 'test', 'fixtures', 'demo');
}
/** The go-live month, when none is given: twelve months before the anchor. */
export const GO_LIVE_MONTHS_BEFORE_ANCHOR = 12;
/** Orders fall on the days of this many months before the anchor. */
export const SPAN_MONTHS = 24;

export interface PopulationOptions {
  patients: number;
  seed?: number;
  /** The population's "today" (default: now); orders fall in the 24 months before it. */
  anchor?: Date;
  /** The first day of the month the hooks went live (default: 12 months before the anchor). */
  goLive?: Date;
  /** The first patient's number (default 1): a shard generates `first`…`first + patients − 1`. */
  first?: number;
  /** The demo fixture directory the scenarios come from. */
  fixtures?: string;
}

export const DEFAULT_SEED = 2026;

export function patientId(index: number): string {
  return `pop-${String(index).padStart(6, '0')}`;
}

/** The default go-live: the first day of the month twelve months before the anchor. */
export function defaultGoLive(anchor: Date): Date {
  return new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - GO_LIVE_MONTHS_BEFORE_ANCHOR, 1));
}

export function* generatePopulation(options: PopulationOptions): Generator<Resource[]> {
  const anchor = options.anchor ?? new Date();
  const anchorDay = Math.floor(anchor.getTime() / 86_400_000);
  const goLiveDay = Math.floor((options.goLive ?? defaultGoLive(anchor)).getTime() / 86_400_000);
  const firstDay = Math.floor(
    Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - SPAN_MONTHS, anchor.getUTCDate()) / 86_400_000,
  );
  const scenarios = new Map(scenarioTemplates(options.fixtures ?? demoFixturesDir()).map((s) => [s.slug, s]));
  const first = options.first ?? 1;
  for (let index = first; index < first + options.patients; index++) {
    const random = patientRandom(options.seed ?? DEFAULT_SEED, index);
    const orderDay = between(random, firstDay, anchorDay - 1);
    const variant = pick(random, orderDay >= goLiveDay ? MIX.after : MIX.before);
    const scenario = scenarios.get(VARIANT_SCENARIO[variant]);
    if (!scenario) throw new Error(`the fixture directory has no scenario ${VARIANT_SCENARIO[variant]}`);
    yield patientRecord(scenario, variant, patientId(index), orderDay, anchorDay, random);
  }
}

/** A fixture resource as parsed: its shape is the fixture's own, read and rewritten here field by field. */
// biome-ignore lint/suspicious/noExplicitAny: the resources are the fixtures' JSON, copied as they are
type Json = Record<string, any>;

function patientRecord(
  scenario: ScenarioTemplate,
  variant: Variant,
  id: string,
  orderDay: number,
  anchorDay: number,
  random: Random,
): Resource[] {
  const shift = orderDay - FIXTURE_ANCHOR_DAY;
  const department = DEPARTMENT_OF[scenario.slug as keyof typeof DEPARTMENT_OF];
  const withLabs = variant !== 'healthy-booster-no-labs';
  const record = scenario.record
    .filter((t) => withLabs || t.resourceType !== 'Observation')
    .map((t) => instantiate<Json>(t, id, shift));
  const out: Json[] = [];
  for (const resource of record) {
    if (resource.resourceType === 'Patient') out.push(anonymised(resource, id, random));
    else if (resource.resourceType === 'MedicationRequest') out.push(settled(resource, anchorDay));
    else if (resource.resourceType === 'Encounter') out.push(inDepartment(resource, department));
    else out.push(resource);
  }
  if (withLabs) out.push(...olderDraws(scenario.record, id, shift, department, random));
  out.push(...placedOrder(scenario, id, shift, orderDay, anchorDay, department, random));
  for (const resource of out) stamp(resource, orderDay);
  return out as Resource[];
}

/** A synthetic name and record number for the clone (the fixture's are the scenario's own). */
function anonymised(patient: Json, id: string, random: Random): Json {
  const female = patient.gender === 'female';
  const family = `${FAMILY_NAMES[between(random, 0, FAMILY_NAMES.length - 1)]}${female ? 'a' : ''}`;
  const givens = female ? GIVEN_NAMES.female : GIVEN_NAMES.male;
  const given = givens[between(random, 0, givens.length - 1)] as string;
  const { telecom: _telecom, address, ...rest } = patient;
  return {
    ...rest,
    identifier: [{ ...patient.identifier?.[0], value: `SYN-${id.slice(4)}` }],
    name: [{ use: 'official', text: `${given} ${family}`, family, given: [given] }],
    address: (address as Json[] | undefined)?.map(({ city, country }) => ({ use: 'home', city, country })),
  };
}

/** An order the fixture keeps `active` whose planned end has passed by the anchor is `completed`. */
function settled(order: Json, anchorDay: number): Json {
  const end = order.dosageInstruction?.[0]?.timing?.repeat?.boundsPeriod?.end as string | undefined;
  if (order.status === 'active' && end && dayOf(end) < anchorDay) return { ...order, status: 'completed' };
  return order;
}

function inDepartment(encounter: Json, department: Department): Json {
  return {
    ...encounter,
    serviceType: { text: department.name },
    location: [{ location: { reference: `Location/${department.id}`, display: department.name } }],
    serviceProvider: HOSPITAL,
  };
}

/**
 * Earlier visits repeating the record's first laboratory draw (its encounter and results) every
 * 3–6 months before it: the volume of a real record, without changing the latest values the rules
 * read.
 */
function olderDraws(
  record: ResourceTemplate[],
  id: string,
  shift: number,
  department: Department,
  random: Random,
): Json[] {
  const { draw, encounter } = firstDraw(record);
  const out: Json[] = [];
  let back = 0;
  for (let copy = 1, copies = between(random, 7, 15); copy <= copies; copy++) {
    back += between(random, 90, 180);
    const suffix = `-h${copy}`;
    const visit = encounter ? instantiate<Json>(encounter, id, shift - back) : undefined;
    if (visit) out.push(inDepartment({ ...visit, id: `${visit.id}${suffix}` }, department));
    for (const t of draw) {
      const result = instantiate<Json>(t, id, shift - back);
      result.id = `${result.id}${suffix}`;
      if (visit && result.encounter) result.encounter = { reference: `Encounter/${visit.id}${suffix}` };
      out.push(result);
    }
  }
  return out;
}

const firstDraws = new WeakMap<ResourceTemplate[], { draw: ResourceTemplate[]; encounter?: ResourceTemplate }>();

/** The record's earliest laboratory draw: its results and its encounter (computed once per scenario). */
function firstDraw(record: ResourceTemplate[]) {
  let found = firstDraws.get(record);
  if (!found) {
    const observations = record.filter((t) => t.resourceType === 'Observation');
    const day = Math.min(...observations.map((t) => drawDay(t)));
    const encounter = record.find((t) => t.resourceType === 'Encounter' && drawDay(t) === day);
    found = { draw: observations.filter((t) => drawDay(t) === day), ...(encounter ? { encounter } : {}) };
    firstDraws.set(record, found);
  }
  return found;
}

/** The day a template's resource is dated on (its first date). */
function drawDay(template: ResourceTemplate): number {
  const date = template.parts.find((p) => typeof p === 'object' && 'day' in p) as { day: number } | undefined;
  return date?.day ?? 0;
}

/**
 * The scenario's draft order as it was placed: a MedicationRequest (active while its course runs,
 * else completed) in an encounter of the department, or a vaccine given that day (Immunization).
 */
function placedOrder(
  scenario: ScenarioTemplate,
  id: string,
  shift: number,
  orderDay: number,
  anchorDay: number,
  department: Department,
  random: Random,
): Json[] {
  const draft = instantiate<Json>(scenario.order, id, shift);
  const date = `${formatDay(orderDay)}T09:00:00+05:00`;
  const admitted = random() < ADMITTED[scenario.slug as keyof typeof ADMITTED];
  const stay = admitted ? between(random, 3, 12) : 0;
  const encounter = inDepartment(
    {
      resourceType: 'Encounter',
      id: `${id}-enc-order`,
      status: 'finished',
      class: admitted
        ? { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' }
        : { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
      type: [{ text: admitted ? 'Inpatient stay' : 'Outpatient visit' }],
      subject: { reference: `Patient/${id}` },
      period: { start: `${formatDay(orderDay)}T08:30:00+05:00`, end: `${formatDay(orderDay + stay)}T12:00:00+05:00` },
    },
    department,
  );
  if (draft.resourceType === 'ServiceRequest') {
    const vaccine: Json = {
      resourceType: 'Immunization',
      id: `${id}-order`,
      status: 'completed',
      vaccineCode: draft.code,
      patient: { reference: `Patient/${id}` },
      encounter: { reference: `Encounter/${encounter.id}` },
      occurrenceDateTime: date,
      recorded: date,
      primarySource: true,
    };
    return [encounter, vaccine];
  }
  const days = courseDays(draft);
  const running = days === undefined || orderDay + days > anchorDay;
  const order = {
    ...draft,
    id: `${id}-order`,
    identifier: [{ ...draft.identifier?.[0], value: `ORD-${id}-order` }],
    status: running ? 'active' : 'completed',
    encounter: { reference: `Encounter/${encounter.id}` },
    authoredOn: date,
  };
  return [encounter, order];
}

/** The course length the order states (boundsDuration in days, boundsPeriod, supply), if any. */
function courseDays(order: Json): number | undefined {
  const repeat = order.dosageInstruction?.[0]?.timing?.repeat;
  const duration = repeat?.boundsDuration;
  if (duration?.value !== undefined) {
    const perDay: Record<string, number> = { d: 1, wk: 7, mo: 30 };
    return duration.value * (perDay[duration.code as string] ?? 1);
  }
  if (repeat?.boundsPeriod?.start && repeat.boundsPeriod.end)
    return dayOf(repeat.boundsPeriod.end) - dayOf(repeat.boundsPeriod.start) + 1;
  const supply = order.dispenseRequest?.expectedSupplyDuration;
  if (supply?.value !== undefined) return supply.value;
  if (repeat?.count !== undefined) return repeat.count;
  return undefined;
}

const WHEN = [
  'issued',
  'recorded',
  'authoredOn',
  'occurrenceDateTime',
  'effectiveDateTime',
  'recordedDate',
  'onsetDateTime',
] as const;

/**
 * `meta.lastUpdated` on every resource (Bulk `_since` reads it): the fixture's when it has one,
 * else when the resource was written (issued, recorded, authored…), else the order's day.
 */
function stamp(resource: Json, orderDay: number): void {
  if (resource.meta?.lastUpdated) return;
  const when =
    WHEN.map((k) => resource[k] as string | undefined).find((v) => v !== undefined) ??
    resource.period?.end ??
    resource.period?.start;
  const day = typeof when === 'string' ? when : formatDay(orderDay);
  const lastUpdated = day.includes('T') ? day : `${day}T09:00:00+05:00`;
  resource.meta = { ...resource.meta, lastUpdated };
}
