/**
 * The records of a natural-gradient run (capability `natural-gradient`, src/methods/step-record.ts) and
 * the supervised model they were computed on, for the GRNG theorems (docs/theory.md#natural-gradient-damped-system).
 */
import type { NaturalGradientFields, StepRecord } from '../methods/step-record.js';
import { type SupervisedModel, supervisedModelOf } from '../problems/supervised-model.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { Assumption } from './theorem.js';

export type NaturalGradientRecord = StepRecord & NaturalGradientFields;

export function naturalGradientRecords(run: ScenarioRun): readonly NaturalGradientRecord[] {
  return run.records as readonly NaturalGradientRecord[];
}

/** The run's supervised model, without the harness's call counting (a check's calls are not the method's). */
export function runModel(run: ScenarioRun): SupervisedModel | null {
  const problem = run.instance.problem as { oracle?: unknown };
  return supervisedModelOf((problem.oracle ?? run.instance.problem) as ScenarioRun['instance']['problem']);
}

/** x of the iteration the record's curvature was formed at (x_k of record `curvatureIteration`), or null when that record is not in the run. */
export function curvaturePoint(records: readonly NaturalGradientRecord[], r: NaturalGradientRecord): Float64Array | null {
  const at = records.find((s) => s.k === r.curvatureIteration);
  return at ? at.x : null;
}

/** The problem is a supervised model (a network, softmax or logistic regression). */
export const supervisedProblem: Assumption = {
  id: 'supervised-model',
  statement: 'f is the mean loss of a supervised model with data (outputs, Jacobians, pullbacks)',
  holds: (run) => (runModel(run) ? true : `'${run.instance.name.family}' has no supervised model`),
};

/** ‖v‖₂ rounded up: a sum of n squares (γ_n) and one square root (u), Higham §3.1. */
export function normUp(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s * (1 + gammaOf(v.length + 2))) * (1 + 2 ** -52);
}

/** γ_m = mu/(1 − mu) in float64 (Higham §3.1), u = 2⁻⁵³. */
export function gammaOf(m: number): number {
  const u = 2 ** -53;
  return (m * u) / (1 - m * u);
}

/** the records' vectors are finite (a diverged step is not judged) */
export function finiteRecord(r: NaturalGradientRecord): boolean {
  const finite = (v: Float64Array) => v.every(Number.isFinite);
  return finite(r.direction) && finite(r.preconditioned) && finite(r.x) && Number.isFinite(r.damping);
}
