import fc from 'fast-check';
import { CURVATURE_KINDS } from '../problems/curvature.js';
import { batchSizeRefusal, MINIBATCH_SIZE_LIMIT, SAMPLING_RULES } from '../problems/minibatch.js';
import { type SupervisedModel, supervisedModelOf } from '../problems/supervised-model.js';
import type { StoppingRule } from '../solvers/iteration-record.js';
import {
  CURVATURE_STRUCTURES,
  HONEST_NATURAL_GRADIENT_PARTS,
  INVERSE_ROUTES,
  KFAC_DAMPINGS,
  naturalGradient,
  type NaturalGradientOptions,
  type NaturalGradientParts,
  type NaturalGradientVariant,
} from '../solvers/natural-gradient.js';
import type { Method, MethodOptions } from './method.js';

/** The options of RING, RENG and R-Kalman as a scenario names them: the solver's (src/solvers/natural-gradient.ts) without the stopping rule, metric and variant */
export type NaturalGradientMethodOptions = MethodOptions & Omit<NaturalGradientOptions, keyof StoppingRule | 'metric' | 'variant'>;

const DEFAULTS: NaturalGradientMethodOptions = {
  eta: 1,
  rho: 1,
  dampingExponent: 2,
  curvature: 'ggn',
  structure: 'dense',
  kfacDamping: 'exact',
  inverse: 'direct',
  lazy: 1,
  batch: 0,
  curvatureBatch: 0,
  sampling: 'with-replacement',
  seed: 0,
  newtonSchulzTolerance: 1e-12,
};

/** the dimensions past which a route's dense work (dim³ per factorization, per Newton–Schulz product) is refused */
const DENSE_DIM_LIMIT = 1000;
const NEWTON_SCHULZ_DIM_LIMIT = 300;
const KFAC_FACTOR_LIMIT = 500;
const PUSH_THROUGH_ROW_LIMIT = 2000;
/** R·dim entries of the R curvature rows (U of the dense, diagonal and push-through routes: 2²⁴ doubles, 128 MiB; K-FAC's R backward passes alike) */
const CURVATURE_ROW_ENTRY_LIMIT = 2 ** 24;
/** multiply–adds per curvature refresh: R·dim² + dim³/3 forming and factoring the dense C, R²·dim + R³/3 the push-through Gram */
const CURVATURE_WORK_LIMIT = 2 ** 31;

/** R: the curvature rows u_r = J_iᵀv_r per refresh, one per output for the GGN (one factor column per output; the logistic loss has one), one per row for the Fishers (curvature.ts, curvatureVectors) */
function curvatureRowCount(model: SupervisedModel, o: NaturalGradientMethodOptions): number {
  return (o.curvatureBatch || model.rowCount) * (o.curvature === 'ggn' ? model.outputs : 1);
}

/** Why a refresh of the curvature in the run's route is refused for its memory or work (null where it is not). */
function curvatureWorkRefusal(model: SupervisedModel, o: NaturalGradientMethodOptions, variant: NaturalGradientVariant): string | null {
  const rows = curvatureRowCount(model, o);
  const dim = model.dim;
  if (rows * dim > CURVATURE_ROW_ENTRY_LIMIT) return `the curvature has ${rows} rows of dim ${dim}: R·dim = ${rows * dim} exceeds 2²⁴ (set a smaller curvatureBatch)`;
  if (variant === 'r-kalman') {
    if (rows > PUSH_THROUGH_ROW_LIMIT) return `the push-through system has ${rows} rows, more than ${PUSH_THROUGH_ROW_LIMIT}`;
    const work = rows * rows * dim + rows ** 3 / 3;
    return work > CURVATURE_WORK_LIMIT ? `the push-through system of ${rows} rows in dim ${dim} needs ${work.toExponential(2)} multiply–adds per refresh, more than 2³¹` : null;
  }
  if (o.structure !== 'dense') return null;
  if (dim > DENSE_DIM_LIMIT) return `the dense curvature needs dim ≤ ${DENSE_DIM_LIMIT}, got ${dim}`;
  const work = rows * dim * dim + dim ** 3 / 3;
  return work > CURVATURE_WORK_LIMIT ? `the dense curvature of ${rows} rows in dim ${dim} needs ${work.toExponential(2)} multiply–adds per refresh, more than 2³¹ (set a smaller curvatureBatch or structure kfac or diagonal)` : null;
}

