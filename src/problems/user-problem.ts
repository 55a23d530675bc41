import fc from 'fast-check';
import { probeSpace } from '../classes/probe-space.js';
import { mixSeed } from '../random/prng.js';
import type { InstanceName } from './instance.js';
import { familyById, registerUserFamily, USER_FAMILY_PREFIX } from './registry.js';
import { falseOracleClaim } from './user-problem/claim-text.js';
import { checkConvexityClaim } from './user-problem/convexity-claim.js';
import { guardedOracle, OracleFault } from './user-problem/guarded-oracle.js';
import { checkMembershipClaims } from './user-problem/membership-claims.js';
import { checkOracleClaims } from './user-problem/oracle-claims.js';
import { type UserProblemSpec, userProblemDefinition } from './user-problem/spec.js';
import { type UserFamily, userFamily, userInstance } from './user-problem/user-family.js';
import { checkMinimizerClaim, checkOptimalValueClaim, descend, LowestValue } from './user-problem/value-claims.js';

export type { ClaimedCertificate, ClaimedMembership, UserProblemSpec } from './user-problem/spec.js';
export type { UserFamily } from './user-problem/user-family.js';

export interface VerifyOptions {
  /** seeds every sampled point and direction (default 0): a verification is reproducible */
  readonly seed?: number;
  /** random points besides x0 for the derivative checks (default 6) */
  readonly points?: number;
  /** sampled probes per claimed membership and for a convexity claim, before the targeted search (default 64) */
  readonly samples?: number;
  /** descent steps of the search below a claimed f* (from x0) and below f(x*) (from a claimed x*) (default 30) */
  readonly descentSteps?: number;
}

export type UserProblemResult =
  | { readonly ok: true; readonly family: UserFamily; readonly checks: readonly string[] }
  | { readonly ok: false; readonly falseClaims: readonly string[] };

/** A user problem with a claim its checks found false: one line per false claim, each naming the claim and the evidence. */
export class FalseClaimError extends Error {
  constructor(
    readonly problemId: string,
    readonly falseClaims: readonly string[],
  ) {
    super(falseClaims.map((c) => `user problem '${problemId}': ${c}`).join('\n'));
    this.name = 'FalseClaimError';
  }
}

/**
 * Verifies a user's problem and its claimed certificate before anything trusts it; never registers.
 * In order (a false oracle claim ends the verification: every later check reads the derivatives):
 * 1. f, grad, hess at x0; every value the checks evaluate must be finite and of its shape (a throw or
 *    a NaN from the user's code is a false claim naming the function, the point and the check).
 * 2. Derivatives (oracle-claims.ts): grad against f, hess and a given hvp against grad, a given third
 *    against hvp — Taylor remainders at x0 and `points` random points around it.
 * 3. Every claimed membership: its class's spot check with targeted search (membership-claims.ts).
 * 4. A claimed convexity: the chord inequality along directions of least curvature, searching toward
 *    negative curvature (convexity-claim.ts).
 * 5. A claimed x*: no descent from x* below f(x*) − ε_f, and f(x*) ≤ f* + ε_f (value-claims.ts).
 * 6. A claimed f*: a descent search from x0, then no value evaluated by any check below f* − ε_f.
 * A claim is rejected only on evidence that it is false beyond the rounding slack each check names.
 * Passing proves nothing: the checks sample, and a claim they cannot refute may still be false.
 * A malformed spec (wrong lengths, unknown class, missing third for a third-order class, B not
 * positive definite) is an InstanceError naming the field, not a false claim.
 */
