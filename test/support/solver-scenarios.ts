/**
 * Scenarios for GNS property tests (test/solvers/properties/): random catalog instance × Hessian model
 * × mode, a run that also keeps the Hessian value H_k the solver used at each iteration, small pure
 * checks (records in → {ok, worst, where}) for the hard assertions of spec §8.2, and a small
 * deliberately defective re-implementation of the strict GNS loop used only by the power checks.
 *
 * Every check returns `worst` = the largest observed/allowed ratio over the cases it looked at, so
 * `ok` ⇔ worst ≤ 1 (bitwise checks: worst = number of mismatches), and `where` names the worst case.
 */
import fc from 'fast-check';
import { cpuBackend } from '../../src/backends/cpu.js';
import { additivePerturbation } from '../../src/hessians/additive-perturbation.js';
import { toDense } from '../../src/hessians/dense-hessian.js';
import { diagonalHessian } from '../../src/hessians/diagonal.js';
import { empiricalFisher } from '../../src/hessians/empirical-fisher.js';
import { exactHessianOf } from '../../src/hessians/exact.js';
import { fisherTerm } from '../../src/hessians/fisher-term.js';
import { gaussNewton } from '../../src/hessians/gauss-newton.js';
import type { HessianModel, HessianValue } from '../../src/hessians/hessian-model.js';
import { spectralPerturbation } from '../../src/hessians/spectral-perturbation.js';
import { staleHessian } from '../../src/hessians/stale.js';
import { weightedGaussNewton } from '../../src/hessians/weighted-gauss-newton.js';
import { zeroHessian } from '../../src/hessians/zero.js';
import { cholesky, choleskySolve } from '../../src/linalg/cholesky.js';
import { symmetricEigenvalues } from '../../src/linalg/eigen.js';
import { type Matrix, matVec } from '../../src/linalg/matrix.js';
import { identityMetric, type Metric, metricMinEigenvalue } from '../../src/linalg/metric.js';
import { allFinite, dot } from '../../src/linalg/vector.js';
import type { LogisticOracle } from '../../src/problems/families/logistic.js';
import type { LogSumExpOracle } from '../../src/problems/families/logsumexp.js';
import type { NonlinearEquationsOracle } from '../../src/problems/families/nonlinear-equations.js';
import { InstanceError } from '../../src/problems/family.js';
import type { Instance, InstanceName, MetricSpec } from '../../src/problems/instance.js';
import { metricOf } from '../../src/problems/metric.js';
import type { Oracle } from '../../src/problems/oracle.js';
import { buildInstance, familyById, FAMILIES } from '../../src/problems/registry.js';
import type { GnsRecord, GnsSummary, GnsTrial } from '../../src/solvers/gns-record.js';
import { gns, type GnsOptions, runToEnd } from '../../src/solvers/gns.js';

export const UNIT_ROUNDOFF = 2 ** -53;

/** scenario runs stop once ‖g_k‖_* < GRAD_TOL_RELATIVE·‖g_0‖_* */
export const GRAD_TOL_RELATIVE = 1e-9;

// ───────────────────────────── scenarios ─────────────────────────────

export type ModelId =
  | 'exact'
  | 'gauss-newton'
  | 'fisher-term'
  | 'weighted-gauss-newton'
  | 'empirical-fisher'
  | 'zero'
  | 'additive-psd'
  | 'spectral'
  | 'stale'
  | 'diagonal';

function isNonlinearEquations(o: Oracle): o is NonlinearEquationsOracle {
  return (o as Partial<NonlinearEquationsOracle>).kind === 'nonlinear-equations';
}
function isLogSumExp(o: Oracle): o is LogSumExpOracle {
  return (o as Partial<LogSumExpOracle>).kind === 'logsumexp';
}
function isLogistic(o: Oracle): o is LogisticOracle {
  return typeof (o as Partial<LogisticOracle>).sampleGradients === 'function';
}

/** The Hessian models that can be built for an instance (structure-specific ones where the oracle allows). */
export function modelsFor(instance: Instance): ModelId[] {
  const o = instance.problem.oracle;
  const out: ModelId[] = ['exact', 'zero', 'additive-psd', 'spectral', 'stale', 'diagonal'];
  if (isNonlinearEquations(o)) out.push('gauss-newton', 'fisher-term');
  if (isLogSumExp(o)) out.push('weighted-gauss-newton');
  if (isLogistic(o)) out.push('empirical-fisher');
  return out;
}

