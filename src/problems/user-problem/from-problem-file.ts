import { basename } from 'node:path';
import type { Instance } from '../instance.js';
import type { Oracle } from '../oracle.js';
import type { ClaimedMembership, UserProblemSpec } from './spec.js';

/** letters, digits, '.', '_', '-' (the ids of spec.ts) */
const NOT_IN_ID = /[^A-Za-z0-9._-]+/g;

/** The id a problem file gets as a user problem: its file name without `.json`, other characters than letters, digits, '.', '_', '-' replaced by '-'. */
export function problemFileId(path: string): string {
  const stem = basename(path).replace(/\.json$/i, '').replace(NOT_IN_ID, '-').replace(/^[^A-Za-z0-9]+/, '');
  return stem === '' ? 'problem' : stem;
}

/**
 * A `ratecheck-problem/1` instance as a UserProblemSpec, so that its certificate — the file author's
 * claim — goes through verifyUserProblem's checks like any user's: its oracle (f, ∇f, ∇²f, hvp and
 * D³f where the kind has it), x0, metric B, and the claims convexity, memberships (their `how` kept), f*
 * and x*. A `sublevelRadius` is not carried over: no check refutes it, and it depends on x0, which the
 * family's seeds perturb.
 */
export function specFromProblemFile(instance: Instance, id: string): UserProblemSpec {
  const raw: Oracle = (instance.problem as { oracle?: Oracle }).oracle ?? instance.problem;
  const c = instance.certificate;
  return {
    id,
    dim: raw.dim,
    f: (x) => raw.f(x),
    grad: (x) => raw.grad(x),
    hess: (x) => raw.hess(x),
    hvp: (x, v) => raw.hvp(x, v),
    ...(raw.third ? { third: (x: Float64Array, v: Float64Array) => (raw.third as NonNullable<Oracle['third']>).call(raw, x, v) } : {}),
    x0: instance.x0.slice(),
    ...(instance.metric.kind === 'dense' ? { metric: instance.metric.B } : {}),
    certificate: {
      convexity: c.convexity,
      convexityHow: c.convexityHow,
      memberships: c.memberships.map((m) => ({ ...m }) as ClaimedMembership),
      ...(c.fStar !== undefined ? { fStar: c.fStar } : {}),
      ...(c.xStar !== undefined ? { xStar: c.xStar.slice() } : {}),
    },
  };
}
