import { z } from 'zod';
import { biomarkerById } from '../biomarkers/catalog.js';
import { agentById, classById } from '../drugs/knowledge-base.js';
import { monitoringPlanById } from '../drugs/monitoring-plans.js';
import { LOCALES } from '../messages/translator.js';
import { INDICATORS, RULE_IDS, type RuleId } from '../rules/ids.js';
import { formatPath } from '../util/path.js';
import { populationConfig } from './population.js';

/**
 * The site configuration that informatics teams edit. Strict: an unknown key is an error that
 * names its path (a typo must never silently disable a rule). Every key has a default, so an
 * empty file is a valid configuration.
 */

const localLabCode = z
  .strictObject({
    system: z.string().min(1).describe('Code system URI of the local lab code.'),
    code: z.string().min(1).describe('The local code.'),
    biomarker: z
      .string()
      .refine((id) => biomarkerById(id) !== undefined, { message: 'not a biomarker id of the catalog' })
      .describe('Catalog biomarker id the code measures (e.g. `cd4`, `igg`).'),
    unit: z.string().optional().describe('Unit to assume when the lab sends values without one.'),
  })
  .describe('A local laboratory code mapped onto a catalog biomarker.');

/** The catalog's sourced adult cut-off is the default: the number lives in one place. */
function catalogAdult(biomarker: string, kind: 'deficitBelow' | 'liveVaccineSevereBelow' = 'deficitBelow'): number {
  const threshold = biomarkerById(biomarker)?.[kind]?.find((t) => t.ages?.belowYears === undefined);
  if (!threshold) throw new Error(`catalog: ${biomarker} has no adult ${kind} threshold`);
  return threshold.value;
}

export const biomarkersConfig = z
  .strictObject({
    staleAfterDays: z
      .number()
      .int()
      .positive()
      .default(180)
      .describe('A result older than this many days is stale: shown, never evidence of a normal value.'),
  })
  .prefault({});

const localDrugCode = z
  .strictObject({
    system: z.string().min(1).describe('Code system URI of the local formulary code.'),
    code: z.string().min(1).describe('The local code.'),
    agent: z
      .string()
      .refine((id) => agentById(id) !== undefined, { message: 'not a knowledge-base agent id' })
      .optional()
      .describe('Knowledge-base agent id (e.g. `azoximer-bromide`).'),
    class: z
      .string()
      .refine((id) => classById(id) !== undefined, { message: 'not a knowledge-base class id' })
      .optional()
      .describe('Knowledge-base class id, when the code names a class (e.g. `bacterial-lysate`).'),
  })
  .refine((c) => c.agent !== undefined || c.class !== undefined, { message: 'name an agent or a class' })
  .describe('A local drug code mapped onto the knowledge base.');

export const localCodesConfig = z
  .strictObject({
    labs: z.array(localLabCode).default([]).describe('Local laboratory codes mapped to catalog biomarkers.'),
    drugs: z.array(localDrugCode).default([]).describe('Local formulary codes mapped to agents or classes.'),
  })
  .prefault({});

const ruleConfig = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Whether the rule runs.'),
    indicator: z
      .enum(INDICATORS)
      .optional()
      .describe('Forces the card indicator of every finding of the rule (default: the rule decides per finding).'),
  })
  .prefault({});

export const rulesConfig = z
  .strictObject(Object.fromEntries(RULE_IDS.map((id) => [id, ruleConfig])) as Record<RuleId, typeof ruleConfig>)
  .prefault({});