export function makeModel(id: ModelId, instance: Instance, seed = 1): HessianModel {
  const o = instance.problem.oracle;
  switch (id) {
    case 'exact':
      return exactHessianOf(instance);
    case 'zero':
      return zeroHessian();
    case 'additive-psd':
      return additivePerturbation(exactHessianOf(instance), instance, { C1: 0.05, C2: 0.5, beta: 0, shape: 'psd', seed });
    case 'spectral':
      return spectralPerturbation(exactHessianOf(instance), instance, 0.3, seed);
    case 'stale':
      return staleHessian(exactHessianOf(instance), instance, 3);
    case 'diagonal':
      return diagonalHessian(instance);
    case 'gauss-newton':
      if (!isNonlinearEquations(o)) throw new Error('gauss-newton needs a nonlinear-equations oracle');
      return gaussNewton(o);
    case 'fisher-term':
      if (!isNonlinearEquations(o)) throw new Error('fisher-term needs a nonlinear-equations oracle');
      return fisherTerm(o, instance.metric);
    case 'weighted-gauss-newton':
      if (!isLogSumExp(o)) throw new Error('weighted-gauss-newton needs a logsumexp oracle');
      return weightedGaussNewton(o, metricOf(instance.metric, o.dim));
    case 'empirical-fisher':
      if (!isLogistic(o)) throw new Error('empirical-fisher needs a logistic oracle');
      return empiricalFisher(o, instance);
  }
}

/** A model that remembers the value it returned at each iteration: H_k exactly as the solver used it. */
export function recordingModel(base: HessianModel): { model: HessianModel; values: HessianValue[] } {
  const values: HessianValue[] = [];
  return {
    values,
    model: {
      id: base.id,
      certificate: base.certificate,
      at(x, iteration) {
        const v = base.at(x, iteration);
        values[iteration] = v;
        return v;
      },
    },
  };
}

export interface ScenarioSpec {
  readonly name: InstanceName;
  /** index into modelsFor(instance), taken modulo its length (or the fixed model) */
  readonly modelPick: number | ModelId;
  readonly mode: 'strict' | 'reference';
  readonly maxIters: number;
  readonly gamma0: number;
  readonly modelSeed: number;
}

export interface ScenarioOptions {
  readonly families?: readonly string[];
  readonly models?: readonly ModelId[];
  readonly maxDim?: number;
  readonly modes?: readonly ('strict' | 'reference')[];
  readonly maxIters?: { min: number; max: number };
  readonly gamma0?: readonly number[];
}

export function scenarioArbitrary(o: ScenarioOptions = {}): fc.Arbitrary<ScenarioSpec> {
  const families = (o.families ?? FAMILIES.map((f) => f.id)).map((id) => {
    const f = familyById(id);
    if (!f) throw new Error(`unknown family ${id}`);
    return f;
  });
  const names = fc.oneof(...families.map((f) => f.arbitrary({ maxDim: o.maxDim ?? 12 })));
  const model: fc.Arbitrary<number | ModelId> = o.models ? fc.constantFrom(...o.models) : fc.nat();
  return fc.record({
    name: names,
    modelPick: model,
    mode: fc.constantFrom(...(o.modes ?? (['strict', 'reference'] as const))),
    maxIters: fc.integer(o.maxIters ?? { min: 5, max: 30 }),
    gamma0: fc.constantFrom(...(o.gamma0 ?? [1, 1e-3, 1e3, 0.25])),
    modelSeed: fc.nat({ max: 1000 }),
  });
}

export interface ScenarioRun {
  readonly label: string;
  readonly instance: Instance;
  readonly modelId: string;
  readonly model: HessianModel;
  readonly options: GnsOptions;
  readonly records: GnsRecord[];
  readonly summary: GnsSummary;
  /** H_k as the solver received it, per iteration k */
  readonly hessians: HessianValue[];
  readonly metric: Metric;
}

