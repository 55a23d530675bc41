import type { Backend } from '../backends/backend.js';
import { type HessianName, hessianModelFor, type Perturbation } from '../hessians/catalog.js';
import { zeroHessian } from '../hessians/zero.js';
import type { Instance } from '../problems/instance.js';
import { cubicNewton } from './cubic-newton.js';
import { dampedNewton } from './damped-newton.js';
import { gns } from './gns.js';
import { gradientMethod } from './gradient-method.js';
import type { IterationRecord, SolverSummary, StoppingRule } from './iteration-record.js';
import { superUniversalNewton } from './super-universal-newton.js';

export const METHOD_NAMES = ['gns', 'gradient', 'gns-gradient', 'super-newton', 'cubic-newton', 'damped-newton'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

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
