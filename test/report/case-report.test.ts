import { describe, expect, it } from 'vitest';
import { caseKey } from '../../src/harness/case-job.js';
import { type CaseDetail, caseDetail, type JudgedRun } from '../../src/harness/case-detail.js';
import { decodeReplay } from '../../src/harness/replay-string.js';
import type { CaseResult } from '../../src/harness/results.js';
import { runCase } from '../../src/harness/run-case.js';
import type { AdaptiveSearchFields, StepSizeFields } from '../../src/methods/step-record.js';
import { renderCaseReport } from '../../src/report/case-report.js';
import { formatNumber } from '../../src/report/format.js';
import { ENVELOPE_DEFECT, GRADIENT_POWER, SEARCH_POWER } from './case-replays.js';

function replayed(replay: string): { detail: CaseDetail; page: string } {
  const t = decodeReplay(replay);
  let judged: JudgedRun | null = null;
  const result = runCase({ key: caseKey(t.property, t.kind, 0), property: t.property, kind: t.kind, index: 0, scenario: t.scenario, backend: 'cpu', keepTrace: false, shrink: false }, undefined, (run, verdicts) => {
    judged = { run, verdicts };
  });
  const detail = caseDetail(result, judged);
  return { detail, page: renderCaseReport(detail) };
}

/** the SVG chart whose <title> is `title` */
function chartTitled(page: string, title: string): string {
  const at = page.indexOf(`<title>${title}</title>`);
  if (at < 0) throw new Error(`no chart titled ${title}`);
  return page.slice(page.lastIndexOf('<svg', at), page.indexOf('</svg>', at));
}

/** the rows of the <tbody> of the first table after `marker` */
function rowsAfter(page: string, marker: string): string[] {
  const from = page.indexOf(marker);
  if (from < 0) throw new Error(`no ${marker}`);
  const body = page.slice(page.indexOf('<tbody>', from), page.indexOf('</tbody>', from));
  return body.split('<tr>').slice(1);
}

const cells = (row: string): string[] => [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);