export const thresholdsConfig = z
  .strictObject({
    deficit: z
      .strictObject({
        neutrophils: z
          .number()
          .positive()
          .default(catalogAdult('neutrophils'))
          .describe(
            "ANC below this (/uL) is a deficit in adults (ASCO/IDSA 2018); under 18 a count is judged only by the lab's range or a sourced age band.",
          ),
        lymphocytes: z
          .number()
          .positive()
          .default(catalogAdult('lymphocytes'))
          .describe('ALC below this (/uL) is a deficit in adults (working threshold).'),
        cd4: z
          .number()
          .positive()
          .default(catalogAdult('cd4'))
          .describe(
            "CD4 below this (/uL) is a deficit in adults (CDC 2014); under 18: the lab's range or the CDC 1994 age bands.",
          ),
        cd4Percent: z
          .number()
          .positive()
          .default(catalogAdult('cd4-pct'))
          .describe('CD4 below this (%) is a deficit (CDC 2014).'),
        iggMgDl: z
          .number()
          .positive()
          .optional()
          .describe("IgG below this (mg/dL) is a deficit; default: the lab's lower reference limit."),
      })
      .prefault({}),
    liveVaccine: z
      .strictObject({
        chemoBeforeDays: z
          .number()
          .int()
          .nonnegative()
          .default(14)
          .describe('No live vaccine this many days before chemotherapy (CDSi).'),
        chemoAfterDays: z
          .number()
          .int()
          .nonnegative()
          .default(90)
          .describe('… nor this many days after it ends (CDSi: 3 months).'),
        immuneMediatorDays: z
          .number()
          .int()
          .nonnegative()
          .default(30)
          .describe('… nor within this many days of CSFs, interleukins, levamisole, bladder BCG (ACIP: 1 month).'),
        antiBCellDays: z
          .number()
          .int()
          .nonnegative()
          .default(180)
          .describe('… nor within this many days of anti-B-cell antibodies (IDSA 2013: 6 months).'),
        glucocorticoidPrednisoneMgPerDay: z
          .number()
          .positive()
          .default(20)
          .describe('Systemic glucocorticoid dose (prednisone equivalent) that is immunosuppressive…'),
        glucocorticoidDays: z
          .number()
          .int()
          .positive()
          .default(14)
          .describe('… when given for at least this many days (ACIP).'),
        cd4: z
          .number()
          .positive()
          .default(catalogAdult('cd4', 'liveVaccineSevereBelow'))
          .describe(
            'No live vaccine with a CD4 count below this (/uL) from age 6 (ACIP MMR 2013; IDSA 2013 from age 14); younger children: the CDC 1994 age bands (< 750 /uL under 12 months, < 500 /uL at 1–5 years).',
          ),
        cd4Percent: z
          .number()
          .positive()
          .default(catalogAdult('cd4-pct', 'liveVaccineSevereBelow'))
          .describe('… nor with CD4 below this (%), at any age (IDSA 2013, ACIP MMR 2013).'),
        liveBeforeImmunosuppressionDays: z
          .number()
          .int()
          .nonnegative()
          .default(28)
          .describe(
            'A live vaccine given less than this many days before starting immunosuppression is flagged (IDSA 2013: 4 weeks).',
          ),
      })
      .prefault({}),
    csf: z
      .strictObject({
        filgrastimHours: z
          .number()
          .positive()
          .default(24)
          .describe('No filgrastim this many hours before or after cytotoxic chemotherapy (label).'),
        pegfilgrastimBeforeDays: z
          .number()
          .positive()
          .default(14)
          .describe('No pegfilgrastim this many days before chemotherapy…'),
        pegfilgrastimAfterHours: z
          .number()
          .positive()
          .default(24)
          .describe('… nor within this many hours after it (label).'),
      })
      .prefault({}),
    courses: z
      .strictObject({
        maxDays: z
          .record(
            z.string().refine((id) => classById(id) !== undefined, { message: 'not a knowledge-base class id' }),
            z.number().int().positive(),
          )
          .default({})
          .describe('Maximum course length in days per knowledge-base class id (overrides the sourced defaults).'),
        suggestedDays: z
          .number()
          .int()
          .positive()
          .default(14)
          .describe(
            'Course length proposed by the "add a stop date" suggestion when the class has no sourced maximum (site default).',
          ),
        repeatCount: z.number().int().positive().default(2).describe('This many earlier courses of the same class…'),
        repeatWindowDays: z
          .number()
          .int()
          .positive()
          .default(365)
          .describe('… within this many days make a new one "repeated".'),
        continuationGapDays: z
          .number()
          .int()
          .nonnegative()
          .default(7)
          .describe(
            "An order of the same agent starting within this many days of the previous one's end continues its course (a refill, not a new course), as does one linked by `priorPrescription`, `basedOn` or a shared `groupIdentifier`.",
          ),
        reviewAfterDays: z
          .number()
          .int()
          .positive()
          .default(90)
          .describe(
            'A course whose orders give no end is reviewed this many days after it started, unless its class has a sourced maximum course (that maximum is the review date then).',
          ),
      })
      .prefault({}),
    monitoring: z
      .strictObject({
        baselineDays: z
          .number()
          .int()
          .nonnegative()
          .default(30)
          .describe('A result up to this many days before a course starts is its baseline.'),
        graceDays: z
          .number()
          .int()
          .nonnegative()
          .default(3)
          .describe(
            'A monitoring test is overdue this many days after its due date (a result on the way is not noise).',
          ),
        signalAfterEndDays: z
          .number()
          .int()
          .nonnegative()
          .default(90)
          .describe(
            'An autoimmune, allergic, lymphoproliferative or thyroid signal up to this many days after an immunostimulant course ended is still linked to it (expert opinion).',
          ),
        plans: z
          .record(
            z.string().refine((id) => monitoringPlanById(id) !== undefined, {
              message: 'not a monitoring plan id of the knowledge base',
            }),
            z.strictObject({
              enabled: z.boolean().default(true).describe('Whether the plan applies at this site.'),
              tests: z
                .record(
                  z.string(),
                  z.strictObject({
                    everyDays: z
                      .number()
                      .positive()
                      .optional()
                      .describe("One interval for the whole course, replacing the plan's schedule."),
                    baseline: z.boolean().optional().describe('Whether a result is needed before the start.'),
                  }),
                )
                .default({})
                .describe("Per test id of the plan: the site's interval or baseline."),
            }),
          )
          .default({})
          .describe('Site changes to the monitoring plans of the knowledge base, by plan id.'),
      })
      .prefault({}),
    response: z
      .strictObject({
        minCourseDays: z
          .number()
          .int()
          .positive()
          .default(28)
          .describe('A course is judged for response only after this many days (at least 4 weeks).'),
        minChangePercent: z
          .number()
          .positive()
          .max(100)
          .default(20)
          .describe(
            'The endpoint marker must move toward normal by at least this share of its value at the start (or reach the threshold) to count as a response (expert opinion).',
          ),
      })
      .prefault({}),
    recentExposureDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe(
        'An antineoplastic or checkpoint inhibitor ended within this many days still counts as current therapy.',
      ),
  })
  .prefault({});

