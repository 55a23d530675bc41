import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anisotropicConstantsOf, certifiedAnisotropicConstants, L0L1_FACTORS } from '../../src/classes/anisotropic-constants.js';
import { saturationEstimate } from '../../src/classes/saturation-estimate.js';
import { norm2 } from '../../src/linalg/vector.js';
import { huberFamily } from '../../src/problems/families/huber.js';
import { l0l1Family } from '../../src/problems/families/l0-l1-family.js';
import { quadraticFamily } from '../../src/problems/families/quadratic.js';
import { QUARTIC_SADDLE_L0, quarticSaddleFamily } from '../../src/problems/families/quartic-saddle.js';
import { formatName, type Instance } from '../../src/problems/instance.js';
import { buildInstance } from '../../src/problems/registry.js';
import { gaussian, rng } from '../../src/random/prng.js';
import { dualGradient, KERNEL_IDS, KERNELS, type KernelId } from '../../src/solvers/isotropic-kernels.js';

/** ψ(s) = (eˢ − 1 − s)/s², by its series near 0 */
const psi = (s: number) => (s < 1e-3 ? 0.5 + s / 6 + (s * s) / 24 : (Math.expm1(s) - s) / (s * s));

/** r on a fine grid in [1e-6, 1e8], log-spaced, plus the clip kink r = 1 */
const GRID = [...Array.from({ length: 14001 }, (_, k) => 10 ** (-6 + k / 1000)), 1];

describe('the (L0, L1) rules: the reduced inequality (1 + r)q²ψ(q/c)/c ≤ h*(r)', () => {
  for (const kernel of ['log', 'clip'] as const) {
    it(`${kernel}: holds with c = ${L0L1_FACTORS[kernel]} on a fine grid of r and in the limits`, () => {
      const k = KERNELS[kernel];
      const c = L0L1_FACTORS[kernel];
      let worst = 0;
      for (const r of GRID) {
        const q = k.dualSlope(r);
        worst = Math.max(worst, ((1 + r) * q * q * psi(q / c)) / c / k.conjugate(r));
      }
      expect(worst).toBeLessThan(1);
      // r → 0: ratio → 1/c; r → ∞: log ~ ψ(1/c)/c·r / r, clip ~ ψ(1/c)/c·r / r
      expect(worst).toBeGreaterThan(kernel === 'log' ? 1 / c - 1e-3 : 0.9);
      expect(psi(1 / c) / c).toBeLessThan(kernel === 'log' ? 0.5 : 0.25);
    });
  }

  it('the thresholds in the derivation: log needs ψ(1/c)/c ≤ ½ (fails at c = 1.3), clip 2ψ(1/c)/c ≤ ½ (fails at c = 2.3)', () => {
    expect(psi(1 / 1.5) / 1.5).toBeCloseTo(0.4216, 4);
    expect(psi(1 / 1.3) / 1.3).toBeGreaterThan(0.5);
    expect(psi(0.4) / 2.5).toBeCloseTo(0.2296, 4);
    expect((2 * psi(1 / 2.3)) / 2.3).toBeGreaterThan(0.5);
    // clip at c = 2.3 fails the reduced inequality itself at r = 1
    expect((2 * psi(1 / 2.3)) / 2.3).toBeGreaterThan(KERNELS.clip.conjugate(1));
  });

  it('the Lipschitz rule: φ*(u) ≥ φ(∇φ*(u)), i.e. h*(r) ≥ h(h*′(r)), for every kernel on the grid', () => {
    for (const kernel of KERNEL_IDS) {
      const k = KERNELS[kernel];
      for (const r of GRID) expect(k.conjugate(r), `${kernel} at r = ${r}`).toBeGreaterThanOrEqual(k.measure(r) * (1 - 1e-12));
    }
  });
});

const name = (family: string, params: Record<string, number | string>, dim: number, seed: number) => ({ family, params, dim, seed });

