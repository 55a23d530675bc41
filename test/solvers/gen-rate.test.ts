/**
 * The [V] numbers of the GeN spec (§C.4) reproduced on GeN's own parts: C-P1 agreement of the
 * three-point rate with ∇fᵀd/dᵀQd, C-P2 η = 1 for the Newton direction, C-P4 the worst per-step
 * contraction against Kantorovich's factor, C-P5 the O(p²) truncation error on Rosenbrock, C-P6 the
 * O(1/√B) minibatch error of the estimate with all three losses on the same minibatch, and its failure
 * when L₀ is on another minibatch.
 */
import { describe, expect, it } from 'vitest';
import { dot } from '../../src/linalg/vector.js';
import { matVec } from '../../src/linalg/matrix.js';
import { gaussian, rng } from '../../src/random/prng.js';
import { buildInstance } from '../../src/problems/registry.js';
import { rosenbrock } from '../../src/problems/families/rosenbrock.js';
import type { QuadraticOracle } from '../../src/problems/families/quadratic.js';
import { type RateProbes, threePointRate } from '../../src/solvers/gen-rate-estimate.js';
import { runScenario, type Scenario } from '../../src/scenarios/scenario.js';
import { kantorovichFactor } from '../../src/theory/gen-kantorovich.js';
import { genRecords, quadraticData } from '../../src/theory/gen-rounding.js';
import type { GenMethodOptions } from '../../src/methods/gen.js';

/** the probes of the estimator for f along d at x, with L₀ = f(x) */
function probesOf(f: (x: Float64Array) => number, x: Float64Array, d: Float64Array, p: number): RateProbes {
  return { probe: p, f0: f(x), lossAt: (eta) => f(x.map((xi, i) => xi - eta * d[i])), slope: () => NaN, curvature: () => NaN };
}

function genScenario(instance: Scenario['instance'], options: Partial<GenMethodOptions>, maxIters: number): Scenario {
  return { instance, method: { id: 'gen', options }, hessian: 'exact', perturbations: [], mode: 'strict', gamma0: 1, maxIters, gradTolRelative: 1e-14 };
}

const BATCHES = [16, 64, 256, 1024];

/** the RMS relative error of the three-point η̂ on 200 minibatches per B of a least-squares problem (n = 20000, d = 20), L₀ on its own minibatch when `separateL0` */
function minibatchErrors(separateL0: boolean): number[] {
  const n = 20000;
  const dim = 20;
  const next = rng(5);
  const A = Float64Array.from({ length: n * dim }, () => gaussian(next));
  const wTrue = Float64Array.from({ length: dim }, () => gaussian(next));
  const y = Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < dim; j++) s += A[i * dim + j] * wTrue[j];
    return s + gaussian(next);
  });
  const lossOn = (rows: Int32Array) => (w: Float64Array): number => {
    let s = 0;
    for (const i of rows) {
      let r = -y[i];
      for (let j = 0; j < dim; j++) r += A[i * dim + j] * w[j];
      s += r * r;
    }
    return s / (2 * rows.length);
  };
  const w = Float64Array.from({ length: dim }, () => gaussian(next));
  const all = Int32Array.from({ length: n }, (_, i) => i);
  // the oracle (full-batch) direction and rate: η* from the full-data three-point estimate (exact on a quadratic)
  const g = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    let r = -y[i];
    for (let j = 0; j < dim; j++) r += A[i * dim + j] * w[j];
    for (let j = 0; j < dim; j++) g[j] += (r * A[i * dim + j]) / n;
  }
  const etaStar = threePointRate(probesOf(lossOn(all), w, g, 0.5)).candidate;
  const draw = (B: number) => Int32Array.from({ length: B }, () => Math.floor(next() * n));
  return BATCHES.map((B) => {
    let s = 0;
    for (let t = 0; t < 200; t++) {
      const rows = draw(B);
      const probes = probesOf(lossOn(rows), w, g, etaStar);
      const eta = threePointRate(separateL0 ? { ...probes, f0: lossOn(draw(B))(w) } : probes).candidate;
      s += ((eta - etaStar) / etaStar) ** 2;
    }
    return Math.sqrt(s / 200);
  });
}

