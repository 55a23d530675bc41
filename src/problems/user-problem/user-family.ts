import fc from 'fast-check';
import { axpy } from '../../linalg/vector.js';
import { gaussian, rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import { formatName, type Instance, type InstanceName, type MetricSpec } from '../instance.js';
import { metricOf } from '../metric.js';
import { counted, type Oracle } from '../oracle.js';
import type { UserProblemDefinition } from './spec.js';

/**
 * A user's problem of fixed dimension as a family: `user:<id>//n=<dim>/seed=<s>`. Seed 0 starts at the
 * x0 the user gave; seed s ≠ 0 at the perturbed start x0 + δ_s (startPoint). The objective is never
 * resampled (nor any data it holds: the certificate is a claim about this f), so every instance has
 * the same f and the same certificate — class memberships, convexity, f* and x* are properties of f,
 * not of the start point.
 */
export interface UserFamily extends Family {
  /** the instance at the user's own x0 (seed 0) */
  readonly name: InstanceName;
}

/** the radius of the perturbation of x0 relative to max(1, ‖x0‖_B) */
export const START_PERTURBATION = 0.5;

/** seeds are integers in [0, MAX_SEED] */
const MAX_SEED = 2 ** 31 - 1;

function copyCertificate(c: Certificate): Certificate {
  return { ...c, memberships: c.memberships.map((m) => ({ ...m })), ...(c.xStar ? { xStar: c.xStar.slice() } : {}) };
}

function copyMetric(m: MetricSpec): MetricSpec {
  return m.kind === 'identity' ? m : { kind: 'dense', B: { rows: m.B.rows, cols: m.B.cols, data: m.B.data.slice() } };
}

/**
 * The start point of seed s: x0 itself for s = 0, else x0 + δ_s with ‖δ_s‖_B = ½·max(1, ‖x0‖_B) and
 * δ_s/‖δ_s‖_B = v/‖v‖_B, v a standard normal vector of the seeded PRNG (its direction uniform on the
 * Euclidean sphere). The checks of verifyUserProblem probe within 10·(‖x0‖_B + 1) of x0, so every
 * start point lies where the user's functions were evaluated and checked.
 */
export function startPoint(def: UserProblemDefinition, seed: number): Float64Array {
  if (seed === 0) return def.x0.slice();
  const metric = metricOf(def.metric, def.dim);
  const next = rng(seed);
  let v = Float64Array.from({ length: def.dim }, () => gaussian(next));
  // a zero draw has probability 0; redraw rather than divide by it
  while (!(metric.norm(v) > 0)) v = Float64Array.from({ length: def.dim }, () => gaussian(next));
  const radius = START_PERTURBATION * Math.max(1, metric.norm(def.x0));
  return axpy(radius / metric.norm(v), v, def.x0.slice());
}

/** An instance of the definition with the given oracle (the user's own, or a guarded copy while it is verified), at seed `seed`'s start point. */
export function userInstance(def: UserProblemDefinition, oracle: Oracle, seed = 0): Instance {
  return {
    name: { family: def.familyId, params: {}, dim: def.dim, seed },
    problem: counted(oracle),
    metric: copyMetric(def.metric),
    x0: startPoint(def, seed),
    certificate: copyCertificate(def.certificate),
  };
}

/**
 * The family of a verified definition. `build` accepts its own dimension and any seed in [0, 2³¹ − 1]
 * (another dimension, a parameter, a negative or fractional seed is an InstanceError, which a
 * scenario skips); `arbitrary` draws seeds (shrinking toward 0, the user's x0), and dimension bounds
 * that exclude the problem's are a RangeError rather than an empty arbitrary.
 */
export function userFamily(def: UserProblemDefinition): UserFamily {
  const name: InstanceName = { family: def.familyId, params: {}, dim: def.dim, seed: 0 };
  return {
    id: def.familyId,
    description:
      `user problem '${def.id}' (n = ${def.dim}); seed 0 starts at the given x0, seed s ≠ 0 at x0 + δ_s with ` +
      `‖δ_s‖_B = ${START_PERTURBATION}·max(1, ‖x0‖_B) in a seeded random direction; only x0 is perturbed: the objective and any data it holds are never resampled; ` +
      'its certificate was claimed and spot-checked, not proven',
    classes: [...new Set(def.certificate.memberships.map((m) => m.class))],
    name,
    build(asked) {
      if (asked.family !== def.familyId) throw new InstanceError('family', `'${asked.family}' is not '${def.familyId}'`);
      if (asked.dim !== def.dim) throw new InstanceError('n', `${def.familyId} has dimension ${def.dim}, not ${asked.dim}`);
      if (!Number.isInteger(asked.seed) || asked.seed < 0 || asked.seed > MAX_SEED) throw new InstanceError('seed', `${def.familyId} takes seeds 0…${MAX_SEED}, not ${asked.seed}`);
      const extra = Object.keys(asked.params);
      if (extra.length > 0) throw new InstanceError(extra[0], `${def.familyId} takes no parameters`);
      return userInstance(def, def.oracle, asked.seed);
    },
    arbitrary(options: FamilyArbitraryOptions = {}) {
      const lo = options.minDim ?? 1;
      const hi = options.maxDim ?? Infinity;
      if (def.dim < lo || def.dim > hi) throw new RangeError(`${formatName(name)}: dimension ${def.dim} is outside the ${lo}…${hi} asked for`);
      return fc.integer({ min: 0, max: MAX_SEED }).map((seed) => ({ ...name, seed }));
    },
  };
}
