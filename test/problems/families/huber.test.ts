import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dot, norm2 } from '../../../src/linalg/vector.js';
import { membership } from '../../../src/problems/certificate.js';
import { checkDerivatives } from '../../../src/problems/derivative-check.js';
import { huberFamily } from '../../../src/problems/families/huber.js';
import { InstanceError } from '../../../src/problems/family.js';
import { formatName } from '../../../src/problems/instance.js';
import { gaussian, rng } from '../../../src/random/prng.js';
import { sampleInstances, unit } from './family-checks.js';

const U = 2 ** -53;
const instances = sampleInstances(huberFamily, 60, 5, { maxDim: 5 });

describe('huber', () => {
  it('f(x0) = φ(R), f* = 0 at x* = 0, the sublevel radius ‖x0‖, in every drawn dimension', () => {
    expect(new Set(instances.map((i) => i.problem.dim)).size).toBeGreaterThan(1);
    for (const inst of instances) {
      const { L, radius, kink } = inst.name.params as { L: number; radius: number; kink: number };
      const tau = kink * radius;
      const R = norm2(inst.x0);
      expect(Math.abs(R - radius)).toBeLessThanOrEqual(8 * U * radius);
      const phi = R <= tau ? 0.5 * L * R * R : L * tau * (R - tau / 2);
      expect(Math.abs(inst.problem.f(inst.x0) - phi)).toBeLessThanOrEqual(1e-14 * phi);
      expect(inst.certificate.fStar).toBe(0);
      expect(inst.problem.f(inst.certificate.xStar!)).toBe(0);
      expect(inst.certificate.sublevelRadius!).toBeGreaterThanOrEqual(R);
      expect(inst.certificate.sublevelRadius!).toBeLessThanOrEqual(R * (1 + 1e-14));
    }
  });

  it('the derivative self-checks pass at random points, the first step inside one piece (the Hessian jumps at ‖x‖ = τ)', () => {
    const next = rng(17);
    for (const inst of instances) {
      const n = inst.problem.dim;
      const tau = (inst.name.params.kink as number) * (inst.name.params.radius as number);
      const x = Float64Array.from(inst.x0, (xi) => xi * (0.2 + 1.6 * next()));
      const v = unit(Float64Array.from({ length: n }, () => gaussian(next)));
      // ‖x + tv‖ moves by at most t: a first step below half the distance to the sphere stays in one piece
      const t0 = Math.min(1, Math.abs(norm2(x) - tau) / 2);
      const report = checkDerivatives(inst.problem.oracle, x, v, { hessianOrder: 2 }, t0);
      expect(report.failures, `${formatName(inst.name)}: ${JSON.stringify(report.orders)}`).toEqual([]);
    }
  });

  it('the self-checks catch the Hessian L·I used outside the ball (where ∇²f = (Lτ/r)(I − xxᵀ/r²))', () => {
    const inst = huberFamily.build({ family: 'huber', params: { L: 2, radius: 1, kink: 0.25 }, dim: 2, seed: 4 });
    const o = inst.problem.oracle;
    const wrong = { ...o, hess: () => ({ rows: 2, cols: 2, data: Float64Array.of(2, 0, 0, 2) }), hvp: (_: Float64Array, v: Float64Array) => v.map((vi) => 2 * vi) };
    const x = inst.x0;
    const v = unit(Float64Array.of(1, 2));
    expect(checkDerivatives(o, x, v, { hessianOrder: 2 }, 0.3).ok).toBe(true);
    expect(checkDerivatives(wrong, x, v, { hessianOrder: 2 }, 0.3).ok).toBe(false);
  });

  it('the certificate holds on random pairs, across the kink too: ‖∇f(x) − ∇f(y)‖ ≤ L‖x − y‖, f(y) ≥ f(x) + ⟨∇f(x), y − x⟩', () => {
    const next = rng(23);
    for (const inst of instances) {
      const o = inst.problem.oracle;
      const [{ L }] = membership(inst.certificate, 'lipschitz-gradient');
      expect(inst.certificate.convexity).toBe('convex');
      for (let s = 0; s < 20; s++) {
        const x = Float64Array.from(inst.x0, (xi) => xi * 2 * next() + gaussian(next) * norm2(inst.x0) * 0.1);
        const y = Float64Array.from(inst.x0, (xi) => xi * 2 * next() + gaussian(next) * norm2(inst.x0) * 0.1);
        const gx = o.grad(x);
        const gy = o.grad(y);
        const d = norm2(x.map((xi, i) => xi - y[i]));
        expect(norm2(gx.map((gi, i) => gi - gy[i]))).toBeLessThanOrEqual(L * d * (1 + 1e-12) + 1e-12 * (norm2(gx) + norm2(gy)));
        const linear = o.f(x) + dot(gx, y.map((yi, i) => yi - x[i]));
        expect(o.f(y) - linear).toBeGreaterThanOrEqual(-1e-12 * (Math.abs(o.f(y)) + Math.abs(o.f(x)) + norm2(gx) * d));
      }
    }
  });

  it('its constant is attained inside the ball (∇f = Lx there), so L is not loose', () => {
    const inst = huberFamily.build({ family: 'huber', params: { L: 3, radius: 2, kink: 0.5 }, dim: 2, seed: 1 });
    const g = inst.problem.grad(Float64Array.of(0.3, -0.4));
    expect(Array.from(g)).toEqual([3 * 0.3, 3 * -0.4]);
  });

  it('names outside the ranges are InstanceErrors naming the parameter', () => {
    expect(() => huberFamily.build({ family: 'huber', params: { kink: 0 }, dim: 1, seed: 0 })).toThrow(InstanceError);
    expect(() => huberFamily.build({ family: 'huber', params: { L: -1 }, dim: 1, seed: 0 })).toThrow(/^L:/);
    expect(() => huberFamily.build({ family: 'huber', params: { wrong: 1 }, dim: 1, seed: 0 })).toThrow(/^wrong:/);
  });

  it('random names: mostly 1-D, all buildable', () => {
    const names = fc.sample(huberFamily.arbitrary(), { seed: 3, numRuns: 200 });
    expect(names.filter((n) => n.dim === 1).length).toBeGreaterThan(100);
    for (const n of names) expect(() => huberFamily.build(n)).not.toThrow();
  });
});
