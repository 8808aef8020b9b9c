import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Analytics } from '../../src/contract/analytics.js';
import { operationOutcome, outcome } from '../../src/contract/operation-outcome.js';
import type { SiteConfig } from '../../src/core/config/schema.js';
import { formatPath } from '../../src/core/util/path.js';
import { measuresCsv } from '../population/measures/files.js';
import type { FeedbackStore } from '../store/types.js';
import { populationAnswer, populationParams } from './population.js';

/**
 * Override analytics for informatics teams: `/admin` (the page, no data in it) and
 * `/admin/api/*` (JSON and CSV behind `Authorization: Bearer <admin token>`). Registered only when
 * an admin token is configured; the token is compared by its SHA-256 in constant time.
 */

export interface AdminRoutesOptions {
  store: FeedbackStore;
  tokenSha256: string;
  /** The built app, which holds admin.html. */
  appDir?: string | undefined;
  /** The population warehouse and go-live date (`/admin/population`). */
  population?: SiteConfig['population'];
}

const DAY_MS = 86_400_000;

/** A calendar date (whole day, UTC) or an instant. */
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    message: 'a date (YYYY-MM-DD) or an instant',
    abort: true,
  })
  // Date.parse rolls 2026-02-30 over to March: the calendar date must read back unchanged.
  .refine((v) => {
    const time = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
    return !Number.isNaN(time) && (v.length > 10 || new Date(time).toISOString().startsWith(v));
  }, 'not a valid date');

const analyticsParams = z
  .strictObject({
    /** Start of the period (default: 30 days before `to`). */
    from: instant.optional(),
    /** End of the period, exclusive; a date means the whole of that day (default: now). */
    to: instant.optional(),
    tenant: z.string().min(1).max(200).optional(),
  })
  .refine((p) => p.from === undefined || p.to === undefined || Date.parse(p.from) < endOf(p.to), {
    message: '`from` must be before `to`',
    path: ['from'],
  });

function endOf(value: string): number {
  const time = Date.parse(value);
  return value.length === 10 ? time + DAY_MS : time;
}

const CSV_COLUMNS = [
  'rule',
  'tenant',
  'shown',
  'accepted',
  'overridden',
  'overrideRate',
  'comments',
  'suggestionsAccepted',
  'topReasons',
] as const;

/** One CSV cell (RFC 4180), neutralised against formula injection in spreadsheets. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function analyticsCsv(analytics: Analytics): string {
  const rows = analytics.rules.map((r) =>
    [
      r.rule,
      r.tenant,
      r.shown,
      r.accepted,
      r.overridden,
      r.overrideRate === null ? null : r.overrideRate.toFixed(3),
      r.comments,
      r.suggestionsAccepted,
      r.topReasons.map((t) => `${t.display ?? t.code} (${t.count})`).join('; '),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, options) => {
  const expected = Buffer.from(options.tokenSha256, 'hex');

  function authorized(request: FastifyRequest, reply: FastifyReply): boolean {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const digest = createHash('sha256')
      .update(token ?? '')
      .digest();
    if (token && timingSafeEqual(digest, expected)) return true;
    request.log.warn({ path: request.url.split('?')[0] }, 'admin authentication failed');
    reply.code(401).header('www-authenticate', 'Bearer').send(outcome('security', 'Authentication failed.'));
    return false;
  }

  async function analytics(request: FastifyRequest, reply: FastifyReply): Promise<Analytics | undefined> {
    const parsed = analyticsParams.safeParse(request.query);
    if (!parsed.success) {
      reply.code(400).send(
        operationOutcome(
          parsed.error.issues.map((i) => ({
            code: 'invalid',
            diagnostics: i.code === 'unrecognized_keys' ? `unknown parameter(s): ${i.keys.join(', ')}` : i.message,
            expression: formatPath(i.path, '(query)'),
          })),
        ),
      );
      return undefined;
    }
    const { from, to, tenant } = parsed.data;
    // Up to now, this millisecond included: the period is [from, to), and feedback acknowledged
    // a moment ago may carry this very instant (seen when a card's feedback and the query met).
    const end = to === undefined ? Date.now() + 1 : endOf(to);
    const start = from === undefined ? end - 30 * DAY_MS : Date.parse(from);
    return options.store.analytics({
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
      ...(tenant ? { tenant } : {}),
    });
  }

  async function population(request: FastifyRequest, reply: FastifyReply) {
    const parsed = populationParams.safeParse(request.query);
    if (!parsed.success) {
      reply.code(400).send(
        operationOutcome(
          parsed.error.issues.map((i) => ({
            code: 'invalid',
            diagnostics: i.code === 'unrecognized_keys' ? `unknown parameter(s): ${i.keys.join(', ')}` : i.message,
            expression: formatPath(i.path, '(query)'),
          })),
        ),
      );
      return undefined;
    }
    if (!options.population) {
      reply.code(404).send(outcome('not-found', 'No population warehouse is configured (population.warehouse).'));
      return undefined;
    }
    const answer = await populationAnswer(options.population, parsed.data, options.store);
    if ('report' in answer) return answer.report;
    reply.code(answer.status).send(outcome(answer.status === 404 ? 'not-found' : 'transient', answer.message));
    return undefined;
  }

  app.get('/admin/api/population', async (request, reply) => {
    if (!authorized(request, reply)) return reply;
    const report = await population(request, reply);
    return report ? reply.header('cache-control', 'no-store').send(report) : reply;
  });

  app.get('/admin/api/population.csv', async (request, reply) => {
    if (!authorized(request, reply)) return reply;
    const report = await population(request, reply);
    if (!report) return reply;
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="immunosteward-population.csv"')
      .send(measuresCsv(report));
  });

  app.get('/admin/population', async (_request, reply) => page(reply));

  app.get('/admin', async (_request, reply) => page(reply));

  async function page(reply: FastifyReply) {
    if (!options.appDir) return reply.code(404).send(outcome('not-found', 'the admin page needs the built app'));
    const html = await readFile(join(options.appDir, 'admin.html'), 'utf8');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
      )
      .send(html);
  }

  app.get('/admin/api/analytics', async (request, reply) => {
    if (!authorized(request, reply)) return reply;
    const result = await analytics(request, reply);
    return result ? reply.header('cache-control', 'no-store').send(result) : reply;
  });

  app.get('/admin/api/analytics.csv', async (request, reply) => {
    if (!authorized(request, reply)) return reply;
    const result = await analytics(request, reply);
    if (!result) return reply;
    const day = result.query.to.slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="immunosteward-overrides-${day}.csv"`)
      .send(analyticsCsv(result));
  });
};
