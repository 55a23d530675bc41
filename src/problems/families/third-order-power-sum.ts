import fc from 'fast-check';
import type { Membership } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import type { Oracle } from '../oracle.js';
import { readParams } from './family-params.js';
import { dimensions, seeds } from './instance-names.js';
import {
  buildableExtraRows,
  convexPowerSumInstance,
  LAYOUT_PARAMS,
  largestEigenvalue,
  layoutRows,
  type LinearFormData,
  linearFormSetup,
  METRIC_CHOICES,
  maxOf,
  ROW_KINDS,
  rowNorms,
  type ScalarPiece,
  separableSumOracle,
  weightedGram,
} from './separable-sum.js';

/** 'abs': ψ_ν(s) = |s|^{3+ν}/((1+ν)(2+ν)(3+ν)), ψ''' = sign(s)|s|^ν; 'quartic': s⁴/4, ψ''' = 6s (ν = 1). */
export type ThirdOrderKind = 'abs' | 'quartic';

export function thirdOrderPiece(nu: number, kind: ThirdOrderKind): ScalarPiece {
  if (kind === 'quartic') {
    return { value: (s) => s ** 4 / 4, d1: (s) => s ** 3, d2: (s) => 3 * s * s, d3: (s) => 6 * s };
  }
  const c1 = 1 + nu;
  const c2 = c1 * (2 + nu);
  const c3 = c2 * (3 + nu);
  return {
    value: (s) => Math.abs(s) ** (3 + nu) / c3,
    d1: (s) => (Math.sign(s) * Math.abs(s) ** (2 + nu)) / c2,
    d2: (s) => Math.abs(s) ** (1 + nu) / c1,
    d3: (s) => Math.sign(s) * Math.abs(s) ** nu,
  };
}

/**
 * The Hölder constant of ψ''' on the real line: |sign(s)|s|^ν − sign(t)|t|^ν| ≤ 2^{1−ν}|s − t|^ν
 * (same signs: ≤ |s − t|^ν; opposite signs: |s|^ν + |t|^ν ≤ 2^{1−ν}(|s| + |t|)^ν by concavity;
 * attained at t = −s). For s⁴/4: |6s − 6t| = 6|s − t|.
 */
export function thirdDerivativeHolderConstant(nu: number, kind: ThirdOrderKind): number {
  return kind === 'quartic' ? 6 : 2 ** (1 - nu);
}

export function thirdOrderPowerSumOracle(data: LinearFormData, nu: number, kind: ThirdOrderKind): Oracle {
  return separableSumOracle(data, thirdOrderPiece(nu, kind));
}

const ID = 'third-order-power-sum';
const KINDS = ['abs', 'quartic'] as const;
const PARAMS = {
  nu: { kind: 'number', default: 1, min: 0, max: 1 },
  kind: { kind: 'choice', default: 'abs', choices: KINDS },
  ...LAYOUT_PARAMS,
} as const;

function build(name: InstanceName): Instance {
  const { nu, kind, metric, rows, extraRows } = readParams(ID, name, PARAMS, 1000);
  const n = name.dim;
  if (kind === 'quartic' && nu !== 1) throw new InstanceError('nu', `s⁴/4 has a Lipschitz third derivative: ν must be 1, got ${nu}`);
  const m = layoutRows(n, extraRows, metric, rows);
  const setup = linearFormSetup(rows, m, n, metric, name.seed);
  const { a, w } = setup.data;
  const c = thirdDerivativeHolderConstant(nu, kind);
  let membership: Membership;
  if (metric === 'gram') {
    membership = {
      class: 'holder-third',
      nu,
      L: c * maxOf(w),
      how: `B = AᵀA: (D³f(x) − D³f(y))[h,h,h] = Σ wᵢδᵢuᵢ³ with u = Ah (‖u‖₂ = ‖h‖_B), |δᵢ| ≤ ${c === 6 ? '6' : '2^{1−ν}'}|⟨aᵢ, x − y⟩|^ν ≤ ${c === 6 ? '6' : '2^{1−ν}'}‖x − y‖_B^ν, Σ|uᵢ|³ ≤ ‖u‖₂³: L = ${c === 6 ? '6' : '2^{1−ν}'}·max wᵢ`,
    };
  } else {
    const norms = rowNorms(a);
    const weights = Float64Array.from(w, (wi, i) => wi * norms[i] ** (1 + nu));
    membership = {
      class: 'holder-third',
      nu,
      L: c * largestEigenvalue(weightedGram(a, weights)),
      how: `B = I: |Σ wᵢδᵢ⟨aᵢ,h⟩³| ≤ ${c === 6 ? '6' : '2^{1−ν}'}‖x − y‖^ν Σ wᵢ‖aᵢ‖^{1+ν}⟨aᵢ,h⟩²: L = ${c === 6 ? '6' : '2^{1−ν}'}·λ_max(Σ wᵢ‖aᵢ‖^{1+ν}aᵢaᵢᵀ)`,
    };
  }
  return convexPowerSumInstance(name, setup, thirdOrderPowerSumOracle(setup.data, nu, kind), [membership]);
}

function arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
  return fc
    .record({
      dim: dimensions(options),
      seed: seeds(),
      nu: fc.oneof(fc.constantFrom(0, 0.5, 1), fc.integer({ min: 0, max: 100 }).map((k) => k / 100)),
      quartic: fc.boolean(),
      metric: fc.constantFrom(...METRIC_CHOICES),
      rows: fc.constantFrom(...ROW_KINDS),
      extra: fc.integer({ min: 0, max: 2 }),
    })
    .map(({ dim, seed, nu, quartic, metric, rows, extra }) => {
      const kind: ThirdOrderKind = quartic ? 'quartic' : 'abs';
      return { family: ID, params: { nu: quartic ? 1 : nu, kind, metric, rows, extraRows: buildableExtraRows(dim, metric, rows, extra) }, dim, seed };
    });
}

/**
 * f(x) = Σᵢ wᵢ ψ_ν(⟨aᵢ, x⟩ − bᵢ), ψ_ν(s) = |s|^{3+ν}/((1+ν)(2+ν)(3+ν)) (or s⁴/4): convex with a
 * Hölder-ν third derivative; certified constants in docs/classes.md.
 */
export const thirdOrderPowerSum: Family = {
  id: ID,
  description: 'Σ wᵢ|⟨aᵢ,x⟩ − bᵢ|^{3+ν}/((1+ν)(2+ν)(3+ν)) and Σ wᵢ(⟨aᵢ,x⟩ − bᵢ)⁴/4: convex, Hölder-ν third derivative',
  classes: ['holder-third'],
  build,
  arbitrary,
};
