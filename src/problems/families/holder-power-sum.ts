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

/** 'abs': ψ(s) = |s|^{2+ν}/((1+ν)(2+ν)); 'plus': the one-sided (s)₊^{2+ν}/((1+ν)(2+ν)). */
export type HolderPowerKind = 'abs' | 'plus';

/** ψ with ψ''(s) = |s|^ν (or (s)₊^ν): ||s|^ν − |t|^ν| ≤ |s − t|^ν, and |(s)₊^ν − (t)₊^ν| ≤ |s − t|^ν (ν = 0: ≤ 1). */
export function holderPowerPiece(nu: number, kind: HolderPowerKind): ScalarPiece {
  const c = (1 + nu) * (2 + nu);
  if (kind === 'abs') {
    return {
      value: (s) => Math.abs(s) ** (2 + nu) / c,
      d1: (s) => (Math.sign(s) * Math.abs(s) ** (1 + nu)) / (1 + nu),
      d2: (s) => Math.abs(s) ** nu,
      d3: (s) => (s === 0 ? 0 : nu * Math.sign(s) * Math.abs(s) ** (nu - 1)),
    };
  }
  return {
    value: (s) => (s > 0 ? s ** (2 + nu) / c : 0),
    d1: (s) => (s > 0 ? s ** (1 + nu) / (1 + nu) : 0),
    d2: (s) => (s > 0 ? s ** nu : 0),
    d3: (s) => (s > 0 && nu > 0 ? nu * s ** (nu - 1) : 0),
  };
}

export function holderPowerSumOracle(data: LinearFormData, nu: number, kind: HolderPowerKind): Oracle {
  return separableSumOracle(data, holderPowerPiece(nu, kind));
}

const ID = 'holder-power-sum';
const KINDS = ['abs', 'plus'] as const;
const PARAMS = {
  nu: { kind: 'number', default: 1, min: 0, max: 1 },
  kind: { kind: 'choice', default: 'abs', choices: KINDS },
  ...LAYOUT_PARAMS,
} as const;

function build(name: InstanceName): Instance {
  const { nu, kind, metric, rows, extraRows } = readParams(ID, name, PARAMS, 1000);
  const n = name.dim;
  if (kind === 'abs' && nu === 0) throw new InstanceError('nu', "ν = 0 with kind 'abs' is a quadratic; use kind 'plus'");
  const m = layoutRows(n, extraRows, metric, rows);
  const setup = linearFormSetup(rows, m, n, metric, name.seed);
  const { a, w } = setup.data;
  const maxW = maxOf(w);
  const norms = rowNorms(a);
  const memberships: Membership[] = [];
  if (metric === 'gram') {
    memberships.push({
      class: 'holder-hessian',
      nu,
      L: maxW,
      how: 'B = AᵀA: ∇²f(x) − ∇²f(y) = Aᵀdiag(wᵢδᵢ)A with |δᵢ| ≤ |⟨aᵢ, x − y⟩|^ν ≤ ‖A(x − y)‖₂^ν = ‖x − y‖_B^ν, and ‖AᵀDA‖_B ≤ max|Dᵢᵢ| since A(AᵀA)^{-½} has orthonormal columns: L = max wᵢ',
    });
    if (nu === 0) {
      memberships.push({
        class: 'lipschitz-gradient',
        L: maxW,
        how: "B = AᵀA: ψ' = (s)₊ is 1-Lipschitz, so ‖∇f(x) − ∇f(y)‖_* = ‖P_A(w∘Δψ')‖₂ ≤ max wᵢ·‖A(x − y)‖₂: L = max wᵢ",
      });
    }
  } else {
    const c = Float64Array.from(w, (wi, i) => wi * norms[i] ** nu);
    memberships.push({
      class: 'holder-hessian',
      nu,
      L: largestEigenvalue(weightedGram(a, c)),
      how: 'B = I: |⟨(∇²f(x) − ∇²f(y))h, h⟩| ≤ Σ wᵢ|⟨aᵢ, x − y⟩|^ν⟨aᵢ, h⟩² ≤ ‖x − y‖^ν·hᵀ(Σ wᵢ‖aᵢ‖^ν aᵢaᵢᵀ)h: L = λ_max(Σ wᵢ‖aᵢ‖^ν aᵢaᵢᵀ)',
    });
    if (nu === 0) {
      memberships.push({
        class: 'lipschitz-gradient',
        L: largestEigenvalue(weightedGram(a, w)),
        how: "B = I: ∇f(x) − ∇f(y) = AᵀWΘA(x − y) with Θ = diag(θᵢ), θᵢ ∈ [0, 1] (ψ' = (s)₊ monotone, 1-Lipschitz), and 0 ⪯ AᵀWΘA ⪯ AᵀWA: L = λ_max(AᵀWA)",
      });
    }
  }
  return convexPowerSumInstance(name, setup, holderPowerSumOracle(setup.data, nu, kind), memberships);
}

/**
 * Below this order the two-sided |s|^ν is Hölder-tight only within |s| ≲ e^{−1/ν}·|t| of a kink
 * (1 − (|s|/|t|)^ν is small otherwise), which no sampling resolves; the one-sided (s)₊^ν is tight for
 * any pair straddling the kink, so random names use it there.
 */
const ABS_MIN_NU = 0.1;

/** dimension, seed, ν (the values 0, ¼, ½, 1 and a grid in hundredths), and a row/metric layout */
function arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
  return fc
    .record({
      dim: dimensions(options),
      seed: seeds(),
      nu: fc.oneof(fc.constantFrom(0, 0.25, 0.5, 1), fc.integer({ min: 0, max: 100 }).map((k) => k / 100)),
      plus: fc.boolean(),
      metric: fc.constantFrom(...METRIC_CHOICES),
      rows: fc.constantFrom(...ROW_KINDS),
      extra: fc.integer({ min: 0, max: 2 }),
    })
    .map(({ dim, seed, nu, plus, metric, rows, extra }) => {
      const kind: HolderPowerKind = plus || nu < ABS_MIN_NU ? 'plus' : 'abs';
      return { family: ID, params: { nu, kind, metric, rows, extraRows: buildableExtraRows(dim, metric, rows, extra) }, dim, seed };
    });
}

/**
 * f(x) = Σᵢ wᵢ ψ(⟨aᵢ, x⟩ − bᵢ) with ψ(s) = |s|^{2+ν}/((1+ν)(2+ν)) (or its one-sided version):
 * Hessian Hölder of order ν, convex; certified constants in docs/classes.md.
 */
export const holderPowerSum: Family = {
  id: ID,
  description: 'Σ wᵢ|⟨aᵢ,x⟩ − bᵢ|^{2+ν}/((1+ν)(2+ν)): Hölder-ν Hessian (ν = 0, one-sided: also Lipschitz gradient)',
  classes: ['holder-hessian', 'lipschitz-gradient'],
  build,
  arbitrary,
};
