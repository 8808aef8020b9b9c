import { z } from 'zod';

/**
 * The FHIR R4 subset ImmunoSteward reads, as lenient zod schemas: unknown elements pass
 * through untouched, and only what the clinical logic reads is checked. A resource that fails
 * becomes a data-quality issue (see parse.ts), never a failed request.
 */

/** FHIR dateTime / date / instant: YYYY, YYYY-MM, YYYY-MM-DD or a full time with zone. */
export const FHIR_DATE_TIME =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)(\.\d{1,9})?)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00)))?)?)?$/;

export const dateTime = z.string().regex(FHIR_DATE_TIME, 'not a FHIR dateTime');

export const coding = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});

export const codeableConcept = z.looseObject({
  coding: z.array(coding).optional(),
  text: z.string().optional(),
});

export const quantity = z.looseObject({
  value: z.number().finite().optional(),
  comparator: z.enum(['<', '<=', '>=', '>']).optional(),
  unit: z.string().optional(),
  system: z.string().optional(),
  code: z.string().optional(),
});

export const reference = z.looseObject({
  reference: z.string().optional(),
  display: z.string().optional(),
});

export const period = z.looseObject({
  start: dateTime.optional(),
  end: dateTime.optional(),
});

export const referenceRange = z.looseObject({
  low: quantity.optional(),
  high: quantity.optional(),
  text: z.string().optional(),
});

const observationValue = {
  valueQuantity: quantity.optional(),
  valueString: z.string().optional(),
  valueInteger: z.number().int().optional(),
  valueCodeableConcept: codeableConcept.optional(),
  dataAbsentReason: codeableConcept.optional(),
  interpretation: z.array(codeableConcept).optional(),
  referenceRange: z.array(referenceRange).optional(),
};

export const observationComponent = z.looseObject({
  code: codeableConcept,
  ...observationValue,
});

export const observation = z.looseObject({
  resourceType: z.literal('Observation'),
  id: z.string().optional(),
  status: z.string().optional(),
  code: codeableConcept,
  subject: reference.optional(),
  effectiveDateTime: dateTime.optional(),
  effectivePeriod: period.optional(),
  effectiveInstant: dateTime.optional(),
  issued: dateTime.optional(),
  ...observationValue,
  component: z.array(observationComponent).optional(),
});

export const humanName = z.looseObject({
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  use: z.string().optional(),
});

export const patient = z.looseObject({
  resourceType: z.literal('Patient'),
  id: z.string().optional(),
  gender: z.string().optional(),
  birthDate: dateTime.optional(),
  name: z.array(humanName).optional(),
});

export const timing = z.looseObject({
  repeat: z
    .looseObject({
      boundsDuration: quantity.optional(),
      boundsPeriod: period.optional(),
      count: z.number().int().optional(),
      frequency: z.number().int().optional(),
      period: z.number().finite().optional(),
      periodUnit: z.string().optional(),
    })
    .optional(),
  code: codeableConcept.optional(),
});

export const dosage = z.looseObject({
  text: z.string().optional(),
  timing: timing.optional(),
  route: codeableConcept.optional(),
  doseAndRate: z.array(z.looseObject({ doseQuantity: quantity.optional() })).optional(),
});

export const medicationRequest = z.looseObject({
  resourceType: z.literal('MedicationRequest'),
  id: z.string().optional(),
  status: z.string().optional(),
  intent: z.string().optional(),
  medicationCodeableConcept: codeableConcept.optional(),
  medicationReference: reference.optional(),
  subject: reference.optional(),
  authoredOn: dateTime.optional(),
  dosageInstruction: z.array(dosage).optional(),
  dispenseRequest: z
    .looseObject({
      validityPeriod: period.optional(),
      numberOfRepeatsAllowed: z.number().int().optional(),
      expectedSupplyDuration: quantity.optional(),
    })
    .optional(),
  contained: z.array(z.unknown()).optional(),
});

export const medication = z.looseObject({
  resourceType: z.literal('Medication'),
  id: z.string().optional(),
  code: codeableConcept.optional(),
  form: codeableConcept.optional(),
  ingredient: z
    .array(
      z.looseObject({
        itemCodeableConcept: codeableConcept.optional(),
        strength: z.looseObject({ numerator: quantity.optional(), denominator: quantity.optional() }).optional(),
      }),
    )
    .optional(),
});

export const serviceRequest = z.looseObject({
  resourceType: z.literal('ServiceRequest'),
  id: z.string().optional(),
  status: z.string().optional(),
  intent: z.string().optional(),
  code: codeableConcept.optional(),
  subject: reference.optional(),
  authoredOn: dateTime.optional(),
  occurrenceDateTime: dateTime.optional(),
  occurrencePeriod: period.optional(),
});

export const condition = z.looseObject({
  resourceType: z.literal('Condition'),
  id: z.string().optional(),
  clinicalStatus: codeableConcept.optional(),
  verificationStatus: codeableConcept.optional(),
  code: codeableConcept.optional(),
  subject: reference.optional(),
  onsetDateTime: dateTime.optional(),
  abatementDateTime: dateTime.optional(),
  recordedDate: dateTime.optional(),
});

export const immunization = z.looseObject({
  resourceType: z.literal('Immunization'),
  id: z.string().optional(),
  status: z.string().optional(),
  vaccineCode: codeableConcept,
  patient: reference.optional(),
  occurrenceDateTime: dateTime.optional(),
  recorded: dateTime.optional(),
});

/** A Bundle is checked only for its shape; each entry's resource is parsed on its own. */
export const bundle = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.string().optional(),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().optional(),
        resource: z.unknown().optional(),
      }),
    )
    .optional(),
  link: z.array(z.looseObject({ relation: z.string().optional(), url: z.string().optional() })).optional(),
});

export type Coding = z.infer<typeof coding>;
export type CodeableConcept = z.infer<typeof codeableConcept>;
export type Quantity = z.infer<typeof quantity>;
export type Reference = z.infer<typeof reference>;
export type Observation = z.infer<typeof observation>;
export type ObservationComponent = z.infer<typeof observationComponent>;
export type ReferenceRange = z.infer<typeof referenceRange>;
export type Patient = z.infer<typeof patient>;
export type Bundle = z.infer<typeof bundle>;
export type Dosage = z.infer<typeof dosage>;
export type MedicationRequest = z.infer<typeof medicationRequest>;
export type Medication = z.infer<typeof medication>;
export type ServiceRequest = z.infer<typeof serviceRequest>;
export type Condition = z.infer<typeof condition>;
export type Immunization = z.infer<typeof immunization>;
