import type { CaseResult, Results, TheoremSummary } from '../../harness/results.js';
import { iterationFactors } from '../../harness/case-tightness.js';
import { isJudged } from '../../harness/summarize.js';
import { LINEAR, LOG10 } from '../chart-scale.js';
import { ecdf } from '../ecdf.js';
import { type LineSeries, lineChart } from '../line-chart.js';
import { html, type Markup } from '../markup.js';

interface MethodValues {
  readonly method: string;
  readonly values: number[];
}

/** per method (in order of first appearance), the values `pick` takes from each judged case */
function byMethod(cases: readonly CaseResult[], pick: (c: CaseResult) => readonly number[]): MethodValues[] {
  const out = new Map<string, number[]>();
  for (const c of cases) {
    if (!isJudged(c)) continue;
    const vs = pick(c);
    if (vs.length === 0) continue;
    const mine = out.get(c.method) ?? [];
    out.set(c.method, mine);
    mine.push(...vs);
  }
  return [...out].map(([method, values]) => ({ method, values }));
}

const count = (groups: readonly MethodValues[]) => groups.reduce((n, g) => n + g.values.length, 0);

/** how many of a method's values lie off a log axis, for its legend */
function offAxis(e: ReturnType<typeof ecdf>): string {
  const parts = [e.below > 0 ? `${e.below} at 0` : '', e.above > 0 ? `${e.above} not finite` : ''].filter((p) => p !== '');
  return parts.length === 0 ? '' : `; ${parts.join(', ')}, not drawn`;
}

/** one ECDF per method (every value counted), with the value that marks the bound (1) as a dashed vertical line */
function ecdfChart(title: string, xLabel: string, groups: readonly MethodValues[], unit: number): Markup {
  const series: LineSeries[] = groups.map((g, i) => {
    const e = ecdf(g.values);
    return { label: `${g.method} (${e.n}${offAxis(e)})`, points: e.points, colour: i };
  });
  series.push({ label: `bound (${xLabel} = ${unit})`, points: [{ x: unit, y: 0 }, { x: unit, y: 1 }], bound: true, colour: 7 });
  return lineChart({ title, xLabel, yLabel: 'fraction of instances ≤ x', x: LOG10, y: LINEAR, series, yInclude: [0, 1] });
}

/** a ratio as JSON may carry it: null (a non-finite ratio written out) is the worst, as summaries count it */
const ratioValue = (v: number | null): number => (v === null ? Infinity : v);

/**
 * The ECDFs across instances of a theorem (IOHanalyzer/COCO style), one curve per method: the worst
 * observed/bound ratio of each case (≤ 1 where the theorem holds), the ratio once the bound bites,
 * and the factor K_bound(ε)/K_observed(ε) over (case, target) pairs (≥ 1 where it holds).
 */
export function tightnessCharts(r: Results, t: TheoremSummary): Markup | null {
  const applies = (c: CaseResult) => c.verdicts[t.id] !== undefined && c.verdicts[t.id].status !== 'not-applicable';
  const worst = byMethod(r.cases, (c) => (applies(c) ? [ratioValue(c.verdicts[t.id].worstRatio)] : []));
  const biting = byMethod(r.cases, (c) => {
    const b = c.tightness?.[t.id]?.bitingRatio;
    return b === undefined || b === null ? [] : [b];
  });
  const factors = byMethod(r.cases, (c) => {
    const tt = c.tightness?.[t.id];
    return tt ? iterationFactors(tt) : [];
  });
  const charts: Markup[] = [];
  if (count(worst) > 0) charts.push(ecdfChart(`${t.id}: worst observed/bound ratio per instance`, 'observed / bound', worst, 1));
  if (count(biting) > 0) charts.push(ecdfChart(`${t.id}: observed/bound once the bound bites (E_k ≤ E_first/10)`, 'observed / bound', biting, 1));
  if (count(factors) > 0) charts.push(ecdfChart(`${t.id}: iterations to ε, predicted by the bound / observed`, 'K_bound(ε) / K_observed(ε)', factors, 1));
  return charts.length === 0 ? null : html`${charts}`;
}