/** Build and run a scenario; null when the instance cannot be built (an InstanceError), the model does not apply, or ∇f(x0) = 0. */
export function runScenario(spec: ScenarioSpec, extra: Partial<GnsOptions> = {}): ScenarioRun | null {
  let instance: Instance;
  try {
    instance = buildInstance(spec.name);
  } catch (e) {
    if (e instanceof InstanceError) return null;
    throw e;
  }
  const available = modelsFor(instance);
  const id = typeof spec.modelPick === 'number' ? available[spec.modelPick % available.length] : spec.modelPick;
  if (!available.includes(id)) return null;
  const base = makeModel(id, instance, spec.modelSeed);
  // stop at a tolerance above the rounding floor (spec §3.3 defect 2, §8.5): a_k < 1e-9·a_0
  const a0 = metricOf(instance.metric, instance.problem.dim).dualNorm(instance.problem.oracle.grad(instance.x0));
  // x0 already stationary: nothing to step (reference mode would divide 0/0, spec §3.3 defect 2)
  if (!(a0 > 0)) return null;
  return runWith(instance, base, { mode: spec.mode, metric: instance.metric, maxIters: spec.maxIters, gamma0: spec.gamma0, gradTol: GRAD_TOL_RELATIVE * a0, ...extra });
}

export function runWith(instance: Instance, base: HessianModel, options: GnsOptions, problem: Oracle = instance.problem): ScenarioRun {
  const { model, values } = recordingModel(base);
  const { records, summary } = runToEnd(gns(problem, model, instance.x0, options, cpuBackend()));
  const label = `${formatLabel(instance.name)} model=${base.id} mode=${options.mode} γ0=${options.gamma0 ?? 1}`;
  return { label, instance, modelId: base.id, model: base, options, records, summary, hessians: values, metric: metricOf(instance.metric, instance.problem.dim) };
}

function formatLabel(n: InstanceName): string {
  const params = Object.keys(n.params)
    .sort()
    .map((k) => `${k}=${String(n.params[k])}`)
    .join(',');
  return `${n.family}/${params}/n=${n.dim}/seed=${n.seed}`;
}

/** κ(B) = λ_max/λ_min of the metric matrix (1 for the identity). */
export function metricCondition(spec: MetricSpec): number {
  if (spec.kind === 'identity') return 1;
  const ev = symmetricEigenvalues(spec.B);
  return ev[ev.length - 1] / ev[0];
}

/** λ_min(B^{-½} H B^{-½}) of a Hessian value. */
export function minEigenvalueInMetric(value: HessianValue, metric: Metric): number {
  if (value.kind === 'zero') return 0;
  if (value.kind === 'rank-one') return value.alpha >= 0 ? 0 : -Infinity;
  return metricMinEigenvalue(value.matrix, metric);
}

/** ‖B^{-½} H B^{-½}‖ for a dense Hessian value (max |eigenvalue| in the metric). */
export function normInMetric(value: HessianValue, metric: Metric, n: number): number {
  const ev = symmetricEigenvalues(metric.whiten(toDense(value, n)));
  return ev.length === 0 ? 0 : Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
}

/** H·h for any Hessian value. */
export function hessianTimes(value: HessianValue, h: Float64Array): Float64Array {
  if (value.kind === 'dense') return matVec(value.matrix, h);
  if (value.kind === 'zero') return new Float64Array(h.length);
  const s = value.alpha * dot(value.v, h);
  return value.v.map((vi) => s * vi);
}

// ───────────────────────────── check results ─────────────────────────────

export interface CheckResult {
  readonly ok: boolean;
  /** the largest observed/allowed ratio (≤ 1 passes); for bitwise checks the number of mismatches */
  readonly worst: number;
  readonly where: string;
  /** how many cases (steps, prefixes, pairs) the check looked at */
  readonly checked: number;
}

export class WorstCase {
  worst = 0;
  where = 'nothing checked';
  checked = 0;
  /** a NaN ratio counts as a failure (Infinity) */
  add(ratio: number, where: () => string): void {
    this.checked++;
    const r = Number.isNaN(ratio) ? Infinity : ratio;
    if (this.checked === 1 || r > this.worst) {
      this.worst = r;
      this.where = where();
    }
  }
  merge(other: CheckResult, prefix: string): void {
    this.checked += other.checked;
    if (other.worst > this.worst) {
      this.worst = other.worst;
      this.where = `${prefix}: ${other.where}`;
    }
  }
  result(): CheckResult {
    return { ok: this.worst <= 1, worst: this.worst, where: this.where, checked: this.checked };
  }
}

