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
