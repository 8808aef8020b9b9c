// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FindingsList } from '../../src/app/views/FindingsList.js';
import { Markdown } from '../../src/app/views/Markdown.js';
import { RULE_TITLES } from '../../src/core/rules/ids.js';
import type { Finding } from '../../src/core/rules/types.js';
import { byRule, run } from '../helpers/evaluate.js';
import { drugs, medicationRequest, normalPanel } from '../helpers/orders.js';

afterEach(cleanup);

const HOSTILE = '<img src=x onerror=alert(1)>';

const lysate = (id = 'd-lysate', text = 'Бронхо-мунал 7 мг капсулы') =>
  medicationRequest({
    id,
    status: 'draft',
    text,
    dose: { value: 1, unit: 'capsule', code: '{capsule}' },
    boundsDays: 10,
  });

/** Findings produced by the core: a bacterial lysate on a normal panel, plus an unbounded vitamin D. */
function coreFindings(): Finding[] {
  const vitaminD = medicationRequest({
    id: 'd-vitd',
    status: 'draft',
    codings: drugs.colecalciferol,
    dose: { value: 2000, unit: '[iU]' },
  });
  return run({ record: normalPanel(), drafts: [lysate(), vitaminD] });
}

/** Waits until the lazily loaded markdown renderer has replaced its fallbacks. */
async function markdownLoaded(container: HTMLElement, count: number) {
  await screen.findAllByText(/What to do:/, { selector: 'strong' });
  expect(container.querySelectorAll('.markdown')).toHaveLength(count);
}

describe('FindingsList', () => {
  it('renders core findings severity-ranked with badge text, rule title, evidence and linked sources', async () => {
    const findings = coreFindings();
    expect(findings.length).toBeGreaterThanOrEqual(2);
    const { container } = render(<FindingsList findings={findings} />);
    const items = within(screen.getByRole('list', { name: /Findings/ })).getAllByRole('article');
    expect(items).toHaveLength(findings.length);
    // The core's order (critical, warning, info) is kept, and each badge says its level in words.
    const levels = items.map((item) => item.querySelector('.badge')?.textContent?.trim());
    expect(levels).toEqual(findings.map((f) => f.indicator[0]?.toUpperCase() + f.indicator.slice(1)));

    const [booster] = byRule(findings, 'booster-not-indicated');
    if (!booster) throw new Error('expected a booster-not-indicated finding');
    const article = screen.getByRole('heading', { name: booster.summary }).closest('article') as HTMLElement;
    const scope = within(article);
    expect(scope.getByText(RULE_TITLES['booster-not-indicated'], { exact: false })).toBeTruthy();
    // No rule id where a physician reads (it stays a data attribute).
    expect(article.textContent).not.toContain('booster-not-indicated');
    expect(article.dataset.rule).toBe('booster-not-indicated');
    expect(scope.getByText('Order: Бронхо-мунал 7 мг капсулы')).toBeTruthy();
    // The article is named by its summary and its order, as a screen reader announces it on focus.
    expect(screen.getByRole('article', { name: `${booster.summary} Order: Бронхо-мунал 7 мг капсулы` })).toBe(article);
    // Glyphs are SVG, never emoji.
    expect(article.querySelector('.badge svg.glyph')).not.toBeNull();
    expect(container.textContent).not.toMatch(/[⛔⚠ℹ]/u);
    expect(scope.getByText(/CD4 820 \/uL/, { selector: '.finding-evidence li' })).toBeTruthy();
    const links = within(article.querySelector('.finding-sources') as HTMLElement).queryAllByRole('link');
    for (const link of links) {
      expect(link.getAttribute('href')).toMatch(/^https?:\/\//);
      expect(link.getAttribute('rel')).toBe('noreferrer noopener');
    }
    expect(booster.sources.filter((s) => s.url)).toHaveLength(links.length);

    await markdownLoaded(container, findings.length);
    const detail = article.querySelector('.finding-detail') as HTMLDetailsElement;
    expect(detail.open).toBe(false);
    expect(detail.textContent).toContain('CD4 820 /uL on 2026-10-01');
  });

  it('highlights, expands and focuses the finding a CDS card pointed to', () => {
    const findings = coreFindings();
    const target = findings.find((f) => f.ruleId === 'course-unbounded');
    if (!target?.order) throw new Error('expected a course-unbounded finding on the vitamin D order');
    render(<FindingsList findings={findings} focus={{ rule: 'course-unbounded', order: target.order.reference }} />);
    const focused = document.querySelector('.finding--focused') as HTMLElement;
    expect(focused).not.toBeNull();
    expect(focused.dataset.rule).toBe('course-unbounded');
    expect(focused.getAttribute('aria-current')).toBe('true');
    expect(document.activeElement).toBe(focused);
    expect((focused.querySelector('details') as HTMLDetailsElement).open).toBe(true);
    expect(document.querySelectorAll('.finding--focused')).toHaveLength(1);
  });

  it('focuses by order id alone, and ignores a focus that matches nothing', () => {
    const findings = coreFindings();
    const { unmount } = render(<FindingsList findings={findings} focus={{ order: 'd-lysate' }} />);
    expect(document.querySelector<HTMLElement>('.finding--focused')?.dataset.rule).toBe('booster-not-indicated');
    unmount();
    render(<FindingsList findings={findings} focus={{ rule: 'live-vaccine-immunocompromised' }} />);
    expect(document.querySelector('.finding--focused')).toBeNull();
  });

  it('shows hostile order text as text: no <img> element is created', async () => {
    const findings = run({ record: normalPanel(), drafts: [lysate('d-evil', `Бронхо-мунал ${HOSTILE}`)] });
    const [finding] = byRule(findings, 'booster-not-indicated');
    expect(finding?.order?.display).toContain(HOSTILE);
    const { container } = render(<FindingsList findings={findings} focus={{ order: 'd-evil' }} />);
    await markdownLoaded(container, findings.length);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.textContent).toContain(HOSTILE);
  });

  it('says so when there are no findings', () => {
    render(<FindingsList findings={[]} />);
    expect(screen.getByText(/No findings on the current immunomodulators/)).toBeTruthy();
    expect(screen.queryByRole('article')).toBeNull();
  });
});

describe('Markdown', () => {
  it('renders markdown as elements, drops raw HTML and images, keeps only http(s) links', () => {
    const { container } = render(
      <Markdown
        text={[
          '**What to do:** check <img src=x onerror=alert(1)> <script>alert(1)</script>',
          '- first\n- second',
          '![pixel](https://example.org/p.png) [bad](javascript:alert(1)) [data](data:text/html,hi) [good](https://example.org/ref)',
        ].join('\n\n')}
      />,
    );
    expect(container.querySelector('strong')?.textContent).toBe('What to do:');
    expect(container.querySelectorAll('li')).toHaveLength(2);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org/ref']);
    expect(links[0]?.getAttribute('rel')).toBe('noreferrer noopener');
    expect(container.textContent).toContain('bad');
  });
});
