import { z } from 'zod';

/**
 * The `population` section: population stewardship measures (issue 18). `bulk` is the FHIR Bulk
 * Data client that exports the hospital's records (`immunosteward population export`).
 */

const httpUrl = z.url({ protocol: /^https?$/ });

/** An origin as URLs carry it: `https://host` or `https://host:port`, no path. */
const ORIGIN = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/;

/** A FHIR resource type name (`Patient`, `MedicationRequest`). */
const RESOURCE_TYPE = /^[A-Z][A-Za-z]+$/;

export const BULK_SIGNING_ALGORITHMS = ['RS384', 'ES384'] as const;

export const bulkConfig = z
  .strictObject({
    server: httpUrl
      .optional()
      .describe(
        'FHIR base URL of the Bulk Data server to export from; it must also be in `fhir.allowedServers`. The `--server` option of `population export` overrides it (and must be allowed too).',
      )
      .meta({ examples: ['https://ehr.example.org/fhir'] }),
    clientId: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The client id the server registered for SMART Backend Services (the client assertion's `iss` and `sub`).",
      )
      .meta({ examples: ['immunosteward-population'] }),
    privateKeyFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        "File with the site's private signing key: a private JWK, a JWK Set of private keys, or a PKCS#8 PEM. Its public key is what the server registered. Never printed or logged.",
      )
      .meta({ examples: ['/etc/immunosteward/bulk-client.pem'] }),
    algorithm: z
      .enum(BULK_SIGNING_ALGORITHMS)
      .optional()
      .describe(
        "Signature algorithm of the client assertion (default: the key's `alg`, else RS384 for an RSA key and ES384 for a P-384 key).",
      ),
    keyId: z
      .string()
      .min(1)
      .optional()
      .describe("`kid` of the client assertion's header (default: the JWK's `kid`); picks the key from a JWK Set.")
      .meta({ examples: ['immunosteward-population-es384'] }),
    scope: z
      .string()
      .min(1)
      .default('system/*.rs')
      .describe('Scope asked of the token endpoint (SMART v2 `system/*.rs`; older servers: `system/*.read`).'),
    group: z
      .string()
      .min(1)
      .optional()
      .describe('Group id to export (`Group/<id>/$export`); without it, a system-level export (`$export`).')
      .meta({ examples: ['all-inpatients'] }),
    types: z
      .array(z.string().regex(RESOURCE_TYPE, { message: 'not a FHIR resource type name' }))
      .default([])
      .describe('Resource types to export (`_type`); empty: every type the server exports.')
      .meta({ examples: [['Patient', 'Encounter', 'Condition', 'MedicationRequest', 'Observation', 'Immunization']] }),
    typeFilters: z
      .array(z.string().regex(/^[A-Z][A-Za-z]+\?./, { message: 'write ResourceType?search-parameters' }))
      .default([])
      .describe('`_typeFilter` queries, e.g. `MedicationRequest?status=active,completed`.')
      .meta({ examples: [['MedicationRequest?status=active,completed']] }),
    kickoff: z
      .enum(['post', 'get'])
      .default('post')
      .describe(
        'How the export is started: `post` sends a `Parameters` resource (Bulk Data 2.0 / STU4) and falls back to GET when the server answers 405 or 501; `get` sends query parameters (older servers).',
      ),
    additionalOrigins: z
      .array(
        z.string().regex(ORIGIN, {
          message: 'not an origin: write scheme://host or scheme://host:port in lower case, no path',
        }),
      )
      .default([])
      .describe(
        "Origins besides the FHIR server's that the client may contact: the token endpoint's or the file storage's when the server names them elsewhere. Any other URL (a job, a manifest file, a redirect) is refused.",
      )
      .meta({ examples: [['https://auth.example.org']] }),
    concurrency: z.number().int().min(1).max(16).default(2).describe('Files downloaded at the same time.'),
    requestTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(30_000)
      .describe(
        'Timeout of each request until its headers arrive; a download also fails when no byte arrives for this long.',
      ),
    deadlineMs: z
      .number()
      .int()
      .positive()
      .default(6 * 60 * 60 * 1000)
      .describe('Overall deadline of one export (kick-off, polling and downloads together).'),
    maxPollSeconds: z
      .number()
      .int()
      .positive()
      .default(60)
      .describe(
        'Longest wait between two status polls when the server sends no `Retry-After` (the wait doubles from 1 s up to this).',
      ),
    transientRetries: z
      .number()
      .int()
      .min(0)
      .default(5)
      .describe('Retries of one request after a 429, a 5xx or a broken connection, before the export fails.'),
    maxFileBytes: z
      .number()
      .int()
      .positive()
      .default(4 * 1024 ** 3)
      .describe('Most bytes accepted for one NDJSON file; a larger file fails the export.'),
    maxTotalBytes: z
      .number()
      .int()
      .positive()
      .default(200 * 1024 ** 3)
      .describe('Most bytes accepted for one export, all files together.'),
    maxResourceBytes: z
      .number()
      .int()
      .positive()
      .default(16 * 1024 * 1024)
      .describe('Longest NDJSON line (one resource) accepted; bounds the memory a download holds.'),
  })
  .prefault({});

export const populationConfig = z
  .strictObject({
    bulk: bulkConfig,
    warehouse: z
      .string()
      .min(1)
      .default('immunosteward-population.duckdb')
      .describe(
        'The population warehouse (a DuckDB file): `population classify` writes the classification into it, `population report` and `/admin/population` read it.',
      ),
    goLiveDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date (YYYY-MM-DD)', abort: true })
      .refine((v) => new Date(Date.parse(`${v}T00:00:00Z`)).toISOString().startsWith(v), 'not a valid date')
      .optional()
      .describe(
        'The day the CDS Hooks went live: the population report compares the months before it with the months from it on (the go-live month counts as after). Without it, no before/after split.',
      ),
  })
  .prefault({})
  .describe('Population stewardship: the Bulk export, the warehouse and the measures.');
