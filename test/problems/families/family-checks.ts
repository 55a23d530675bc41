import fc from 'fast-check';
import { expect, it } from 'vitest';
import { type Matrix, matVec } from '../../../src/linalg/matrix.js';
import { type Metric, metricOperatorNorm } from '../../../src/linalg/metric.js';
import { dot, norm2 } from '../../../src/linalg/vector.js';
import { type Membership, membership } from '../../../src/problems/certificate.js';
import { checkDerivatives } from '../../../src/problems/derivative-check.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../../../src/problems/family.js';
import { type Instance, formatName, parseName } from '../../../src/problems/instance.js';
import { metricOf } from '../../../src/problems/metric.js';
import type { Oracle } from '../../../src/problems/oracle.js';
import { gaussian, randomVector, rng } from '../../support/random-matrices.js';

/** `count` instances of a family, drawn with a fixed fast-check seed. */
export function sampleInstances(family: Family, count: number, seed: number, options?: FamilyArbitraryOptions): Instance[] {
  return fc.sample(family.arbitrary(options), { seed, numRuns: count }).map((name) => family.build(name));
}

export function unit(v: Float64Array): Float64Array {
  const s = norm2(v);
  return Float64Array.from(v, (vi) => vi / s);
}

/** A point near x0 (Gaussian perturbation of relative size ~1) and a unit direction. */
export function pointAndDirection(instance: Instance, next: () => number): { x: Float64Array; v: Float64Array } {
  const n = instance.problem.dim;
  const x = Float64Array.from(instance.x0, (xi) => xi + gaussian(next));
  return { x, v: unit(randomVector(n, next)) };
}

/**
 * The Taylor-remainder self-checks at a point; `t0` keeps the first step inside the region where the
 * function is as smooth as claimed (away from kinks).
 */
export function expectDerivatives(instance: Instance, x: Float64Array, v: Float64Array, t0: number, hessianOrder = 2): void {
  const report = checkDerivatives(instance.problem.oracle, x, v, { hessianOrder }, t0);
  expect(report.failures, `${formatName(instance.name)} at t0 = ${t0}: ${JSON.stringify(report.orders)}`).toEqual([]);
}

/** expectDerivatives at one random point and direction (pointAndDirection) per instance; t0 may depend on them. */
export function expectDerivativesAtRandomPoints(
  instances: readonly Instance[],
  seed: number,
  t0: number | ((instance: Instance, x: Float64Array, v: Float64Array) => number),
): void {
  const next = rng(seed);
  for (const inst of instances) {
    const { x, v } = pointAndDirection(inst, next);
    expectDerivatives(inst, x, v, typeof t0 === 'number' ? t0 : t0(inst, x, v));
  }
}

/**
 * checkDerivatives at a random point and direction of each instance. The gradient, Hessian, hvp and
 * third-derivative checks must pass there. The second-order (function-value) remainder c₃t³ + c₄t⁴ + …
 * can have its t³/t⁴ crossover inside the halvings when c₃ is small along a generic direction
 * (logistic: 5 of 400 random points, orders 2.2–2.7); a wrong Hessian fails it at every point, so it
 * gets one retry at a fresh point and direction.
 */
export function expectSelfChecks(instances: readonly Instance[], seed: number): void {
  const next = rng(seed);
  for (const inst of instances) {
    const label = formatName(inst.name);
    const first = pointAndDirection(inst, next);
    const report = checkDerivatives(inst.problem.oracle, first.x, first.v, {}, 1);
    expect(report.failures.filter((f) => !f.startsWith('second-order')), `${label}: ${JSON.stringify(report.orders)}`).toEqual([]);
    if (report.ok) continue;
    const second = pointAndDirection(inst, next);
    const retry = checkDerivatives(inst.problem.oracle, second.x, second.v, {}, 1);
    expect(retry.failures, `${label} (retry): ${JSON.stringify(retry.orders)}`).toEqual([]);
  }
}

/** The oracle with ∂f/∂x₀ scaled by 1.01: a deliberately wrong gradient the self-checks must catch. */
function withWrongGradient(o: Oracle): Oracle {
  return {
    dim: o.dim,
    f: (x) => o.f(x),
    grad(x) {
      const g = o.grad(x);
      g[0] *= 1.01;
      return g;
    },
    hess: (x) => o.hess(x),
    hvp: (x, v) => o.hvp(x, v),
  };
}

