/**
 * Scaling an instance by c (docs/theory.md#scale-invariance): c·f with every derivative scaled by c, the Hessian
 * model's values scaled by c, and the certificates restated for c·f. With c a power of two the
 * scaling itself is exact in float64 (away from overflow and subnormals).
 */
import type { HessianModel, HessianValue } from '../hessians/hessian-model.js';
import type { Certificate, Membership } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';
import { counted, type Oracle } from '../problems/oracle.js';
import { structureOf, withStructure } from '../problems/oracle-structure.js';

/** c·f with every derivative scaled by c (the oracle's own fields, e.g. its data, are not kept; its structure is, scaled). */
export function scaledOracle(o: Oracle, c: number): Oracle {
  const mul = (v: Float64Array) => v.map((x) => c * x);
  const third = o.third;
  const structure = structureOf(o);
  const scaled: Oracle = {
    dim: o.dim,
    f: (x) => c * o.f(x),
    grad: (x) => mul(o.grad(x)),
    hess: (x) => {
      const h = o.hess(x);
      return { rows: h.rows, cols: h.cols, data: mul(h.data) };
    },
    hvp: (x, v) => mul(o.hvp(x, v)),
    ...(third ? { third: (x: Float64Array, v: Float64Array) => mul(third.call(o, x, v)) } : {}),
  };
  return structure ? withStructure(scaled, { kind: 'scaled', c, base: structure }) : scaled;
}

/** A membership of f restated for c·f (c > 0). */
export function scaledMembership(m: Membership, c: number): Membership {
  switch (m.class) {
    case 'holder-hessian':
    case 'lipschitz-gradient':
    case 'holder-third':
      return { ...m, L: c * m.L, how: `${m.how} [scaled: c·f has L·c, c = ${c}]` };
    case 'quasi-self-concordant':
      return { ...m, how: `${m.how} [scaled: M is invariant under f → c·f]` };
    case 'l0-l1-smooth':
      return { ...m, L0: c * m.L0, how: `${m.how} [scaled: c·f has (c·L0, L1), c = ${c}]` };
    case 'generalized-self-concordant':
      // |D³(cf)[u,u,v]| = c|D³f| ≤ M·c⟨∇²f u,u⟩‖v‖_x^(ν−2)…, and ‖v‖_x for c·f is √c‖v‖_x
      return { ...m, M: m.M * c ** ((2 - m.nu) / 2), how: `${m.how} [scaled: M·c^((2−ν)/2), c = ${c}]` };
  }
}

export function scaledCertificate(cert: Certificate, c: number): Certificate {
  return {
    ...cert,
    memberships: cert.memberships.map((m) => scaledMembership(m, c)),
    ...(cert.fStar !== undefined ? { fStar: c * cert.fStar } : {}),
  };
}

/** The instance of c·f: oracle and certificate scaled; metric, x0, x* unchanged. */
export function scaledInstance(instance: Instance, c: number): Instance {
  if (c === 1) return instance;
  return { ...instance, problem: counted(scaledOracle(instance.problem.oracle, c)), certificate: scaledCertificate(instance.certificate, c) };
}

function scaledValue(v: HessianValue, c: number): HessianValue {
  if (v.kind === 'zero') return v;
  if (v.kind === 'rank-one') return { kind: 'rank-one', alpha: c * v.alpha, v: v.v };
  return { kind: 'dense', matrix: { rows: v.matrix.rows, cols: v.matrix.cols, data: v.matrix.data.map((x) => c * x) } };
}

/** c·H: values scaled by c; a certified error C1 + C2‖g‖^(1−β) of H becomes c·C1 + c^β·C2‖c·g‖^(1−β). */
export function scaledModel(base: HessianModel, c: number): HessianModel {
  if (c === 1) return base;
  const cert = base.certificate;
  return {
    id: base.id,
    certificate: cert.certified ? { ...cert, C1: c * cert.C1, C2: c ** cert.beta * cert.C2 } : cert,
    at: (x, iteration) => scaledValue(base.at(x, iteration), c),
  };
}