describe('GeN rate (spec §C.4, [V] numbers)', () => {
  it('C-P1: the three-point rate equals ∇fᵀd/dᵀQd within 1e-8·η* for probes p ∈ [1e-3, 10]·η* (200 random quadratics, d ≤ 50, κ ≤ 1e4)', () => {
    const next = rng(17);
    let worst = 0;
    for (let t = 0; t < 200; t++) {
      const instance = buildInstance({ family: 'quadratic', params: { logCond: [0, 1, 2, 3, 4][t % 5], scale: 1, metric: 'identity' }, dim: 2 + (t % 49), seed: t + 1 });
      const oracle = instance.problem.oracle as QuadraticOracle;
      const x = instance.x0.map((v) => v + gaussian(next));
      const g = oracle.grad(x);
      const etaStar = dot(g, g) / dot(g, matVec(oracle.data.Q, g));
      const p = etaStar * 10 ** (-3 + 4 * next());
      const e = threePointRate(probesOf((y) => oracle.f(y), x, g, p));
      worst = Math.max(worst, Math.abs(e.candidate - etaStar) / etaStar);
    }
    console.log(`C-P1: worst |η̂ − η*|/η* = ${worst.toExponential(2)} over 200 cases`);
    expect(worst).toBeLessThan(1e-8);
  });

  it('C-P2: the Newton direction gives η = 1 ± 1e-10 and one step to x* (f − f* ≤ 1e-12·max(1, |f*|)), exact and three-point', () => {
    for (const form of ['exact', 'three-point'] as const) {
      for (let seed = 1; seed <= 20; seed++) {
        const outcome = runScenario(genScenario({ family: 'quadratic', params: { logCond: 3, scale: 1, metric: 'identity' }, dim: 10, seed }, { direction: 'newton', form, smoothing: 0, clamp: false, eta0: 0.5 }, 1));
        if (!outcome.ok) throw new Error(outcome.skipped);
        const r = genRecords(outcome.run)[0];
        const fStar = quadraticData(outcome.run).fStar;
        expect(Math.abs(r.rate - 1)).toBeLessThan(1e-10);
        expect(r.fNext - fStar).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(fStar)));
      }
    }
  });

  it('C-P4: exact GeN on d = 50, κ = 100: the worst (f_{k+1} − f*)/(ρ(f_k − f*)) is ≤ 1 and near it', () => {
    let worst = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const outcome = runScenario(genScenario({ family: 'quadratic', params: { logCond: 2, scale: 1, metric: 'identity' }, dim: 50, seed }, { direction: 'gradient', form: 'exact', smoothing: 0, clamp: false, eta0: 1 }, 200));
      if (!outcome.ok) throw new Error(outcome.skipped);
      const q = quadraticData(outcome.run);
      const { rho } = kantorovichFactor(q, null, 2 ** -53);
      for (const r of genRecords(outcome.run)) {
        if (r.f - q.fStar < 1e-10 * Math.max(1, Math.abs(q.fStar))) break;
        worst = Math.max(worst, (r.fNext - q.fStar) / (rho * (r.f - q.fStar)));
      }
    }
    console.log(`C-P4: worst contraction/bound = ${worst.toFixed(4)} (10 quadratics, d = 50, κ = 100; the spec's [V]: 0.995)`);
    expect(worst).toBeLessThanOrEqual(1);
    expect(worst).toBeGreaterThan(0.9);
  });

  it('C-P5: on Rosenbrock at (−1.2, 1), d = ∇f, p = 1e-3·2^−j: the error of η̂(p) shrinks by 3.98, 3.996, 3.999 per halving (each within 0.005), log-log slope 2 ± 0.2', () => {
    const f = rosenbrock(1, 100);
    const x = Float64Array.of(-1.2, 1);
    const g = f.grad(x);
    const etaStar = dot(g, g) / dot(g, f.hvp(x, g));
    const p0 = 1e-3;
    const errors = [0, 1, 2, 3, 4].map((j) => Math.abs(threePointRate(probesOf((y) => f.f(y), x, g, p0 * 2 ** -j)).candidate - etaStar));
    const ratios = errors.slice(1).map((e, j) => errors[j] / e);
    console.log(`C-P5: η* = ${etaStar.toExponential(4)}, p₀ = ${p0.toExponential(3)}, error ratios per halving ${ratios.map((r) => r.toFixed(4)).join(', ')}`);
    [3.98, 3.996, 3.999].forEach((v, j) => expect(Math.abs(ratios[j] - v)).toBeLessThan(0.005));
    const slope = Math.log(errors[0] / errors[3]) / Math.log(8);
    expect(Math.abs(slope - 2)).toBeLessThan(0.2);
  });

  it('C-P6: on least squares (n = 20000 rows, d = 20) the RMS relative error of η̂ on minibatches shrinks ≈ 2× per 4× B (slope −0.5 ± 0.1, 200 minibatches per B)', () => {
    const rms = minibatchErrors(false);
    const slope = Math.log(rms[3] / rms[0]) / Math.log(1024 / 16);
    console.log(`C-P6: RMS relative error ${rms.map((r) => r.toFixed(3)).join(' → ')} for B = ${BATCHES.join(', ')}; slope ${slope.toFixed(3)}`);
    expect(Math.abs(slope + 0.5)).toBeLessThan(0.1);
  });

  it('C-P6 defect (§C.4): with L₀ on a different minibatch than L₊, L₋ the noise of L₀ no longer cancels: the RMS error is ≥ 10× the honest one at every B', () => {
    const honest = minibatchErrors(false);
    const rms = minibatchErrors(true);
    const slope = Math.log(rms[3] / rms[0]) / Math.log(1024 / 16);
    console.log(`C-P6 defect: RMS relative error ${rms.map((r) => r.toFixed(3)).join(' → ')} for B = ${BATCHES.join(', ')} (slope ${slope.toFixed(3)}); ${rms.map((r, i) => (r / honest[i]).toFixed(1)).join(', ')}× the honest error`);
    rms.forEach((r, i) => expect(r).toBeGreaterThan(10 * honest[i]));
  });
});