/** The trial whose step a record took: the accepted one, or (reference mode, exhausted) the last evaluated one. */
export function takenTrial(r: GnsRecord): GnsTrial | null {
  if (!r.stepTaken) return null;
  for (let i = r.trials.length - 1; i >= 0; i--) {
    const t = r.trials[i];
    if (t.outcome === 'accepted') return t;
  }
  for (let i = r.trials.length - 1; i >= 0; i--) {
    const t = r.trials[i];
    if (t.outcome === 'rejected' || t.outcome === 'non-finite') return t;
  }
  return null;
}

// ───────────────────────────── the checks ─────────────────────────────

/**
 * A1 tolerance model. The solver factors H + λB unwhitened; a backward-stable Cholesky solve leaves a
 * residual of size u·‖H + λB‖₂‖h‖₂ in the 2-norm, and measuring it in the dual norm of B multiplies
 * by up to ‖B⁻¹‖₂‖B‖₂ = κ(B) relative to a = ‖g‖_* (with ‖h‖_B ≤ a/λ). Hence
 *   τ(B) = max(1e-10, n·u·κ(B)):
 * the spec's 1e-10 for well-conditioned B, and about 1e-6 for the NE metric AᵀA + 1e-8·I with
 * κ ≈ 1e8–1e9 at n ≤ 12 (spec §8.5).
 */
export function linearSolveTolerance(n: number, kappaB: number): number {
  return Math.max(1e-10, n * UNIT_ROUNDOFF * kappaB);
}

/**
 * A1: for every taken step, ‖(H_k + λ_k B)h_k + g_k‖_* ≤ τ·a_k. H_k is the value the solver used at
 * iteration k; the residual is formed in float64 from the record's h, λ, g.
 */
export function checkLinearSolve(records: readonly GnsRecord[], hessians: readonly HessianValue[], metric: Metric, tolerance: number): CheckResult {
  const w = new WorstCase();
  for (const r of records) {
    if (!r.stepTaken || !r.h) continue;
    const hv = hessians[r.k];
    const hh = hessianTimes(hv, r.h);
    const bh = metric.apply(r.h);
    const res = new Float64Array(r.h.length);
    for (let i = 0; i < res.length; i++) res[i] = hh[i] + r.lambda * bh[i] + r.g[i];
    const ratio = metric.dualNorm(res) / (tolerance * r.gradNorm);
    w.add(ratio, () => `k=${r.k} ‖res‖_*/a=${(metric.dualNorm(res) / r.gradNorm).toExponential(3)} τ=${tolerance.toExponential(2)}`);
  }
  return w.result();
}

/**
 * A2: for taken steps with H_k ⪰ 0 (decided by the caller: `psd(k)`):
 *   ‖h_k‖ ≤ γ̂(1 + 1e-8) with γ̂ = γ + ε of the taken trial (λ = a/(γ + ε), ε = 0 in strict mode), and
 *   λ_k‖h_k‖² ≤ −⟨g_k, h_k⟩(1 + 1e-10).
 * Returns the worse of the two ratios; `parts` keeps them apart.
 */
export function checkStepBound(records: readonly GnsRecord[], eps: number, psd: (k: number) => boolean): CheckResult & { parts: { norm: CheckResult; energy: CheckResult } } {
  const norm = new WorstCase();
  const energy = new WorstCase();
  for (const r of records) {
    if (!r.stepTaken || !r.h || !psd(r.k)) continue;
    const t = takenTrial(r);
    if (!t) continue;
    const gammaHat = t.gamma + eps;
    norm.add(r.stepNorm / (gammaHat * (1 + 1e-8)), () => `k=${r.k} ‖h‖=${r.stepNorm} γ̂=${gammaHat}`);
    energy.add((r.lambda * r.stepNorm * r.stepNorm) / (-r.gh * (1 + 1e-10)), () => `k=${r.k} λ‖h‖²=${r.lambda * r.stepNorm ** 2} −⟨g,h⟩=${-r.gh}`);
  }
  const a = norm.result();
  const b = energy.result();
  const worse = a.worst >= b.worst ? { ...a, where: `step norm: ${a.where}` } : { ...b, where: `energy: ${b.where}` };
  return { ...worse, ok: a.ok && b.ok, checked: a.checked + b.checked, parts: { norm: a, energy: b } };
}