const httpUrl = z.url({ protocol: /^https?$/ });

/** A language the cards are written in (CDS Hooks has no language field: the site decides). */
const language = z.enum(LOCALES, { message: `not a language ImmunoSteward writes: ${LOCALES.join(', ')}` });

/** A browser origin as browsers send it (`https://host`, `http://host:8080`), or `scheme://host:*` for any port. */
const CORS_ORIGIN = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:(\d{1,5}|\*))?$/;

export const serverConfig = z
  .strictObject({
    port: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(8080)
      .describe('TCP port (the `PORT` environment variable overrides it).'),
    host: z.string().default('127.0.0.1').describe('Interface to listen on (`0.0.0.0` behind a load balancer).'),
    trustProxy: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Addresses or CIDR ranges of the reverse proxies / load balancers whose `X-Forwarded-For` is trusted for the client IP (rate limit, logs).',
      ),
    publicUrl: httpUrl
      .default('http://localhost:8080')
      .describe('Public base URL of the service: JWT `aud` must equal `{publicUrl}/cds-services/{id}`.'),
    bodyLimitBytes: z
      .number()
      .int()
      .positive()
      .default(5 * 1024 * 1024)
      .describe('Largest accepted request body.'),
    corsOrigins: z
      .array(
        z.string().regex(CORS_ORIGIN, {
          message:
            'not a browser origin: write scheme://host or scheme://host:port in lower case (no path, no trailing slash), or scheme://host:* for any port; never *',
        }),
      )
      .default([])
      .describe(
        'Browser origins allowed to call the service, and in the embedded demo to read its FHIR server (e.g. the CDS Hooks sandbox, `https://sandbox.cds-hooks.org`); `scheme://host:*` allows every port of that host (`http://localhost:*`). Responses to them carry the CORS headers and `Cross-Origin-Resource-Policy: cross-origin`. Never `*`.',
      ),
    maxJsonDepth: z
      .number()
      .int()
      .min(8)
      .max(1000)
      .default(64)
      .describe('Deepest nesting of objects and arrays accepted in a request body (FHIR resources need about 10).'),
    requestTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe(
        'A request whose headers or body have not fully arrived within this time is answered 408 and its connection closed (slow-client protection).',
      ),
    keepAliveTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(72_000)
      .describe(
        'Idle keep-alive connections are closed after this time (keep it above the load balancer idle timeout).',
      ),
    rateLimit: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Limit requests per client IP address.'),
        max: z
          .number()
          .int()
          .positive()
          .default(6000)
          .describe(
            'Requests allowed per IP address per window: far above what an EHR sends (an EHR behind one NAT address can reach a few per second).',
          ),
        windowSeconds: z.number().int().positive().default(60).describe('Length of the rate-limit window.'),
        allowList: z
          .array(z.string().min(1))
          .default([])
          .describe('IP addresses never limited (e.g. the EHR integration engine).'),
      })
      .prefault({}),
    overload: z
      .strictObject({
        maxEventLoopDelayMs: z
          .number()
          .int()
          .positive()
          .default(1000)
          .describe('Above this event-loop delay the service answers 503 with Retry-After instead of queueing.'),
        maxHeapUsedBytes: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('Above this V8 heap use the service answers 503 (default: no heap limit).'),
        retryAfterSeconds: z.number().int().positive().default(10).describe('Retry-After sent with an overload 503.'),
      })
      .prefault({}),
  })
  .prefault({});

