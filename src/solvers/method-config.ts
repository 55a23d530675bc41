import type { Backend } from '../backends/backend.js';
import { additivePerturbation } from '../hessians/additive-perturbation.js';
import { diagonalHessian } from '../hessians/diagonal.js';
import { empiricalFisher } from '../hessians/empirical-fisher.js';
import { exactHessianOf } from '../hessians/exact.js';
import { fisherTerm } from '../hessians/fisher-term.js';
import { float32Rounding } from '../hessians/float32-rounding.js';
import { gaussNewton } from '../hessians/gauss-newton.js';
import type { HessianModel } from '../hessians/hessian-model.js';
import { lowRankSketch } from '../hessians/low-rank-sketch.js';
import { spectralPerturbation } from '../hessians/spectral-perturbation.js';
import { staleHessian } from '../hessians/stale.js';
import { weightedGaussNewton } from '../hessians/weighted-gauss-newton.js';
import { zeroHessian } from '../hessians/zero.js';
import type { LogisticOracle } from '../problems/families/logistic.js';
import type { LogSumExpOracle } from '../problems/families/logsumexp.js';
import type { NonlinearEquationsOracle } from '../problems/families/nonlinear-equations.js';
import type { Instance } from '../problems/instance.js';
import { metricOf } from '../problems/metric.js';
import { SolverConfigurationError } from './configuration-error.js';
import { cubicNewton } from './cubic-newton.js';
import { dampedNewton } from './damped-newton.js';
import { gns } from './gns.js';
import { gradientMethod } from './gradient-method.js';
import type { IterationRecord, SolverSummary, StoppingRule } from './iteration-record.js';
import { superUniversalNewton } from './super-universal-newton.js';

export const METHOD_NAMES = ['gns', 'gradient', 'gns-gradient', 'super-newton', 'cubic-newton', 'damped-newton'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];
export const HESSIAN_NAMES = ['exact', 'weighted-gauss-newton', 'gauss-newton', 'fisher', 'fisher-term', 'diagonal'] as const;
export type HessianName = (typeof HESSIAN_NAMES)[number];

export type Perturbation =
  | { readonly kind: 'additive'; readonly shape: 'psd' | 'indefinite'; readonly C1: number; readonly C2: number; readonly beta: number; readonly seed: number }
  | { readonly kind: 'spectral'; readonly delta: number; readonly seed: number }
  | { readonly kind: 'sketch'; readonly rank: number; readonly seed: number }
  | { readonly kind: 'stale'; readonly every: number }
  | { readonly kind: 'float32' };

/** Everything that names one run of one method on an instance. */
export interface MethodConfig extends StoppingRule {
  readonly method: MethodName;
  /** the Hessian model of `gns` (the other second-order methods use the exact Hessian) */
  readonly hessian: HessianName;
  readonly perturbations?: readonly Perturbation[];
  readonly mode: 'reference' | 'strict';
  readonly gamma0?: number;
  readonly eps?: number;
  readonly gammaMin?: number;
  readonly maxTrials?: number;
  /** super-universal Newton's α in λ = H‖g‖^α */
  readonly alpha?: number;
}

function requireKind<T>(instance: Instance, kind: string, hessian: string): T {
  const oracle = instance.problem.oracle as { kind?: string };
  if (oracle.kind !== kind) throw new SolverConfigurationError(`--hessian ${hessian} needs a ${kind} problem, this one is ${oracle.kind ?? instance.name.family}`);
  return oracle as unknown as T;
}

/** The Hessian model called `name` on this instance, with the perturbations applied in order. */
export function hessianModelFor(name: HessianName, instance: Instance, perturbations: readonly Perturbation[] = []): HessianModel {
  let model: HessianModel;
  switch (name) {
    case 'exact':
      model = exactHessianOf(instance);
      break;
    case 'weighted-gauss-newton':
      model = weightedGaussNewton(requireKind<LogSumExpOracle>(instance, 'logsumexp', name), metricOf(instance.metric, instance.problem.dim));
      break;
    case 'gauss-newton':
      model = gaussNewton(requireKind<NonlinearEquationsOracle>(instance, 'nonlinear-equations', name));
      break;
    case 'fisher-term':
      model = fisherTerm(requireKind<NonlinearEquationsOracle>(instance, 'nonlinear-equations', name), instance.metric);
      break;
    case 'fisher': {
      const oracle = instance.problem.oracle as Partial<LogisticOracle>;
      if (typeof oracle.sampleGradients !== 'function') throw new SolverConfigurationError(`--hessian fisher needs a logistic-regression problem, this one is ${instance.name.family}`);
      model = empiricalFisher(oracle as LogisticOracle, instance);
      break;
    }
    case 'diagonal':
      model = diagonalHessian(instance);
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

/** The run of `config.method` on the instance, as a generator of iteration records. */
export function runMethod<V, M>(config: MethodConfig, instance: Instance, backend: Backend<V, M>): Generator<IterationRecord, SolverSummary, void> {
  const { problem, x0, metric } = instance;
  const stop: StoppingRule = {
    maxIters: config.maxIters,
    fStar: config.fStar ?? instance.certificate.fStar,
    fTol: config.fTol,
    gradTol: config.gradTol,
  };
  const gnsOptions = { ...stop, mode: config.mode, metric, gamma0: config.gamma0, eps: config.eps, gammaMin: config.gammaMin, maxTrials: config.maxTrials };
  switch (config.method) {
    case 'gns':
      return gns(problem, hessianModelFor(config.hessian, instance, config.perturbations), x0, gnsOptions, backend);
    case 'gns-gradient':
      return gns(problem, zeroHessian(), x0, gnsOptions, backend);
    case 'gradient':
      return gradientMethod(problem, x0, { ...stop, metric }, backend);
    case 'super-newton':
      return superUniversalNewton(problem, x0, { ...stop, metric, alpha: config.alpha ?? 1 }, backend);
    case 'cubic-newton':
      return cubicNewton(problem, x0, { ...stop, metric }, backend);
    case 'damped-newton':
      return dampedNewton(problem, x0, { ...stop, metric }, backend);
  }
}