/** checkDerivatives fails for withWrongGradient along directions with v₀ ≠ 0: in some check, or in the gradient check itself. */
export function expectWrongGradientCaught(instances: readonly Instance[], seed: number, caughtBy: 'any check' | 'the gradient check'): void {
  const next = rng(seed);
  for (const inst of instances) {
    const { x } = pointAndDirection(inst, next);
    const v = unit(randomVector(inst.problem.dim, next).map((vi, i) => (i === 0 ? 1 : vi)));
    const report = checkDerivatives(withWrongGradient(inst.problem.oracle), x, v);
    expect(report.ok, formatName(inst.name)).toBe(false);
    if (caughtBy === 'the gradient check') expect(report.failures.some((m) => m.startsWith('gradient')), formatName(inst.name)).toBe(true);
  }
}

/**
 * |D³f(x)[u, u, v]| / (M·⟨∇²f(x)u, u⟩·‖v‖_x^(ν−2)·‖v‖^(3−ν)) in B = I: ≤ 1 under a generalized
 * self-concordance membership (Sun & Tran-Dinh 2019) with these ν and M.
 */
function generalizedSelfConcordanceRatio(o: Oracle, nu: number, M: number, x: Float64Array, u: Float64Array, v: Float64Array): number {
  const third = Math.abs(dot(o.third!(x, u), v));
  const curvature = dot(o.hvp(x, u), u);
  const local = Math.sqrt(dot(o.hvp(x, v), v));
  const bound = M * curvature * (nu === 2 ? 1 : local ** (nu - 2)) * norm2(v) ** (3 - nu);
  return bound === 0 ? (third === 0 ? 0 : Infinity) : third / bound;
}

