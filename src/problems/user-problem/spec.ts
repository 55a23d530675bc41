import { classById } from '../../classes/index.js';
import type { SmoothnessClass } from '../../classes/smoothness-class.js';
import { type Matrix, matrix, matVec } from '../../linalg/matrix.js';
import type { Certificate, ClassId, Convexity, Membership } from '../certificate.js';
import { InstanceError } from '../family.js';
import type { MetricSpec } from '../instance.js';
import { metricOf } from '../metric.js';
import type { Oracle } from '../oracle.js';
import { USER_FAMILY_PREFIX } from '../registry.js';

/** A membership as a user claims it: the class and its constants; `how` (the argument) is optional. */
export type ClaimedMembership = {
  [C in ClassId]: Omit<Extract<Membership, { class: C }>, 'how'> & { readonly how?: string };
}[ClassId];

/** What the user claims about the problem; every claim is spot-checked before the problem is trusted. */
export interface ClaimedCertificate {
  readonly convexity: Convexity;
  readonly convexityHow?: string;
  /** constants in the metric B, as in certificate.ts */
  readonly memberships: readonly ClaimedMembership[];
  /** inf f */
  readonly fStar?: number;
  /** a minimizer */
  readonly xStar?: ArrayLike<number>;
}

/**
 * A researcher's own objective on ℝⁿ. f, grad and hess must be defined and finite at every finite x
 * (at least within 10·R of x0, R = ‖x0‖_B + 1, where the checks probe), pure, and may not keep or
 * change their arguments.
 */
export interface UserProblemSpec {
  /** letters, digits, '.', '_', '-'; the problem is named `user:<id>` */
  readonly id: string;
  readonly dim: number;
  f(x: Float64Array): number;
  grad(x: Float64Array): Float64Array;
  /**
   * ∇²f(x), dense n×n, symmetric. Required: the solvers' exact model H = ∇²f needs it, and neither
   * Hessian-vector products nor finite differences stand in for it.
   */
  hess(x: Float64Array): Matrix;
  /** ∇²f(x)·v; derived from `hess` when absent (and checked against it when given) */
  hvp?(x: Float64Array, v: Float64Array): Float64Array;
  /**
   * D³f(x)[v, v] (⟨third(x, v), w⟩ = D³f(x)[v, v, w]). Required for claims whose spot check reads the
   * third derivative: quasi-self-concordant, generalized-self-concordant, holder-third.
   */
  third?(x: Float64Array, v: Float64Array): Float64Array;
  readonly x0: ArrayLike<number>;
  /** the metric B of ‖h‖ = ⟨Bh, h⟩^½ (symmetric positive definite); the identity when absent */
  readonly metric?: Matrix;
  readonly certificate: ClaimedCertificate;
}

