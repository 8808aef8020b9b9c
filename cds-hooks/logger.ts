import pino, { type Logger } from 'pino';

/**
 * Structured logs that never carry secrets or patient data: the Authorization header,
 * `fhirAuthorization`, tokens and names are redacted wherever they appear, and request bodies are
 * never logged. Log `iss`, `tenant`, `jti`, hook, service, status and timings only.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  '*.authorization',
  'fhirAuthorization',
  '*.fhirAuthorization',
  'access_token',
  '*.access_token',
  'token',
  '*.token',
  'jwt',
  '*.jwt',
  'name',
  '*.name',
  'patientName',
  '*.patientName',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'immunosteward' },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string }) => ({
          method: req.method,
          // query strings may carry identifiers: log the path only
          url: req.url?.split('?')[0],
          id: req.id,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination,
  );
}
