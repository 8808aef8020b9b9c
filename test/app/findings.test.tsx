// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import FindingsList from '../../src/app/views/FindingsListBody.js';
import { Markdown } from '../../src/app/views/Markdown.js';
import { translator } from '../../src/core/messages/translator.js';
import { assessOrders, type OrderAssessment } from '../../src/core/rules/assessment.js';
import { run } from '../helpers/evaluate.js';
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

/** Assessments from the core: a bacterial lysate on a normal panel, plus an unbounded vitamin D. */
function coreAssessments(): OrderAssessment[] {
  const vitaminD = medicationRequest({
    id: 'd-vitd',
    status: 'draft',
    codings: drugs.colecalciferol,
    dose: { value: 2000, unit: '[iU]' },
  });
  return assessOrders(run({ record: normalPanel(), drafts: [lysate(), vitaminD] }), translator());
}

/** Waits until the lazily loaded markdown renderer has replaced its fallbacks. */
async function markdownLoaded(container: HTMLElement, count: number) {
  await screen.findAllByText(/What to do:/, { selector: 'strong' });
  expect(container.querySelectorAll('.markdown')).toHaveLength(count);
}

describe('FindingsList', () => {
  it('shows one entry per order, severity-ranked, with its rules, concerns, action and sources once', async () => {
    const assessments = coreAssessments();
    expect(assessments).toHaveLength(2);
    const { container } = render(<FindingsList assessments={assessments} />);
    const items = within(screen.getByRole('list', { name: /Findings/ })).getAllByRole('article');
    expect(items).toHaveLength(2);
    // The core's order (critical, warning, info) is kept, and each badge says its level in words.
    const levels = items.map((item) => item.querySelector('.badge')?.textContent?.trim());
    expect(levels).toEqual(assessments.map((a) => a.indicator[0]?.toUpperCase() + a.indicator.slice(1)));

    const lysateEntry = assessments.find((a) => a.order.reference === 'MedicationRequest/d-lysate');
    if (!lysateEntry) throw new Error('expected the lysate order to carry concerns');
    expect(lysateEntry.ruleIds).toEqual(['booster-not-indicated']);
    const article = screen.getByRole('heading', { name: lysateEntry.summary }).closest('article') as HTMLElement;
    const scope = within(article);
    // The rules' titles, no rule id where a physician reads (they stay data attributes).
    expect(scope.getByText(translator().t('ruleTitle.booster-not-indicated'), { exact: false })).toBeTruthy();
    expect(article.dataset.rules).toBe('booster-not-indicated');
    await markdownLoaded(container, 2);
    expect(article.textContent).not.toContain('booster-not-indicated');
    expect(scope.getByText('Order: Бронхо-мунал 7 мг капсулы')).toBeTruthy();
    // The article is named by its summary and its order, as a screen reader announces it on focus.
    expect(screen.getByRole('article', { name: `${lysateEntry.summary} Order: Бронхо-мунал 7 мг капсулы` })).toBe(
      article,
    );
    // Glyphs are SVG, never emoji.
    expect(article.querySelector('.badge svg.glyph')).not.toBeNull();
    expect(container.textContent).not.toMatch(/[⛔⚠ℹ]/u);
    // Concerns with their values in clinicians' units; "What to do" and "Sources" once each.
    expect(article.textContent).toContain('CD4 count 820 cells/µL, 1 Oct 2026');
    expect(article.textContent?.match(/What to do:/g)).toHaveLength(1);
    expect(article.textContent?.match(/Sources:/g)).toHaveLength(1);
    for (const link of scope.queryAllByRole('link')) {
      expect(link.getAttribute('href')).toMatch(/^https?:\/\//);
      expect(link.getAttribute('rel')).toBe('noreferrer noopener');
    }
    // The records behind it stay one click away.
    expect((article.querySelector('.finding-detail') as HTMLDetailsElement).open).toBe(false);
  });

  it('highlights and focuses the order a CDS card pointed to', () => {
    const assessments = coreAssessments();
    render(
      <FindingsList
        assessments={assessments}
        focus={{ rule: 'course-unbounded', order: 'MedicationRequest/d-vitd' }}
      />,
    );
    const focused = document.querySelector('.finding--focused') as HTMLElement;
    expect(focused).not.toBeNull();
    expect(focused.dataset.order).toBe('MedicationRequest/d-vitd');
    expect(focused.getAttribute('aria-current')).toBe('true');
    expect(document.activeElement).toBe(focused);
    expect(document.querySelectorAll('.finding--focused')).toHaveLength(1);
  });

  it('focuses by order id alone or by rule alone, and ignores a focus that matches nothing', () => {
    const assessments = coreAssessments();
    const first = render(<FindingsList assessments={assessments} focus={{ order: 'd-lysate' }} />);
    expect(document.querySelector<HTMLElement>('.finding--focused')?.dataset.order).toBe('MedicationRequest/d-lysate');
    first.unmount();
    const second = render(<FindingsList assessments={assessments} focus={{ rule: 'booster-not-indicated' }} />);
    expect(document.querySelector<HTMLElement>('.finding--focused')?.dataset.order).toBe('MedicationRequest/d-lysate');
    second.unmount();
    render(<FindingsList assessments={assessments} focus={{ rule: 'live-vaccine-immunocompromised' }} />);
    expect(document.querySelector('.finding--focused')).toBeNull();
  });

  it('shows hostile order text as text: no <img> element is created', async () => {
    const findings = run({ record: normalPanel(), drafts: [lysate('d-evil', `Бронхо-мунал ${HOSTILE}`)] });
    const assessments = assessOrders(findings, translator());
    expect(assessments[0]?.order.display).toContain(HOSTILE);
    const { container } = render(<FindingsList assessments={assessments} focus={{ order: 'd-evil' }} />);
    await markdownLoaded(container, 1);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.textContent).toContain(HOSTILE);
  });

  it('says so when there are no findings', () => {
    render(<FindingsList assessments={[]} />);
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