/** Every generalized self-concordance membership (B = I) holds at `samples` random (x, u, v) per instance. */
export function expectGeneralizedSelfConcordance(instances: readonly Instance[], samples: number, seed: number): void {
  const next = rng(seed);
  for (const inst of instances) {
    for (const m of membership(inst.certificate, 'generalized-self-concordant')) {
      for (let s = 0; s < samples; s++) {
        const { x, v } = pointAndDirection(inst, next);
        const u = unit(randomVector(inst.problem.dim, next));
        expect(generalizedSelfConcordanceRatio(inst.problem.oracle, m.nu, m.M, x, u, v), `${formatName(inst.name)} ν = ${m.nu}`).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
  }
}

/** The derivative tests of an oracle family: self-checks on every instance, and a wrong gradient caught on ten. */
export function selfCheckTests(
  instances: readonly Instance[],
  caughtBy: 'any check' | 'the gradient check',
  title = `passes the Taylor-remainder self-checks (gradient, Hessian, hvp = hess·v, third vs FD of hvp) on ${instances.length} random instances`,
): void {
  it(title, () => {
    expectSelfChecks(instances, 5);
  });

  it('a gradient with one component scaled by 1.01 fails the self-check', () => {
    expectWrongGradientCaught(instances.slice(0, 10), 6, caughtBy);
  });
}

/** The instance rebuilt from the text of its name: the same f(x0) and certificate. */
export function expectRebuildsFromName(family: Family, instance: Instance): Instance {
  const parsed = parseName(formatName(instance.name));
  if ('error' in parsed) throw new Error(parsed.error);
  const again = family.build(parsed);
  expect(again.problem.f(again.x0)).toBe(instance.problem.f(instance.x0));
  expect(again.certificate).toEqual(instance.certificate);
  return again;
}

/** The field an InstanceError thrown by fn names, or what happened instead. */
export function instanceErrorField(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof InstanceError ? e.field : 'not an InstanceError';
  }
  return 'no error';
}

/** ‖x − y‖ in the instance metric. */
function distance(metric: Metric, x: Float64Array, y: Float64Array): number {
  return metric.norm(Float64Array.from(x, (xi, i) => xi - y[i]));
}

function difference(a: Matrix, b: Matrix): Matrix {
  return { rows: a.rows, cols: a.cols, data: Float64Array.from(a.data, (v, i) => v - b.data[i]) };
}

/**
 * The worst ratio observed / bound of a membership's inequality over sampled points (pairs at several
 * distances, directions); ≤ 1 + rounding when the certified constant is right.
 */
export function membershipRatio(instance: Instance, m: Membership, samples: number, next: () => number): number {
  const o = instance.problem.oracle;
  const metric = metricOf(instance.metric, o.dim);
  let worst = 0;
  for (let s = 0; s < samples; s++) {
    const { x, v } = pointAndDirection(instance, next);
    const h = unit(randomVector(o.dim, next));
    const y = Float64Array.from(x, (xi, i) => xi + 10 ** (-3 + (s % 5)) * v[i]);
    const dxy = distance(metric, x, y);
    let ratio: number;
    switch (m.class) {
      case 'quasi-self-concordant':
      case 'generalized-self-concordant': {
        const third = dot(o.third!(x, h), v);
        const curvature = dot(o.hvp(x, h), h);
        const bound = m.M * metric.norm(v) * curvature;
        ratio = (m.class === 'quasi-self-concordant' ? third : Math.abs(third)) / bound;
        if (bound === 0) ratio = third === 0 ? 0 : Infinity;
        break;
      }
      case 'lipschitz-gradient': {
        const dg = Float64Array.from(o.grad(x), (gi, i) => gi - o.grad(y)[i]);
        ratio = metric.dualNorm(dg) / (m.L * dxy);
        break;
      }
      case 'holder-hessian': {
        ratio = metricOperatorNorm(difference(o.hess(x), o.hess(y)), metric) / (m.L * dxy ** m.nu);
        break;
      }
      case 'holder-third': {
        const t = dot(o.third!(x, h), h) - dot(o.third!(y, h), h);
        ratio = Math.abs(t) / (m.L * dxy ** m.nu * metric.norm(h) ** 3);
        break;
      }
      case 'l0-l1-smooth': {
        ratio = metricOperatorNorm(o.hess(x), metric) / (m.L0 + m.L1 * metric.dualNorm(o.grad(x)));
        break;
      }
    }
    if (!(ratio <= worst)) worst = ratio;
  }
  return worst;
}

/** Every membership of the certificate holds on samples, within a relative rounding slack. */
export function expectMemberships(instance: Instance, samples: number, seed: number): void {
  const next = rng(seed);
  for (const m of instance.certificate.memberships) {
    const ratio = membershipRatio(instance, m, samples, next);
    expect(ratio, `${formatName(instance.name)} ${m.class}`).toBeLessThanOrEqual(1 + 1e-9);
  }
}

/** f(x*) = f*, ∇f(x*) = 0 up to rounding, and f ≥ f* at sampled points. */
export function expectOptimum(instance: Instance, samples: number, seed: number, gradientTolerance: number): void {
  const o = instance.problem.oracle;
  const { fStar, xStar } = instance.certificate;
  const label = formatName(instance.name);
  expect(fStar, label).toBeDefined();
  if (xStar) {
    expect(o.f(xStar), label).toBe(fStar);
    expect(norm2(o.grad(xStar)), label).toBeLessThanOrEqual(gradientTolerance);
  }
  const next = rng(seed);
  for (let s = 0; s < samples; s++) {
    const { x } = pointAndDirection(instance, next);
    expect(o.f(x), label).toBeGreaterThanOrEqual(fStar! - 1e-12 * Math.abs(fStar!));
  }
}

/** ⟨∇²f(x)v, v⟩ ≥ −tolerance·‖∇²f(x)‖·‖v‖² at sampled points (for certificates claiming convexity). */
export function expectConvexOnSamples(instance: Instance, samples: number, seed: number): void {
  const o = instance.problem.oracle;
  const next = rng(seed);
  for (let s = 0; s < samples; s++) {
    const { x, v } = pointAndDirection(instance, next);
    const h = o.hess(x);
    const scale = h.data.reduce((acc, e) => Math.max(acc, Math.abs(e)), 0) * o.dim;
    expect(dot(matVec(h, v), v), formatName(instance.name)).toBeGreaterThanOrEqual(-1e-12 * scale);
  }
}

/** An oracle at a non-finite point: NaN results, no exception. */
export function expectNaNAtNonFinite(instance: Instance): void {
  const o = instance.problem.oracle;
  const n = o.dim;
  for (const bad of [NaN, Infinity, -Infinity]) {
    const x = instance.x0.slice();
    x[n - 1] = bad;
    const v = new Float64Array(n).fill(1);
    expect(o.f(x)).toBeNaN();
    expect(Array.from(o.grad(x)).every(Number.isNaN)).toBe(true);
    expect(Array.from(o.hess(x).data).every(Number.isNaN)).toBe(true);
    expect(Array.from(o.hvp(x, v)).every(Number.isNaN)).toBe(true);
    if (o.third) expect(Array.from(o.third(x, v)).every(Number.isNaN)).toBe(true);
  }
}
