/**
 * A10(ii), affine invariance (spec §2.3(b), §8.2 A10): the run on f̃(y) = f(Ty + b) with B̃ = TᵀBT and
 * H̃ = TᵀHT (the companion, src/scenarios/affine.ts) follows x_k = Ty_k + b. In float64 the two runs
 * round differently, so the check compares, while both searches made the same trial decisions, the
 * relative gap ‖x_k − (Ty_k + b)‖_B / max_{j≤k} ‖x_j‖_B against 1e-6 — the agreement gns-validation §7
 * reports for inexact rescalings (1e-9 typically, 1e-6 on the ill-conditioned NE metric). Once a
 * borderline acceptance test flips the runs legitimately part; the rest is not compared.
 */
import { applyAffine } from '../scenarios/affine.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { Assumption, Theorem } from './theorem.js';
import { notApplicable, WorstRatio } from './verdict.js';

export const AFFINE_TOLERANCE = 1e-6;

const affineCompanion: Assumption = {
  id: 'affine-companion',
  statement: 'a companion run in coordinates x = Ty + b',
  holds: (run) => (run.companion?.affineMap ? true : 'no affine companion run'),
};

function sameDecisions(a: ScenarioRun['records'][number], b: ScenarioRun['records'][number]): boolean {
  return a.trials.length === b.trials.length && a.trials.every((t, i) => t.outcome === b.trials[i].outcome);
}

export function checkAffineInvariance(run: ScenarioRun) {
  const other = run.companion;
  const map = other?.affineMap;
  if (!other || !map) return notApplicable('no affine companion run');
  const w = new WorstRatio();
  let scale = run.metric.norm(run.records[0]?.x ?? run.instance.x0);
  const n = Math.min(run.records.length, other.records.length);
  let k = 0;
  for (; k < n; k++) {
    const x = run.records[k].x;
    scale = Math.max(scale, run.metric.norm(x));
    const mapped = applyAffine(map, other.records[k].x);
    const gap = run.metric.norm(Float64Array.from(x, (v, i) => v - mapped[i]));
    w.see(scale === 0 ? (gap === 0 ? 0 : Infinity) : gap / scale / AFFINE_TOLERANCE, `k=${k}: ‖x_k − (Ty_k + b)‖_B/max‖x_j‖_B = ${(scale === 0 ? gap : gap / scale).toExponential(3)}`);
    if (!sameDecisions(run.records[k], other.records[k])) break;
  }
  const unmatched = Math.max(run.records.length, other.records.length) - Math.min(k + 1, n);
  return w.verdict(
    `relative gap ≤ ${AFFINE_TOLERANCE} (validation §7 agreement for inexact rescalings)`,
    unmatched > 0 ? `${unmatched} iterations not compared after the searches' decisions parted (a borderline acceptance test flipped)` : undefined,
  );
}

export const affineInvariance: Theorem = {
  id: 'affine-invariance',
  title: 'A10(ii): in coordinates x = Ty + b (B̃ = TᵀBT, H̃ = TᵀHT) the iterates map as x_k = Ty_k + b',
  source: 'Semenov, Jaggi & Doikov 2025, affine invariance [P]; spec gns.md §2.3(b) [R], §8.2 A10(ii); tolerance from gns-validation.md §7',
  statement: 'x_k = T y_k + b\\quad\\text{for }\\tilde f(y)=f(Ty+b),\\ \\tilde B=T^\\top BT,\\ \\tilde H=T^\\top HT',
  assumptions: [affineCompanion],
  tight: false,
  check: checkAffineInvariance,
};