/**
 * A3: every accepted step has f_k − f_{k+1} ≥ a_{k+1}²/(8λ_k) − ε_f, ε_f = 1e-12(|f_k| + |f_{k+1}|),
 * with f_{k+1}, a_{k+1} read from the NEXT record when there is one (the solver's state at x_{k+1},
 * checked to be x_k + h_k), else from the record's own fNext/gradNormNext. Also f_{k+1} ≤ f_k + ε_f
 * along accepted steps. Ratio = required decrease / observed decrease (+ε_f).
 */
export function checkLemma1Decrease(records: readonly GnsRecord[]): CheckResult {
  const w = new WorstCase();
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r.stepTaken || r.gammaAccepted === null) continue;
    const next = records[i + 1];
    const fNext = next ? next.f : r.fNext;
    const aNext = next ? next.gradNorm : r.gradNormNext;
    if (next && r.h) {
      // the next record must start where this step went
      let same = true;
      for (let j = 0; j < r.x.length; j++) if (next.x[j] !== r.x[j] + r.h[j]) same = false;
      if (!same) {
        w.add(Infinity, () => `k=${r.k}: x_{k+1} ≠ x_k + h_k`);
        continue;
      }
    }
    const epsF = 1e-12 * (Math.abs(r.f) + Math.abs(fNext));
    const required = (aNext * aNext) / (8 * r.lambda);
    const decrease = r.f - fNext;
    // required ≤ decrease + ε_f  ⇔  ratio ≤ 1; monotonicity: 0 ≤ decrease + ε_f
    const ratio = required === 0 ? (decrease + epsF >= 0 ? 0 : Infinity) : required / Math.max(decrease + epsF, 0);
    const mono = decrease + epsF >= 0 ? 0 : Infinity;
    w.add(Math.max(ratio, mono), () => `k=${r.k} f_k−f_k+1=${decrease.toExponential(4)} a²/(8λ)=${required.toExponential(4)} ε_f=${epsF.toExponential(2)}`);
  }
  return w.result();
}

/** Why the A6 prefix ends at iteration k (null: it does not). */
export function trialIdentityBreak(r: GnsRecord, gammaMin: number, cutAtFailure: boolean): string | null {
  if (r.exhausted) return 'exhausted search';
  if (cutAtFailure && r.factorizationFailures > 0) return 'factorization failure';
  // the floor acts (γ ← max(2γ, γ_min)) exactly when 2γ_acc < γ_min; any other deviation is a failure
  if (r.gammaAccepted !== null && 2 * r.gammaAccepted < gammaMin) return 'γ_min floor';
  return null;
}

/**
 * A6: for every K on the valid prefix (before the first exhausted search, γ_min floor hit, and — when
 * asked — factorization failure), Σ_{k<K} t_k = 2K + log2(γ0/γ_K^start), exactly (an integer identity).
 * `gammaStart` is the start-of-iteration history (one more entry than records when the run stopped);
 * `gammaMin` is the reference mode's floor (0 in strict mode).
 */
export function checkTrialIdentity(records: readonly GnsRecord[], gammaStart: readonly number[], gamma0: number, gammaMin: number, cutAtFailure = false): CheckResult & { prefix: number; cut: string } {
  const w = new WorstCase();
  let sum = 0;
  let prefix = 0;
  let cut = 'end of run';
  if (gammaStart[0] !== gamma0) w.add(Infinity, () => `γ_0^start=${gammaStart[0]} ≠ γ0=${gamma0}`);
  for (let K = 1; K <= records.length && K < gammaStart.length; K++) {
    const r = records[K - 1];
    const why = trialIdentityBreak(r, gammaMin, cutAtFailure);
    if (why) {
      cut = `${why} at k=${K - 1}`;
      break;
    }
    sum += r.trials.length;
    prefix = K;
    const gK = gammaStart[K];
    const log = Math.log2(gamma0 / gK);
    // exact: an integer, and Σt − 2K equal to it
    const mismatch = !(Number.isInteger(log) && sum - 2 * K === log && 2 ** log === gamma0 / gK);
    w.add(mismatch ? Infinity : 0, () => `K=${K} Σt=${sum} 2K+log2(γ0/γK)=${2 * K + log}`);
  }
  return { ...w.result(), prefix, cut };
}

