/**
 * C-P3 (Bu & Xu 2025, the remark after Prop. 1 [S]): replacing d by c·d scales η* = ∇fᵀd/dᵀ∇²f d by 1/c,
 * so GeN's iterates do not depend on the direction's scale. A run and its companion with
 * directionScale·c and η₀/c, c = 2^j, give bitwise-identical x_k (docs/theory.md#gen-scale-invariance):
 * every product with c or 1/c is exact, the probe points x ∓ (p/c)(c·d) are the same floats, each
 * form's fit is exactly equivariant (a → c²a, b → c·b, candidate → candidate/c, R² unchanged), the rule's
 * clamp and smoothing commute with 1/c, and the step (η/c)(c·d) is the same float. Compared while every
 * recorded magnitude lies in [2^−330, 2^330] (or is 0) in both runs, so that no product of up to three
 * of them, nor p⁶ of the least-squares normal equations, over- or underflows.
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import { genRecords, type GenRecord } from './gen-rounding.js';
import { capability } from './method-capabilities.js';
import type { Assumption, Theorem } from './theorem.js';

/** the factor c of a companion run that differs only by directionScale·c and eta0/c, or a reason */
export function directionScaleFactor(run: ScenarioRun): number | string {
  const other = run.companion;
  if (!other) return 'no companion run';
  if (run.scenario.method?.id !== 'gen' || other.scenario.method?.id !== 'gen') return 'not a GeN run and companion';
  const a = run.methodOptions;
  const b = other.methodOptions;
  const c = Number(b.directionScale) / Number(a.directionScale);
  const { directionScale: _a, eta0: eta0a, ...restA } = a;
  const { directionScale: _b, eta0: eta0b, ...restB } = b;
  if (JSON.stringify(restA) !== JSON.stringify(restB)) return 'the companion differs in more than directionScale and eta0';
  const { method: _m, ...sceneA } = run.scenario;
  const { method: _n, ...sceneB } = other.scenario;
  if (JSON.stringify(sceneA) !== JSON.stringify(sceneB)) return 'the companion runs another instance or stopping rule';
  if (!(c > 0 && Number.isFinite(c)) || c === 1) return `c = ${c}`;
  if (!Object.is(Number(eta0b), Number(eta0a) / c)) return `eta0 ${String(eta0b)} is not ${String(eta0a)}/c`;
  return c;
}

export const directionScaledCompanion: Assumption = {
  id: 'gen-direction-scaled-companion',
  statement: 'a companion GeN run with directionScale·c and eta0/c, c = 2^j, everything else equal',
  holds: (run) => {
    const c = directionScaleFactor(run);
    if (typeof c === 'string') return c;
    return 2 ** Math.round(Math.log2(c)) === c ? true : `c = ${c} is not a power of two`;
  },
};

const LIMIT = 2 ** 330;

/** every magnitude the comparison relies on, in [2^−330, 2^330] or 0 */
function inRange(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]);
    if (Number.isNaN(v)) continue;
    if (!(v === 0 || (v >= 1 / LIMIT && v <= LIMIT))) return false;
  }
  return true;
}

function guarded(r: GenRecord): boolean {
  return inRange(r.x) && inRange(r.g) && inRange(r.direction) && inRange([r.f, r.rate, r.ratePrevious, r.L0, r.Lplus - r.L0, r.Lminus - r.L0, r.fitCurvature, r.fitSlope, r.candidate]);
}

/** the first k where x_k, the rate (times c), the decision to use the fit or the stop differ; compared while guarded */
export function compareScaledRuns(base: readonly GenRecord[], scaled: readonly GenRecord[], c: number): { readonly mismatches: number; readonly where: string; readonly compared: number; readonly guard: string } {
  let mismatches = 0;
  let where = 'none';
  let compared = 0;
  let guard = 'end of run';
  if (base.length !== scaled.length) {
    mismatches++;
    where = `stopped at different k: ${base.length} vs ${scaled.length}`;
  }
  for (let k = 0; k < Math.min(base.length, scaled.length); k++) {
    const a = base[k];
    const b = scaled[k];
    if (!guarded(a) || !guarded(b)) {
      guard = `a magnitude outside [2^−330, 2^330] at k=${k}`;
      break;
    }
    compared++;
    const bad: string[] = [];
    for (let j = 0; j < a.x.length; j++) if (!Object.is(a.x[j], b.x[j])) bad.push(`x[${j}]`);
    if (!Object.is(a.rate, b.rate * c)) bad.push(`η·c (${a.rate} vs ${b.rate * c})`);
    if (a.rateFromFit !== b.rateFromFit) bad.push('fit used');
    if (bad.length > 0) {
      if (mismatches === 0 || where.startsWith('stopped')) where = `k=${k}: ${bad.slice(0, 4).join(', ')} differ`;
      mismatches++;
    }
  }
  return { mismatches, where, compared, guard };
}

export const genScaleInvariance: Theorem = {
  id: 'gen-scale-invariance',
  title: 'GeN (C-P3): the run with direction c·d and η₀/c (c = 2^j) reproduces x_k and η_k·c bitwise',
  source: 'Bu & Xu 2025 (arXiv 2407.02772, ICLR 2025), the remark after Prop. 1: d → c·d scales η* by 1/c, so the iterates do not depend on the gradient\'s scale [S]; exactness of power-of-two scaling in IEEE arithmetic; docs/theory.md#gen-scale-invariance',
  statement: 'd\\to c\\,d,\\ \\eta_0\\to\\eta_0/c:\\quad x_k^{(c)}=x_k,\\quad c\\,\\eta_k^{(c)}=\\eta_k\\ \\text{bitwise},\\qquad c=2^{j}',
  assumptions: [capability('gen-rate'), directionScaledCompanion],
  tight: true,
  gating: true,
  gatingReason: 'the companion performs the same floating-point operations on operands scaled by powers of two, each exact while no magnitude leaves [2^−330, 2^330]: bitwise, no slack',
  check(run: ScenarioRun) {
    const c = directionScaleFactor(run) as number;
    const r = compareScaledRuns(genRecords(run), genRecords(run.companion!), c);
    return {
      status: r.mismatches === 0 ? 'holds' : 'violated',
      worstRatio: r.mismatches,
      where: r.compared === 0 && r.mismatches === 0 ? null : r.where,
      slack: 'none: bitwise (worst = number of mismatching iterations), compared up to the stop test while every recorded magnitude lies in [2^−330, 2^330] or is 0',
      checked: r.compared,
      pastFloor: Math.max(genRecords(run).length - r.compared, 0),
      note: `c = ${c}; compared ${r.compared} iterations; guard: ${r.guard}`,
    };
  },
};
