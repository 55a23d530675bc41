import { gnsRecords, gnsSummary } from './method-capabilities.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { minEigenvalueInMetric } from './check-result.js';
import type { Assumption } from './theorem.js';

/** H_k ⪰ 0 is guaranteed by the Hessian model's certificate. */
export const hessianPsd: Assumption = {
  id: 'hessian-psd',
  statement: 'H_k ⪰ 0',
  holds: (run) => (run.model.certificate.psd ? true : `the model '${run.model.id}' is not certified PSD`),
};

/** f is proven convex. */
export const convex: Assumption = {
  id: 'convex',
  statement: 'f convex',
  holds: (run) => {
    const c = run.instance.certificate.convexity;
    return c === 'convex' || c === 'strongly-convex' ? true : `convexity is '${c}'`;
  },
};

/** f* is known by construction. */
export const knownOptimum: Assumption = {
  id: 'known-f-star',
  statement: 'f* known',
  holds: (run) => (run.instance.certificate.fStar !== undefined ? true : 'f* is not known for this instance'),
};

/** The Hessian model's error is certified as C1 + C2‖g‖^(1−β). */
export const certifiedApproximation: Assumption = {
  id: 'certified-approximation',
  statement: '‖∇²f − H‖ ≤ C1 + C2‖∇f‖_*^{1−β} certified',
  holds: (run) => (run.model.certificate.certified ? true : `the model '${run.model.id}' is uncertified`),
};

/**
 * H_k ⪰ 0 as computed (λ_min(B^{-½}H_kB^{-½}) ≥ 0, or a zero / rank-one H with α ≥ 0) at some taken
 * step. The per-step premise of the step bound (docs/theory.md#step-bound): checks that use it look only at the steps
 * where it holds, and this assumption fails when there is none.
 */
export const hessianPsdAtSomeStep: Assumption = {
  id: 'hessian-psd-at-steps',
  statement: 'H_k ⪰ 0 (as computed) at the steps checked',
  holds: (run) => (gnsRecords(run).some((r) => r.stepTaken && psdAt(run, r.k)) ? true : 'no taken step has H_k ⪰ 0 as computed'),
};

/** λ_min(B^{-½}H_kB^{-½}) ≥ 0 as computed for the H_k the solver used at iteration k. */
export function psdAt(run: ScenarioRun, k: number): boolean {
  const v = run.hessians[k];
  return v !== undefined && minEigenvalueInMetric(v, run.metric) >= 0;
}

/** The Hessian model is the exact Hessian (certified with C1 = C2 = 0). */
export const exactHessianModel: Assumption = {
  id: 'exact-hessian',
  statement: 'H = ∇²f',
  holds: (run) => {
    const c = run.model.certificate;
    return run.model.id === 'exact' && c.certified && c.C1 === 0 && c.C2 === 0 ? true : `the model is '${run.model.id}', not the exact Hessian`;
  },
};

/** f is an SPD quadratic ½⟨Q(x − x*), x − x*⟩ + f* (the quadratic family, strongly convex certificate). */
export const spdQuadratic: Assumption = {
  id: 'spd-quadratic',
  statement: 'f = ½⟨Q(x−x*), x−x*⟩ + f*, Q ≻ 0',
  holds: (run) => {
    const data = (run.instance.problem.oracle as { data?: { Q?: unknown; xStar?: unknown } }).data;
    if (run.instance.name.family !== 'quadratic' || !data?.Q || !data.xStar) return `'${run.instance.name.family}' is not a quadratic with its data Q, x* at hand`;
    return run.instance.certificate.convexity === 'strongly-convex' ? true : `Q ≻ 0 is not certified (${run.instance.certificate.convexity})`;
  },
};

/** ‖∇²f(x) − ∇²f(y)‖ ≤ L‖x − y‖ is certified (a Hölder-Hessian membership with ν = 1). */
export const lipschitzHessian: Assumption = {
  id: 'lipschitz-hessian',
  statement: '∇²f L-Lipschitz (certified)',
  holds: (run) =>
    run.instance.certificate.memberships.some((m) => m.class === 'holder-hessian' && m.nu === 1) ? true : 'no certified Lipschitz-Hessian (Hölder ν = 1) membership',
};

/** Every Hessian value of the run is rank one (the Sherman–Morrison path of the solver). */
export const rankOneHessian: Assumption = {
  id: 'rank-one-hessian',
  statement: 'H_k = α_k v_k v_kᵀ (rank one)',
  holds: (run) => (run.hessians.some((v) => v && v.kind === 'rank-one') ? true : `the model '${run.model.id}' gave no rank-one value`),
};

/** The run has a companion run on c·f (Scenario.scale) with c/c' an even power of two. */
export const scaledCompanion: Assumption = {
  id: 'scaled-companion',
  statement: 'a companion run on c·f, c an even power of two (4^j)',
  holds: (run) => {
    const other = run.companion;
    if (!other) return 'no companion run';
    const c = (other.scenario.scale ?? 1) / (run.scenario.scale ?? 1);
    const e = Math.log2(c);
    if (!(Number.isInteger(e) && e % 2 === 0 && 2 ** e === c)) return `c = ${c} is not an even power of two`;
    const { scale: _a, ...x } = run.scenario;
    const { scale: _b, ...y } = other.scenario;
    return JSON.stringify(x) === JSON.stringify(y) ? true : 'the companion differs in more than the scale';
  },
};
