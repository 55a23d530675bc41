import type { Results } from '../../harness/results.js';
import { type AxisType, LINEAR, LOG2 } from '../chart-scale.js';
import { lineChart, type Point } from '../line-chart.js';
import { html, type Markup } from '../markup.js';
import { compareSolvers, type ProfileMeasure, type ProfileStep, type SolverComparison, type SolverProfile } from '../profiles.js';

const MEASURE_NAMES: Readonly<Record<ProfileMeasure, string>> = { gradCalls: 'gradient calls', iterations: 'iterations' };

/** The step function as a polyline from x = from (value 0) to x = to. */
function staircase(steps: readonly ProfileStep[], from: number, to: number): Point[] {
  const points: Point[] = [{ x: from, y: 0 }];
  let value = 0;
  for (const s of steps) {
    points.push({ x: s.at, y: value }, { x: s.at, y: s.fraction });
    value = s.fraction;
  }
  points.push({ x: to, y: value });
  return points;
}

function profileChart(title: string, xLabel: string, x: AxisType, profiles: readonly SolverProfile[], from: number, minimumEnd: number): Markup {
  const last = profiles.reduce((m, p) => p.steps.reduce((mm, s) => Math.max(mm, s.at), m), from);
  const to = Math.max(x.kind === 'log' ? last * 2 : last * 1.1, minimumEnd);
  return lineChart({ title, xLabel, yLabel: 'fraction of problems', x, y: LINEAR, series: profiles.map((p) => ({ label: p.solver, points: staircase(p.steps, from, to) })), yInclude: [0, 1] });
}

function comparisonBlock(c: SolverComparison, index: number): Markup {
  const measure = MEASURE_NAMES[c.measure];
  const name = `comparison ${index + 1}`;
  return html`<h3>${name}: ${c.solvers.join(', ')}</h3>
<p>${c.problems.length} problem${c.problems.length === 1 ? '' : 's'} that all of these solvers ran; cost t = ${measure} to the tolerance, unsolved runs never count.</p>
<div class="charts">${profileChart(`${name}: performance profile ρ_s(τ)`, `τ (t ≤ τ · best t), log₂ axis`, LOG2, c.performance, 1, 2)}${profileChart(`${name}: data profile d_s(κ)`, `κ (t ≤ κ · (n + 1) ${measure})`, LINEAR, c.data, 0, 1)}</div>`;
}

/** Performance and data profiles of the solver comparison (the paper suite). */
export function profilesSection(r: Results): Markup {
  const comparisons = compareSolvers(r.profiles);
  return html`<section><h2 id="profiles">Solver comparison</h2>
${comparisons.length === 0 ? html`<p>No solver comparison in this suite.</p>` : comparisons.map(comparisonBlock)}
</section>`;
}
