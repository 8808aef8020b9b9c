import { z } from 'zod';

/**
 * Feedback (CDS Hooks 2.0 §Feedback): validated with the cds-fb invariants — outcome is accepted
 * or overridden; accepted needs acceptedSuggestions; an override reason has a reason or a
 * comment. Reasons without `display` are accepted (the sandbox sends none).
 */

const coding = z.looseObject({
  system: z.string().optional(),
  code: z.string().min(1),
  display: z.string().optional(),
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const feedbackItem = z
  .looseObject({
    card: z.string().min(1),
    outcome: z.enum(['accepted', 'overridden']),
    acceptedSuggestions: z.array(z.looseObject({ id: z.string().min(1) })).optional(),
    overrideReason: z
      .looseObject({ reason: coding.optional(), userComment: z.string().max(4000).optional() })
      .refine((r) => r.reason !== undefined || r.userComment !== undefined, {
        message: 'overrideReason needs a reason or a userComment (cds-fb-3)',
      })
      .optional(),
    outcomeTimestamp: z.string().regex(RFC3339, 'not an RFC 3339 timestamp'),
  })
  .refine((f) => f.outcome !== 'accepted' || (f.acceptedSuggestions?.length ?? 0) > 0, {
    message: 'accepted feedback needs acceptedSuggestions (cds-fb-2)',
    path: ['acceptedSuggestions'],
  });

export const feedbackRequest = z.looseObject({ feedback: z.array(feedbackItem).min(1).max(100) });

export type FeedbackItem = z.infer<typeof feedbackItem>;