describe('certified constants', () => {
  it('a Lipschitz gradient, any kernel: λ = 1, L = L_f (huber, quadratic with B = I); none with B ≠ I', () => {
    const huber = huberFamily.build(name('huber', { L: 3 }, 4, 1));
    const quad = buildInstance(fc.sample(quadraticFamily.arbitrary({ maxDim: 5 }), { seed: 2, numRuns: 20 }).map(formatName).find((t) => t.includes('metric=identity')) ?? 'quadratic/metric=identity/n=3/seed=1');
    for (const kernel of KERNEL_IDS) {
      expect(certifiedAnisotropicConstants(huber, kernel)).toMatchObject({ kernel, lambda: 1, L: 3, status: 'certified' });
      const q = certifiedAnisotropicConstants(quad, kernel);
      expect(q?.lambda).toBe(1);
      expect(q?.status).toBe('certified');
    }
    const gram = l0l1Family.build(name('l0-l1-family', { metric: 'gram' }, 3, 1));
    expect(certifiedAnisotropicConstants(gram, 'log')).toBeNull();
  });

  it('(L0, L1) with log and clip: λ = L1/L0, L = 1.5·L1 and 2.5·L1; cosh and exp: none certified (l0-l1-family with B = I, quartic-saddle)', () => {
    const family = l0l1Family.build(name('l0-l1-family', { metric: 'identity', kind: 'exp' }, 3, 4));
    const saddle = quarticSaddleFamily.build(name('quartic-saddle', {}, 2, 1));
    for (const inst of [family, saddle]) {
      const m = inst.certificate.memberships.find((x) => x.class === 'l0-l1-smooth')!;
      if (m.class !== 'l0-l1-smooth') throw new Error('unreachable');
      expect(certifiedAnisotropicConstants(inst, 'log')).toMatchObject({ lambda: m.L1 / m.L0, L: 1.5 * m.L1, status: 'certified' });
      expect(certifiedAnisotropicConstants(inst, 'clip')).toMatchObject({ lambda: m.L1 / m.L0, L: 2.5 * m.L1, status: 'certified' });
      expect(certifiedAnisotropicConstants(inst, 'cosh')).toBeNull();
      expect(certifiedAnisotropicConstants(inst, 'exp')).toBeNull();
    }
    expect(certifiedAnisotropicConstants(saddle, 'log')?.lambda).toBe(1 / QUARTIC_SADDLE_L0);
  });

  /** max over sampled x (where f is finite) and γ ∈ {1, ½}/L of f(x⁺) − f(x) + (γ/λ)φ(∇φ*(λ∇f)), in units of 1e-12·max(1, |f|) */
  function worstDescentExcess(inst: Instance, kernel: KernelId, samples: number, seed: number): number {
    const c = certifiedAnisotropicConstants(inst, kernel)!;
    const o = inst.problem.oracle;
    const next = rng(seed);
    let worst = -Infinity;
    let checked = 0;
    for (let s = 0; s < samples; s++) {
      const spread = 10 ** (-1 + (s % 4));
      const x = inst.x0.map((v) => v + spread * gaussian(next));
      const g = o.grad(x);
      if (!Number.isFinite(o.f(x)) || !g.every(Number.isFinite)) continue;
      checked++;
      const d = dualGradient(KERNELS[kernel], g.map((v) => c.lambda * v));
      for (const gamma of [1 / c.L, 0.5 / c.L]) {
        const fx = o.f(x);
        const decrease = (gamma / c.lambda) * KERNELS[kernel].measure(c.lambda * norm2(g));
        const fPlus = o.f(x.map((v, i) => v - gamma * d[i]));
        worst = Math.max(worst, (fPlus - fx + decrease) / (1e-12 * Math.max(1, Math.abs(fx))));
      }
    }
    expect(checked).toBeGreaterThan(samples / 2);
    return worst;
  }

  it('the certified L satisfies the descent inequality at random points (l0-l1 rules on l0-l1-family and quartic-saddle; Lipschitz rule on huber)', () => {
    const instances = [
      ...fc.sample(l0l1Family.arbitrary({ maxDim: 6 }), { seed: 9, numRuns: 30 }).map((n) => l0l1Family.build({ ...n, params: { ...n.params, metric: 'identity' } })),
      ...fc.sample(quarticSaddleFamily.arbitrary({ maxDim: 10 }), { seed: 10, numRuns: 30 }).map((n) => quarticSaddleFamily.build(n)),
    ];
    for (const inst of instances) {
      for (const kernel of ['log', 'clip'] as const) expect(worstDescentExcess(inst, kernel, 40, inst.name.seed), `${formatName(inst.name)} ${kernel}`).toBeLessThanOrEqual(1);
    }
    const huber = huberFamily.build(name('huber', { L: 2, radius: 5, kink: 0.1 }, 3, 7));
    for (const kernel of KERNEL_IDS) expect(worstDescentExcess(huber, kernel, 40, 3)).toBeLessThanOrEqual(1);
  });

  it('power: the descent inequality fails with L/3 somewhere on the quartic saddle (log and clip)', () => {
    const inst = quarticSaddleFamily.build(name('quartic-saddle', { scale: 3 }, 2, 5));
    for (const kernel of ['log', 'clip'] as const) {
      const c = certifiedAnisotropicConstants(inst, kernel)!;
      const o = inst.problem.oracle;
      const next = rng(1);
      let violated = 0;
      for (let s = 0; s < 200; s++) {
        const x = inst.x0.map((v) => v + 3 * gaussian(next));
        const g = o.grad(x);
        const gamma = 3 / c.L;
        const d = dualGradient(KERNELS[kernel], g.map((v) => c.lambda * v));
        const fPlus = o.f(x.map((v, i) => v - gamma * d[i]));
        if (fPlus > o.f(x) - (gamma / c.lambda) * KERNELS[kernel].measure(c.lambda * norm2(g))) violated++;
      }
      expect(violated, kernel).toBeGreaterThan(0);
    }
  });
});