export function verifyUserProblem(spec: UserProblemSpec, options: VerifyOptions = {}): UserProblemResult {
  const def = userProblemDefinition(spec);
  const seed = options.seed ?? 0;
  const samples = options.samples ?? 64;
  const steps = options.descentSteps ?? 30;
  const guarded = guardedOracle(def.oracle);
  const lowest = new LowestValue();
  guarded.observe((x, f) => lowest.see(x, f));
  const instance = userInstance(def, guarded);
  const cert = instance.certificate;
  const falseClaims: string[] = [];
  const checks: string[] = [];
  let stage = 'the evaluation at x0';
  try {
    const space = probeSpace(instance, mixSeed(seed, 0));
    guarded.f(def.x0);
    guarded.grad(def.x0);
    guarded.hess(def.x0);
    stage = 'the derivative checks';
    const derivatives = checkOracleClaims(guarded, space, options.points ?? 6, typeof spec.hvp === 'function');
    if (derivatives.falseClaims.length > 0) return { ok: false, falseClaims: derivatives.falseClaims };
    checks.push(derivatives.summary);
    stage = 'the membership spot checks';
    const memberships = checkMembershipClaims(instance, samples, mixSeed(seed, 1));
    falseClaims.push(...memberships.falseClaims);
    checks.push(...memberships.summaries);
    stage = 'the convexity check';
    const convexity = checkConvexityClaim(guarded, probeSpace(instance, mixSeed(seed, 2)), cert.convexity, samples);
    if (convexity.falseClaim) falseClaims.push(convexity.falseClaim);
    if (convexity.summary) checks.push(convexity.summary);
    if (cert.xStar) {
      stage = 'the x* check';
      const minimizer = checkMinimizerClaim(guarded, space, cert.xStar, cert.fStar, steps);
      falseClaims.push(...minimizer.falseClaims);
      checks.push(minimizer.summary);
    }
    if (cert.fStar !== undefined) {
      stage = 'the descent search below f*';
      descend(guarded, space, def.x0, steps);
      const optimum = checkOptimalValueClaim(lowest, cert.fStar);
      if (optimum.falseClaim) falseClaims.push(optimum.falseClaim);
      checks.push(optimum.summary);
    }
  } catch (e) {
    if (!(e instanceof OracleFault)) throw e;
    const fns = ['f', 'grad', 'hess', ...(spec.hvp ? ['hvp'] : []), ...(spec.third ? ['third'] : [])].join(', ');
    falseClaims.push(falseOracleClaim(`${fns} return finite values of their shape near x0`, `${e.message} (in ${stage})`));
  }
  return falseClaims.length > 0 ? { ok: false, falseClaims } : { ok: true, family: userFamily(def), checks };
}

const verified = new WeakMap<UserProblemSpec, UserFamily>();

/**
 * Verifies the spec (verifyUserProblem) and registers its family, so that `buildInstance` and
 * scenarios build it by name (`family.name` = `user:<id>//n=<dim>/seed=0` at the given x0; seed s ≠ 0
 * at a perturbed x0, user-family.ts) in this process — worker threads have their own registry (a suite
 * file's problems are registered in each, src/harness/suite-problems.ts). A false claim throws FalseClaimError; the same spec object again
 * returns its family; another spec under a registered id is an error (registerUserFamily).
 */
export function userProblem(spec: UserProblemSpec, options: VerifyOptions = {}): UserFamily {
  const known = verified.get(spec);
  if (known) return known;
  const result = verifyUserProblem(spec, options);
  if (!result.ok) throw new FalseClaimError(spec.id, result.falseClaims);
  registerUserFamily(result.family);
  verified.set(spec, result.family);
  return result.family;
}

/** The instance names of registered user problems (ids with or without `user:`), for a property's scenarios: random seeds, i.e. start points (user-family.ts). */
export function userInstanceNames(...ids: readonly string[]): fc.Arbitrary<InstanceName> {
  if (ids.length === 0) throw new RangeError('userInstanceNames: name at least one user problem');
  return fc.oneof(
    ...ids.map((id) => {
      const familyId = id.startsWith(USER_FAMILY_PREFIX) ? id : `${USER_FAMILY_PREFIX}${id}`;
      const family = familyById(familyId);
      if (!family) throw new RangeError(`userInstanceNames: no user problem '${familyId}' is registered (userProblem(spec) verifies and registers one)`);
      return family.arbitrary();
    }),
  );
}
