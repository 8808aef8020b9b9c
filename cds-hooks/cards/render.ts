import { randomUUID } from 'node:crypto';
import {
  type Action,
  type Card,
  type CardSuggestion,
  type Coding,
  type Link,
  RULES_EXTENSION,
  SUMMARY_TOPIC,
} from '../../src/contract/cds-hooks.js';
import type { ImmuneProfile } from '../../src/core/biomarkers/profile.js';
import type { SiteConfig } from '../../src/core/config/schema.js';
import type { Translator } from '../../src/core/messages/translator.js';
import type { OrderAssessment } from '../../src/core/rules/assessment.js';
import { COURSE_RULES } from '../../src/core/rules/course-view.js';
import { escapeMarkdown, fitSummary } from '../../src/core/rules/markdown.js';
import type { Finding, Suggestion } from '../../src/core/rules/types.js';

/**
 * CDS Hooks cards: one per draft order that carries a concern (its assessment), and at most one
 * patient-view summary. Every card: uuid, summary < 140, the most severe indicator, source with
 * the main rule as topic and every fired rule in the `org.immunosteward.rules` extension;
 * suggestions carry uuids, `selectionBehavior` and actions with descriptions; warning and
 * critical cards carry override reasons with displays; a link opens the app. No null values and
 * no empty arrays (CDS Hooks 2.0 §Use of JSON).
 */

export const RULE_TOPIC_SYSTEM = 'urn:immunosteward:rule';
const OVERRIDE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes';

/** HL7 non-adherence reason codes (CDS Hooks 3.0 ballot CodeSystem), with displays from the catalog. */
const OVERRIDE_CODES = [
  'indication-order-exists',
  'risk-benefit-ratio',
  'expert-contradicts',
  'action-performed-no-adverse-effect',
] as const;

function overrideReasons(t: Translator): Coding[] {
  return OVERRIDE_CODES.map((code) => ({ system: OVERRIDE_SYSTEM, code, display: t.t(`override.${code}`) }));
}

/**
 * The display of an override reason these cards offer (its code, in their system or with no system,
 * as a client that copies only the code sends it); undefined for any other reason.
 */
export function offeredReasonDisplay(t: Translator, code: string, system: string | null): string | undefined {
  if (system !== null && system !== OVERRIDE_SYSTEM) return undefined;
  const offered = OVERRIDE_CODES.find((c) => c === code);
  return offered ? t.t(`override.${offered}`) : undefined;
}

export interface CardContext {
  config: SiteConfig;
  t: Translator;
  patientId: string;
  /** Draft resources by `Type/id`, for update actions. */
  drafts: ReadonlyMap<string, Record<string, unknown>>;
  /** What could not be obtained (optional prefetch), said in every card. */
  missing: readonly string[];
}

