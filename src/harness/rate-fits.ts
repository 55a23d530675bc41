import { classById } from '../classes/index.js';
import type { ClassId } from '../problems/certificate.js';
import { buildInstance } from '../problems/registry.js';
import { algebraicOrder, bootstrapInterval, computationalOrder, gapFloor, linearRate, median } from '../rates/index.js';
import type { CaseResult, RateFit } from './results.js';

type FitKind = RateFit['kind'];

/**
 * Which rate each property's runs are fitted with, and what the theory predicts: the f − f*
 * envelopes (docs/theory.md#the-per-step-inequality-p-and-the-envelope) give K = O(ε^{−α}), i.e. f − f* = O(k^{−1/α}) for the class's α (QSC:
 * linear); local quadratic convergence gives order 2. Fits are diagnostics, never gated.
 */
const FITS: Readonly<Record<string, { kind: FitKind; class?: ClassId; theory: string }>> = {
  'envelope-qsc': { kind: 'q-linear', theory: 'linear (Q-factor < 1), docs/theory.md#envelope-qsc' },
  'envelope-holder-hessian': { kind: 'algebraic-order', class: 'holder-hessian', theory: 'order ≥ 1/α = 1 + ν, docs/theory.md#envelope-holder-hessian' },
  'envelope-holder-third': { kind: 'algebraic-order', class: 'holder-third', theory: 'order ≥ 1/α = 2 + ν, docs/theory.md#envelope-holder-third' },
  'envelope-lipschitz-gradient': { kind: 'algebraic-order', class: 'lipschitz-gradient', theory: 'order ≥ 1/α = 1, docs/theory.md#envelope-lipschitz-gradient' },
  'envelope-l0-l1': { kind: 'algebraic-order', class: 'l0-l1-smooth', theory: 'order ≥ 1 (L0 D²/ε term), docs/theory.md#envelope-l0-l1' },
  'local-quadratic': { kind: 'coc', theory: 'computational order 2 (local quadratic convergence, docs/theory.md#local-quadratic)' },
};

function fitOne(kind: FitKind, gaps: readonly number[], floor: number): number | null {
  if (kind === 'q-linear') return linearRate(gaps, { floor })?.tail ?? null;
  if (kind === 'coc') return computationalOrder(gaps, { floor })?.median ?? null;
  return algebraicOrder(gaps, { floor, offset: 1 })?.order ?? null;
}

/** Per-instance fits on the cases that kept a trace (above the floor of the run's unit roundoff), combined by a bootstrap interval over instances. */
export function rateFits(cases: readonly CaseResult[], seed: number, unitRoundoff: number): RateFit[] {
  const fits: RateFit[] = [];
  for (const [property, spec] of Object.entries(FITS)) {
    const values: number[] = [];
    const alphas: number[] = [];
    for (const c of cases) {
      if (c.property !== property || c.kind !== 'case' || c.status !== 'holds' || !c.trace) continue;
      const gaps = c.trace.fGap;
      if (gaps.length < 4 || gaps.some((g) => g === null)) continue;
      const instance = buildInstance(c.scenario.instance);
      const fStar = instance.certificate.fStar ?? 0;
      const value = fitOne(spec.kind, gaps as number[], gapFloor(unitRoundoff, fStar));
      if (value === null || !Number.isFinite(value)) continue;
      values.push(value);
      if (spec.class) {
        for (const m of instance.certificate.memberships) {
          if (m.class !== spec.class) continue;
          const a = (classById[m.class] as { alpha(m: unknown): number }).alpha(m);
          if (a > 0 && Number.isFinite(a)) alphas.push(1 / a);
        }
      }
    }
    if (values.length === 0) continue;
    const b = bootstrapInterval(values, { statistic: median, seed });
    fits.push({
      property,
      kind: spec.kind,
      instances: values.length,
      estimate: b.estimate,
      low: b.lower,
      high: b.upper,
      theory: spec.theory,
      theoryValue: spec.kind === 'coc' ? 2 : alphas.length > 0 ? median(alphas) : null,
    });
  }
  return fits;
}