const oneOf = (name: string, allowed: readonly string[], value: unknown): string | null => ((allowed as readonly unknown[]).includes(value) ? null : `${name} must be one of ${allowed.join(', ')}, got ${String(value)}`);

function validateFor(variant: NaturalGradientVariant) {
  return (o: NaturalGradientMethodOptions): true | string => {
    if (!(typeof o.eta === 'number' && o.eta > 0 && o.eta <= 2 ** 10)) return `eta must be a number in (0, 2¹⁰], got ${String(o.eta)}`;
    if (!(typeof o.rho === 'number' && o.rho >= 0 && Number.isFinite(o.rho))) return `rho must be a finite number ≥ 0, got ${String(o.rho)}`;
    if (!(typeof o.dampingExponent === 'number' && o.dampingExponent >= 0 && o.dampingExponent <= 4)) return `dampingExponent must be a number in [0, 4], got ${String(o.dampingExponent)}`;
    const choice =
      oneOf('curvature', CURVATURE_KINDS, o.curvature) ??
      oneOf('structure', CURVATURE_STRUCTURES, o.structure) ??
      oneOf('kfacDamping', KFAC_DAMPINGS, o.kfacDamping) ??
      oneOf('inverse', INVERSE_ROUTES, o.inverse) ??
      oneOf('sampling', SAMPLING_RULES, o.sampling);
    if (choice) return choice;
    if (!(Number.isInteger(o.lazy) && o.lazy >= 1)) return `lazy must be an integer ≥ 1, got ${String(o.lazy)}`;
    if (!(Number.isInteger(o.batch) && o.batch >= 0 && o.batch <= MINIBATCH_SIZE_LIMIT)) return `batch must be an integer in [0, 2²⁰], got ${String(o.batch)}`;
    if (!(Number.isInteger(o.curvatureBatch) && o.curvatureBatch >= 0 && o.curvatureBatch <= MINIBATCH_SIZE_LIMIT)) return `curvatureBatch must be an integer in [0, 2²⁰], got ${String(o.curvatureBatch)}`;
    if (!(Number.isInteger(o.seed) && Math.abs(o.seed) <= 2 ** 31)) return `seed must be an integer in [−2³¹, 2³¹], got ${String(o.seed)}`;
    if (!(typeof o.newtonSchulzTolerance === 'number' && o.newtonSchulzTolerance > 0 && o.newtonSchulzTolerance < 1)) return `newtonSchulzTolerance must lie in (0, 1), got ${String(o.newtonSchulzTolerance)}`;
    if (o.inverse !== 'direct' && o.structure !== 'dense') return `the ${o.inverse} inverse needs the dense structure, not ${o.structure}`;
    if (variant === 'r-kalman' && (o.structure !== 'dense' || o.inverse !== 'direct')) return 'r-kalman solves in the push-through form: structure must be dense and inverse direct';
    return true;
  };
}

function simplerOptions(o: NaturalGradientMethodOptions): NaturalGradientMethodOptions[] {
  const out: NaturalGradientMethodOptions[] = [];
  for (const key of ['inverse', 'structure', 'kfacDamping', 'lazy', 'batch', 'curvatureBatch', 'curvature', 'sampling', 'dampingExponent', 'rho', 'eta', 'newtonSchulzTolerance', 'seed'] as const) {
    // defaults are dense and direct, so one key reset keeps valid options valid
    if (o[key] !== DEFAULTS[key]) out.push({ ...o, [key]: DEFAULTS[key] });
  }
  return out;
}

function optionsFor(variant: NaturalGradientVariant): fc.Arbitrary<NaturalGradientMethodOptions> {
  const pushThrough = variant === 'r-kalman';
  return fc
    .record({
      eta: fc.constantFrom(1, 0.5, 0.25),
      rho: fc.constantFrom(1, 0.1, 10),
      dampingExponent: fc.constant(2),
      curvature: fc.constantFrom(...CURVATURE_KINDS),
      structure: pushThrough ? fc.constant('dense' as const) : fc.constantFrom(...CURVATURE_STRUCTURES),
      kfacDamping: fc.constantFrom(...KFAC_DAMPINGS),
      inverse: pushThrough ? fc.constant('direct' as const) : fc.constantFrom(...INVERSE_ROUTES),
      lazy: fc.constantFrom(1, 3),
      batch: fc.constantFrom(0, 8),
      curvatureBatch: fc.constantFrom(0, 8),
      sampling: fc.constantFrom(...SAMPLING_RULES),
      seed: fc.integer({ min: 0, max: 1000 }),
      newtonSchulzTolerance: fc.constant(1e-12),
    })
    .map((o) => (o.structure === 'dense' ? o : { ...o, inverse: 'direct' as const }));
}

