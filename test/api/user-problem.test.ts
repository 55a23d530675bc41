/**
 * A researcher's own objective, as a user would bring it (imports from 'ratecheck' only): with a true
 * certificate it is accepted and the methods are checked on it; with a false Lipschitz constant the
 * spot check rejects the claim, naming it — never a theorem violation of a method.
 */
import { checkMethod, FalseClaimError, gradientMethodMethod, matrix, userInstanceNames, userProblem, verifyUserProblem, type UserProblemSpec } from 'ratecheck';
import { describe, expect, it } from 'vitest';

/** f(x) = Σ log(1 + exp(aᵢ·xᵢ)) − 0.3·Σxᵢ + ½‖x‖²: strongly convex, ∇f L-Lipschitz with L = 1 + max aᵢ²/4 */
function softplus(id: string, L: number): UserProblemSpec {
  const a = [1, -2, 0.5];
  const sigma = (t: number) => 1 / (1 + Math.exp(-t));
  return {
    id,
    dim: 3,
    f: (x) => x.reduce((s, xi, i) => s + Math.log1p(Math.exp(a[i] * xi)) - 0.3 * xi + 0.5 * xi * xi, 0),
    grad: (x) => x.map((xi, i) => a[i] * sigma(a[i] * xi) - 0.3 + xi),
    hess: (x) => matrix(3, 3, Float64Array.from({ length: 9 }, (_, k) => (k % 4 === 0 ? 1 + a[k / 4] ** 2 * sigma(a[k / 4] * x[k / 4]) * (1 - sigma(a[k / 4] * x[k / 4])) : 0))),
    x0: [2, -1, 3],
    certificate: { convexity: 'strongly-convex', memberships: [{ class: 'lipschitz-gradient', L }] },
  };
}

describe('a user objective with the certificate its author claims', () => {
  it('a true certificate (L = 2) is accepted, and the gradient method is checked on it', () => {
    const family = userProblem(softplus('softplus', 2));
    const check = checkMethod(gradientMethodMethod, { properties: ['descent'], instances: userInstanceNames('softplus'), cases: 20 });
    expect(family.name.family).toBe('user:softplus');
    expect(check.ok).toBe(true);
    expect(check.properties[0].theorems.descent.holds).toBeGreaterThan(0);
  });

  it('a Lipschitz constant that is too small (L = 0.5) is rejected by the spot check, which says which claim is false', () => {
    const result = verifyUserProblem(softplus('softplus-small-l', 0.5));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.falseClaims[0]).toMatch(/^certificate claim 'lipschitz-gradient L = 0.5' is false: ‖∇f\(y\) − ∇f\(x\)‖_\* \/ ‖y − x‖ = /);
    expect(() => userProblem(softplus('softplus-small-l', 0.5))).toThrow(FalseClaimError);
    expect(() => userProblem(softplus('softplus-small-l', 0.5))).toThrow(/lipschitz-gradient L = 0\.5' is false/);
  });
});
