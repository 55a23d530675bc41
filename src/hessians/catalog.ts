import { SolverConfigurationError } from '../configuration-error.js';
import type { LogisticOracle } from '../problems/families/logistic.js';
import type { LogSumExpOracle } from '../problems/families/logsumexp.js';
import type { NonlinearEquationsOracle } from '../problems/families/nonlinear-equations.js';
import type { Instance } from '../problems/instance.js';
import { metricOf } from '../problems/metric.js';
import type { Oracle } from '../problems/oracle.js';
import { additivePerturbation } from './additive-perturbation.js';
import { diagonalHessian } from './diagonal.js';
import { empiricalFisher } from './empirical-fisher.js';
import { exactHessianOf } from './exact.js';
import { fisherTerm } from './fisher-term.js';
import { float32Rounding } from './float32-rounding.js';
import { gaussNewton } from './gauss-newton.js';
import { generalizedGaussNewton } from './ggn.js';
import { type SupervisedModel, supervisedModelOf } from '../problems/supervised-model.js';
import type { HessianModel } from './hessian-model.js';
import { lowRankSketch } from './low-rank-sketch.js';
import { spectralPerturbation } from './spectral-perturbation.js';
import { staleHessian } from './stale.js';
import { weightedGaussNewton } from './weighted-gauss-newton.js';

/**
 * The Hessian models by name, and the one place that says which of them applies to an instance: the
 * structure-specific models are built from the structure of the oracle (the residual map of
 * nonlinear equations, the rows of a LogSumExp, the per-sample gradients of a logistic regression).
 */
export const HESSIAN_NAMES = ['exact', 'weighted-gauss-newton', 'gauss-newton', 'fisher', 'fisher-term', 'diagonal', 'ggn'] as const;
export type HessianName = (typeof HESSIAN_NAMES)[number];

/** A perturbation of a model, applied on top of it (src/hessians: additive, spectral, sketch, stale, float32). */
export type Perturbation =
  | { readonly kind: 'additive'; readonly shape: 'psd' | 'indefinite'; readonly C1: number; readonly C2: number; readonly beta: number; readonly seed: number }
  | { readonly kind: 'spectral'; readonly delta: number; readonly seed: number }
  | { readonly kind: 'sketch'; readonly rank: number; readonly seed: number }
  | { readonly kind: 'stale'; readonly every: number }
  | { readonly kind: 'float32' };

const isLogSumExp = (o: Oracle): boolean => (o as Partial<LogSumExpOracle>).kind === 'logsumexp';
const isNonlinearEquations = (o: Oracle): boolean => (o as Partial<NonlinearEquationsOracle>).kind === 'nonlinear-equations';
const isLogistic = (o: Oracle): boolean => typeof (o as Partial<LogisticOracle>).sampleGradients === 'function';

/** The problem each structure-specific model needs, and the test of the oracle for it; null: any problem. */
const NEEDS: Readonly<Record<HessianName, { readonly problem: string; readonly has: (o: Oracle) => boolean } | null>> = {
  exact: null,
  diagonal: null,
  'weighted-gauss-newton': { problem: 'logsumexp', has: isLogSumExp },
  'gauss-newton': { problem: 'nonlinear-equations', has: isNonlinearEquations },
  'fisher-term': { problem: 'nonlinear-equations', has: isNonlinearEquations },
  fisher: { problem: 'logistic-regression', has: isLogistic },
  ggn: { problem: 'supervised-model', has: (o) => supervisedModelOf(o) !== null },
};

/** Why the model `name` does not apply to the instance, or null where it does. */
export function whyNotApplicable(name: HessianName, instance: Instance): string | null {
  const need = NEEDS[name];
  const oracle = instance.problem.oracle;
  if (need === null || need.has(oracle)) return null;
  return `${name} needs a ${need.problem} problem, this one is ${(oracle as { kind?: string }).kind ?? instance.name.family}`;
}

/** The models that apply to an instance (in HESSIAN_NAMES order), and why each of the others does not. */
export function applicableHessians(instance: Instance): { readonly names: readonly HessianName[]; readonly notApplicable: readonly { readonly name: HessianName; readonly reason: string }[] } {
  const names: HessianName[] = [];
  const notApplicable: { name: HessianName; reason: string }[] = [];
  for (const name of HESSIAN_NAMES) {
    const reason = whyNotApplicable(name, instance);
    if (reason === null) names.push(name);
    else notApplicable.push({ name, reason });
  }
  return { names, notApplicable };
}

/** The Hessian model called `name` on this instance, with the perturbations applied in order; a SolverConfigurationError where it does not apply. */
export function hessianModelFor(name: HessianName, instance: Instance, perturbations: readonly Perturbation[] = []): HessianModel {
  const reason = whyNotApplicable(name, instance);
  if (reason !== null) throw new SolverConfigurationError(reason);
  const oracle = instance.problem.oracle;
  let model: HessianModel;
  switch (name) {
    case 'exact':
      model = exactHessianOf(instance);
      break;
    case 'weighted-gauss-newton':
      model = weightedGaussNewton(oracle as LogSumExpOracle, metricOf(instance.metric, instance.problem.dim));
      break;
    case 'gauss-newton':
      model = gaussNewton(oracle as NonlinearEquationsOracle);
      break;
    case 'fisher-term':
      model = fisherTerm(oracle as NonlinearEquationsOracle, instance.metric);
      break;
    case 'fisher':
      model = empiricalFisher(oracle as LogisticOracle, instance);
      break;
    case 'diagonal':
      model = diagonalHessian(instance);
      break;
    case 'ggn':
      model = generalizedGaussNewton(supervisedModelOf(oracle) as SupervisedModel);
      break;
  }
  for (const p of perturbations) {
    switch (p.kind) {
      case 'additive':
        model = additivePerturbation(model, instance, p);
        break;
      case 'spectral':
        model = spectralPerturbation(model, instance, p.delta, p.seed);
        break;
      case 'sketch':
        model = lowRankSketch(model, instance, p.rank, p.seed);
        break;
      case 'stale':
        model = staleHessian(model, instance, p.every);
        break;
      case 'float32':
        model = float32Rounding(model, instance);
        break;
    }
  }
  return model;
}