/**
 * A11 (quadratic f = ½⟨Q(x−x*), x−x*⟩ + f*, exact H = Q): every trial accepted, γ^start doubles every
 * step, and g_{k+1} = λ_k B(Q + λ_k B)⁻¹g_k to `relTol` relative in the dual norm. The prediction is
 * formed independently (a fresh Cholesky of Q + λB); g_{k+1} is the next record's gradient.
 *
 * Precision floor (compared only above it): a backward-stable solve gives (Q + λB + Δ)h = −g with
 * ‖Δ‖₂ ≲ n·u·‖Q + λB‖₂, which moves g_{k+1} = g_k + Qh by about ‖Δ‖₂‖h‖₂; forming x_{k+1} and
 * x_{k+1} − x* adds u‖Q‖₂(‖x_{k+1}‖₂ + ‖x*‖₂). In the dual norm (×‖B^{-½}‖₂):
 *   φ_k = n·u·(‖Q + λ_kB‖₂‖h_k‖₂ + ‖Q‖₂(‖x_{k+1}‖₂ + ‖x*‖₂)) / √λ_min(B),
 * and step k is compared only when φ_k ≤ 0.1·relTol·‖prediction‖_*.
 */
export function checkQuadraticRecursion(
  records: readonly GnsRecord[],
  gammaStart: readonly number[],
  Q: Matrix,
  xStar: Float64Array,
  metricSpec: MetricSpec,
  relTol: number,
): CheckResult & { parts: { trials: CheckResult; doubling: CheckResult; recursion: CheckResult }; belowFloor: number } {
  const n = Q.rows;
  const metric = metricOf(metricSpec, n);
  const B = metric.matrix();
  const bEig = symmetricEigenvalues(B);
  const norm2 = (m: Matrix) => {
    const ev = symmetricEigenvalues(m);
    return Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
  };
  const qNorm = norm2(Q);
  const xsNorm = Math.sqrt(dot(xStar, xStar));
  const trials = new WorstCase();
  const doubling = new WorstCase();
  const rec = new WorstCase();
  let belowFloor = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    trials.add(r.trials.length === 1 && r.trials[0].outcome === 'accepted' ? 0 : Infinity, () => `k=${r.k}: trials ${r.trials.map((t) => t.outcome).join(',')}`);
    if (i + 1 < gammaStart.length) doubling.add(gammaStart[i + 1] === 2 * gammaStart[i] ? 0 : Infinity, () => `k=${r.k}: γ^start ${gammaStart[i]} → ${gammaStart[i + 1]}`);
    const next = records[i + 1];
    const gNext = next ? next.g : r.gNext;
    if (!r.stepTaken || !gNext || !r.h) continue;
    const shifted = metric.shifted(Q, r.lambda);
    const f = cholesky(shifted);
    if (!f.ok) {
      rec.add(Infinity, () => `k=${r.k}: Q + λB not PD`);
      continue;
    }
    const pred = metric.apply(choleskySolve(f.factor, r.g)).map((v) => v * r.lambda);
    const predNorm = metric.dualNorm(pred);
    const xNext = r.x.map((v, j) => v + r.h![j]);
    const floor = (n * UNIT_ROUNDOFF * (norm2(shifted) * Math.sqrt(dot(r.h, r.h)) + qNorm * (Math.sqrt(dot(xNext, xNext)) + xsNorm))) / Math.sqrt(bEig[0]);
    if (floor > 0.1 * relTol * predNorm) {
      belowFloor++;
      continue;
    }
    const diff = gNext.map((v, j) => v - pred[j]);
    const ratio = metric.dualNorm(diff) / (relTol * predNorm);
    rec.add(ratio, () => `k=${r.k} rel=${(metric.dualNorm(diff) / predNorm).toExponential(3)} a_k+1/a_k=${(predNorm / r.gradNorm).toExponential(2)}`);
  }
  const parts = { trials: trials.result(), doubling: doubling.result(), recursion: rec.result() };
  const all = new WorstCase();
  all.merge(parts.trials, 'trials');
  all.merge(parts.doubling, 'doubling');
  all.merge(parts.recursion, 'recursion');
  all.checked = parts.trials.checked + parts.doubling.checked + parts.recursion.checked;
  return { ...all.result(), parts, belowFloor };
}

/**
 * A12: relative B-norm distances between the Sherman–Morrison step, the dense solve of the expanded H,
 * and the closed form −B⁻¹g/(λ + (p−2)a²/‖u‖^p), each ≤ the case's `tol` (default relTol).
 */
