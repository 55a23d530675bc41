import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRows, matrix } from '../../src/linalg/matrix.js';
import { InstanceError } from '../../src/problems/family.js';
import { formatName } from '../../src/problems/instance.js';
import type { Membership } from '../../src/problems/certificate.js';
import type { Instance } from '../../src/problems/instance.js';
import { buildInstance, FAMILIES, familyById } from '../../src/problems/registry.js';
import { FalseClaimError, type UserProblemSpec, userInstanceNames, userProblem, verifyUserProblem } from '../../src/problems/user-problem.js';

/** f(x) = ½xᵀQx − bᵀx, Q = [[3, 1], [1, 2]]: λ_max(Q) = (5 + √5)/2 = 3.618…, x* = Q⁻¹b, f* = −½bᵀQ⁻¹b. */
const Q = [
  [3, 1],
  [1, 2],
];
const b = [1, -1];
const xStar = [3 / 5, -4 / 5]; // Q⁻¹b = [2·1 − 1·(−1), −1·1 + 3·(−1)]/5
const fStar = -0.5 * (b[0] * xStar[0] + b[1] * xStar[1]); // −½bᵀx* = −0.7
const lambdaMax = (5 + Math.sqrt(5)) / 2;

function quadratic(id: string, certificate: Partial<UserProblemSpec['certificate']> = {}, change: Partial<UserProblemSpec> = {}): UserProblemSpec {
  const qx = (x: Float64Array) => Float64Array.from(Q, (row) => row[0] * x[0] + row[1] * x[1]);
  return {
    id,
    dim: 2,
    f: (x) => 0.5 * (x[0] * qx(x)[0] + x[1] * qx(x)[1]) - (b[0] * x[0] + b[1] * x[1]),
    grad: (x) => qx(x).map((v, i) => v - b[i]),
    hess: () => fromRows(Q),
    x0: [2, 1],
    certificate: { convexity: 'strongly-convex', memberships: [{ class: 'lipschitz-gradient', L: 3.62 }], fStar, xStar, ...certificate },
    ...change,
  };
}

/** f(x) = log Σ exp(xᵢ): ∇f = p = softmax(x), ∇²f = diag(p) − ppᵀ ⪯ ½I, so L = 1 is true (not tight); convex, no minimizer. */
function logSumExp(n: number): UserProblemSpec {
  const softmax = (x: Float64Array) => {
    const m = Math.max(...x);
    const e = x.map((v) => Math.exp(v - m));
    const s = e.reduce((a, v) => a + v, 0);
    return e.map((v) => v / s);
  };
  return {
    id: `lse-${n}`,
    dim: n,
    f: (x) => {
      const m = Math.max(...x);
      return m + Math.log(x.reduce((a, v) => a + Math.exp(v - m), 0));
    },
    grad: softmax,
    hess: (x) => {
      const p = softmax(x);
      const h = matrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h.data[i * n + j] = (i === j ? p[i] : 0) - p[i] * p[j];
      return h;
    },
    x0: Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1)),
    certificate: { convexity: 'convex', memberships: [{ class: 'lipschitz-gradient', L: 1 }] },
  };
}

function rejected(spec: UserProblemSpec): readonly string[] {
  const r = verifyUserProblem(spec);
  if (r.ok) throw new Error(`expected a rejection, got ${r.checks.join('; ')}`);
  return r.falseClaims;
}