/** JWK members that only private (RSA, EC, OKP) or symmetric (`k`) keys have (RFC 7518 §6). */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const trustedIssuer = z
  .strictObject({
    iss: z.string().min(1).describe('The `iss` claim of the EHR (CDS client).'),
    jwksUrl: httpUrl.optional().describe("Where to fetch the issuer's JWK Set (cached, refreshed on unknown `kid`)."),
    jwks: z
      .strictObject({
        keys: z
          .array(
            z
              .record(z.string(), z.unknown())
              // A private or symmetric key in the configuration is a leaked secret: refuse it.
              .refine((k) => !PRIVATE_JWK_MEMBERS.some((m) => m in k), {
                message: 'a private or symmetric key: give the public key only',
              }),
          )
          .min(1),
      })
      .optional()
      .describe("The issuer's JWK Set, exchanged out of band."),
    jkuAllowed: z
      .array(httpUrl)
      .default([])
      .describe('`jku` header values accepted for this issuer (exact URLs); any other `jku` is refused.'),
    tenant: z.string().optional().describe('Tenant recorded with feedback when the token carries none.'),
    language: language
      .optional()
      .describe(
        "Language of the cards for this issuer's calls, whatever their `Accept-Language` says (the tenant's `language` comes first).",
      ),
  })
  .refine((i) => i.jwksUrl !== undefined || i.jwks !== undefined || i.jkuAllowed.length > 0, {
    message: 'give jwksUrl, jwks or jkuAllowed',
  });

