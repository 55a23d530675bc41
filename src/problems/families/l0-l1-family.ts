import fc from 'fast-check';
import type { Membership } from '../certificate.js';
import type { Family, FamilyArbitraryOptions } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { readParams } from './family-params.js';
import { dimensions, seeds } from './instance-names.js';
import {
  LAYOUT_PARAMS,
  largestEigenvalue,
  type LinearFormData,
  linearFormSetup,
  uniquePlantedMinimizer,
  METRIC_CHOICES,
  maxOf,
  minOf,
  ROW_KINDS,
  rowNorms,
  type ScalarPiece,
  separableSumOracle,
  smallestEigenvalue,
  weightedGram,
} from './separable-sum.js';

/**
 * 'cosh': ψ = cosh; 'exp': ψ(s) = eˢ − s. Both satisfy ψ'' ≤ 1 + |ψ'| and |ψ'''| ≤ ψ'', ψ(0) = 1,
 * ψ'(0) = 0, and ψ'' is unbounded (so the sums are not Lipschitz-smooth).
 */
export type L0L1Kind = 'cosh' | 'exp';

export function l0l1Piece(kind: L0L1Kind): ScalarPiece {
  if (kind === 'cosh') return { value: Math.cosh, d1: Math.sinh, d2: Math.cosh, d3: Math.sinh };
  return { value: (s) => Math.exp(s) - s, d1: (s) => Math.expm1(s), d2: Math.exp, d3: Math.exp };
}

export function l0l1Oracle(data: LinearFormData, kind: L0L1Kind): Oracle {
  return separableSumOracle(data, l0l1Piece(kind));
}

const ID = 'l0-l1-family';
const KINDS = ['cosh', 'exp'] as const;
const PARAMS = {
  kind: { kind: 'choice', default: 'cosh', choices: KINDS },
  metric: LAYOUT_PARAMS.metric,
  rows: LAYOUT_PARAMS.rows,
  gscNu: { kind: 'number', default: 3, min: 2, max: 3 },
} as const;

function build(name: InstanceName): Instance {
  const { kind, metric, rows, gscNu } = readParams(ID, name, PARAMS, 1000);
  const n = name.dim;
  const setup = linearFormSetup(rows, n, n, metric, name.seed);
  const { a, w } = setup.data;
  const memberships: Membership[] = [];
  if (metric === 'gram') {
    memberships.push(
      {
        class: 'l0-l1-smooth',
        L0: maxOf(w),
        L1: 1,
        how: "B = AᵀA, A square: ‖∇²f‖_B = max wᵢψ''(sᵢ) ≤ max wᵢ + max wᵢ|ψ'(sᵢ)| and ‖∇f‖_* = ‖w∘ψ'(s)‖₂: (L0, L1) = (max wᵢ, 1)",
      },
      {
        class: 'quasi-self-concordant',
        M: 1,
        how: "B = AᵀA: |D³f[h,h,v]| = |Σ wᵢψ'''(sᵢ)uᵢ²(Av)ᵢ| ≤ ‖Av‖_∞Σ wᵢψ''(sᵢ)uᵢ² ≤ ‖v‖_B⟨∇²f h, h⟩ (|ψ'''| ≤ ψ''): M = 1",
      },
      {
        class: 'generalized-self-concordant',
        nu: 2,
        M: 1,
        how: 'ν = 2 is the quasi-self-concordance inequality: M = 1',
      },
    );
    if (kind === 'cosh' && gscNu !== 2) {
      memberships.push({
        class: 'generalized-self-concordant',
        nu: gscNu,
        M: minOf(w) ** (1 - gscNu / 2),
        how: "B = AᵀA, cosh ≥ 1: |D³f[u,u,v]| ≤ ⟨∇²f u,u⟩‖Av‖_∞ and ‖v‖_x² ≥ min wᵢ‖v‖_B², so ⟨∇²f u,u⟩‖v‖_x^{ν−2}‖v‖^{3−ν} ≥ (min wᵢ)^{(ν−2)/2}⟨∇²f u,u⟩‖v‖_B: M = (min wᵢ)^{1−ν/2}",
      });
    }
  } else {
    const gram = weightedGram(a);
    const rowMax = maxOf(rowNorms(a));
    memberships.push(
      {
        class: 'l0-l1-smooth',
        L0: largestEigenvalue(weightedGram(a, w)),
        L1: largestEigenvalue(gram) / Math.sqrt(smallestEigenvalue(gram)),
        how: "B = I, A square: ∇²f ⪯ AᵀWA + Aᵀdiag(wᵢ|ψ'(sᵢ)|)A (ψ'' ≤ 1 + |ψ'|) and ‖∇f‖₂ ≥ σ_min‖w∘ψ'‖₂: (L0, L1) = (λ_max(AᵀWA), σ_max²/σ_min)",
      },
      {
        class: 'quasi-self-concordant',
        M: rowMax,
        how: "B = I: |D³f[h,h,v]| ≤ max|⟨aᵢ, v⟩|·⟨∇²f h, h⟩ ≤ max‖aᵢ‖‖v‖⟨∇²f h, h⟩ (|ψ'''| ≤ ψ''): M = max‖aᵢ‖",
      },
      {
        class: 'generalized-self-concordant',
        nu: 2,
        M: rowMax,
        how: 'ν = 2 is the quasi-self-concordance inequality: M = max‖aᵢ‖',
      },
    );
  }
  let wSum = 0;
  for (const wi of w) wSum += wi;
  return {
    name,
    problem: counted(l0l1Oracle(setup.data, kind)),
    metric: setup.metric,
    x0: setup.x0,
    certificate: {
      convexity: kind === 'cosh' ? 'strongly-convex' : 'convex',
      convexityHow:
        kind === 'cosh'
          ? "cosh'' ≥ 1, so ∇²f ⪰ AᵀWA ≻ 0 (A square, invertible)"
          : "(eˢ − s)'' = eˢ > 0: convex, not strongly (eˢ → 0 as s → −∞)",
      memberships,
      fStar: wSum,
      ...(uniquePlantedMinimizer(setup) ? { xStar: setup.xBar } : {}),
    },
  };
}

function arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
  return fc
    .record({
      dim: dimensions(options),
      seed: seeds(),
      kind: fc.constantFrom(...KINDS),
      metric: fc.constantFrom(...METRIC_CHOICES),
      rows: fc.constantFrom(...ROW_KINDS),
      gscNu: fc.oneof(fc.constantFrom(2, 2.5, 3), fc.integer({ min: 200, max: 300 }).map((k) => k / 100)),
    })
    .map(({ dim, seed, kind, metric, rows, gscNu }) => ({ family: ID, params: { kind, metric, rows, gscNu }, dim, seed }));
}

/**
 * f(x) = Σᵢ wᵢ ψ(⟨aᵢ, x⟩ − bᵢ), A square, ψ ∈ {cosh, eˢ − s}: (L0, L1)-smooth but not
 * Lipschitz-smooth, quasi-self-concordant, and (cosh) generalized self-concordant for ν ∈ [2, 3];
 * constants per docs/classes.md.
 */
export const l0l1Family: Family = {
  id: ID,
  description: 'Σ wᵢψ(⟨aᵢ,x⟩ − bᵢ), ψ ∈ {cosh, eˢ − s}, A square: (L0,L1)-smooth, not Lipschitz-smooth; QSC; GSC',
  classes: ['l0-l1-smooth', 'quasi-self-concordant', 'generalized-self-concordant'],
  build,
  arbitrary,
};
