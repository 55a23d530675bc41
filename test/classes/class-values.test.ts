import { describe, expect, it } from 'vitest';
import {
  boundedHessianVariation,
  classById,
  generalizedSelfConcordant,
  holderHessian,
  holderThird,
  holderThirdKappa,
  l0l1Smooth,
  lipschitzGradient,
  quasiSelfConcordant,
  T_STAR,
} from '../../src/classes/index.js';

const how = 'test';

describe('α and π against spec gns.md §4 and gns-validation.md §0', () => {
  it('Hölder Hessian: π = ((1+ν)t/L)^{1/(1+ν)}, Lipschitz Hessian √(2t/L), bounded variation t/L', () => {
    const lip = { class: 'holder-hessian', nu: 1, L: 3, how } as const;
    expect(holderHessian.lowerBound(0.7, lip, 'exact')).toBeCloseTo(Math.sqrt((2 * 0.7) / 3), 15);
    expect(holderHessian.alpha(lip)).toBe(0.5);
    const half = { class: 'holder-hessian', nu: 0.5, L: 2, how } as const;
    expect(holderHessian.lowerBound(5, half, 'exact')).toBeCloseTo((1.5 * 5 / 2) ** (1 / 1.5), 14);
    expect(holderHessian.alpha(half)).toBeCloseTo(2 / 3, 15);
    const bounded = { class: 'holder-hessian', nu: 0, L: 4, how } as const;
    expect(holderHessian.lowerBound(2, bounded, 'exact')).toBe(0.5);
    expect(boundedHessianVariation.lowerBound(2, bounded, 'exact')).toBe(0.5);
    expect(boundedHessianVariation.alpha(bounded)).toBe(1);
    expect(() => boundedHessianVariation.alpha(lip)).toThrow(RangeError);
    expect(holderHessian.lowerBound(2, lip, 'zero')).toBeNaN();
    expect(() => holderHessian.alpha({ ...lip, nu: 1.5 })).toThrow(RangeError);
  });

  it('Lipschitz gradient: π = t/L with H ≡ 0 (α = 1), t/(2L) with the exact Hessian', () => {
    const m = { class: 'lipschitz-gradient', L: 4, how } as const;
    expect(lipschitzGradient.lowerBound(2, m, 'zero')).toBe(0.5);
    expect(lipschitzGradient.lowerBound(2, m, 'exact')).toBe(0.25);
    expect(lipschitzGradient.alpha(m)).toBe(1);
  });

  it('κ_ν solves the spec equation and reproduces κ₁ = 1.07787, κ_½ = 1.00651, κ₀ = 1', () => {
    expect(holderThirdKappa(1)).toBeCloseTo(1.07787, 5);
    expect(holderThirdKappa(0.5)).toBeCloseTo(1.00651, 5);
    expect(holderThirdKappa(0)).toBeCloseTo(1, 14);
    for (const nu of [0, 0.1, 0.25, 0.5, 0.75, 1]) {
      const k = holderThirdKappa(nu);
      const c = (1 + nu) * nu ** (-nu / (1 + nu));
      const lhs = 0.5 * c * (1 + nu) ** (-1 / (1 + nu)) * k ** ((2 + nu) / (1 + nu)) + k ** (2 + nu) / ((1 + nu) * (2 + nu));
      expect(lhs).toBeCloseTo(1, 13);
    }
  });

  it('Hölder third derivative: π = κ_ν(t/L)^{1/(2+ν)}, α = 1/(2+ν)', () => {
    const m = { class: 'holder-third', nu: 1, L: 6, how } as const;
    // x⁴/4 at x: |g| = |x|³, L₃ = 6: π = κ₁(|x|³/6)^{1/3} = 0.5932|x| (below the exact γ = 1.125|x|)
    expect(holderThird.lowerBound(8, m, 'exact')).toBeCloseTo(holderThirdKappa(1) * 2 * 6 ** (-1 / 3), 14);
    expect(holderThird.lowerBound(8, m, 'exact') / 2).toBeLessThan(1.125);
    expect(holderThird.alpha(m)).toBeCloseTo(1 / 3, 15);
    expect(holderThird.alpha({ ...m, nu: 0 })).toBe(0.5);
    expect(holderThird.lowerBound(8, m, 'zero')).toBeNaN();
  });

  it('QSC: t* = 1.2564312 solves eᵗ = 1 + 2t; π = t*/M, α = 0', () => {
    expect(T_STAR).toBeCloseTo(1.2564312, 7);
    expect(Math.exp(T_STAR)).toBeCloseTo(1 + 2 * T_STAR, 14);
    const m = { class: 'quasi-self-concordant', M: Math.SQRT2 / 0.5, how } as const;
    expect(quasiSelfConcordant.lowerBound(123, m, 'exact')).toBeCloseTo(0.888 * 0.5, 3);
    expect(quasiSelfConcordant.alpha(m)).toBe(0);
    expect(quasiSelfConcordant.lowerBound(1, m, 'zero')).toBeNaN();
  });

  it('(L0, L1): π = [c·L0/t + c·L1]⁻¹ with c = e − 1 (H ≡ 0) and e (exact Hessian)', () => {
    const m = { class: 'l0-l1-smooth', L0: 2, L1: 3, how } as const;
    expect(l0l1Smooth.lowerBound(5, m, 'zero')).toBeCloseTo(1 / ((Math.E - 1) * (2 / 5 + 3)), 15);
    expect(l0l1Smooth.lowerBound(5, m, 'exact')).toBeCloseTo(1 / (Math.E * (2 / 5 + 3)), 15);
    // gns-validation.md §1(c): f = eʸ, (L0, L1) = (0, 1), H ≡ 0: γ ≥ 1/(e − 1) = 0.582 at g = ∇f(x)
    expect(l0l1Smooth.lowerBound(1, { ...m, L0: 0, L1: 1 }, 'zero')).toBeCloseTo(0.582, 3);
    expect(l0l1Smooth.alpha(m)).toBe(0);
    expect(l0l1Smooth.alpha({ ...m, L1: 0 })).toBe(1);
  });

  it('GSC: ν = 2 coincides with QSC; ν ∈ (2, 3] has no π (NaN)', () => {
    const m2 = { class: 'generalized-self-concordant', nu: 2, M: 2, how } as const;
    expect(generalizedSelfConcordant.lowerBound(1, m2, 'exact')).toBe(T_STAR / 2);
    expect(generalizedSelfConcordant.alpha(m2)).toBe(0);
    const m3 = { ...m2, nu: 3 };
    expect(generalizedSelfConcordant.lowerBound(1, m3, 'exact')).toBeNaN();
    expect(generalizedSelfConcordant.alpha(m3)).toBeNaN();
    expect(() => generalizedSelfConcordant.alpha({ ...m2, nu: 1 })).toThrow(RangeError);
  });

  it('f = −log x (GSC with ν = 3, M = 2): γ(x) = 2x = 2/|f′(x)|, so γ → 0 as the gradient grows', () => {
    // 1-D, B = 1, H = f'' = 1/x², descent h > 0, 𝒪 = {0 < h ≤ x}, |r(h)| = h²/(x²(x + h))
    for (const x of [1, 0.1, 0.01]) {
      const g = 1 / x;
      const admissible = (gamma: number) => {
        for (let k = 1; k <= 2000; k++) {
          const h = (Math.min(gamma, x) * k) / 2000;
          if ((h * h) / (x * x * (x + h)) > (g * h) / gamma * (1 + 1e-12)) return false;
        }
        return true;
      };
      expect(admissible(2 * x)).toBe(true);
      expect(admissible(2.01 * x)).toBe(false);
    }
  });

  it('classById holds every class under its own id', () => {
    for (const [id, cls] of Object.entries(classById)) expect(cls.id).toBe(id);
    expect(Object.keys(classById).sort()).toEqual(
      ['generalized-self-concordant', 'holder-hessian', 'holder-third', 'l0-l1-smooth', 'lipschitz-gradient', 'quasi-self-concordant'],
    );
  });
});