/** A spec whose shape has been validated: the oracle, x0, the metric and the certificate as an instance holds them. */
export interface UserProblemDefinition {
  readonly id: string;
  readonly familyId: string;
  readonly dim: number;
  /** the user's functions (hvp derived from hess when absent), unchecked */
  readonly oracle: Oracle;
  readonly x0: Float64Array;
  readonly metric: MetricSpec;
  readonly certificate: Certificate;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The classes whose spot check evaluates D³f. */
const THIRD_ORDER_CLASSES: readonly ClassId[] = ['quasi-self-concordant', 'generalized-self-concordant', 'holder-third'];

function vectorOf(field: string, v: ArrayLike<number>, n: number): Float64Array {
  if (v === null || typeof v !== 'object' || typeof v.length !== 'number') throw new InstanceError(field, 'must be an array of numbers');
  if (v.length !== n) throw new InstanceError(field, `has ${v.length} entries, expected ${n}`);
  const out = Float64Array.from({ length: n }, (_, i) => v[i]);
  const bad = out.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new InstanceError(field, `entry ${bad} is not a finite number (${String(v[bad])})`);
  return out;
}

function metricSpecOf(b: Matrix | undefined, n: number): MetricSpec {
  if (b === undefined) return { kind: 'identity' };
  if (!b || !(b.data instanceof Float64Array)) throw new InstanceError('metric', 'must be a Matrix (rows, cols, data: Float64Array)');
  const spec: MetricSpec = { kind: 'dense', B: matrix(b.rows, b.cols, b.data.slice()) };
  if (!spec.B.data.every(Number.isFinite)) throw new InstanceError('metric', 'has a non-finite entry');
  metricOf(spec, n);
  return spec;
}

function membershipOf(claim: ClaimedMembership, k: number, hasThird: boolean): Membership {
  const field = `certificate.memberships[${k}]`;
  const cls = classById[claim?.class as ClassId] as SmoothnessClass | undefined;
  if (!cls) throw new InstanceError(field, `unknown class '${String(claim?.class)}' (known: ${Object.keys(classById).join(', ')})`);
  const m = { ...claim, how: claim.how ?? 'claimed by the user, spot-checked (not proven)' } as Membership;
  try {
    cls.alpha(m as never);
  } catch (e) {
    throw new InstanceError(field, e instanceof Error ? e.message : String(e));
  }
  if (!hasThird && THIRD_ORDER_CLASSES.includes(m.class)) {
    throw new InstanceError(field, `a '${m.class}' claim is checked on D³f: the spec needs third(x, v)`);
  }
  return m;
}

function certificateOf(c: ClaimedCertificate, n: number, hasThird: boolean): Certificate {
  if (!c || typeof c !== 'object') throw new InstanceError('certificate', 'is required (convexity and memberships)');
  if (!['strongly-convex', 'convex', 'nonconvex', 'unknown'].includes(c.convexity)) {
    throw new InstanceError('certificate.convexity', `must be strongly-convex, convex, nonconvex or unknown, got '${String(c.convexity)}'`);
  }
  if (!Array.isArray(c.memberships)) throw new InstanceError('certificate.memberships', 'must be an array (empty when no class is claimed)');
  if (c.fStar !== undefined && !Number.isFinite(c.fStar)) throw new InstanceError('certificate.fStar', `must be a finite number, got ${String(c.fStar)}`);
  return {
    convexity: c.convexity,
    convexityHow: c.convexityHow ?? (c.convexity === 'unknown' ? 'not claimed' : 'claimed by the user, spot-checked (not proven)'),
    memberships: c.memberships.map((m, k) => membershipOf(m, k, hasThird)),
    ...(c.fStar !== undefined ? { fStar: c.fStar } : {}),
    ...(c.xStar !== undefined ? { xStar: vectorOf('certificate.xStar', c.xStar, n) } : {}),
  };
}

function oracleOf(spec: UserProblemSpec, n: number): Oracle {
  for (const key of ['f', 'grad', 'hess'] as const) {
    if (typeof spec[key] !== 'function') throw new InstanceError(key, 'must be a function (hess is required: the exact model needs ∇²f)');
  }
  for (const key of ['hvp', 'third'] as const) {
    if (spec[key] !== undefined && typeof spec[key] !== 'function') throw new InstanceError(key, 'must be a function when given');
  }
  const hess = spec.hess.bind(spec);
  const third = spec.third?.bind(spec);
  return {
    dim: n,
    f: spec.f.bind(spec),
    grad: spec.grad.bind(spec),
    hess,
    hvp: spec.hvp ? spec.hvp.bind(spec) : (x, v) => matVec(hess(x), v),
    ...(third ? { third } : {}),
  };
}

/** The validated definition of a spec; a malformed spec is an InstanceError naming the field (not a false claim). */
export function userProblemDefinition(spec: UserProblemSpec): UserProblemDefinition {
  if (!spec || typeof spec !== 'object') throw new InstanceError('spec', 'must be an object');
  if (typeof spec.id !== 'string' || !ID.test(spec.id)) throw new InstanceError('id', `'${String(spec.id)}' is not letters, digits, '.', '_' and '-'`);
  if (!Number.isInteger(spec.dim) || spec.dim < 1) throw new InstanceError('dim', `must be an integer ≥ 1, got ${String(spec.dim)}`);
  const n = spec.dim;
  return {
    id: spec.id,
    familyId: `${USER_FAMILY_PREFIX}${spec.id}`,
    dim: n,
    oracle: oracleOf(spec, n),
    x0: vectorOf('x0', spec.x0, n),
    metric: metricSpecOf(spec.metric, n),
    certificate: certificateOf(spec.certificate, n, typeof spec.third === 'function'),
  };
}