export const JWT_ALGORITHMS = ['ES384', 'RS384', 'ES256', 'RS256', 'ES512', 'RS512', 'PS384'] as const;

export const authConfig = z
  .strictObject({
    disabled: z
      .boolean()
      .default(false)
      .describe('Accept requests without a JWT. For local development only: logged as a warning at every start.'),
    trustedIssuers: z.array(trustedIssuer).default([]).describe('EHRs allowed to call the service.'),
    algorithms: z
      .array(z.enum(JWT_ALGORITHMS))
      .min(1)
      .default(['ES384', 'RS384'])
      .describe('Accepted JWT signature algorithms (CDS Hooks recommends ES384 and RS384; `none` and HS* never).'),
    clockToleranceSeconds: z.number().int().min(0).max(60).default(60).describe('Leeway on `exp`, `nbf` and `iat`.'),
    maxTokenLifetimeSeconds: z
      .number()
      .int()
      .positive()
      .default(300)
      .describe('A token whose `iat` is older than this is refused; also the `jti` replay-cache lifetime.'),
    jwksTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(2000)
      .describe("Timeout of a fetch of an issuer's JWK Set; keys already fetched keep working while it is down."),
  })
  .prefault({});

export const fhirConfig = z
  .strictObject({
    allowedServers: z
      .array(httpUrl)
      .default([])
      .describe(
        'FHIR base URLs the service may call when prefetch is missing (prefix match on the URL). No others are ever contacted.',
      ),
    timeoutMs: z.number().int().positive().default(2000).describe('Timeout of each FHIR request.'),
    deadlineMs: z.number().int().positive().default(4000).describe('Overall deadline for fetching missing prefetch.'),
    maxPages: z.number().int().positive().default(10).describe('Most `next` pages followed per search.'),
    maxResponseBytes: z
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024)
      .describe('Most bytes read for one prefetch key (all pages of a search together); more counts as unobtainable.'),
  })
  .prefault({});

export const feedbackConfig = z
  .strictObject({
    store: z
      .string()
      .min(1)
      .default('immunosteward-feedback.sqlite')
      .describe(
        'Where cards, calls, feedback (and, for PostgreSQL, the JWT replay cache) are kept: a SQLite file path (`:memory:` for tests) or a `postgres://` URL for several instances.',
      ),
    poolSize: z.number().int().positive().default(10).describe('PostgreSQL connections per instance.'),
  })
  .prefault({});

export const appConfig = z
  .strictObject({
    launchUrl: httpUrl
      .default('http://localhost:8080/app/launch.html')
      .describe('SMART launch URL of the ImmunoSteward app, used in card links.'),
    linkType: z
      .enum(['smart', 'absolute'])
      .default('smart')
      .describe('`absolute` for EHRs that do not support SMART links with `appContext`.'),
    frameAncestors: z
      .array(z.string().min(1))
      .default(['*'])
      .describe("Origins allowed to frame the app (CSP frame-ancestors): list your EHR's origins in production."),
  })
  .prefault({});

export const loggingConfig = z
  .strictObject({
    level: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('Log level.'),
  })
  .prefault({});

export const adminConfig = z
  .strictObject({
    tokenSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256 digest (64 characters)')
      .optional()
      .describe(
        'SHA-256 of the admin token that opens `/admin` (the environment variable `IMMUNOSTEWARD_ADMIN_TOKEN` gives the token itself). Without either, `/admin` does not exist.',
      ),
  })
  .prefault({});

const tenantSection = (section: string) =>
  z
    .record(z.string(), z.unknown())
    .optional()
    .describe(`Same keys as the top-level \`${section}\`; merged over the site values for this tenant.`);

