import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/harness/results-io.js';
import type { Results } from '../../src/harness/results.js';
import { formatNumber } from '../../src/report/format.js';
import { renderReport } from '../../src/report/html.js';
import { headerSection } from '../../src/report/sections/header.js';
import { HOSTILE_REPLAY, syntheticResults } from './fixture.js';

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

/** the text from the first `open` to the next `close` after it */
function between(text: string, open: string, close: string): string {
  const start = text.indexOf(open);
  expect(start).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf(close, start));
}

/** The fixture with no violation, error, failed power check or regression (still incomplete: 3 cases not run). */
function cleanResults(): Results {
  const r = syntheticResults();
  return {
    ...r,
    properties: r.properties.map((p) => ({ ...p, violated: 0, errors: 0, power: p.power && { ...p.power, status: 'caught' as const, ok: true } })),
    regressions: [],
    targets: [],
    exitCode: 3,
  };
}

/** the ids the page's elements carry */
const idsOf = (text: string): Set<string> => new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

describe('index.html', () => {
  const page = renderReport(syntheticResults());
  const clean = cleanResults();

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
    expect(renderReport({ ...clean, exitCode: 0 })).toContain('class="banner pass">PASS<');
  });

  it('says under a FAIL banner what failed, and the rule-of-three bound only where every judged case held', () => {
    const failed = between(page, '<div id="verdict"', '</header>');
    expect(failed).toContain('<p class="partial">Failed: <a href="#violations">1 judged case violated a theorem</a>, <a href="#violations">1 case ended in an error</a>, <a href="#properties">the power check of lemma1 failed</a> (its broken variant was caught less often than promised) and <a href="#regressions">1 baseline regression</a>.</p>');
    expect(failed).not.toContain('rule of three');
    expect(failed).not.toContain('held');
    const passed = between(renderReport({ ...clean, complete: true, notRun: 0, exitCode: 0 }), '<div id="verdict"', '</header>');
    expect(passed).not.toContain('Failed');
    expect(passed).toMatch(/All 9 judged cases held: with 95% confidence .* below 0\.283\d* \(rule of three/);
    const stopped = between(renderReport({ ...clean, exitCode: 3 }), '<div id="verdict"', '</header>');
    expect(stopped).toContain('Incomplete run: 3 cases not run');
    expect(stopped).toContain('The 9 judged cases that ran held: with 95% confidence');
    const regressed = between(renderReport({ ...clean, complete: true, notRun: 0, regressions: syntheticResults().regressions, exitCode: 1 }), '<div id="verdict"', '</header>');
    expect(regressed).toContain('Failed: <a href="#regressions">1 baseline regression</a>.');
    const experiments = ['fig1', 'fig1', 'fig2'].map((experiment) => ({ experiment })) as unknown as Results['paperRuns'];
    const paper = headerSection({ ...clean, complete: true, notRun: 0, exitCode: 0, properties: [], violationBound: { instances: 0, bound95: 1 }, paperRuns: experiments }).text;
    expect(paper).toContain('<p>No case is judged in this suite: its 2 experiments are reported, not gated.</p>');
    expect(paper).not.toContain('rule of three');
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
    const statement = between(page, '<section class="theorem" id="theorem-envelope-qsc">', '<p class="glance">');
    expect(statement).toMatch(/<div class="statement"><math>.*<\/math><\/div>/s);
    expect(statement).toContain('<mi>a</mi><mo>&lt;</mo></mrow><mrow><mi>b</mi>');
    expect(statement).toContain('<mi>&amp;</mi>');
    expect(statement).not.toContain('\\tfrac');
    expect(page).toContain('observed / bound across 7 instances');
    expect(page).toContain('[0.45, 0.55]');
    expect(page).toContain('accepted γ_k and the class bound π(‖g_k‖)');
    expect(page).toContain('id="targets-table"');
    expect(page).toContain('performance profile ρ_s(τ)');
    expect(page).toContain('data profile d_s(κ)');
    expect(page).toContain('Baseline regressions (1)');
  });

  it('neither shows nor lists a section that is empty in the run', () => {
    const plain = renderReport({ ...syntheticResults({ profiles: [] }), regressions: [], targets: [] });
    for (const id of ['regressions', 'profiles', 'targets']) {
      expect(page).toContain(`<a href="#${id}">`);
      expect(page).toContain(`id="${id}"`);
      expect(plain).not.toContain(`<a href="#${id}">`);
      expect(plain).not.toContain(`id="${id}"`);
    }
    expect(plain).toContain('<a href="#theorems">Theorems</a>');
  });

  it('has a table of contents whose every link targets an id of the page, in page order, each theorem under Theorems', () => {
    const toc = between(page, '<nav class="toc"', '</nav>');
    const targets = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    const ids = idsOf(page);
    expect(targets.filter((t) => !ids.has(t))).toEqual([]);
    expect(targets).toEqual(['regressions', 'summary-heading', 'profiles', 'methods', 'properties', 'violations', 'theorems', 'theorem-envelope-qsc', 'theorem-lemma1-decrease', 'theorem-class-lower-bound', 'gamma', 'targets']);
    const positions = targets.filter((t) => !t.startsWith('theorem-')).map((t) => page.indexOf(`id="${t}"`));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(toc).toContain('<ol class="toc-children"><li><a href="#theorem-envelope-qsc" title="f − f* envelope &lt;QSC&gt;">envelope-qsc</a></li>');
    for (const [, id, title] of toc.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)) expect(page).toContain(`<h2 id="${id}">${title}</h2>`);
    expect(toc).toContain('<a href="#violations">Violations and errors (2)</a>');
  });

  it('puts the important summary columns first and folds the per-family counts and the replay string', () => {
    const table = between(page, '<table id="summary">', '</table>');
    const head = between(table, '<thead>', '</thead>');
    const order = ['theorem', 'gate', 'verdicts', 'worst ratio', 'tightness of a per-iteration bound', 'worst case'].map((h) => head.indexOf(`>${h}</th>`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(table).not.toContain('logsumexp');
    const qsc = between(table, '<a href="#theorem-envelope-qsc">', '</tr>');
    const t = syntheticResults().theorems[0].tightness;
    if (t === null || t.medianFactor === null || t.tightestFactor === null || t.worstBitingRatio === null) throw new Error('the fixture has envelopes');
    const cells = [...qsc.matchAll(/<td class="num[^"]*"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(['6 / 1 / 0', '3.5', formatNumber(t.worstBitingRatio), formatNumber(t.medianFactor), formatNumber(t.tightestFactor), String(t.boundNotReached)]);
    expect(qsc).toContain('<details class="replay"><summary>replay</summary>');
    expect(between(table, '<a href="#theorem-lemma1-decrease">', '</tr>')).toContain('<td class="none" colspan="4" title="no per-iteration bound">—</td>');
  });

  it('shows each theorem at a glance: statement, counts, worst ratio, tightness and its derivation; the rest folded', () => {
    const section = between(page, '<section class="theorem" id="theorem-envelope-qsc">', '</section>');
    const glance = section.slice(0, section.indexOf('<details'));
    const t = syntheticResults().theorems[0].tightness;
    if (t === null || t.medianFactor === null || t.tightestFactor === null || t.worstBitingRatio === null || t.worstBitingCase === null) throw new Error('the fixture has envelopes');
    expect(glance).toContain('<strong>Gates</strong>: 6 hold, 1 violated, 0 not applicable. Worst ratio <strong>3.5</strong> in envelope-qsc/case/6 at k=5 &lt;trial 2&gt;.');
    expect(glance).toContain('derivation: <code>docs/theory.md#envelope-qsc</code>');
    expect(glance).toContain(`Once the bound bites: worst ratio ${formatNumber(t.worstBitingRatio)} at k = `);
    expect(glance).toContain(`iterations predicted/observed: median ${formatNumber(t.medianFactor)}, tightest ${formatNumber(t.tightestFactor)} over ${t.factors} (case, target) pairs; the bound did not reach ε within the run in ${t.boundNotReached} pair`);
    expect(glance).not.toContain('<svg');
    expect(glance).not.toContain('Assumptions');
    const detail = section.slice(section.indexOf('<details class="theorem-detail">'));
    for (const folded of ['<svg class="chart"', 'Assumptions:', 'Source: spec §6.2', 'Slack: ε_abs', '[0.45, 0.55]']) expect(detail).toContain(folded);
    const linked = renderReport(syntheticResults(), { theoryDoc: '../../docs/theory.md' });
    expect(linked).toContain('<a class="derivation" href="../../docs/theory.md#envelope-qsc">');
  });

  it('shows a statement temml cannot parse as its escaped source with a note, and the rest of the report', () => {
    const r = syntheticResults();
    const broken = renderReport({ ...r, theorems: r.theorems.map((t, i) => (i === 1 ? { ...t, statement: '\\frac{1}{<b>' } : t)) });
    const section = between(broken, '<section class="theorem" id="theorem-lemma1-decrease">', '</section>');
    expect(section).toContain('<pre>\\frac{1}{&lt;b&gt;</pre><p class="note">TeX source shown: it could not be rendered');
    expect(section).not.toContain('<math');
    expect(between(broken, '<section class="theorem" id="theorem-class-lower-bound">', '</section>')).toContain('<math>');
    expect(broken).toContain('</html>');
  });

  it('renders a run with no cases at all: the banner and the run facts, no empty section and no table of contents', () => {
    const empty: Results = { ...syntheticResults(), cases: [], theorems: [], properties: [], rateFits: [], targets: [], profiles: [], regressions: [] };
    const text = renderReport(empty);
    expect(text).toContain('<div id="verdict"');
    expect(text).toContain('<dt>seed</dt><dd>42</dd>');
    expect(text).not.toContain('<h2');
    expect(text).not.toContain('<nav');
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