describe('a user problem with a true certificate', () => {
  it('is accepted, registered and built by name, with the claimed certificate', () => {
    const spec = quadratic('quad');
    const r = verifyUserProblem(spec);
    expect(r.ok).toBe(true);
    const family = userProblem(spec);
    expect(userProblem(spec)).toBe(family);
    expect(family.name).toEqual({ family: 'user:quad', params: {}, dim: 2, seed: 0 });
    expect(formatName(family.name)).toBe('user:quad//n=2/seed=0');
    expect(familyById('user:quad')).toBe(family);
    for (const inst of [buildInstance(family.name), buildInstance('user:quad//n=2/seed=0')]) {
      expect(inst.name).toEqual(family.name);
      expect(Array.from(inst.x0)).toEqual([2, 1]);
      expect(inst.problem.f(inst.x0)).toBe(spec.f(Float64Array.of(2, 1)));
      expect(inst.problem.counts.f).toBe(1);
      expect(Array.from(inst.problem.hvp(inst.x0, Float64Array.of(1, 0)))).toEqual([3, 1]);
      expect(inst.certificate).toMatchObject({ convexity: 'strongly-convex', fStar, memberships: [{ class: 'lipschitz-gradient', L: 3.62 }] });
      expect(Array.from(inst.certificate.xStar as Float64Array)).toEqual(xStar);
    }
    expect(() => buildInstance('user:quad//n=3/seed=0')).toThrow(InstanceError);
    expect(() => buildInstance('user:quad//n=2/seed=-1')).toThrow(/takes seeds 0…2147483647, not -1/);
    expect(() => buildInstance('user:quad//n=2/seed=0.5')).toThrow(InstanceError);
  });

  it('log-sum-exp with a true L, in dimension 5, is accepted; its checks are reported', () => {
    const r = verifyUserProblem(logSumExp(5));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.checks.some((c) => c.startsWith('lipschitz-gradient L = 1: worst observed/bound'))).toBe(true);
      expect(r.checks.some((c) => c.startsWith('convex: no violation of the chord inequality beyond ε'))).toBe(true);
    }
  });

  it('in a metric B, with a given hvp and third derivative: L = 1 in B = Q and QSC of log-sum-exp', () => {
    const inQ = quadratic('quad-in-q', { memberships: [{ class: 'lipschitz-gradient', L: 1 }] }, { metric: fromRows(Q) });
    expect(verifyUserProblem(inQ).ok).toBe(true);
    const tooSmall = quadratic('quad-in-q-small', { memberships: [{ class: 'lipschitz-gradient', L: 0.9 }] }, { metric: fromRows(Q) });
    expect(rejected(tooSmall)[0]).toMatch(/^certificate claim 'lipschitz-gradient L = 0.9' is false: ‖∇f\(y\) − ∇f\(x\)‖_\* \/ ‖y − x‖ = 1 /);
    const lse = logSumExp(3);
    const withThird: UserProblemSpec = {
      ...lse,
      id: 'lse-qsc',
      hvp: (x, v) => {
        const p = lse.grad(x);
        const pv = p.reduce((a, pi, i) => a + pi * v[i], 0);
        return p.map((pi, i) => pi * (v[i] - pv));
      },
      // D³f(x)[v, v] = p ∘ ((v − ⟨p,v⟩)² − ⟨p, (v − ⟨p,v⟩)²⟩); QSC with M = 2‖·‖_∞ ≤ 2‖·‖₂
      third: (x, v) => {
        const p = lse.grad(x);
        const pv = p.reduce((a, pi, i) => a + pi * v[i], 0);
        const w = v.map((vi) => (vi - pv) ** 2);
        const pw = p.reduce((a, pi, i) => a + pi * w[i], 0);
        return p.map((pi, i) => pi * (w[i] - pw));
      },
      certificate: { convexity: 'convex', memberships: [{ class: 'quasi-self-concordant', M: 2 }] },
    };
    expect(verifyUserProblem(withThird).ok).toBe(true);
    const qscTooSmall = { ...withThird, certificate: { convexity: 'convex' as const, memberships: [{ class: 'quasi-self-concordant' as const, M: 0.25 }] } };
    expect(rejected(qscTooSmall)[0]).toMatch(/^certificate claim 'quasi-self-concordant M = 0.25' is false: ‖D³f\(x\)\[h,h\]‖_\* = .* > M⟨∇²f\(x\)h, h⟩ = /);
  });

  it('seed s ≠ 0 starts at x0 + δ_s with ‖δ_s‖_B = ½·max(1, ‖x0‖_B), the same f and certificate', () => {
    const family = userProblem(quadratic('quad-seeds', {}, { metric: fromRows(Q) }));
    const at0 = buildInstance(family.name);
    const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, vi, i) => s + vi * Q[i].reduce((t, qij, j) => t + qij * v[j], 0), 0));
    const starts = [1, 2, 12345].map((seed) => buildInstance({ ...family.name, seed }));
    for (const inst of starts) {
      const delta = inst.x0.map((xi, i) => xi - at0.x0[i]);
      expect(norm(delta)).toBeCloseTo(0.5 * Math.max(1, norm(at0.x0)), 12);
      expect(inst.certificate).toEqual(at0.certificate);
      expect(inst.problem.f(at0.x0)).toBe(at0.problem.f(at0.x0));
    }
    expect(new Set(starts.map((i) => i.x0.join(','))).size).toBe(3);
    expect(Array.from(buildInstance({ ...family.name, seed: 2 }).x0)).toEqual(Array.from(starts[1].x0));
    expect(family.description).toMatch(/only x0 is perturbed/);
  });

  it('draws its instance names (seeds) for scenarios', () => {
    const family = userProblem(quadratic('quad-names'));
    const drawn = fc.sample(userInstanceNames('quad-names'), { seed: 1, numRuns: 20 });
    expect(drawn.every((n) => n.family === 'user:quad-names' && n.dim === 2 && Object.keys(n.params).length === 0)).toBe(true);
    expect(new Set(drawn.map((n) => n.seed)).size).toBeGreaterThan(5);
    expect(fc.sample(userInstanceNames('user:quad-names'), { seed: 1, numRuns: 1 })[0].family).toBe('user:quad-names');
    expect(() => userInstanceNames('never-registered')).toThrow(/no user problem 'user:never-registered' is registered/);
    expect(() => family.arbitrary({ maxDim: 1 })).toThrow(RangeError);
  });

  it('registering a different problem under a registered id is an error', () => {
    userProblem(quadratic('taken'));
    expect(() => userProblem(quadratic('taken'))).toThrow(/a different problem is already registered as 'user:taken'/);
  });
});

