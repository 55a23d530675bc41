/**
 * A10(i) (docs/theory.md#scale-invariance): a run on c·f (f, ∇f, ∇²f, hvp and the Hessian model
 * all scaled by c; gradTol scales with a_0) with c an even power of two reproduces x_k, γ_k^start, the
 * accepted γ_k and t_k BITWISE, up to the stop test, compared only while no recorded number (f, g, a,
 * λ, γ, trial values, x — and the entries of H_k) is subnormal or non-finite in either run.
 * Preconditions (validated numerically): c = 4^j, so √c and with it the Cholesky factor scale exactly; no
 * overflow, underflow or subnormals.
 */
import { algorithm1Run, gnsRecords, gnsSummary } from './method-capabilities.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { GnsRecord } from '../solvers/gns-record.js';
import { scaledCompanion } from './assumptions.js';
import { allNormal, type CheckResult } from './check-result.js';
import type { Theorem } from './theorem.js';

function recordNumbers(r: GnsRecord, scale: number): number[] {
  const out = [r.f / scale, r.gradNorm / scale, r.gammaStart, r.lambda / scale, r.fNext / scale, r.gradNormNext / scale];
  for (const t of r.trials) out.push(t.gamma, t.lambda / scale, (t.fNext ?? 0) / scale, (t.gradNormNext ?? 0) / scale);
  for (const v of r.g) out.push(v / scale);
  for (const v of r.x) out.push(v);
  return out.filter((v) => !Number.isNaN(v));
}

/**
 * A10(i): runs on f and on c·f give bitwise-identical x_k, γ_k^start and accepted γ_k, compared while
 * both runs' recorded numbers are normal (guard: no overflow/underflow/subnormal, also after dividing
 * out c) and up to the stop test (both runs must stop at the same k). worst = number of mismatches.
 */
export function checkScaleInvariance(base: readonly GnsRecord[], scaled: readonly GnsRecord[], c: number): CheckResult & { compared: number; guard: string } {
  let mismatches = 0;
  let where = 'none';
  let compared = 0;
  let guard = 'end of run';
  const n = Math.min(base.length, scaled.length);
  if (base.length !== scaled.length) {
    mismatches++;
    where = `stopped at different k: ${base.length} vs ${scaled.length}`;
  }
  for (let k = 0; k < n; k++) {
    const a = base[k];
    const b = scaled[k];
    if (!allNormal(recordNumbers(a, 1)) || !allNormal(recordNumbers(b, 1)) || !allNormal(recordNumbers(b, c))) {
      guard = `subnormal/non-finite at k=${k}`;
      break;
    }
    compared++;
    const bad: string[] = [];
    for (let j = 0; j < a.x.length; j++) if (!Object.is(a.x[j], b.x[j])) bad.push(`x[${j}]`);
    if (!Object.is(a.gammaStart, b.gammaStart)) bad.push('γ^start');
    if (!Object.is(a.gammaAccepted, b.gammaAccepted)) bad.push('γ^acc');
    if (a.trials.length !== b.trials.length) bad.push('t_k');
    if (bad.length) {
      if (mismatches === 0 || where.startsWith('stopped')) where = `k=${k}: ${bad.slice(0, 4).join(', ')} differ`;
      mismatches++;
    }
  }
  return { ok: mismatches === 0, worst: mismatches, where, checked: compared, compared, guard };
}

/** The number of leading iterations whose H_k entries are all normal in both runs. */
export function normalHessianPrefix(a: ScenarioRun, b: ScenarioRun): number {
  const n = Math.min(a.hessians.length, b.hessians.length);
  let k = 0;
  for (; k < n; k++) {
    const hs = [a.hessians[k], b.hessians[k]];
    const ok = hs.every((h) => h && (h.kind === 'zero' || (h.kind === 'dense' ? allNormal(h.matrix.data) : allNormal([h.alpha, ...h.v]))));
    if (!ok) break;
  }
  return k;
}

/** A10(i) on a run and its companion on c·f (c = companion scale / run scale). */
export function checkScalePair(run: ScenarioRun, other: ScenarioRun): CheckResult & { compared: number; guard: string; full: boolean } {
  const c = (other.scenario.scale ?? 1) / (run.scenario.scale ?? 1);
  const upTo = Math.min(normalHessianPrefix(run, other), gnsRecords(run).length, gnsRecords(other).length);
  const full = gnsRecords(run).length === gnsRecords(other).length && upTo === gnsRecords(run).length;
  const r = checkScaleInvariance(full ? gnsRecords(run) : gnsRecords(run).slice(0, upTo), full ? gnsRecords(other) : gnsRecords(other).slice(0, upTo), c);
  return { ...r, full, guard: full ? r.guard : `${r.guard}; H_k subnormal/non-finite or different lengths: compared the first ${upTo}` };
}

export const scaleInvariance: Theorem = {
  id: 'scale-invariance',
  title: 'A10(i): the run on c·f (c = 4^j) reproduces x_k, γ_k and t_k bitwise',
  source:
    'Semenov, Jaggi & Doikov 2025, scale invariance of γ and of the algorithm [P] (c an even power of two, no subnormals); docs/theory.md#scale-invariance',
  statement: '(cf,\\,cH):\\quad x_k^{(c)}=x_k,\\ \\gamma_k^{(c)}=\\gamma_k,\\ t_k^{(c)}=t_k\\ \\text{bitwise},\\quad c=4^{j}',
  assumptions: [algorithm1Run, scaledCompanion],
  tight: true,
  gating: true,
  gatingReason:
    'a run on 4^j·f performs the same operations on numbers scaled by a power of two, so it is bitwise identical while no number is subnormal or overflows (validated numerically on 9/9 problems, docs/theory.md#scale-invariance): no slack',
  check(run: ScenarioRun) {
    const r = checkScalePair(run, run.companion!);
    const pastFloor = Math.max(gnsRecords(run).length - r.compared, 0);
    return {
      status: r.ok ? 'holds' : 'violated',
      worstRatio: r.worst,
      where: r.checked === 0 ? null : r.where,
      slack: 'none: bitwise (worst = number of mismatching iterations), compared up to the stop test while every recorded number and H_k entry is normal in both runs',
      checked: r.checked,
      pastFloor,
      note: `compared ${r.compared} iterations; guard: ${r.guard}`,
    };
  },
};