describe('the one-case page', () => {
  const envelope = replayed(ENVELOPE_DEFECT);

  it('is the run the result judged (same digest), and a violation', () => {
    expect(envelope.detail.result.status).toBe('violated');
    expect(envelope.detail.note).toBeNull();
    expect(envelope.detail.run?.digest).toBe(envelope.detail.result.digest);
    expect(envelope.page).toContain('<div id="verdict" class="banner fail">VIOLATED</div>');
  });

  it("draws the theorem's observed sequence with its bound dashed in the same colour, and marks the violation's iteration", () => {
    const series = envelope.detail.run?.trace.envelopes.find((e) => e.theorem === 'envelope-lipschitz-gradient');
    if (!series) throw new Error('no bound series');
    const where = envelope.detail.result.verdicts['envelope-lipschitz-gradient'].where ?? '';
    const k = Number(/^k=(\d+)/.exec(where)?.[1]);
    expect(k).toBe(series.bound.length - 1);
    const svg = chartTitled(envelope.page, 'envelope-lipschitz-gradient: observed sequence and its bound');
    const observed = /<g class="series" stroke="(#[0-9a-f]{6})"[^>]*><path d="([^"]*)"/.exec(svg);
    const bound = /<g class="series bound-overlay" stroke="(#[0-9a-f]{6})"[^>]*stroke-dasharray[^>]*><path d="([^"]*)"/.exec(svg);
    expect(bound?.[1]).toBe(observed?.[1]);
    // one vertex per iteration: x = k + 1 for k = 0 … K
    expect(bound?.[2].match(/[ML]/g)?.length).toBe(series.bound.length);
    expect(observed?.[2].match(/[ML]/g)?.length).toBe(series.delta.length);
    // the marker: a vertical line at x = k + 1, the last vertex of the series
    const lastX = observed?.[2].split(/[ML]/).at(-1)?.split(' ')[0];
    expect(svg).toContain(`k = ${k}: envelope-lipschitz-gradient violated`);
    expect(svg).toMatch(new RegExp(`<path d="M${lastX} [\\d.]+L${lastX} [\\d.]+"`));
    expect(chartTitled(envelope.page, 'f(x_k) − f*')).toContain(`k = ${k}: envelope-lipschitz-gradient violated`);
  });

  it('logs every trial of every iteration with its γ, λ, outcome and the two sides of the test', () => {
    const records = (envelope.detail.run?.records ?? []) as unknown as readonly (AdaptiveSearchFields & { k: number; f: number })[];
    const trials = records.flatMap((r) => r.trials.map((t, i) => ({ k: r.k, i, t, f: r.f })));
    expect(trials.some((x) => x.t.outcome === 'rejected')).toBe(true);
    const rows = rowsAfter(envelope.page, '<details class="trial-log">');
    expect(rows).toHaveLength(trials.length);
    rows.forEach((row, j) => {
      const { k, i, t, f } = trials[j];
      const c = cells(row);
      expect(c.slice(0, 2)).toEqual([String(k), String(i)]);
      expect(c[4]).toMatch(t.outcome === 'accepted' ? /^accepted/ : /^rejected: failed the test/);
      expect(c[7]).toBe((f - (t.fNext as number)).toPrecision(6));
      expect(c[8]).toBe((((t.gradNormNext as number) ** 2) / (8 * t.lambda)).toPrecision(6));
    });
    // the iterations around the violation (k − 1 made x_k) are shown unfolded above the log
    const around = rowsAfter(envelope.page, 'of each violation at k = 79');
    expect(around.map((r) => cells(r)[0])).toEqual(trials.filter((x) => x.k === 78).map(() => '78'));
  });

  it('is one self-contained file: no script, nothing fetched', () => {
    expect(envelope.page).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(/i);
    for (const address of envelope.page.match(/https?:\/\/[^\s"]*/g) ?? []) expect(address).toBe('http://www.w3.org/2000/svg');
  });

  it('a power case: the defect caught, every trial of the iteration named marked, a non-finite trial said so', () => {
    const { detail, page } = replayed(SEARCH_POWER);
    expect(detail.result.status).toBe('violated');
    expect(page).toContain('DEFECT CAUGHT');
    const first = (detail.run?.records[0] as unknown as AdaptiveSearchFields).trials;
    const rows = rowsAfter(page, 'of each violation at k = 0');
    expect(rows).toHaveLength(first.length);
    for (const row of rows) expect(row).toMatch(/^<td class="num violated">0<\/td><td class="num violated">\d+<\/td>/);
    expect(first[0].outcome).toBe('non-finite');
    expect(cells(rows[0])[4]).toBe('rejected: f(x⁺) or ‖∇f(x⁺)‖_* not finite');
    expect(cells(rows.at(-1) ?? '')[4]).toBe('rejected: failed the test; search exhausted: no step');
  });

  it('a method without a search: one row per iteration with its step size, L_k and line-search trials, and no γ chart', () => {
    const { detail, page } = replayed(GRADIENT_POWER);
    const records = (detail.run?.records ?? []) as unknown as readonly (StepSizeFields & { k: number; trials: number })[];
    expect(page).toContain('<h2 id="trial-log">Iterations</h2>');
    expect(page).not.toContain('<title>accepted γ_k');
    const rows = rowsAfter(page, `${records.length} iteration`);
    expect(rows).toHaveLength(records.length);
    expect(cells(rows[2]).slice(-3)).toEqual([formatNumber(records[2].stepSize), formatNumber(records[2].L), String(records[2].trials)]);
  });

  it('escapes everything that comes from the case', () => {
    const hostile = `<script>alert("x")</script>&'`;
    const r = envelope.detail.result;
    const verdict = r.verdicts['envelope-lipschitz-gradient'];
    const result: CaseResult = { ...r, label: hostile, reason: hostile, replay: `rc1:${hostile}`, method: hostile, verdicts: { ...r.verdicts, [hostile]: { ...verdict, where: `k=3 ${hostile}`, note: hostile } } };
    const page = renderCaseReport({ ...envelope.detail, result, note: hostile });
    expect(page).not.toContain('<script');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(page).toContain(`k = 3: &lt;script&gt;`);
  });
});
