import type { Backend } from '../backends/backend.js';
import type { Oracle } from '../problems/oracle.js';
import type { PreconditionerFields, StepRecord } from '../methods/step-record.js';
import { SolverConfigurationError } from '../configuration-error.js';
import { norm2 } from '../linalg/vector.js';
import { gaussian, rng } from '../random/prng.js';
import { stationarityMeasure } from './isotropic-kernels.js';
import type { SolverSummary, StoppingRule } from './iteration-record.js';
import { type PreconditionedGradientOptions, type PreconditionedGradientParts, preconditionedState, preconditionedStep } from './preconditioned-gradient.js';
import { outerIterations, type TakenStep } from './solver-state.js';

export interface PerturbedPreconditionedGradientOptions extends PreconditionedGradientOptions {
  /** a perturbation is due where λ⁻¹φ(∇φ*(λ∇f)) ≤ ε² */
  readonly epsilon: number;
  /** of the ball ξ is drawn from (absent: perturbationSchedule's) */
  readonly radius?: number;
  /** the iterations after a perturbation before the escape test (absent: perturbationSchedule's) */
  readonly window?: number;
  /** the least decrease of f over a window that counts as an escape (absent: perturbationSchedule's) */
  readonly escapeDecrease?: number;
  /** of the PRNG the perturbations are drawn from: the same seed replays the same run */
  readonly seed: number;
}

export interface PerturbationSchedule {
  readonly measureThreshold: number;
  readonly radius: number;
  readonly window: number;
  readonly escapeDecrease: number;
}

/**
 * The thresholds of the perturbed variant. Given ones are kept; absent ones follow Jin, Ge, Netrapalli,
 * Kakade & Jordan 2017 (Algorithm 2: r = (√c/χ²)·ε/ℓ, t_thres = (χ/c²)·ℓ/√(ρε), f_thres = (c/χ³)·√(ε³/ρ))
 * with c = 1, ρ = 1, χ = max(1, ln(1/ε)) and ℓ = 1/(γλ), the gradient step P-GD takes near a critical
 * point (∇φ*(u) = u + O(‖u‖²), ∇²φ*(0) = I). A reconstruction [R]: Bodard & Patrinos 2025's constants
 * were not at hand (docs/theory.md#preconditioned-gradient-kernels).
 */
export function perturbationSchedule(o: Pick<PerturbedPreconditionedGradientOptions, 'epsilon' | 'gamma' | 'lambda' | 'radius' | 'window' | 'escapeDecrease'>): PerturbationSchedule {
  const chi = Math.max(1, Math.log(1 / o.epsilon));
  const step = o.gamma * o.lambda;
  return {
    measureThreshold: o.epsilon * o.epsilon,
    radius: o.radius ?? (o.epsilon * step) / (chi * chi),
    window: o.window ?? Math.ceil(chi / (step * Math.sqrt(o.epsilon))),
    escapeDecrease: o.escapeDecrease ?? o.epsilon ** 1.5 / chi ** 3,
  };
}

/** true, or why these cannot be the perturbed variant's own options */
export function perturbationProblem(o: Partial<Record<'epsilon' | 'radius' | 'window' | 'escapeDecrease' | 'seed', unknown>>): true | string {
  const positive = (v: unknown) => typeof v === 'number' && v > 0 && Number.isFinite(v);
  if (!positive(o.epsilon)) return `epsilon must be a finite number > 0, got ${String(o.epsilon)}`;
  if (o.radius !== undefined && !positive(o.radius)) return `radius must be a finite number > 0, got ${String(o.radius)}`;
  if (o.window !== undefined && !(Number.isInteger(o.window) && (o.window as number) >= 1)) return `window must be an integer ≥ 1, got ${String(o.window)}`;
  if (o.escapeDecrease !== undefined && !(typeof o.escapeDecrease === 'number' && o.escapeDecrease >= 0 && Number.isFinite(o.escapeDecrease))) return `escapeDecrease must be a finite number ≥ 0, got ${String(o.escapeDecrease)}`;
  if (!(Number.isInteger(o.seed) && (o.seed as number) >= 0 && (o.seed as number) < 2 ** 32)) return `seed must be an integer in [0, 2³²), got ${String(o.seed)}`;
  return true;
}

