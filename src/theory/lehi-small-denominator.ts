/**
 * LEHI's failure signature (docs/theory.md#lehi-small-denominator): where the imitation term is ≈ 0
 * (saturated softmax, dead units) the denominator √ŝ + ε falls to ≈ ε and the step α·m̂/(√ŝ + ε) explodes.
 * Measured as the share of coordinates and iterations with √ŝ_kj < 10ε, ŝ = s/(1 − β2ⁿ), in the LEHI run
 * and in its companion, Adam with the same options (same minibatches); shown when LEHI's share exceeds
 * Adam's by more than 0.1. A frequency against a chosen margin: a diagnostic.
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import { diagonalScalingRecords, type DiagonalScalingRecord, imitationRun } from './lehi-imitation-draws.js';
import type { Assumption, Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

/** √ŝ below this many ε counts as a collapsed denominator */
export const COLLAPSE_FACTOR = 10;
/** the excess share over Adam's that is shown */
export const EXCESS_MARGIN = 0.1;

/** The share of (k, j) with √ŝ_kj < 10ε (Adam's form: ŝ = s/(1 − β2^(k+1))). */
export function collapsedShare(records: readonly DiagonalScalingRecord[]): number {
  let collapsed = 0;
  let seen = 0;
  for (const r of records) {
    const correction = 1 - r.beta2 ** (r.k + 1);
    for (const s of r.secondMoment) {
      seen++;
      if (Math.sqrt(s / correction) < COLLAPSE_FACTOR * r.epsilon) collapsed++;
    }
  }
  return seen === 0 ? 0 : collapsed / seen;
}

export const adamCompanionRun: Assumption = {
  id: 'lehi-adam-companion',
  statement: 'LEHI in Adam\'s form beside a companion run of adam with the same options',
  holds: (run) => {
    if (run.methodOptions.form !== 'adam') return `the form is '${String(run.methodOptions.form)}'`;
    return run.companion?.method.id === 'adam' ? true : 'no companion run of adam';
  },
};

export function checkSmallDenominator(run: ScenarioRun): Verdict {
  const lehi = collapsedShare(diagonalScalingRecords(run));
  const adam = collapsedShare(diagonalScalingRecords(run.companion as ScenarioRun));
  const w = new WorstRatio();
  w.see(Math.max(0, lehi - adam) / EXCESS_MARGIN, `√ŝ < ${COLLAPSE_FACTOR}ε in ${(100 * lehi).toFixed(1)}% of LEHI's coordinates and iterations, ${(100 * adam).toFixed(1)}% of Adam's`);
  return w.verdict(`measured: LEHI's share of collapsed denominators at most Adam's + ${EXCESS_MARGIN}`);
}

export const lehiSmallDenominator: Theorem = {
  id: 'lehi-small-denominator',
  title: 'LEHI (failure signature, diagnostic): how often √ŝ < 10ε, against Adam on the same minibatches',
  source: 'the failure signature of an imitation term ≈ 0 (saturated outputs, dead units) of the LEHI reconstruction [R]; docs/theory.md#lehi-small-denominator',
  statement: '\\#\\{(k,j):\\sqrt{\\hat s_{kj}}<10\\varepsilon\\}_{\\mathrm{LEHI}}\\ \\lesssim\\ \\#\\{\\cdot\\}_{\\mathrm{Adam}}',
  assumptions: [imitationRun, adamCompanionRun],
  tight: false,
  gating: false,
  gatingReason: 'a frequency compared with Adam\'s under a chosen margin of 0.1: no theorem bounds how often the imitation term is near zero',
  check: checkSmallDenominator,
};