export function checkRankOneStep(cases: readonly { where: string; sm: Float64Array; dense: Float64Array; closed: Float64Array; tol?: number }[], metric: (i: number) => Metric, relTol: number): CheckResult & { parts: { dense: CheckResult; closed: CheckResult } } {
  const dense = new WorstCase();
  const closed = new WorstCase();
  cases.forEach((c, i) => {
    const m = metric(i);
    const rel = (x: Float64Array, y: Float64Array) => m.norm(x.map((v, j) => v - y[j])) / m.norm(y);
    const d = rel(c.sm, c.dense);
    const e = rel(c.sm, c.closed);
    const tol = c.tol ?? relTol;
    dense.add(d / tol, () => `${c.where} ‖h_SM − h_dense‖/‖h_dense‖=${d.toExponential(3)}`);
    closed.add(e / tol, () => `${c.where} ‖h_SM − h_closed‖/‖h_closed‖=${e.toExponential(3)}`);
  });
  const parts = { dense: dense.result(), closed: closed.result() };
  const all = new WorstCase();
  all.merge(parts.dense, 'SM vs dense');
  all.merge(parts.closed, 'SM vs closed form');
  all.checked = parts.dense.checked + parts.closed.checked;
  return { ...all.result(), parts };
}

/** Is every number finite and either 0 or normal (no subnormal, no overflow)? */
export function allNormal(values: Iterable<number>): boolean {
  for (const v of values) {
    if (!Number.isFinite(v)) return false;
    if (v !== 0 && Math.abs(v) < 2 ** -1022) return false;
  }
  return true;
}

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

// ───────────────────────────── oracles ─────────────────────────────

/** c·f with every derivative scaled by c (the A10 wrapper). */
export function scaledOracle(o: Oracle, c: number): Oracle {
  const mul = (v: Float64Array) => v.map((x) => c * x);
  return {
    dim: o.dim,
    f: (x) => c * o.f(x),
    grad: (x) => mul(o.grad(x)),
    hess: (x) => {
      const h = o.hess(x);
      return { rows: h.rows, cols: h.cols, data: mul(h.data) };
    },
    hvp: (x, v) => mul(o.hvp(x, v)),
  };
}

// ───────────────────────────── defective GNS (power checks only) ─────────────────────────────

export interface Defect {
  /** the acceptance test f − f⁺ ≥ a⁺²/(C·λ) with this C (8 is correct) */
  readonly acceptConstant?: number;
  /** λ = 1/γ instead of ‖g‖_* / γ */
  readonly lambdaWithoutGradNorm?: boolean;
  /** solve (H + λI)h = −g while measuring every norm in B */
  readonly metricIgnored?: boolean;
  /** at odd k ≥ 1, reuse the previous iteration's step instead of solving */
  readonly staleStep?: boolean;
  /** γ ← factor·γ on acceptance (2 is correct) */
  readonly growth?: number;
}

/**
 * A minimal strict-mode GNS (dense H, float64 linalg) with one injected defect, emitting records in the
 * GnsRecord shape the checks read. Without a defect it follows Algorithm 1 + the strict search.
 */