describe('the saturation estimate', () => {
  it('saturates on phase retrieval (m = 5n), matrix factorization and the quartic saddle: estimated constants, L ≤ 1 for log', () => {
    const names = [
      'phase-retrieval/samples=10/n=2/seed=1',
      'phase-retrieval/samples=25/n=5/seed=2',
      'phase-retrieval/samples=100/n=20/seed=3',
      'matrix-factorization/rank=1/n=3/seed=4',
      'matrix-factorization/rank=2/n=8/seed=5',
      'quartic-saddle/unstable=1/n=2/seed=6',
      'quartic-saddle/scale=3,unstable=2/n=5/seed=7',
    ];
    for (const text of names) {
      const inst = buildInstance(text);
      for (const kernel of ['cosh', 'exp', 'log', 'clip'] as const) {
        if (certifiedAnisotropicConstants(inst, kernel)) continue;
        const c = anisotropicConstantsOf(inst, kernel);
        expect(c.status, `${text} ${kernel}: ${c.how}`).toBe('estimated');
        if (c.status !== 'estimated') continue;
        expect(c.lambda).toBeGreaterThan(0);
        expect(c.L).toBeGreaterThan(0);
        if (kernel === 'log') expect(c.L).toBeLessThanOrEqual(1 + 1e-12);
        expect(c.how).toMatch(/measured/);
      }
    }
    const saddle = saturationEstimate(buildInstance('quartic-saddle/unstable=1/n=2/seed=6'), 'cosh');
    expect(saddle.levels.at(-1)!.L0).toBeLessThanOrEqual(QUARTIC_SADDLE_L0);
    expect(saddle.levels.at(-1)!.L0).toBeGreaterThan(0.95 * QUARTIC_SADDLE_L0);
  });

  it('does not saturate on the negative control: L0 grows like R² (2-D over several seeds and scales, and n = 4, 6)', () => {
    const names = [
      ...[1, 2, 3, 4, 5].map((seed) => `quartic-negative-control//n=2/seed=${seed}`),
      'quartic-negative-control/scale=0.1/n=2/seed=6',
      'quartic-negative-control/scale=10/n=2/seed=7',
      'quartic-negative-control//n=4/seed=8',
      'quartic-negative-control//n=6/seed=9',
    ];
    for (const text of names) {
      const inst = buildInstance(text);
      const e = saturationEstimate(inst, 'log');
      expect(e.saturated, text).toBe(false);
      const [, before, last] = e.levels;
      expect(last.L0 / before.L0, text).toBeGreaterThan(2);
      for (const kernel of KERNEL_IDS) {
        const c = anisotropicConstantsOf(inst, kernel);
        expect(c.status).toBe('outside');
        expect(c.how).toMatch(/L0 grew from .* to .* \(×.*\).*outside the theory, not a violation/);
      }
    }
  });

  it('is deterministic in the name and memoized; a rebuilt instance gives the same numbers', () => {
    const text = 'phase-retrieval/samples=15/n=3/seed=11';
    const a = saturationEstimate(buildInstance(text), 'exp');
    expect(saturationEstimate(buildInstance(text), 'exp')).toBe(a);
    expect(a.points).toBeGreaterThan(200);
    expect(a.points).toBeLessThan(1000);
  });
});
