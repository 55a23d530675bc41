import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classBounds } from '../../src/gns/lower-bound.js';
import { falsifyLowerBound, gammaExact1D2D, gammaFalsifier } from '../../src/gns/gamma.js';
import { matrix } from '../../src/linalg/matrix.js';
import { metricOf } from '../../src/problems/metric.js';
import { buildInstance, familyById } from '../../src/problems/registry.js';
import type { Instance } from '../../src/problems/instance.js';
import { gaussian, rng } from '../../src/random/prng.js';
import { at, holder1D, logistic1D, metric1, quartic1D } from './one-d.js';

describe('gammaExact1D2D: the verified reference values (spec §8.4 [M])', () => {
  const cases = [
    { name: '|x|³/6 (ν = 1)', oracle: holder1D(1), c: 2 },
    { name: '|x|^2.5/(1.5·2.5) (ν = ½)', oracle: holder1D(0.5), c: 3.4641 },
    { name: '|x|^2.25/(1.25·2.25) (ν = ¼)', oracle: holder1D(0.25), c: 5.9814 },
    { name: 'x⁴/4', oracle: quartic1D(), c: 1.125 },
  ];
  for (const c of cases) {
    it(`${c.name}: γ(x) = ${c.c}|x|, homogeneous`, () => {
      let worst = 0;
      for (const x of [-3, -0.7, 0.01, 0.5, 1, 2.5, 40]) {
        const e = gammaExact1D2D(c.oracle, at(x), null, c.oracle.hess(at(x)), metric1);
        worst = Math.max(worst, Math.abs(e.gamma / Math.abs(x) - c.c) / c.c);
        expect(e.witness).not.toBeNull();
      }
      console.log(`${c.name}: max |γ/|x| − ${c.c}|/${c.c} = ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(5e-5); // the reference values carry 4–5 digits
    });
  }
  it('logistic at x = 10: γ = 2.72 (2.7185 in gns-validation)', () => {
    const o = logistic1D();
    const e = gammaExact1D2D(o, at(10), null, o.hess(at(10)), metric1);
    console.log(`logistic x = 10: γ = ${e.gamma}`);
    expect(Math.abs(e.gamma - 2.7185) / 2.7185).toBeLessThan(5e-5);
  });
  it('x⁴/4 with the Fisher term H = 2x²: γ = |x| exactly, the cap a/‖E‖ (attained as h → 0)', () => {
    const o = quartic1D();
    for (const x of [0.3, 1.3, 7]) {
      const e = gammaExact1D2D(o, at(x), null, matrix(1, 1, Float64Array.of(2 * x * x)), metric1);
      expect(e.gamma / x).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(e.gamma / x).toBeLessThan(1 + 1e-6);
    }
  });
  it('the direct check is sharp at γ: no counterexample at 0.999999γ, one at 1.0001γ', () => {
    for (const o of [holder1D(1), holder1D(0.5), quartic1D(), logistic1D()]) {
      const x = at(1.7);
      const e = gammaExact1D2D(o, x, null, o.hess(x), metric1);
      expect(falsifyLowerBound(e.gamma * (1 - 1e-6), o, x, null, o.hess(x), metric1).counterexample).toBe(false);
      expect(falsifyLowerBound(e.gamma * (1 + 1e-4), o, x, null, o.hess(x), metric1).counterexample).toBe(true);
    }
  });
});

/** points around x0 at several scales (|s| moderate for exponential families) */
function points(instance: Instance, seed: number, count: number, maxScale: number): Float64Array[] {
  const next = rng(seed);
  const out = [instance.x0];
  for (let i = 1; i < count; i++) {
    const s = maxScale * 10 ** (-2 * next());
    out.push(instance.x0.map((v) => v + s * gaussian(next)));
  }
  return out;
}

const CLASS_FAMILIES = ['holder-power-sum', 'third-order-power-sum', 'l0-l1-family', 'logistic', 'logsumexp'];

describe('γ(x) ≥ π(‖∇f(x)‖_*) for every class on 1-D/2-D certified instances (spec §4)', () => {
  it('the estimator and the direct check agree with every class bound', () => {
    const names = fc.sample(fc.oneof(...CLASS_FAMILIES.map((id) => familyById(id)!.arbitrary({ minDim: 1, maxDim: 2 }))), { seed: 11, numRuns: 40 });
    const worst: Record<string, { minRatio: number; maxFalsify: number; n: number }> = {};
    for (const name of names) {
      let inst: Instance;
      try {
        inst = buildInstance(name);
      } catch {
        continue;
      }
      const o = inst.problem.oracle;
      const metric = metricOf(inst.metric, inst.problem.dim);
      const exponential = name.family === 'l0-l1-family';
      for (const x of points(inst, name.seed, 4, exponential ? 1 : 3)) {
        const g = o.grad(x);
        const a = metric.dualNorm(g);
        if (!(a > 0) || !Number.isFinite(a)) continue;
        for (const kind of ['exact', 'zero'] as const) {
          const H = kind === 'exact' ? o.hess(x) : matrix(x.length, x.length);
          const bounds = classBounds(inst, a, kind);
          if (bounds.length === 0) continue;
          const gamma = gammaExact1D2D(o, x, null, H, metric).gamma;
          for (const b of bounds) {
            const key = `${b.cls}${'nu' in b.membership ? ` ν=${b.membership.nu}` : ''} H=${kind}`;
            const f = falsifyLowerBound(b.pi, o, x, null, H, metric);
            const w = (worst[key] ??= { minRatio: Infinity, maxFalsify: 0, n: 0 });
            w.minRatio = Math.min(w.minRatio, gamma / b.pi);
            w.maxFalsify = Math.max(w.maxFalsify, f.ratio);
            w.n++;
            if (gamma < b.pi * (1 - 1e-9) || f.counterexample) console.log(`FINDING ${JSON.stringify(name)} x=${x} ${key}: γ = ${gamma}, π = ${b.pi}, falsify ${f.ratio}`);
          }
        }
      }
    }
    for (const [k, w] of Object.entries(worst)) console.log(`${k}: ${w.n} points, min γ/π = ${w.minRatio.toFixed(4)}, max falsify ratio = ${w.maxFalsify.toFixed(4)}`);
    expect(Object.keys(worst).length).toBeGreaterThanOrEqual(5);
    for (const w of Object.values(worst)) {
      expect(w.minRatio).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(w.maxFalsify).toBeLessThanOrEqual(1);
    }
  }, 120_000);
});

describe('power: the falsifier finds a counterexample to γ ≥ 4π where the bound is tight', () => {
  const tight = [
    'holder-power-sum/extraRows=0,kind=abs,metric=gram,nu=1,rows=gaussian',
    'holder-power-sum/extraRows=0,kind=abs,metric=identity,nu=1,rows=orthogonal',
    'logsumexp/mu=0.5,rows=4',
    'logsumexp/mu=0.1,rows=6',
  ];
  it('1-D/2-D: every point whose γ is below 4π yields a counterexample; n-D (n = 6): the sampling falsifier too', () => {
    let due = 0;
    let found = 0;
    let dueN = 0;
    let foundN = 0;
    for (const base of tight) {
      for (const dim of [1, 2, 6]) {
        for (const seed of [1, 2, 3]) {
          let inst: Instance;
          try {
            inst = buildInstance(`${base}/n=${dim}/seed=${seed}`);
          } catch {
            continue;
          }
          const o = inst.problem.oracle;
          const metric = metricOf(inst.metric, dim);
          for (const x of points(inst, seed, 3, 2)) {
            const a = metric.dualNorm(o.grad(x));
            const b = classBounds(inst, a, 'exact').reduce((m, c) => Math.max(m, c.pi), 0);
            if (!(b > 0)) continue;
            const H = o.hess(x);
            const f = falsifyLowerBound(4 * b, o, x, null, H, metric, { samples: 100 });
            if (dim <= 2) {
              const gamma = gammaExact1D2D(o, x, null, H, metric).gamma;
              if (gamma < 4 * b * (1 - 1e-6)) {
                due++;
                if (f.counterexample) found++;
              }
            } else {
              const upper = gammaFalsifier(o, x, null, H, metric, { samples: 100 }).gamma;
              if (upper < 4 * b * (1 - 1e-6)) {
                dueN++;
                if (f.counterexample) foundN++;
              }
            }
          }
        }
      }
    }
    console.log(`4π: 1-D/2-D counterexamples found at ${found}/${due} points with γ < 4π; n = 6: ${foundN}/${dueN} points with sampled γ < 4π`);
    expect(due).toBeGreaterThan(10);
    expect(found).toBe(due);
    expect(dueN).toBeGreaterThan(5);
    expect(foundN / dueN).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
