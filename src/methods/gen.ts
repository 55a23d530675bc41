import fc from 'fast-check';
import { GEN_DIRECTIONS } from '../solvers/gen-direction.js';
import { GEN_RATE_FORMS, type GenRateForm, rateEstimator } from '../solvers/gen-rate-estimate.js';
import { gen, type GenOptions, type GenParts, HONEST_GEN_PARTS } from '../solvers/gen.js';
import type { StoppingRule } from '../solvers/iteration-record.js';
import type { Method, MethodOptions } from './method.js';
import { rowLossOf } from '../problems/row-loss.js';

/** GeN's options as a scenario names them: the solver's (src/solvers/gen.ts) without the stopping rule and metric, plus the rate form */
export type GenMethodOptions = MethodOptions & Omit<GenOptions, keyof StoppingRule | 'metric'> & { readonly form: GenRateForm };

const DEFAULTS: GenMethodOptions = { direction: 'gradient', form: 'three-point', smoothing: 0.9, clamp: true, lazy: 1, eta0: 1e-3, seed: 0, directionScale: 1, batch: 0 };

function validate(o: GenMethodOptions): true | string {
  if (!(GEN_DIRECTIONS as readonly unknown[]).includes(o.direction)) return `direction must be one of ${GEN_DIRECTIONS.join(', ')}, got ${String(o.direction)}`;
  if (!(GEN_RATE_FORMS as readonly unknown[]).includes(o.form)) return `form must be one of ${GEN_RATE_FORMS.join(', ')}, got ${String(o.form)}`;
  if (!(typeof o.smoothing === 'number' && o.smoothing >= 0 && o.smoothing < 1)) return `smoothing must lie in [0, 1), got ${String(o.smoothing)}`;
  if (typeof o.clamp !== 'boolean') return `clamp must be true or false, got ${String(o.clamp)}`;
  if (!(Number.isInteger(o.lazy) && o.lazy >= 1)) return `lazy must be an integer ≥ 1, got ${String(o.lazy)}`;
  if (!(typeof o.eta0 === 'number' && o.eta0 > 0 && Number.isFinite(o.eta0))) return `eta0 must be a finite number > 0, got ${String(o.eta0)}`;
  if (!(Number.isInteger(o.seed) && Math.abs(o.seed) <= 2 ** 31)) return `seed must be an integer in [−2³¹, 2³¹], got ${String(o.seed)}`;
  if (!(typeof o.directionScale === 'number' && o.directionScale >= 2 ** -64 && o.directionScale <= 2 ** 64)) return `directionScale must be a number in [2⁻⁶⁴, 2⁶⁴], got ${String(o.directionScale)}`;
  if (!(Number.isInteger(o.batch) && o.batch >= 0)) return `batch must be an integer ≥ 0, got ${String(o.batch)}`;
  if (o.batch > 0 && o.form === 'exact') return 'a minibatch estimate needs a probed form (three-point or least-squares), not exact';
  return true;
}

function simplerOptions(o: GenMethodOptions): GenMethodOptions[] {
  const out: GenMethodOptions[] = [];
  for (const key of ['lazy', 'smoothing', 'clamp', 'directionScale', 'batch', 'seed'] as const) {
    if (o[key] !== DEFAULTS[key]) out.push({ ...o, [key]: DEFAULTS[key] });
  }
  return out;
}

/** GeN with some of its parts swapped (src/solvers/gen.ts, GenParts), recording the same options. */
export function genMethodWith(parts: Partial<GenParts>): Method<GenMethodOptions> {
  return { ...genMethod, id: 'gen+parts', run: (input, o) => gen(input.problem, input.x0, { ...input.stop, ...o, metric: input.instance.metric }, { estimate: rateEstimator(o.form), ...HONEST_GEN_PARTS, ...parts }) };
}

/** GeN, the rate of a base optimizer's direction by a generalized Newton step (Bu & Xu 2025, arXiv 2407.02772; src/solvers/gen.ts). */
export const genMethod: Method<GenMethodOptions> = {
  id: 'gen',
  title: 'GeN: the base direction scaled by an estimated Newton rate ∇fᵀd / dᵀ∇²f d',
  capabilities: ['gen-rate'],
  options: fc.record({
    direction: fc.constantFrom(...GEN_DIRECTIONS),
    form: fc.constantFrom(...GEN_RATE_FORMS),
    smoothing: fc.constantFrom(0, 0.5, 0.9),
    clamp: fc.boolean(),
    lazy: fc.constantFrom(1, 4),
    eta0: fc.constantFrom(1e-3, 1e-1, 1),
    seed: fc.integer({ min: 0, max: 1000 }),
    directionScale: fc.constant(1),
    batch: fc.constant(0),
  }),
  defaults: DEFAULTS,
  simplerOptions,
  validate,
  float64Only: true,
  // Bu & Xu state no convergence beyond quadratics: η* = gᵀd/dᵀ∇²f d can exceed 2/L along the step where curvature grows (docs/theory.md#gen-safeguards)
  mayDiverge: (instance) =>
    instance.certificate.convexity === 'convex' || instance.certificate.convexity === 'strongly-convex'
      ? null
      : 'GeN states no convergence guarantee on nonconvex f: its rate gᵀd/dᵀ∇²f·d can overshoot where the curvature grows along the step (docs/theory.md#gen-safeguards)',
  applies: (instance, _model, o) => (o.batch > 0 && rowLossOf(instance.problem) === null ? 'a minibatch needs a problem with row losses' : true),
  run: (input, o) => gen(input.problem, input.x0, { ...input.stop, ...o, metric: input.instance.metric }, { estimate: rateEstimator(o.form), ...HONEST_GEN_PARTS }),
};
