import { describe, expect, it } from 'vitest';
import { escapeMarkdown, fitSummary, listOf } from '../../../src/core/rules/markdown.js';
import { run } from '../../helpers/evaluate.js';
import { drugs, medicationRequest, normalPanel } from '../../helpers/orders.js';

describe('markdown safety', () => {
  it('escapes emphasis, code, links, tables and HTML in request text', () => {
    expect(escapeMarkdown('*x* _y_ `z` [a](javascript:b) <img src=x onerror=y> |c| ~d~ e&f\nnext')).toBe(
      '\\*x\\* \\_y\\_ \\`z\\` \\[a\\](javascript:b) &lt;img src=x onerror=y&gt; \\|c\\| \\~d\\~ e&amp;f next',
    );
  });

  it('never lets order text inject markup into a finding', () => {
    const hostile = medicationRequest({
      id: 'd-x',
      status: 'draft',
      text: 'Broncho-Vaxom [click](https://evil.example) <script>alert(1)</script>',
    });
    const findings = run({ record: normalPanel(), drafts: [hostile] });
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.detail).not.toContain('<script>');
      expect(f.detail).not.toContain('[click](https://evil.example)');
      expect(f.summary.length).toBeLessThan(140);
    }
  });

  it('cuts summaries to fewer than 140 characters', () => {
    expect(fitSummary('x'.repeat(300))).toHaveLength(139);
    expect(fitSummary('short')).toBe('short');
  });

  it('bounds text copied from a request and lists at most five names', () => {
    expect(escapeMarkdown('x'.repeat(5000))).toHaveLength(200);
    expect(listOf(['a*', 'b', 'c'])).toBe('a\\*, b, c');
    expect(listOf(Array.from({ length: 12 }, (_, i) => `drug ${i}`))).toBe(
      'drug 0, drug 1, drug 2, drug 3, drug 4 and 7 more',
    );
  });

  it('keeps card detail linear in the number of draft orders', () => {
    // Stacked immunostimulants: every draft concerns the other class's drafts.
    const drafts = Array.from({ length: 60 }, (_, i) =>
      i % 2
        ? medicationRequest({
            id: `d-${i}`,
            status: 'draft',
            text: `Broncho-Vaxom ${'x'.repeat(400)} ${i}`,
            boundsDays: 10,
          })
        : medicationRequest({ id: `d-${i}`, status: 'draft', codings: drugs.inosinePranobex, boundsDays: 10 }),
    );
    const findings = run({ record: normalPanel(), drafts });
    const stacked = findings.filter((f) => f.ruleId === 'immunomodulator-conflict');
    expect(stacked).toHaveLength(60);
    for (const f of stacked) {
      expect(f.detail).toMatch(/ and \d+ more/);
      expect(f.detail.length).toBeLessThan(4000);
      expect(f.evidence.length).toBeGreaterThan(25);
    }
  });
});
