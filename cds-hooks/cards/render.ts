import { randomUUID } from 'node:crypto';
import type { Action, Card, CardSuggestion, Link } from '../../src/contract/cds-hooks.js';
import type { ImmuneProfile } from '../../src/core/biomarkers/profile.js';
import type { SiteConfig } from '../../src/core/config/schema.js';
import { RULE_TITLES } from '../../src/core/rules/ids.js';
import { escapeMarkdown, fitSummary } from '../../src/core/rules/markdown.js';
import type { Finding, Suggestion } from '../../src/core/rules/types.js';

/**
 * CDS Hooks cards from findings. Every card: uuid, summary < 140, indicator, source with the rule
 * as topic; suggestions carry uuids, `selectionBehavior` and actions with descriptions; warning and
 * critical cards carry override reasons with displays; a link opens the app. No null values and no
 * empty arrays (CDS Hooks 2.0 §Use of JSON).
 */

export const RULE_TOPIC_SYSTEM = 'urn:immunosteward:rule';
const OVERRIDE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes';

/** HL7 non-adherence reason codes (CDS Hooks 3.0 ballot CodeSystem), with its displays. */
export const OVERRIDE_REASONS = [
  { code: 'indication-order-exists', display: 'Patient has indication/order for intended action' },
  { code: 'risk-benefit-ratio', display: 'Recipient assessment of risk/benefit ratio' },
  { code: 'expert-contradicts', display: 'Advice from expert contradicts the recommended action' },
  {
    code: 'action-performed-no-adverse-effect',
    display: 'Intended action was performed previously without adverse effect',
  },
].map((r) => ({ system: OVERRIDE_SYSTEM, ...r }));

export interface CardContext {
  config: SiteConfig;
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
  switch (s.kind) {
    case 'remove-order':
      return [{ type: 'delete', description: `Remove the draft order ${s.order}`, resourceId: s.order }];
    case 'order-panel':
      return s.codes.map((c) => ({
        type: 'create' as const,
        description: `Order ${c.display} (LOINC ${c.code})`,
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
        { type: 'update', description: `Limit ${s.order} to ${s.days} days`, resource: withBounds(draft, s.days) },
      ];
    }
  }
}

function appLink(config: SiteConfig, context: Record<string, string>): Link {
  const { launchUrl, linkType } = config.app;
  if (linkType === 'absolute') {
    const url = new URL(launchUrl);
    for (const [k, v] of Object.entries(context)) url.searchParams.set(k, v);
    return { label: 'Open the immune profile in ImmunoSteward', url: url.toString(), type: 'absolute' };
  }
  return {
    label: 'Open the immune profile in ImmunoSteward',
    url: launchUrl,
    type: 'smart',
    appContext: JSON.stringify(context),
  };
}

export function findingToCard(finding: Finding, ctx: CardContext): Card {
  const uuid = randomUUID();
  const suggestions: CardSuggestion[] = [];
  for (const s of finding.suggestions) {
    const actions = actionsFor(s, ctx);
    if (actions && actions.length > 0) suggestions.push({ label: s.label, uuid: randomUUID(), actions });
  }
  const note =
    ctx.missing.length > 0
      ? `\n\n_Not available to this check: ${ctx.missing.join(', ')}. The finding rests on the data that was available._`
      : '';
  const firstUrl = finding.sources.find((s) => s.url)?.url;
  return {
    uuid,
    summary: fitSummary(finding.summary),
    detail: finding.detail + note,
    indicator: finding.indicator,
    source: {
      label: 'ImmunoSteward',
      ...(firstUrl ? { url: firstUrl } : {}),
      topic: { system: RULE_TOPIC_SYSTEM, code: finding.ruleId, display: RULE_TITLES[finding.ruleId] },
    },
    ...(suggestions.length > 0 ? { suggestions, selectionBehavior: 'at-most-one' as const } : {}),
    ...(finding.indicator !== 'info' ? { overrideReasons: OVERRIDE_REASONS } : {}),
    links: [
      appLink(ctx.config, {
        view: 'findings',
        rule: finding.ruleId,
        ...(finding.order ? { order: finding.order.reference } : {}),
        cardUuid: uuid,
      }),
    ],
  };
}

/**
 * patient-view: at most one card, only when the profile shows a deficit or excess or a current
 * immunomodulator needs review.
 */
export function summaryCard(profile: ImmuneProfile, findings: readonly Finding[], ctx: CardContext): Card | undefined {
  const abnormal = profile.compartments.filter((c) => c.status === 'deficit' || c.status === 'excess');
  if (abnormal.length === 0 && findings.length === 0) return undefined;
  const parts: string[] = [];
  if (abnormal.length > 0) parts.push(abnormal.map((c) => `${c.label} ${c.status}`).join(', '));
  if (findings.length > 0)
    parts.push(`${findings.length} current immunomodulator finding${findings.length > 1 ? 's' : ''}`);
  const indicator = findings.some((f) => f.indicator === 'critical')
    ? 'critical'
    : findings.some((f) => f.indicator === 'warning')
      ? 'warning'
      : 'info';
  const uuid = randomUUID();
  const detail = [
    '**Immune profile**',
    profile.compartments.map((c) => `- ${escapeMarkdown(c.summary)}`).join('\n'),
    ...(findings.length > 0
      ? [
          '**Current immunomodulators**',
          findings.map((f) => `- **${f.indicator}**: ${escapeMarkdown(f.summary)}`).join('\n'),
        ]
      : []),
  ].join('\n\n');
  return {
    uuid,
    summary: fitSummary(`Immune profile: ${parts.join('; ')}`),
    detail,
    indicator,
    source: {
      label: 'ImmunoSteward',
      topic: {
        system: RULE_TOPIC_SYSTEM,
        code: findings[0]?.ruleId ?? 'immune-profile',
        display: findings[0] ? RULE_TITLES[findings[0].ruleId] : 'Immune profile summary',
      },
    },
    ...(indicator !== 'info' ? { overrideReasons: OVERRIDE_REASONS } : {}),
    links: [appLink(ctx.config, { view: 'profile', cardUuid: uuid })],
  };
}
