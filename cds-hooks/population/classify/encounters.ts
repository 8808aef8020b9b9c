/**
 * Days present and departments from a patient's Encounters, read defensively (Encounter is not
 * in the core's parsed subset). A day present is a calendar day (UTC) with any part of an
 * encounter in it, counted once per patient and department (NHSN's "days present").
 */

export const DAY_MS = 86_400_000;
/** No encounter is taken to last longer than this (a missing or absurd end). */
const MAX_STAY_DAYS = 366;

export interface EncounterSpan {
  id?: string;
  startMs: number;
  endMs: number;
  department?: string;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function conceptText(concept: unknown): string | undefined {
  if (!isObject(concept)) return undefined;
  const coding = Array.isArray(concept.coding) ? concept.coding.filter(isObject) : [];
  return text(concept.text) ?? coding.map((c) => text(c.display)).find((d) => d !== undefined);
}

/** The service (serviceType), else the first location, else the organisation providing the service. */
export function departmentOf(encounter: Loose): string | undefined {
  const service = Array.isArray(encounter.serviceType) ? encounter.serviceType[0] : encounter.serviceType;
  const location = Array.isArray(encounter.location) ? encounter.location.find(isObject) : undefined;
  const provider = isObject(encounter.serviceProvider) ? encounter.serviceProvider : undefined;
  return (
    conceptText(isObject(service) && isObject(service.concept) ? service.concept : service) ??
    (isObject(location?.location) ? text(location.location.display) : undefined) ??
    text(provider?.display)
  );
}

export function encounterSpan(encounter: Loose, asOfMs: number): EncounterSpan | undefined {
  const period = isObject(encounter.period)
    ? encounter.period
    : isObject(encounter.actualPeriod)
      ? encounter.actualPeriod
      : {};
  const startMs = Date.parse(text(period.start) ?? '');
  if (Number.isNaN(startMs) || startMs > asOfMs) return undefined;
  const end = Date.parse(text(period.end) ?? '');
  const endMs = Math.min(Number.isNaN(end) || end < startMs ? startMs : end, startMs + MAX_STAY_DAYS * DAY_MS, asOfMs);
  const department = departmentOf(encounter);
  const id = text(encounter.id);
  return { startMs, endMs, ...(id ? { id } : {}), ...(department ? { department } : {}) };
}

/** Every calendar day (epoch day number) an encounter touches. */
export function daysOf(span: EncounterSpan): number[] {
  const first = Math.floor(span.startMs / DAY_MS);
  const last = Math.floor(span.endMs / DAY_MS);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The department a course belongs to: its order's encounter, else the latest encounter begun by its start. */
export function courseDepartment(
  spans: readonly EncounterSpan[],
  encounterId: string | undefined,
  startMs: number | undefined,
): string | undefined {
  const own = encounterId === undefined ? undefined : spans.find((s) => s.id === encounterId);
  if (own) return own.department;
  if (startMs === undefined) return undefined;
  let latest: EncounterSpan | undefined;
  for (const s of spans) if (s.startMs <= startMs && (!latest || s.startMs > latest.startMs)) latest = s;
  return latest?.department;
}
