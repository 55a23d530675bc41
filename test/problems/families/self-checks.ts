import { expect } from 'vitest';
import { checkDerivatives } from '../../../src/problems/derivative-check.js';
import { formatName, type Instance } from '../../../src/problems/instance.js';
import { pointAndDirection } from './family-checks.js';

/**
 * checkDerivatives at a random point and direction of the instance. The gradient, Hessian, hvp and
 * third-derivative checks must pass there. The second-order (function-value) remainder c₃t³ + c₄t⁴ + …
 * can have its t³/t⁴ crossover inside the halvings when c₃ is small along a generic direction
 * (logistic: 5 of 400 random points, orders 2.2–2.7); a wrong Hessian fails it at every point, so it
 * gets one retry at a fresh point and direction.
 */
export function expectSelfChecks(instance: Instance, next: () => number, t0 = 1): void {
  const label = formatName(instance.name);
  const first = pointAndDirection(instance, next);
  const report = checkDerivatives(instance.problem.oracle, first.x, first.v, {}, t0);
  expect(report.failures.filter((f) => !f.startsWith('second-order')), `${label}: ${JSON.stringify(report.orders)}`).toEqual([]);
  if (report.ok) return;
  const second = pointAndDirection(instance, next);
  const retry = checkDerivatives(instance.problem.oracle, second.x, second.v, {}, t0);
  expect(retry.failures, `${label} (retry): ${JSON.stringify(retry.orders)}`).toEqual([]);
}
