import { z } from 'zod';
import { formatPath } from '../../src/core/util/path.js';

/**
 * The CDS Hooks 2.0 request, validated at the top level and in the hook context: what the service
 * reads. Unknown fields and `extension` pass. Resources inside prefetch and draftOrders are parsed
 * leniently by the core (a bad resource becomes a data-quality issue, not a 400).
 */

const fhirAuthorization = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
  scope: z.string().optional(),
  subject: z.string().optional(),
  patient: z.string().optional(),
});

const bundleLike = z.looseObject({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.looseObject({ resource: z.unknown().optional() })).optional(),
});

const baseContext = {
  userId: z.string().min(1).optional(),
  patientId: z.string().min(1),
  encounterId: z.string().optional(),
};

export const HOOK_CONTEXTS = {
  'patient-view': z.looseObject(baseContext),
  'order-sign': z.looseObject({ ...baseContext, draftOrders: bundleLike }),
  'order-select': z.looseObject({
    ...baseContext,
    draftOrders: bundleLike,
    selections: z.array(z.string().min(1)).min(1),
  }),
} as const;

export type HookName = keyof typeof HOOK_CONTEXTS;

export const hookRequest = z
  .looseObject({
    hook: z.string().min(1),
    hookInstance: z.string().min(1),
    fhirServer: z.url({ protocol: /^https?$/ }).optional(),
    fhirAuthorization: fhirAuthorization.optional(),
    context: z.looseObject({}),
    prefetch: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((r) => r.fhirAuthorization === undefined || r.fhirServer !== undefined, {
    message: 'fhirAuthorization requires fhirServer',
    path: ['fhirServer'],
  });

export type HookRequest = z.infer<typeof hookRequest>;

export interface ValidationProblem {
  path: string;
  message: string;
}

/** Where in the request body a problem is (`(body)` for the whole of it). */
export function bodyPath(path: readonly PropertyKey[]): string {
  return formatPath(path, '(body)');
}

export function validateHookRequest(
  body: unknown,
  hook: HookName,
): { request: HookRequest; context: z.infer<(typeof HOOK_CONTEXTS)[HookName]> } | { problems: ValidationProblem[] } {
  const parsed = hookRequest.safeParse(body);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => ({ path: bodyPath(i.path), message: i.message })) };
  }
  if (parsed.data.hook !== hook) {
    return { problems: [{ path: 'hook', message: `this service answers "${hook}", not "${parsed.data.hook}"` }] };
  }
  const context = HOOK_CONTEXTS[hook].safeParse(parsed.data.context);
  if (!context.success) {
    return {
      problems: context.error.issues.map((i) => ({ path: bodyPath(['context', ...i.path]), message: i.message })),
    };
  }
  return { request: parsed.data, context: context.data };
}