const tenantOverride = z
  .strictObject({
    rules: tenantSection('rules'),
    thresholds: tenantSection('thresholds'),
    app: tenantSection('app'),
    language: language
      .optional()
      .describe(
        "Language of the cards for this tenant's calls, whatever the issuer's `language` or `Accept-Language` says.",
      ),
  })
  .describe('What one tenant does differently from the site.');

/** Sections a tenant may override, with the schema that re-validates the merged result. */
const TENANT_SECTIONS = { rules: rulesConfig, thresholds: thresholdsConfig, app: appConfig } as const;

/** Population stewardship measures (issue 18): the trend is split at the hooks' go-live. */

export const siteConfigSchema = z
  .strictObject({
    server: serverConfig,
    auth: authConfig,
    fhir: fhirConfig,
    feedback: feedbackConfig,
    app: appConfig,
    logging: loggingConfig,
    biomarkers: biomarkersConfig,
    localCodes: localCodesConfig,
    rules: rulesConfig,
    thresholds: thresholdsConfig,
    admin: adminConfig,
    population: populationConfig,
    language: language
      .default('en')
      .describe(
        "The site's language of the cards. A call's cards are in its tenant's `tenants.<tenant>.language`, else its issuer's `auth.trustedIssuers[].language`, else the best supported language of the request's `Accept-Language` header (q-values honoured), else this one. Discovery and error answers are always in English.",
      ),
    tenants: z
      .record(z.string().min(1), tenantOverride)
      .default({})
      .describe(
        "Per-tenant overrides, keyed by tenant: the JWT `tenant` claim, or else the calling issuer's `tenant`.",
      ),
  })
  .superRefine((config, ctx) => {
    for (const [tenant, override] of Object.entries(config.tenants)) {
      for (const [section, schema] of Object.entries(TENANT_SECTIONS)) {
        const patch = override[section as keyof typeof TENANT_SECTIONS];
        if (patch === undefined) continue;
        const merged = schema.safeParse(mergeDeep(config[section as keyof typeof TENANT_SECTIONS], patch));
        for (const issue of merged.success ? [] : merged.error.issues) {
          ctx.addIssue({ ...issue, path: ['tenants', tenant, section, ...issue.path] } as never);
        }
      }
    }
  })
  .prefault({});

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type SiteConfigInput = z.input<typeof siteConfigSchema>;

export function defaultSiteConfig(): SiteConfig {
  return siteConfigSchema.parse({});
}

export interface ConfigError {
  path: string;
  message: string;
}

/** Validates a parsed configuration document; errors name each key path. */
export function validateSiteConfig(input: unknown): { config: SiteConfig } | { errors: ConfigError[] } {
  const result = siteConfigSchema.safeParse(input ?? {});
  if (result.success) return { config: result.data };
  return {
    errors: result.error.issues.map((issue) => ({
      path: formatPath(issue.path, '(root)'),
      message:
        issue.code === 'unrecognized_keys'
          ? `unknown key(s): ${issue.keys.join(', ')}`
          : issue.code === 'invalid_key'
            ? (issue.issues[0]?.message ?? issue.message)
            : issue.message,
    })),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `patch` over `base`: objects merge key by key; anything else in `patch` replaces. */
function mergeDeep(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = mergeDeep(base[key], value);
  return out;
}

/**
 * The configuration a tenant's calls run with: the site configuration with the tenant's rules,
 * thresholds and app (link) overrides merged in. The site schema has already validated the merge.
 */
export function tenantConfig(config: SiteConfig, tenant: string): SiteConfig {
  const override = config.tenants[tenant];
  if (!override) return config;
  const effective = { ...config };
  for (const [section, schema] of Object.entries(TENANT_SECTIONS)) {
    const patch = override[section as keyof typeof TENANT_SECTIONS];
    if (patch !== undefined) {
      (effective as Record<string, unknown>)[section] = schema.parse(
        mergeDeep(config[section as keyof typeof TENANT_SECTIONS], patch),
      );
    }
  }
  return effective;
}
