import { z } from 'zod';

/** The completion manifest of a Bulk Data export (Bulk Data IG 2.0, "Response - Complete Status"). */

const fileEntry = z.looseObject({
  type: z.string().regex(/^[A-Z][A-Za-z]+$/, 'not a FHIR resource type'),
  url: z.string().min(1),
  count: z.number().int().nonnegative().optional(),
});

export const manifestSchema = z.looseObject({
  transactionTime: z.string().min(1),
  request: z.string().min(1),
  requiresAccessToken: z.boolean(),
  output: z.array(fileEntry),
  error: z.array(fileEntry).default([]),
  deleted: z.array(fileEntry).optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileEntry>;
