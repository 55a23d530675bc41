/**
 * What the theorems of nonlinearly preconditioned gradient descent (P-GD, x⁺ = x − γ∇φ*(λ∇f(x)),
 * capability `preconditioner`) read of a run: the kernel, γ and λ its records state, the instance's
 * constants (λ, L) for that kernel — certified, estimated by the saturation test, or outside the
 * theory (src/classes/anisotropic-constants.ts) — and the premises γ ≤ 1/L, λ = the constants' λ.
 * A verdict resting on estimated constants is a diagnostic (gating: false) that says so; outside the
 * theory a theorem is not applicable. docs/theory.md#nonlinearly-preconditioned-gradient-descent.
 */
import { anisotropicConstantsOf, type AnisotropicConstants, type OutsideTheory } from '../classes/anisotropic-constants.js';
import { FLOAT64_UNIT_ROUNDOFF } from '../linalg/cholesky.js';
import { norm2 } from '../linalg/vector.js';
import type { PreconditionerFields, StepRecord } from '../methods/step-record.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { type IsotropicKernel, type KernelId, kernelById } from '../solvers/isotropic-kernels.js';
import { capability } from './method-capabilities.js';
import { atPrecision } from './run-precision.js';
import type { Assumption } from './theorem.js';
import type { Verdict } from './verdict.js';

export type PgdRecord = StepRecord & PreconditionerFields;

/** The records of a run whose method declares `preconditioner` (read only under `preconditionerRecords`). */
export function pgdRecords(run: ScenarioRun): readonly PgdRecord[] {
  return run.records as readonly PgdRecord[];
}

export interface StatedParameters {
  readonly kernel: IsotropicKernel;
  readonly gamma: number;
  readonly lambda: number;
}

/** The one kernel, γ and λ every record states, or why there is none. */
export function statedParameters(run: ScenarioRun): StatedParameters | string {
  const records = pgdRecords(run);
  if (records.length === 0) return 'the run has no iteration';
  const { kernel: id, gamma, lambda } = records[0];
  const other = records.find((r) => r.kernel !== id || r.gamma !== gamma || r.lambda !== lambda);
  if (other) return `the records state more than one (kernel, γ, λ): (${id}, ${gamma}, ${lambda}) at k = 0, (${other.kernel}, ${other.gamma}, ${other.lambda}) at k = ${other.k}`;
  const kernel = kernelById(id);
  if (!kernel) return `the records state an unknown kernel '${id}'`;
  return { kernel, gamma, lambda };
}

/** The instance's constants for the run's kernel (certified, estimated, or outside the theory). */
export function runConstants(run: ScenarioRun): AnisotropicConstants | OutsideTheory | string {
  const stated = statedParameters(run);
  if (typeof stated === 'string') return stated;
  return anisotropicConstantsOf(run.instance, stated.kernel.id as KernelId);
}

/** The constants of a run where they are certified or estimated (a theorem reads them only under `withinTheory`). */
export function constantsWithinTheory(run: ScenarioRun): AnisotropicConstants {
  const c = runConstants(run);
  if (typeof c === 'string' || c.status === 'outside') throw new Error(`constantsWithinTheory: ${typeof c === 'string' ? c : c.how}`);
  return c;
}

/** The stated parameters of a run (a theorem reads them only under `preconditionerRecords`). */
export function parametersOf(run: ScenarioRun): StatedParameters {
  const p = statedParameters(run);
  if (typeof p === 'string') throw new Error(`parametersOf: ${p}`);
  return p;
}

const declaresPreconditioner = capability('preconditioner');

/** The method records P-GD's fields, with one kernel, γ and λ along the run. */
export const preconditionerRecords: Assumption = {
  id: 'preconditioner-records',
  statement: 'the method records h_k = −γ∇φ*(λ∇f_k) (capability preconditioner) with one kernel, γ and λ',
  aboutMethod: declaresPreconditioner.aboutMethod,
  holds: (run) => {
    const declared = declaresPreconditioner.holds(run);
    if (declared !== true) return declared;
    const stated = statedParameters(run);
    return typeof stated === 'string' ? stated : true;
  },
};