export function defectiveGns(
  problem: Oracle,
  hessian: HessianModel,
  x0: Float64Array,
  o: { metric: MetricSpec; maxIters: number; gamma0?: number; gradTol?: number; fStar?: number; fTol?: number; maxTrials?: number },
  defect: Defect,
): { records: GnsRecord[]; gammaStart: number[]; hessians: HessianValue[]; staleTaken: number[] } {
  const n = problem.dim;
  const metric = metricOf(o.metric, n);
  const solveMetric = defect.metricIgnored ? identityMetric(n) : metric;
  const C = defect.acceptConstant ?? 8;
  const growth = defect.growth ?? 2;
  const maxTrials = o.maxTrials ?? 41;
  const records: GnsRecord[] = [];
  const gammaStart: number[] = [];
  const hessians: HessianValue[] = [];
  let x: Float64Array = x0.slice();
  let f = problem.f(x);
  let g = problem.grad(x);
  let a = metric.dualNorm(g);
  let gamma = o.gamma0 ?? 1;
  let previousStep: Float64Array | null = null;
  const staleTaken: number[] = [];
  for (let k = 0; ; k++) {
    gammaStart.push(gamma);
    if (k >= o.maxIters || (o.gradTol !== undefined && a < o.gradTol) || (o.fStar !== undefined && o.fTol !== undefined && f - o.fStar < o.fTol) || a === 0 || !Number.isFinite(f)) break;
    const value = hessian.at(x, k);
    hessians[k] = value;
    const H = toDense(value, n);
    const start = gamma;
    const trials: GnsTrial[] = [];
    let taken: { lambda: number; h: Float64Array; xNext: Float64Array; fNext: number; gNext: Float64Array; aNext: number; stale: boolean } | null = null;
    let accepted: number | null = null;
    let failures = 0;
    for (let i = 0; i < maxTrials; i++) {
      const lambda = (defect.lambdaWithoutGradNorm ? 1 : a) / gamma;
      let h: Float64Array;
      const stale: boolean = !!(defect.staleStep && previousStep && k % 2 === 1);
      if (stale && previousStep) {
        h = previousStep.slice();
      } else {
        const fac = cholesky(solveMetric.shifted(H, lambda));
        if (!fac.ok) {
          failures++;
          trials.push({ gamma, lambda, outcome: 'not-positive-definite' });
          gamma /= 2;
          continue;
        }
        h = choleskySolve(fac.factor, g.map((v) => -v));
      }
      const xNext = x.map((xi, j) => xi + h[j]);
      const fNext = problem.f(xNext);
      const gNext = problem.grad(xNext);
      const aNext = allFinite(gNext) ? metric.dualNorm(gNext) : NaN;
      if (Number.isFinite(fNext) && Number.isFinite(aNext) && f - fNext >= (aNext * aNext) / (C * lambda)) {
        trials.push({ gamma, lambda, outcome: 'accepted', fNext, gradNormNext: aNext });
        accepted = gamma;
        taken = { lambda, h, xNext, fNext, gNext, aNext, stale };
        gamma *= growth;
        break;
      }
      trials.push({ gamma, lambda, outcome: Number.isFinite(fNext) && Number.isFinite(aNext) ? 'rejected' : 'non-finite', fNext, gradNormNext: aNext });
      gamma /= 2;
    }
    const base = { k, x, f, g, gradNorm: a, gammaStart: start, gammaAccepted: accepted, trials, factorizationFailures: failures, exhausted: accepted === null, gradCalls: 0, fCalls: 0 };
    if (!taken) {
      records.push({ ...base, stepTaken: false, lambda: NaN, h: null, stepNorm: NaN, gh: NaN, hHh: NaN, fNext: NaN, gNext: null, gradNormNext: NaN, residualNorm: NaN, sigma: NaN });
      break;
    }
    const Hh = matVec(H, taken.h);
    const resid = taken.gNext.map((v, j) => v - g[j] - Hh[j]);
    const stepNorm = metric.norm(taken.h);
    const residualNorm = metric.dualNorm(resid);
    records.push({
      ...base,
      stepTaken: true,
      lambda: taken.lambda,
      h: taken.h,
      stepNorm,
      gh: dot(g, taken.h),
      hHh: dot(Hh, taken.h),
      fNext: taken.fNext,
      gNext: taken.gNext,
      gradNormNext: taken.aNext,
      residualNorm,
      sigma: residualNorm / (taken.lambda * stepNorm),
    });
    previousStep = taken.h;
    if (taken.stale) staleTaken.push(k);
    x = taken.xNext;
    f = taken.fNext;
    g = taken.gNext;
    a = taken.aNext;
  }
  return { records, gammaStart, hessians, staleTaken };
}

/** The scenario stop rule: ‖g‖_* < GRAD_TOL_RELATIVE·‖g(x0)‖_*. */
export function gradTolFor(instance: Instance): number {
  return GRAD_TOL_RELATIVE * metricOf(instance.metric, instance.problem.dim).dualNorm(instance.problem.oracle.grad(instance.x0));
}

/** max |B − I| entrywise (0 for the identity): whether "metric ignored" changes anything. */
export function distanceFromIdentity(spec: MetricSpec): number {
  if (spec.kind === 'identity') return 0;
  const n = spec.B.rows;
  let d = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d = Math.max(d, Math.abs(spec.B.data[i * n + j] - (i === j ? 1 : 0)));
  return d;
}

/** Sample scenario specs deterministically (fast-check `sample` with a fixed seed). */
export function sampleScenarios(o: ScenarioOptions, count: number, seed: number): ScenarioSpec[] {
  return fc.sample(scenarioArbitrary(o), { seed, numRuns: count });
}
