import { cubicNewtonMethod, dampedNewtonMethod, gradientMethodMethod, superNewtonMethod } from './baselines.js';
import { gnsIdealMethod, gnsMethod } from './gns.js';
import type { Method } from './method.js';

/** Every method a scenario may name (add yours to it, or pass your own Method to checkMethod). */
export const METHODS: readonly Method[] = [gnsMethod(), gnsIdealMethod(), gradientMethodMethod, superNewtonMethod, cubicNewtonMethod, dampedNewtonMethod];

export function methodById(id: string): Method | undefined {
  return METHODS.find((m) => m.id === id);
}