/** The draft with a course length set on every dosage (copies only what changes). */
function withBounds(resource: Record<string, unknown>, days: number): Record<string, unknown> {
  const dosages =
    Array.isArray(resource.dosageInstruction) && resource.dosageInstruction.length > 0
      ? resource.dosageInstruction
      : [{}];
  const boundsDuration = { value: days, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' };
  return {
    ...resource,
    dosageInstruction: dosages.map((d: Record<string, unknown>) => {
      const timing = (d.timing ?? {}) as Record<string, unknown>;
      return {
        ...d,
        timing: { ...timing, repeat: { ...((timing.repeat ?? {}) as Record<string, unknown>), boundsDuration } },
      };
    }),
  };
}

function actionsFor(s: Suggestion, ctx: CardContext): Action[] | undefined {
  const { t } = ctx;
  switch (s.kind) {
    case 'remove-order':
      return [{ type: 'delete', description: t.t('action.remove', { order: s.order }), resourceId: s.order }];
    case 'order-panel':
      return s.codes.map((c) => ({
        type: 'create' as const,
        description: t.t('action.orderTest', { test: c.display, code: c.code }),
        resource: {
          resourceType: 'ServiceRequest',
          status: 'draft',
          intent: 'order',
          category: [
            { coding: [{ system: 'http://snomed.info/sct', code: '108252007', display: 'Laboratory procedure' }] },
          ],
          code: { coding: [{ system: 'http://loinc.org', code: c.code, display: c.display }], text: c.display },
          subject: { reference: `Patient/${ctx.patientId}` },
        },
      }));
    case 'add-stop-date': {
      const draft = ctx.drafts.get(s.order);
      if (!draft) return undefined;
      return [
        {
          type: 'update',
          description: t.t('action.limitCourse', { order: s.order, duration: t.duration(s.days) }),
          resource: withBounds(draft, s.days),
        },
      ];
    }
  }
}

function appLink(ctx: CardContext, context: Record<string, string>): Link {
  const { launchUrl, linkType } = ctx.config.app;
  const label = ctx.t.t('card.openApp');
  if (linkType === 'absolute') {
    const url = new URL(launchUrl);
    for (const [k, v] of Object.entries(context)) url.searchParams.set(k, v);
    return { label, url: url.toString(), type: 'absolute' };
  }
  return { label, url: launchUrl, type: 'smart', appContext: JSON.stringify(context) };
}

function missingNote(ctx: CardContext): string {
  return ctx.missing.length > 0 ? `\n\n${ctx.t.t('detail.missing', { missing: ctx.t.list(ctx.missing) })}` : '';
}

/** One card for one draft order: all its findings, the most severe first. */
export function assessmentToCard(assessment: OrderAssessment, ctx: CardContext): Card {
  const uuid = randomUUID();
  const suggestions: CardSuggestion[] = [];
  for (const s of assessment.suggestions) {
    const actions = actionsFor(s, ctx);
    if (actions && actions.length > 0) {
      // One primary action: the first suggestion is the recommended one.
      suggestions.push({
        label: s.label,
        uuid: randomUUID(),
        ...(suggestions.length === 0 ? { isRecommended: true } : {}),
        actions,
      });
    }
  }
  const [main] = assessment.findings as [Finding, ...Finding[]];
  return {
    uuid,
    summary: fitSummary(assessment.summary),
    detail: assessment.detail + missingNote(ctx),
    indicator: assessment.indicator,
    source: {
      label: ctx.t.t('card.source'),
      topic: { system: RULE_TOPIC_SYSTEM, code: main.ruleId, display: ctx.t.t(`ruleTitle.${main.ruleId}`) },
    },
    ...(suggestions.length > 0 ? { suggestions, selectionBehavior: 'at-most-one' as const } : {}),
    ...(assessment.indicator !== 'info' ? { overrideReasons: overrideReasons(ctx.t) } : {}),
    links: [
      appLink(ctx, {
        // A card about a course (monitoring, review, end point, response, adverse signal) opens the app's Courses view.
        view: COURSE_RULES.has(main.ruleId) ? 'courses' : 'findings',
        rule: main.ruleId,
        order: assessment.order.reference,
        cardUuid: uuid,
      }),
    ],
    extension: {
      [RULES_EXTENSION]: assessment.findings.map((f) => ({
        code: f.ruleId,
        display: ctx.t.t(`ruleTitle.${f.ruleId}`),
        indicator: f.indicator,
      })),
    },
  };
}

/**
 * patient-view: at most one card, only when the profile shows a deficit or excess or a current
 * immunomodulator needs review.
 */
export function summaryCard(
  profile: ImmuneProfile,
  assessments: readonly OrderAssessment[],
  ctx: CardContext,
): Card | undefined {
  const { t } = ctx;
  const abnormal = profile.compartments.filter((c) => c.status === 'deficit' || c.status === 'excess');
  if (abnormal.length === 0 && assessments.length === 0) return undefined;
  const parts: string[] = [];
  if (abnormal.length > 0) {
    parts.push(
      abnormal
        .map((c) =>
          t.t('summaryCard.compartment', {
            compartment: t.t(`compartment.${c.compartment}`),
            status: t.t(`status.${c.status}`),
          }),
        )
        .join(', '),
    );
  }
  if (assessments.length > 0) parts.push(t.t('summaryCard.currentFindings', { count: assessments.length }));
  const indicator = assessments.some((a) => a.indicator === 'critical')
    ? 'critical'
    : assessments.some((a) => a.indicator === 'warning')
      ? 'warning'
      : 'info';
  const uuid = randomUUID();
  const detail = [
    t.t('summaryCard.profileHeading'),
    profile.compartments.map((c) => `- ${escapeMarkdown(c.summary)}`).join('\n'),
    ...(assessments.length > 0
      ? [
          t.t('summaryCard.currentHeading'),
          assessments.map((a) => `- **${t.t(`indicator.${a.indicator}`)}**: ${escapeMarkdown(a.summary)}`).join('\n'),
        ]
      : []),
  ].join('\n\n');
  const main = assessments[0]?.findings[0];
  return {
    uuid,
    summary: fitSummary(t.t('summaryCard.summary', { parts: parts.join('; ') })),
    detail: detail + missingNote(ctx),
    indicator,
    source: {
      label: t.t('card.source'),
      topic: {
        system: RULE_TOPIC_SYSTEM,
        code: main?.ruleId ?? SUMMARY_TOPIC,
        display: t.t(`ruleTitle.${main?.ruleId ?? SUMMARY_TOPIC}`),
      },
    },
    ...(indicator !== 'info' ? { overrideReasons: overrideReasons(t) } : {}),
    links: [appLink(ctx, { view: 'profile', cardUuid: uuid })],
    ...(assessments.length > 0
      ? {
          extension: {
            [RULES_EXTENSION]: assessments.flatMap((a) =>
              a.findings.map((f) => ({
                code: f.ruleId,
                display: t.t(`ruleTitle.${f.ruleId}`),
                indicator: f.indicator,
              })),
            ),
          },
        }
      : {}),
  };
}
