import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The demo scenarios as templates: each fixture resource's JSON text cut, once, into literal text,
 * dates and the scenario's slug, so that a copy for another patient and another month is a string
 * concatenation and one `JSON.parse` (the bench's 10M resources cannot afford a deep walk each).
 * Every code, unit and shape therefore stays exactly as the fixture has it.
 */

/** The instant the fixtures are written against (test/fixtures/demo/README.md, "Anchor date rule"). */
export const FIXTURE_ANCHOR_DAY = Date.UTC(2026, 10, 1) / 86_400_000;

type Part = string | { day: number; rest: string } | { slug: true };

export interface ResourceTemplate {
  resourceType: string;
  parts: Part[];
}

export interface ScenarioTemplate {
  slug: string;
  record: ResourceTemplate[];
  /** The scenario's draft order: a MedicationRequest, or a vaccine ServiceRequest. */
  order: ResourceTemplate;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/;

const utcDay = (d: RegExpExecArray) => Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) / 86_400_000;

function compile(resource: { resourceType: string }, slug: string): ResourceTemplate {
  const text = JSON.stringify(resource);
  const token = new RegExp(`"(\\d{4}-\\d{2}-\\d{2})(T[^"]*)?"|${slug.replace(/[-]/g, '\\-')}`, 'g');
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(token)) {
    const at = m.index ?? 0;
    parts.push(text.slice(last, at));
    if (m[1]) {
      const d = DATE.exec(m[1]) as RegExpExecArray;
      parts.push('"', { day: utcDay(d), rest: `${m[2] ?? ''}"` });
    } else {
      parts.push({ slug: true });
    }
    last = at + m[0].length;
  }
  parts.push(text.slice(last));
  return { resourceType: resource.resourceType, parts: parts.filter((p) => p !== '') };
}

const dayText = new Map<number, string>();
function formatDay(day: number): string {
  let text = dayText.get(day);
  if (text === undefined) {
    text = new Date(day * 86_400_000).toISOString().slice(0, 10);
    dayText.set(day, text);
  }
  return text;
}

/** A copy of the resource for `patientId`, every date moved by `shiftDays`. */
export function instantiate<T = Record<string, unknown>>(
  template: ResourceTemplate,
  patientId: string,
  shiftDays: number,
): T {
  let text = '';
  for (const part of template.parts) {
    if (typeof part === 'string') text += part;
    else if ('slug' in part) text += patientId;
    else text += formatDay(part.day + shiftDays) + part.rest;
  }
  return JSON.parse(text) as T;
}

/** The day (days since 1970-01-01) of a FHIR date or dateTime, by its written calendar date. */
export function dayOf(value: string): number {
  const d = DATE.exec(value);
  if (!d) throw new Error(`not a FHIR date: ${value}`);
  return utcDay(d);
}

export { formatDay };

const cache = new Map<string, ScenarioTemplate[]>();

/** The scenarios of a demo fixture directory (`<slug>.json` + `<slug>.order.json`), in slug order. */
export function scenarioTemplates(dir: string): ScenarioTemplate[] {
  const cached = cache.get(dir);
  if (cached) return cached;
  const slugs = readdirSync(dir)
    .filter((f) => f.endsWith('.order.json'))
    .map((f) => f.slice(0, -'.order.json'.length))
    .sort();
  const scenarios = slugs.map((slug) => {
    const bundle = JSON.parse(readFileSync(join(dir, `${slug}.json`), 'utf8')) as {
      entry: { resource: { resourceType: string } }[];
    };
    const order = JSON.parse(readFileSync(join(dir, `${slug}.order.json`), 'utf8')) as { resourceType: string };
    return { slug, record: bundle.entry.map((e) => compile(e.resource, slug)), order: compile(order, slug) };
  });
  cache.set(dir, scenarios);
  return scenarios;
}
