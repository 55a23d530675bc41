import fc from 'fast-check';
import { expect } from 'vitest';
import { type Matrix, matVec } from '../../../src/linalg/matrix.js';
import { type Metric, metricOperatorNorm } from '../../../src/linalg/metric.js';
import { dot, norm2 } from '../../../src/linalg/vector.js';
import type { Membership } from '../../../src/problems/certificate.js';
import { checkDerivatives } from '../../../src/problems/derivative-check.js';
import type { Family, FamilyArbitraryOptions } from '../../../src/problems/family.js';
import { type Instance, formatName } from '../../../src/problems/instance.js';
import { metricOf } from '../../../src/problems/metric.js';
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