/** φ = h(‖·‖) is isotropic in the Euclidean norm. */
export const euclideanMetric: Assumption = {
  id: 'euclidean-metric',
  statement: 'B = I (φ = h(‖·‖) in the Euclidean norm)',
  holds: (run) => (run.instance.metric.kind === 'identity' ? true : `the metric B is '${run.instance.metric.kind}', not the identity`),
};

/** The instance has certified or estimated constants (λ, L) for the run's kernel; an estimate that does not saturate is outside the theory. */
export const withinTheory: Assumption = {
  id: 'anisotropic-constants',
  statement: '(λ, L) of the kernel certified or estimated (the saturation test saturates)',
  holds: (run) => {
    const c = runConstants(run);
    if (typeof c === 'string') return c;
    return c.status === 'outside' ? `outside the theory: ${c.how}` : true;
  },
};

/** γ·L ≤ 1 up to the rounding of γ = c/L (4 units of float64 roundoff, carried as slack by the checks). */
export const GAMMA_ROUNDING = 4 * FLOAT64_UNIT_ROUNDOFF;

/** λ is the constants' λ: the constants (λ, L) hold for that λ only. */
export const lambdaOfConstants: Assumption = {
  id: 'lambda-of-constants',
  statement: 'λ = the constants\' λ (1/L̄)',
  holds: (run) => {
    const c = constantsWithinTheory(run);
    const { lambda } = parametersOf(run);
    return lambda === c.lambda ? true : `λ = ${lambda}, the constants' λ = ${c.lambda}`;
  },
};

/** 0 < γ ≤ 1/L (as γL ≤ 1 + 4u: the rounding of γ = 1/L) and λ = the constants' λ. */
export const stepWithinConstants: Assumption = {
  id: 'step-within-constants',
  statement: 'γ ≤ 1/L and λ = the constants\' λ',
  holds: (run) => {
    const lambdaOk = lambdaOfConstants.holds(run);
    if (lambdaOk !== true) return lambdaOk;
    const c = constantsWithinTheory(run);
    const { gamma } = parametersOf(run);
    return gamma * c.L <= 1 + GAMMA_ROUNDING ? true : `γ = ${gamma} exceeds 1/L = ${1 / c.L} (L = ${c.L}, ${c.status})`;
  },
};

/** γ < 1/L strictly and λ = the constants' λ (the premise of saddle avoidance). */
export const stepBelowConstants: Assumption = {
  id: 'step-below-constants',
  statement: 'γ < 1/L (strict) and λ = the constants\' λ',
  holds: (run) => {
    const lambdaOk = lambdaOfConstants.holds(run);
    if (lambdaOk !== true) return lambdaOk;
    const c = constantsWithinTheory(run);
    const { gamma } = parametersOf(run);
    return gamma * c.L < 1 ? true : `γ·L = ${gamma * c.L} is not below 1 (L = ${c.L}, ${c.status})`;
  },
};

/** The note a verdict resting on estimated constants carries. */
export function estimatedNote(c: AnisotropicConstants): string {
  return `L estimated by the saturation test (not certified): λ = ${c.lambda}, L = ${c.L} (${c.how})`;
}

/** A verdict under the run's constants: as it is where they are certified; a diagnostic (gating: false) saying so where they are estimated. */
export function underConstants(c: AnisotropicConstants, v: Verdict): Verdict {
  if (c.status === 'certified') return v;
  return { ...v, gating: false, note: v.note ? `${estimatedNote(c)}; ${v.note}` : estimatedNote(c) };
}

/** ε_f: the resolution of one f value of the run (docs/theory.md#rounding-allowances-and-the-precision-floor). */
export function fAllowance(run: ScenarioRun): number {
  return atPrecision(1e-12, run.unitRoundoff);
}

/**
 * ε_g at x: the allowance for the oracle's rounding of ∇f, 1e-12·max(‖ĝ‖, ‖M(x)‖) in units of the
 * run's roundoff (M the oracle's gradient magnitude where it states one), as the exact-worst-case check.
 */
export function gradientAllowance(run: ScenarioRun, x: Float64Array, gNorm: number): number {
  const oracle = run.instance.problem.oracle;
  const magnitude = oracle.gradMagnitude ? norm2(oracle.gradMagnitude(x)) : 0;
  return atPrecision(1e-12, run.unitRoundoff) * Math.max(gNorm, magnitude);
}
