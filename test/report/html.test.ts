import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/harness/results-io.js';
import type { Results } from '../../src/harness/results.js';
import { renderReport } from '../../src/report/html.js';
import { HOSTILE_REPLAY, syntheticResults } from './fixture.js';

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

/** the text from the first `open` to the next `close` after it */
function between(text: string, open: string, close: string): string {
  const start = text.indexOf(open);
  expect(start).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf(close, start));
}

describe('index.html', () => {
  const page = renderReport(syntheticResults());

  it('shows the suite name and replay strings as text, never as markup', () => {
    expect(page).not.toContain('<script');
    expect(page).toContain('<title>ratecheck ci &lt;script&gt;alert(1)&lt;/script&gt;: 2025-01-01T00-00-00Z-abcd</title>');
    expect(page).toContain('<h1>ratecheck report: ci &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(page).not.toContain(HOSTILE_REPLAY);
    expect(page).toContain('<code>rc1:envelope-qsc:case:&lt;b&gt;&amp;&quot;&#39;</code>');
    expect(page).toContain('worker died: &lt;signal &amp; abort&gt;');
    expect(page).toContain('k=5 &lt;trial 2&gt;');
  });

  it('has the header facts and the verdict banner', () => {
    expect(page).toContain('<div id="verdict" class="banner fail">FAIL</div>');
    expect(page).toContain('Incomplete run: 3 cases not run');
    expect(page).toContain('cpu, float64');
    expect(page).toContain('<dt>shard</dt><dd>1/2</dd>');
    expect(page).toContain('<dt>seed</dt><dd>42</dd>');
    expect(page).toMatch(/9 judged cases ran clean: .* below 0\.283/);
    expect(renderReport({ ...syntheticResults(), exitCode: 0 })).toContain('class="banner pass">PASS<');
  });

  it('has the summary table with a cell per theorem and family', () => {
    expect(page).toContain('<table id="summary">');
    expect(page).toContain('<th>logsumexp</th><th>quadratic</th>');
    expect(page).toMatch(/<td class="num violated" [^>]*>3 \/ 1 \/ 0<\/td>/);
    expect(page).toMatch(/<td class="num holds" [^>]*>3 \/ 0 \/ 0<\/td>/);
    expect(page).toMatch(/<td class="num holds" [^>]*>1 \/ 0 \/ 1<\/td>/);
  });

  it('has the methods table, theorems × the methods seen, with each theorem split by method × family', () => {
    const table = between(page, '<table id="methods-table" class="by-method">', '</table>');
    expect(table).toContain('<th>theorem</th><th>damped-newton</th><th>gns-reference</th><th>gradient</th>');
    const rows = table.split('<tr>').slice(2);
    expect(rows).toHaveLength(3);
    const cells = (row: string) => [...row.matchAll(/<td class="([^"]*)"[^>]*>([^<]*)<\/td>/g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(rows[0]).toContain('<a href="#theorem-envelope-qsc">envelope-qsc</a>');
    expect(cells(rows[0])).toEqual(['na: —', 'num violated: 4 / 1 / 0', 'num holds: 2 / 0 / 0']);
    expect(cells(rows[1])).toEqual(['num holds: 1 / 0 / 0', 'num holds: 2 / 0 / 0', 'na: —']);
    expect(cells(rows[2])).toEqual(['num holds: 1 / 0 / 0', 'num holds: 1 / 0 / 1', 'na: —']);
    expect(table).toContain('title="holds / violated / not applicable; worst ratio 3.5 in envelope-qsc/case/6"');
    const detail = between(page, '<details class="method-families" id="methods-envelope-qsc">', '</details>');
    expect(detail).toContain('<th>method</th><th>logsumexp</th><th>quadratic</th><th>worst ratio</th><th>worst case</th>');
    expect(detail).toMatch(/<tr><td>gns-reference<\/td><td class="num violated" [^>]*>2 \/ 1 \/ 0<\/td><td class="num holds" [^>]*>2 \/ 0 \/ 0<\/td><td class="num">3.5<\/td><td>envelope-qsc\/case\/6<\/td><\/tr>/);
    expect(detail).toMatch(/<tr><td>gradient<\/td><td class="num holds" [^>]*>1 \/ 0 \/ 0<\/td><td class="num holds" [^>]*>1 \/ 0 \/ 0<\/td><td class="num">0.6<\/td><td>envelope-qsc\/case\/5<\/td><\/tr>/);
    expect(count(page, /<details class="method-families"/g)).toBe(3);
  });

  it('shows method and family names as text, never as markup', () => {
    const r = syntheticResults();
    const hostile = { ...r, theorems: r.theorems.map((t) => ({ ...t, byMethodFamily: t.byMethodFamily.map((c) => ({ ...c, method: '<img src=x onerror=alert(1)>', family: 'a"b&c' })) })) };
    const text = renderReport(hostile);
    expect(text).not.toContain('<img');
    expect(text).toContain('<th>&lt;img src=x onerror=alert(1)&gt;</th>');
    expect(text).toContain('<th>a&quot;b&amp;c</th>');
  });

  it('has charts with titles and bound overlays', () => {
    expect(count(page, /<svg class="chart"/g)).toBeGreaterThanOrEqual(3);
    expect(count(page, /<svg class="chart"[^>]*><title>/g)).toBe(count(page, /<svg class="chart"/g));
    expect(page).toContain('class="series bound-overlay"');
    expect(page).toContain('<line class="bound-overlay"');
  });

  it('has the properties, violations, theorem, γ, targets, profiles and regressions sections', () => {
    expect(page).toContain('id="properties-table"');
    expect(page).toContain('Violations and errors (2)');
    expect(page).toContain('Shrunk (6 of 40 candidates kept the violation): dim 3 → 1, maxIters 12 → 4');
    expect(page).toContain('<code>rc1:envelope-qsc:case:shrunk&lt;1&gt;</code>');
    for (const id of ['envelope-qsc', 'lemma1-decrease', 'class-lower-bound']) expect(page).toContain(`id="theorem-${id}"`);
    expect(page).toContain('\\delta_k \\le E_k = (1 - \\tfrac{1}{M})^k \\delta_0 \\quad \\text{for } a &lt; b \\;\\&amp;\\; c &gt; d');
    expect(page).toContain('observed / bound across 7 instances');
    expect(page).toContain('[0.45, 0.55]');
    expect(page).toContain('accepted γ_k and the class bound π(‖g_k‖)');
    expect(page).toContain('id="targets-table"');
    expect(page).toContain('performance profile ρ_s(τ)');
    expect(page).toContain('data profile d_s(κ)');
    expect(page).toContain('Baseline regressions (1)');
  });

  it('says when there is no solver comparison and no regression', () => {
    const plain = renderReport({ ...syntheticResults({ profiles: [] }), regressions: [] });
    expect(plain).toContain('No solver comparison in this suite.');
    expect(plain).not.toContain('id="regressions"');
  });

  it('renders a run with no cases at all', () => {
    const empty: Results = { ...syntheticResults(), cases: [], theorems: [], properties: [], rateFits: [], targets: [], profiles: [], regressions: [] };
    const text = renderReport(empty);
    expect(text).toContain('<table id="summary">');
    expect(text).toContain('No case violated a theorem');
    expect(text).toContain('No judged case checked a theorem.');
  });

  it('renders results read back from JSON, where non-finite numbers are null', () => {
    const r = syntheticResults();
    const nonFinite: Results = { ...r, theorems: r.theorems.map((t, i) => (i === 0 ? { ...t, worstRatio: Infinity } : t)) };
    const roundTrip = JSON.parse(toJson(nonFinite)) as Results;
    const text = renderReport(roundTrip);
    expect(text).toContain('non-finite');
    expect(text).not.toMatch(/="[^"]*NaN[^"]*"/);
  });
});
