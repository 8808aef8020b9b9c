import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../cds-hooks/logger.js';
import { LogCapture, leakNeedles, registerSecret, scanLogLines } from '../helpers/log-capture.js';
import { BASE, sign } from '../helpers/service.js';

/**
 * The log scan of test/setup/log-scan.ts must be able to fail: these lines go to a capture of
 * their own, not to the one the setup file scans after this file.
 */

const AUD = `${BASE}/cds-services/immunosteward-order-sign`;

/** A request record with every kind of secret and PHI the scan looks for. */
async function leakyRecord() {
  const token = await sign(AUD);
  return {
    token,
    record: {
      headers: { authorization: `Bearer ${token}` },
      fhirAuthorization: { access_token: 'secret-access-token', token_type: 'Bearer' },
      name: 'Jasur Toshmatov',
    },
  };
}

describe('the log scan (perf-security D1)', () => {
  it('finds a registered secret logged through a logger without redaction, and says where, not what', async () => {
    const capture = new LogCapture();
    const { token, record } = await leakyRecord();
    pino({ level: 'debug' }, capture.destination).info(record, 'incoming request');
    pino({ level: 'debug' }, capture.destination).debug({ mrn: 'MRN-300902' }, 'patient');

    const matches = scanLogLines(capture.lines, leakNeedles());
    expect(new Set(matches.map((m) => m.kind))).toEqual(
      new Set([
        'secret',
        'jwt',
        'bearer-credential',
        'authorization-header',
        'access-token',
        'patient-name',
        'patient-identifier',
      ]),
    );
    expect(matches).toContainEqual(expect.objectContaining({ line: 1, kind: 'secret', field: 'authorization' }));
    expect(matches).toContainEqual(expect.objectContaining({ line: 2, kind: 'patient-identifier', field: 'mrn' }));
    const report = JSON.stringify(matches);
    for (const value of [token, token.split('.')[2] as string, 'secret-access-token', 'Toshmatov', 'MRN-300902'])
      expect(report).not.toContain(value);
  });

  it('finds nothing in the same record written through the service logger', async () => {
    const capture = new LogCapture();
    const { record } = await leakyRecord();
    createLogger('debug', capture.destination).info(record, 'incoming request');
    expect(capture.lines).toHaveLength(1);
    expect(scanLogLines(capture.lines, leakNeedles())).toEqual([]);
  });

  it('matches a secret anywhere but names and identifiers only as whole words', () => {
    registerSecret('k3y-material-for-the-scan');
    const lines = ['{"msg":"Amirov and MRN-4127511"}', '{"msg":"Bob"}', '{"note":"xk3y-material-for-the-scanx Amir"}'];
    expect(scanLogLines(lines, leakNeedles()).map((m) => [m.line, m.kind, m.field])).toEqual([
      [3, 'secret', 'note'],
      [3, 'patient-name', 'note'],
    ]);
  });

  it('reassembles lines a child process writes in arbitrary chunks', () => {
    const capture = new LogCapture();
    for (const chunk of ['{"a":1}\n{"b"', ':2}\n\n', '{"c":3}']) capture.record(chunk);
    capture.flush();
    expect(capture.lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });
});