const TITLES: Readonly<Record<NaturalGradientVariant, string>> = {
  ring: 'RING: the natural gradient −(C + ρ‖g‖²I)⁻¹g, gradient regularization folded into the damping',
  reng: 'RENG: the natural gradient of L + (ρ/2)‖∇L‖², −(C + ρ‖g‖²I)⁻¹(g + ρ∇²L·g) by double backprop',
  'r-kalman': 'R-Kalman: RING\'s step as a Kalman update in the batch\'s dual space (push-through), prior precision ρ‖g‖²',
};

function naturalGradientMethodFor(variant: NaturalGradientVariant, parts: NaturalGradientParts, id: string): Method<NaturalGradientMethodOptions> {
  return {
    id,
    title: TITLES[variant],
    capabilities: ['natural-gradient'],
    options: optionsFor(variant),
    defaults: DEFAULTS,
    simplerOptions,
    validate: validateFor(variant),
    float64Only: true,
    // no convergence guarantee beyond the two-layer network's linearized analysis (docs/theory.md#natural-gradient-methods)
    mayDiverge: (instance) =>
      instance.certificate.convexity === 'convex' || instance.certificate.convexity === 'strongly-convex'
        ? null
        : 'the natural gradient with a fixed η states no convergence guarantee on nonconvex f beyond the linearized two-layer network (docs/theory.md#natural-gradient-methods)',
    applies: (instance, _model, o) => {
      const model = supervisedModelOf(instance.problem);
      if (!model) return 'needs a supervised model (a network, softmax or logistic regression)';
      const batchRefusal = batchSizeRefusal(model.rowCount, Math.max(o.batch, o.curvatureBatch), o.sampling);
      if (batchRefusal) return batchRefusal;
      // μ = ρ‖g‖^α vanishes with ρ = 0, and C may be singular: only l2·I keeps C + μI positive definite
      if (o.rho === 0 && !(model.l2 > 0)) return 'the damped system is singular without ρ > 0 or l2 > 0';
      const workRefusal = curvatureWorkRefusal(model, o, variant);
      if (workRefusal) return workRefusal;
      if (variant === 'r-kalman') return true;
      if (o.inverse === 'newton-schulz' && model.dim > NEWTON_SCHULZ_DIM_LIMIT) return `Newton–Schulz needs dim ≤ ${NEWTON_SCHULZ_DIM_LIMIT}, got ${model.dim}`;
      if (o.structure === 'kfac' && model.layers.some((l) => Math.max(l.outputs, l.inputs) > KFAC_FACTOR_LIMIT)) return `K-FAC needs factors of size ≤ ${KFAC_FACTOR_LIMIT}`;
      return true;
    },
    run: (input, o) => naturalGradient(input.problem, input.x0, { ...input.stop, ...o, metric: input.instance.metric, variant }, parts),
  };
}

/** RING (GRNG, docs/theory.md#natural-gradient-methods; src/solvers/natural-gradient.ts). */
export const ringMethod = naturalGradientMethodFor('ring', HONEST_NATURAL_GRADIENT_PARTS, 'ring');
/** RENG: RING's step on the gradient of the gradient-regularized loss. */
export const rengMethod = naturalGradientMethodFor('reng', HONEST_NATURAL_GRADIENT_PARTS, 'reng');
/** R-Kalman: RING's step in the push-through (Kalman) form [R: GR as the prior precision]. */
export const rKalmanMethod = naturalGradientMethodFor('r-kalman', HONEST_NATURAL_GRADIENT_PARTS, 'r-kalman');

/** A natural-gradient method with some of its parts swapped (NaturalGradientParts), recording the same options. */
export function naturalGradientMethodWith(parts: Partial<NaturalGradientParts>, variant: NaturalGradientVariant = 'ring'): Method<NaturalGradientMethodOptions> {
  return naturalGradientMethodFor(variant, { ...HONEST_NATURAL_GRADIENT_PARTS, ...parts }, `${variant}+parts`);
}
