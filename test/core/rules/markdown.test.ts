import { describe, expect, it } from 'vitest';
import { escapeMarkdown, fitSummary } from '../../../src/core/rules/markdown.js';
import { run } from '../../helpers/evaluate.js';
import { medicationRequest, normalPanel } from '../../helpers/orders.js';

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
});
