import type { Backend } from '../backends/backend.js';
import { type HessianName, hessianModelFor, type Perturbation } from '../hessians/catalog.js';
import { zeroHessian } from '../hessians/zero.js';
import { membership } from '../problems/certificate.js';
import { formatName, type Instance } from '../problems/instance.js';
import { SolverConfigurationError } from '../configuration-error.js';
import { exactHessianOf } from '../hessians/exact.js';
import { constantStepGradientMethod, superNewtonMethod } from '../methods/baselines.js';
import { gnsMethod } from '../methods/gns.js';
import type { Method, MethodOptions } from '../methods/method.js';
import { methodById } from '../methods/registry.js';
import type { IterationRecord, SolverSummary, StoppingRule } from './iteration-record.js';

export const METHOD_NAMES = ['gns', 'gradient', 'gns-gradient', 'super-newton', 'cubic-newton', 'damped-newton', 'gradient-constant'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** Everything that names one run of one method on an instance. */
export interface MethodConfig extends StoppingRule {
  /** one of METHOD_NAMES, or the id of any registered method (src/methods/registry.ts), run with `options` over its defaults */
  readonly method: MethodName | (string & {});
  /** options of a registered method (default: its defaults); for gradient-constant, L in place of the certified constant */
  readonly options?: MethodOptions;
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

/**
 * The run of `config.method` on the instance through the registered Method (src/methods): Algorithm 1
 * with the named Hessian model ('gns-gradient': H ≡ 0), the baselines with ∇²f of the oracle.
 */
export function runMethod<V, M>(config: MethodConfig, instance: Instance, backend: Backend<V, M>): Generator<IterationRecord, SolverSummary, void> {
  const stop: StoppingRule = {
    maxIters: config.maxIters,
    fStar: config.fStar ?? instance.certificate.fStar,
    fTol: config.fTol,
    gradTol: config.gradTol,
  };
  const input = { problem: instance.problem, instance, x0: instance.x0, stop, backend };
  switch (config.method) {
    case 'gns':
    case 'gns-gradient': {
      const model = config.method === 'gns' ? hessianModelFor(config.hessian, instance, config.perturbations) : zeroHessian();
      const options = { mode: config.mode, gamma0: config.gamma0 ?? 1, ...defined({ eps: config.eps, gammaMin: config.gammaMin, maxTrials: config.maxTrials }) };
      return gnsMethod().run({ ...input, model }, options);
    }
    case 'super-newton':
      return superNewtonMethod.run({ ...input, model: exactHessianOf(instance) }, { alpha: config.alpha ?? 1 });
    case 'gradient-constant': {
      // the caller supplies L' (the method never reads a certificate): here the instance's certified Lipschitz constant of ∇f
      const L = (config.options?.L as number | undefined) ?? membership(instance.certificate, 'lipschitz-gradient')[0]?.L;
      if (L === undefined) throw new SolverConfigurationError(`gradient-constant: the instance '${formatName(instance.name)}' has no certified Lipschitz constant of ∇f for the step 1/L`);
      return constantStepGradientMethod.run({ ...input, model: exactHessianOf(instance) }, { L });
    }
    default: {
      const method = methodById(config.method);
      if (!method) throw new SolverConfigurationError(`unknown method '${config.method}'`);
      const options = { ...method.defaults, ...config.options };
      const valid = method.validate?.(options) ?? true;
      if (valid !== true) throw new SolverConfigurationError(`method '${method.id}': ${valid}`);
      return (method as Method).run({ ...input, model: exactHessianOf(instance) }, options);
    }
  }
}

/** the entries that are set */
function defined<T extends Record<string, number | undefined>>(o: T): Record<string, number> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, number>;
}
