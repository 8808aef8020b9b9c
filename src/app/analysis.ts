import type { ImmuneProfile } from '../core/biomarkers/profile.js';
import { siteConfigSchema } from '../core/config/schema.js';
import type { RecognizedOrder } from '../core/drugs/orders.js';
import { readResources } from '../core/fhir/parse.js';
import type { Patient } from '../core/fhir/schemas.js';
import { assessOrders, type OrderAssessment } from '../core/rules/assessment.js';
import { buildPatientContext, recognizeDraftOrders } from '../core/rules/context.js';
import { type CourseOverview, courseOverviews } from '../core/rules/course-view.js';
import { evaluate, evaluateCurrent } from '../core/rules/engine.js';
import { pageTranslator } from './language.js';

/**
 * The core's verdict on the loaded record — the same code the CDS service runs. Loaded lazily:
 * the core (UCUM tables, knowledge base) stays out of the initial bundle.
 */
export interface Analysis {
  profile: ImmuneProfile;
  orders: RecognizedOrder[];
  /** One per order with a concern, as the CDS cards group them (the linked order first). */
  assessments: OrderAssessment[];
  /** Every immunocorrective course, current first, with the course rules' findings on it. */
  courses: CourseOverview[];
  nowMs: number;
  /** Whether the order a card's link named was found and evaluated (undefined: no such link). */
  linkedOrder?: 'evaluated' | 'unavailable';
}

function subjectOf(resource: unknown): string | undefined {
  return ((resource as { subject?: { reference?: unknown } }).subject?.reference as string | undefined) ?? undefined;
}

export function analyse(
  resources: unknown[],
  options: {
    patientId: string;
    now: Date;
    localLabCodes?: { system: string; code: string; biomarker: string; unit?: string }[];
    /** The order a card's link named, as read (a draft is not in the record): evaluated like at signing. */
    linkedOrder?: { reference: string; resources: unknown[] };
  },
): Analysis {
  const config = siteConfigSchema.parse({ localCodes: { labs: options.localLabCodes ?? [] } });
  const set = readResources(resources);
  const patient = set.patients.find((p: Patient) => p.id === options.patientId);
  const t = pageTranslator();
  const context = buildPatientContext(set, {
    now: options.now,
    config,
    t,
    patientId: options.patientId,
    ...(patient ? { patient } : {}),
  });
  const base = {
    profile: { ...context.profile, issues: context.issues },
    orders: context.history,
    nowMs: context.nowMs,
  };
  const currentFindings = evaluateCurrent(context, config, t);
  const current = assessOrders(currentFindings, t);
  const linked = options.linkedOrder;
  if (!linked)
    return { ...base, assessments: current, courses: courseOverviews(context, config, currentFindings, [], t) };
  // Another patient's order is never shown on this patient's page.
  const own = linked.resources.filter((r) => subjectOf(r) === `Patient/${options.patientId}`);
  const drafts = recognizeDraftOrders(readResources(own), context).filter((o) => o.reference === linked.reference);
  const inRecord = context.history.some((o) => o.reference === linked.reference);
  const draftFindings = inRecord ? [] : evaluate(context, drafts, config, () => true, t);
  return {
    ...base,
    // The order the physician came for first, then the current record's.
    assessments: [...assessOrders(draftFindings, t), ...current],
    courses: courseOverviews(context, config, [...draftFindings, ...currentFindings], inRecord ? [] : drafts, t),
    linkedOrder: inRecord || drafts.length > 0 ? 'evaluated' : 'unavailable',
  };
}
