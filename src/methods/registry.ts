import { constantStepGradientMethod, cubicNewtonMethod, dampedNewtonMethod, gradientMethodMethod, superNewtonMethod } from './baselines.js';
import { gnsIdealMethod, gnsMethod } from './gns.js';
import { genMethod } from './gen.js';
import { adamMethod, lehiMethod } from './diagonal-scaling.js';
import { rengMethod, ringMethod, rKalmanMethod } from './natural-gradient.js';
import { perturbedPgdMethod, pgdMethod } from './preconditioned.js';
import { solverProcessMethod } from '../solver-process/process-method.js';
import type { Method } from './method.js';

/** Every method of ratecheck itself that a scenario may name. */
export const METHODS: readonly Method[] = [gnsMethod(), gnsIdealMethod(), gradientMethodMethod, superNewtonMethod, cubicNewtonMethod, dampedNewtonMethod, solverProcessMethod as unknown as Method, constantStepGradientMethod, pgdMethod, perturbedPgdMethod, genMethod as unknown as Method, adamMethod as unknown as Method, lehiMethod as unknown as Method, ringMethod as unknown as Method, rengMethod as unknown as Method, rKalmanMethod as unknown as Method];

/** methods registered at run time (a user's, by checkMethod): known to this process only */
const REGISTERED = new Map<string, Method>();

/**
 * Make a method nameable by scenarios (and so by replay strings) in this process. Registering the
 * same method object again does nothing; another method under a taken id is an error.
 */
export function registerMethod(method: Method): void {
  const taken = METHODS.find((m) => m.id === method.id) ?? REGISTERED.get(method.id);
  // the method a family makes for some options (withOptions) is known under the family's id
  if (taken === method || (taken?.withOptions !== undefined && taken.id === method.id)) return;
  if (taken) throw new Error(`registerMethod: a different method is already registered as '${method.id}'`);
  REGISTERED.set(method.id, method);
}

export function methodById(id: string): Method | undefined {
  return METHODS.find((m) => m.id === id) ?? REGISTERED.get(id);
}
