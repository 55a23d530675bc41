/**
 * B-P3 (a regression guard of the reconstruction [R]): LEHI's shared loop with the second-moment input d_k = g_k∘g_k, in Adam's form,
 * is Adam: on the same instance, options and seed it produces the same iterates as the independent
 * reference loop (src/solvers/adam.ts), bit for bit (docs/theory.md#lehi-adam-reduction). The run is
 * LEHI's; its companion is `adam` with the same options.
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import { diagonalScalingRecords } from './lehi-imitation-draws.js';
import { capability } from './method-capabilities.js';
import type { Assumption, Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

export const adamReductionRun: Assumption = {
  id: 'lehi-adam-reduction-run',
  statement: 'a diagonal-scaling run with accumulator squared-gradient in Adam\'s form, beside a companion run of adam with the same options',
  holds: (run) => {
    const c = capability('diagonal-scaling').holds(run);
    if (c !== true) return c;
    const o = run.methodOptions;
    if (o.accumulator !== 'squared-gradient') return `the accumulator is '${String(o.accumulator)}'`;
    if (o.form !== 'adam') return `the form is '${String(o.form)}'`;
    if (!run.companion) return 'no companion run';
    if (run.companion.method.id !== 'adam') return `the companion ran '${run.companion.method.id}', not adam`;
    return true;
  },
};

export function checkAdamReduction(run: ScenarioRun): Verdict {
  const mine = diagonalScalingRecords(run);
  const reference = diagonalScalingRecords(run.companion as ScenarioRun);
  const w = new WorstRatio();
  if (mine.length !== reference.length) w.see(Infinity, `${mine.length} iterations against Adam's ${reference.length}`);
  const count = Math.min(mine.length, reference.length);
  for (let k = 0; k < count; k++) {
    const a = mine[k].x;
    const b = reference[k].x;
    const j = a.findIndex((v, i) => !Object.is(v, b[i]));
    w.see(j < 0 ? 0 : Infinity, `k=${k}: ${j < 0 ? 'x_k equal' : `x_k[${j}] = ${a[j]} against Adam's ${b[j]}`}`);
  }
  const last = run.summary.x;
  const lastReference = (run.companion as ScenarioRun).summary.x;
  const j = last.findIndex((v, i) => !Object.is(v, lastReference[i]));
  w.see(j < 0 ? 0 : Infinity, j < 0 ? 'the final x equal' : `final x[${j}] = ${last[j]} against Adam's ${lastReference[j]}`);
  return w.verdict('none: bitwise equality of every iterate');
}

export const lehiAdamReduction: Theorem = {
  id: 'lehi-adam-reduction',
  title: 'LEHI (B-P3): with d_k = g_k∘g_k the shared loop reproduces Adam bit for bit',
  source: 'the reduction of LEHI to Adam when its imitation term is replaced by the squared gradient (docs/theory.md#diagonal-scaling-methods [R]); Kingma & Ba 2015, Algorithm 1; docs/theory.md#lehi-adam-reduction',
  statement: 'x_k^{\\mathrm{LEHI}}(d_k=g_k\\circ g_k)=x_k^{\\mathrm{Adam}}\\quad\\text{bitwise, every }k',
  assumptions: [adamReductionRun],
  tight: true,
  gating: true,
  gatingReason: 'the same float64 operations in the same order on the same minibatches: bitwise, no slack',
  check: checkAdamReduction,
};