describe('a false claim is rejected with the claim and the evidence', () => {
  it('a Lipschitz constant that is too small', () => {
    const spec = quadratic('small-l', { memberships: [{ class: 'lipschitz-gradient', L: 1 }] });
    const claims = rejected(spec);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatch(/^certificate claim 'lipschitz-gradient L = 1' is false: ‖∇f\(y\) − ∇f\(x\)‖_\* \/ ‖y − x‖ = 3\.6\d* at x = \[.*\], y = \[.*\]; observed\/bound = 3\.6\d* > 1 \+ slack/);
    const ratio = Number(/‖y − x‖ = ([\d.]+)/.exec(claims[0])?.[1]);
    expect(ratio).toBeLessThanOrEqual(lambdaMax * (1 + 1e-12));
    expect(ratio).toBeGreaterThan(3);
    const thrown = (() => {
      try {
        userProblem(spec);
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(FalseClaimError);
    expect((thrown as FalseClaimError).message).toBe(`user problem 'small-l': ${claims[0]}`);
    expect((thrown as FalseClaimError).falseClaims).toEqual(claims);
    expect(familyById('user:small-l')).toBeUndefined();
    expect(() => buildInstance('user:small-l//n=2/seed=0')).toThrow(/unknown family 'user:small-l'/);
  });

  it('a gradient off by a factor 2 fails the derivative check (and nothing built on it is judged)', () => {
    const good = quadratic('double-grad');
    const claims = rejected({ ...good, grad: (x) => good.grad(x).map((v) => 2 * v) });
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatch(
      /^oracle claim 'grad = ∇f' is false: ⟨grad\(x\), v⟩ = ([\d.-]+) but \(f\(x \+ tv\) − f\(x − tv\)\)\/\(2t\) = ([\d.-]+) at t = .*; \|f\(x \+ tv\) − f\(x\) − t⟨grad\(x\), v⟩\|\/t stays .* as a wrong derivative's does \(7 of 7 probes\)$/,
    );
    const [, claimed, central] = /= ([\d.-]+) but .* = ([\d.-]+) at t/.exec(claims[0]) as RegExpExecArray;
    expect(Number(claimed) / Number(central)).toBeCloseTo(2, 3);
  });

  it('a Hessian off by a factor 2, an asymmetric Hessian, and an hvp that disagrees with the Hessian', () => {
    const good = quadratic('bad-hess');
    expect(rejected({ ...good, hess: () => fromRows([[6, 2], [2, 4]]) })[0]).toMatch(/^oracle claim 'hess = ∇²f \(the derivative of grad\)' is false: /);
    expect(rejected({ ...good, hess: () => fromRows([[3, 1.5], [0.5, 2]]) })[0]).toMatch(/^oracle claim 'hess = ∇²f \(the derivative of grad\)' is false: /);
    expect(rejected({ ...good, hvp: (_x, v) => Float64Array.of(3 * v[0] + v[1], v[0] + 2.5 * v[1]) })[0]).toMatch(
      /^oracle claim 'hvp = ∇²f·v \(the derivative of grad\)' is false: ‖hvp\(x, v\) − \(grad\(x \+ tv\) − grad\(x − tv\)\)\/\(2t\)‖₂ = /,
    );
  });

  it('an f* above the infimum', () => {
    const claims = rejected(quadratic('high-fstar', { fStar: -0.5, xStar: undefined }));
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatch(/^certificate claim 'f\* = -0\.5' is false: f\(x\) = -0\.7 < f\* − ε_f = -0\.5 at x = \[0\.6, -0\.8\]/);
  });

  it('an x* that is no minimizer, and an f(x*) that disagrees with f*', () => {
    const claims = rejected(quadratic('bad-xstar', { xStar: [0.5, -0.8] }));
    expect(claims.some((c) => /^certificate claim 'f\(x\*\) = f\* = -0\.7' is false: f\(x\*\) = /.test(c))).toBe(true);
    expect(claims.some((c) => /^certificate claim 'x\* = \[0\.5, -0\.8\]' is false: f\(y\) = .* reached by descent from x\*/.test(c))).toBe(true);
  });

  it('convexity of a saddle', () => {
    const saddle: UserProblemSpec = {
      id: 'saddle',
      dim: 2,
      f: (x) => x[0] * x[0] - x[1] * x[1] + 0.1 * x[1] ** 4,
      grad: (x) => Float64Array.of(2 * x[0], -2 * x[1] + 0.4 * x[1] ** 3),
      hess: (x) => fromRows([[2, 0], [0, -2 + 1.2 * x[1] ** 2]]),
      x0: [1, 3],
      certificate: { convexity: 'convex', memberships: [] },
    };
    expect(rejected(saddle)[0]).toMatch(
      /^certificate claim 'convex' is false: f\(x \+ tv\) \+ f\(x − tv\) − 2f\(x\) = -[\d.]+ < −ε = −[\d.]+e-\d+ at x = \[.*\], v = \[0, 1\], t = [\d.]+, and below −ε at t\/2, t\/4 too .* λ_min\(B\^\{-½\}∇²f\(x\)B\^\{-½\}\) = -\d/,
    );
    expect(verifyUserProblem({ ...saddle, certificate: { convexity: 'nonconvex', memberships: [] } }).ok).toBe(true);
  });
});

describe('a broken oracle or a malformed spec', () => {
  it('non-finite values from f are a clear rejection naming the function, the point and the check', () => {
    const good = quadratic('nan-f');
    const claims = rejected({ ...good, f: (x) => (x[0] > 1.9 ? Math.log(-1) : good.f(x)) });
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatch(/^oracle claim 'f, grad, hess return finite values of their shape near x0' is false: f returned NaN at x = \[2, 1\] \(in the evaluation at x0\)$/);
    // a gradient that overflows 5 units from x0 (R = ‖x0‖ + 1 = 3.2, the spot checks reach 10R)
    const far = rejected({ ...good, grad: (x) => (Math.hypot(x[0] - 2, x[1] - 1) > 5 ? Float64Array.of(Infinity, 0) : good.grad(x)) });
    expect(far).toHaveLength(1);
    expect(far[0]).toMatch(/^oracle claim 'f, grad, hess return finite values of their shape near x0' is false: grad returned entry 0 = Infinity at x = \[.*\] \(in the membership spot checks\)$/);
  });

  it('a throw, a wrong length or a non-array from the user is a rejection, not an exception from inside a check', () => {
    const good = quadratic('throws');
    expect(rejected({ ...good, hess: () => { throw new Error('not implemented'); } })[0]).toMatch(/hess threw 'not implemented' at x = \[2, 1\] \(in the evaluation at x0\)/);
    expect(rejected({ ...good, grad: () => Float64Array.of(1) })[0]).toMatch(/grad returned 1 entries, expected 2/);
    expect(rejected({ ...good, grad: () => [1, 2] as unknown as Float64Array })[0]).toMatch(/grad returned a Array, not a Float64Array/);
  });

  it('malformed specs are InstanceErrors naming the field', () => {
    const good = quadratic('malformed');
    expect(() => verifyUserProblem({ ...good, x0: [1, 2, 3] })).toThrow(/^x0: has 3 entries, expected 2$/);
    expect(() => verifyUserProblem({ ...good, id: 'a/b' })).toThrow(InstanceError);
    expect(() => verifyUserProblem({ ...good, hess: undefined as never })).toThrow(/^hess: must be a function/);
    expect(() => verifyUserProblem({ ...good, metric: fromRows([[1, 2], [2, 1]]) })).toThrow(/metric.B: is not positive definite/);
    expect(() => verifyUserProblem({ ...good, certificate: { convexity: 'convex', memberships: [{ class: 'lipschitz-gradient', L: -1 }] } })).toThrow(
      /certificate.memberships\[0\]: lipschitz-gradient: L = -1 is not a finite constant ≥ 0/,
    );
    expect(() => verifyUserProblem({ ...good, certificate: { convexity: 'convex', memberships: [{ class: 'quasi-self-concordant', M: 1 }] } })).toThrow(/needs third\(x, v\)/);
  });
});

/** A catalog instance as a user would write it: its functions, x0, B and its proven certificate as the claim. */
function asUserSpec(inst: Instance, id: string, memberships: readonly Membership[] = inst.certificate.memberships): UserProblemSpec {
  const o = inst.problem.oracle;
  const c = inst.certificate;
  return {
    id,
    dim: o.dim,
    f: (x) => o.f(x),
    grad: (x) => o.grad(x),
    hess: (x) => o.hess(x),
    hvp: (x, v) => o.hvp(x, v),
    ...(o.third ? { third: (x: Float64Array, v: Float64Array) => (o.third as NonNullable<typeof o.third>)(x, v) } : {}),
    x0: inst.x0,
    ...(inst.metric.kind === 'dense' ? { metric: inst.metric.B } : {}),
    certificate: { convexity: c.convexity, memberships, fStar: c.fStar, xStar: c.xStar },
  };
}

describe('the catalog as user problems', () => {
  const instances = FAMILIES.map((family) => buildInstance(fc.sample(family.arbitrary({ maxDim: 6 }), { seed: 3, numRuns: 1 })[0]));

  it.each(instances.map((inst) => [formatName(inst.name), inst] as const))('%s: its proven certificate is accepted; a quarter of each constant is refuted', (_, inst) => {
    const r = verifyUserProblem(asUserSpec(inst, 'catalog'));
    expect(r.ok ? [] : r.falseClaims).toEqual([]);
    const constants = ['L', 'M', 'L0', 'L1'];
    inst.certificate.memberships.forEach((m) => {
      const quarter = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, constants.includes(k) ? (v as number) / 4 : v])) as Membership;
      const q = verifyUserProblem(asUserSpec(inst, 'catalog-quarter', [quarter]));
      expect(q.ok ? [] : q.falseClaims).toEqual([expect.stringMatching(new RegExp(`^certificate claim '${m.class} .*' is false: `))]);
    });
  });
});