/** ξ ~ Uniform(ball(0, radius)) in R^dim: a Gaussian direction, length radius·U^{1/dim} */
export function uniformBall(next: () => number, dim: number, radius: number): Float64Array {
  const z = Float64Array.from({ length: dim }, () => gaussian(next));
  const length = radius * next() ** (1 / dim);
  const zNorm = norm2(z);
  return z.map((zi) => (length * zi) / zNorm);
}

export interface PerturbedPreconditionedGradientParts extends PreconditionedGradientParts {
  /** ξ of a perturbation (default `uniformBall`) */
  readonly perturbation?: (next: () => number, dim: number, radius: number) => Float64Array;
}

export interface PerturbedPreconditionedGradientSummary extends SolverSummary {
  /** the point the method outputs: x_p of the last perturbation p when the escape test stopped the run, else the last iterate */
  readonly output: Float64Array;
  readonly outputF: number;
  /** the iteration whose start is `output` (the perturbation's record, or `iterations` for the last iterate) */
  readonly outputIteration: number;
  readonly stoppedByEscapeTest: boolean;
}

/**
 * Perturbed P-GD (Bodard & Patrinos 2025, Algorithm 1, after Jin et al. 2017). Iteration k is a
 * perturbation, h_k = ξ_k ~ Uniform(ball(0, radius)) from the seeded PRNG, when the measure
 * λ⁻¹φ(∇φ*(λ∇f_k)) ≤ ε² and no perturbation happened in the last `window` iterations; every other
 * iteration is a P-GD step. Escape test [R]: at the start of iteration p + window + 1 after a perturbation
 * at p, if f fell by less than escapeDecrease since x_p, the run stops with status success and outputs x_p.
 * A small gradient is where the method perturbs, never a stop: the stopping rule's gradTol is not read
 * (maxIters, fStar/fTol and a non-finite f or ∇f still end the run).
 */
export function perturbedPreconditionedGradient<V, M>(
  problem: Oracle,
  x0: Float64Array,
  options: PerturbedPreconditionedGradientOptions,
  backend: Backend<V, M>,
  parts: PerturbedPreconditionedGradientParts = {},
): Generator<StepRecord & PreconditionerFields, PerturbedPreconditionedGradientSummary, void> {
  const label = 'perturbed preconditioned gradient descent';
  const valid = perturbationProblem(options);
  if (valid !== true) throw new SolverConfigurationError(`${label}: ${valid}`);
  const { s, kernel } = preconditionedState(label, problem, x0, options, backend);
  const schedule = perturbationSchedule(options);
  const perturbation = parts.perturbation ?? uniformBall;
  const next = rng(options.seed);
  const rule: StoppingRule = { maxIters: options.maxIters, fStar: options.fStar, fTol: options.fTol };
  const fields = { kernel: kernel.id, gamma: options.gamma, lambda: options.lambda };
  let last = null as { readonly k: number; readonly x: Float64Array; readonly f: number } | null;
  const iterations = outerIterations(s, rule, ({ k }) => {
    const due = stationarityMeasure(kernel, options.lambda, s.g) <= schedule.measureThreshold && (last === null || k - last.k > schedule.window);
    if (!due) return { record: { ...fields, perturbed: false }, step: preconditionedStep(s, kernel, options, parts) };
    last = { k, x: s.x, f: s.fx };
    const h = backend.vector(perturbation(next, problem.dim, schedule.radius));
    const to = s.plus(h);
    const step: TakenStep<V> = { to, h, f: s.f(to), accepted: true };
    return { record: { ...fields, perturbed: true }, step };
  });
  return (function* () {
    try {
      for (let k = 0; ; k++) {
        if (last !== null && k === last.k + schedule.window + 1 && s.fx - last.f > -schedule.escapeDecrease) {
          return { ...s.summary('success', k), output: last.x, outputF: last.f, outputIteration: last.k, stoppedByEscapeTest: true };
        }
        const step = iterations.next();
        if (step.done) return { ...step.value, output: step.value.x, outputF: step.value.f, outputIteration: step.value.iterations, stoppedByEscapeTest: false };
        yield step.value;
      }
    } finally {
      // outerIterations frees the state when it ends: here also when the escape test or the reader ends it first
      iterations.return(s.summary('stalled', 0));
    }
  })();
}
