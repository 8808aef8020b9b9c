import { buildProfile, type ImmuneProfile } from '../biomarkers/profile.js';
import type { SiteConfig } from '../config/schema.js';
import { conditionCategories } from '../drugs/condition-codes.js';
import {
  isRecognized,
  type RecognizedOrder,
  recognizeMedicationRequest,
  recognizeServiceRequest,
} from '../drugs/orders.js';
import { DrugRecognizer } from '../drugs/recognize.js';
import type { ConditionCategory, Vaccine } from '../drugs/types.js';
import { vaccineByCvx } from '../drugs/vaccines.js';
import type { DataQualityIssue, ResourceSet } from '../fhir/parse.js';
import { belongsTo } from '../fhir/patient.js';
import type { Condition, Patient } from '../fhir/schemas.js';
import type { Translator } from '../messages/translator.js';
import { OrderIndex } from './order-index.js';

/**
 * Everything the rules know about a patient: the immune profile, the medication history
 * (active, completed and stopped orders with their courses), classified conditions and past
 * immunizations. Built once per request; pure.
 */

export interface ClassifiedCondition {
  reference: string;
  display: string;
  categories: Set<ConditionCategory>;
  active: boolean;
  onsetMs?: number;
}

export interface ImmunizationRecord {
  reference: string;
  display: string;
  vaccine?: Vaccine;
  dateMs?: number;
}

export interface PatientContext {
  nowMs: number;
  patientId?: string;
  patient?: Patient;
  profile: ImmuneProfile;
  /** Recognised MedicationRequests that are not draft orders (history and current). */
  history: RecognizedOrder[];
  historyIndex: OrderIndex;
  conditions: ClassifiedCondition[];
  immunizations: ImmunizationRecord[];
  issues: DataQualityIssue[];
  recognizer: DrugRecognizer;
}

const IGNORED_ORDER_STATUSES = new Set(['entered-in-error', 'cancelled', 'draft']);
const ACTIVE_CLINICAL = new Set(['active', 'recurrence', 'relapse']);
const REFUTED = new Set(['refuted', 'entered-in-error']);

function codeOf(concept: { coding?: { code?: string }[] } | undefined): string | undefined {
  return concept?.coding?.find((c) => c.code)?.code;
}

export function classifyCondition(condition: Condition): ClassifiedCondition | undefined {
  const categories = new Set<ConditionCategory>();
  for (const c of condition.code?.coding ?? []) {
    if (c.system && c.code) for (const category of conditionCategories(c.system, c.code)) categories.add(category);
  }
  if (categories.size === 0) return undefined;
  const verification = codeOf(condition.verificationStatus);
  if (verification && REFUTED.has(verification)) return undefined;
  const clinical = codeOf(condition.clinicalStatus);
  const active = clinical ? ACTIVE_CLINICAL.has(clinical) : condition.abatementDateTime === undefined;
  const onset = condition.onsetDateTime ? Date.parse(condition.onsetDateTime) : Number.NaN;
  const coding = condition.code?.coding?.find((c) => c.display);
  return {
    reference: `Condition/${condition.id ?? '?'}`,
    display: condition.code?.text ?? coding?.display ?? codeOf(condition.code) ?? 'condition',
    categories,
    active,
    ...(Number.isNaN(onset) ? {} : { onsetMs: onset }),
  };
}

export interface ContextOptions {
  now: Date;
  config: SiteConfig;
  /** The language of the profile's compartment summaries (English by default). */
  t?: Translator;
  patient?: Patient;
  patientId?: string;
}

export function buildPatientContext(set: ResourceSet, options: ContextOptions): PatientContext {
  const { config, patientId } = options;
  const nowMs = options.now.getTime();
  const issues: DataQualityIssue[] = [...set.issues];
  const recognizer = new DrugRecognizer(config.localCodes.drugs);
  const profile = buildProfile(
    set.observations.filter((o) => belongsTo(o.subject, patientId)),
    {
      now: options.now,
      ...(options.t ? { t: options.t } : {}),
      staleAfterDays: config.biomarkers.staleAfterDays,
      localLabCodes: config.localCodes.labs,
      ...(options.patient ? { patient: options.patient } : {}),
    },
  );
  issues.push(...profile.issues);
  const history: RecognizedOrder[] = [];
  for (const request of set.medicationRequests) {
    if (IGNORED_ORDER_STATUSES.has(request.status ?? '') || !belongsTo(request.subject, patientId)) continue;
    const order = recognizeMedicationRequest(request, recognizer, set.medications, issues);
    if (isRecognized(order)) history.push(order);
  }
  const conditions = set.conditions
    .filter((c) => belongsTo(c.subject, patientId))
    .map(classifyCondition)
    .filter((c): c is ClassifiedCondition => c !== undefined);
  const immunizations: ImmunizationRecord[] = set.immunizations
    .filter((i) => i.status !== 'entered-in-error' && i.status !== 'not-done' && belongsTo(i.patient, patientId))
    .map((i) => {
      const cvx = i.vaccineCode.coding?.find((c) => c.system === 'http://hl7.org/fhir/sid/cvx' && c.code)?.code;
      const vaccine = cvx ? vaccineByCvx(cvx) : undefined;
      const dateMs = i.occurrenceDateTime ? Date.parse(i.occurrenceDateTime) : Number.NaN;
      return {
        reference: `Immunization/${i.id ?? '?'}`,
        display: i.vaccineCode.text ?? vaccine?.name ?? cvx ?? 'vaccine',
        ...(vaccine ? { vaccine } : {}),
        ...(Number.isNaN(dateMs) ? {} : { dateMs }),
      };
    });
  return {
    nowMs,
    ...(patientId ? { patientId } : {}),
    ...(options.patient ? { patient: options.patient } : {}),
    profile,
    history,
    historyIndex: new OrderIndex(history),
    conditions,
    immunizations,
    issues,
    recognizer,
  };
}

/**
 * Draft orders (order-sign/order-select): every MedicationRequest and ServiceRequest, whatever
 * its status (an EHR may re-sign an active order). Unrecognised orders are dropped.
 */
export function recognizeDraftOrders(drafts: ResourceSet, context: PatientContext): RecognizedOrder[] {
  const orders: RecognizedOrder[] = [];
  for (const request of drafts.medicationRequests) {
    const order = recognizeMedicationRequest(
      request,
      context.recognizer,
      drafts.medications,
      context.issues,
      context.nowMs,
    );
    if (isRecognized(order)) orders.push(order);
  }
  for (const request of drafts.serviceRequests) {
    const order = recognizeServiceRequest(request, context.recognizer, context.nowMs);
    if (isRecognized(order)) orders.push(order);
  }
  return orders;
}
