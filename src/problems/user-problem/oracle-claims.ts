import { SCALES, type ProbeSpace } from '../../classes/probe-space.js';
import { matrix, matVec } from '../../linalg/matrix.js';
import { axpy, dot, norm2 } from '../../linalg/vector.js';
import { gradientRemainderOrder, hessianRemainderOrder, type RemainderOrder, thirdDerivativeOrder } from '../derivative-check.js';
import type { Oracle } from '../oracle.js';
import { falseOracleClaim, formatScalar, formatVector } from './claim-text.js';

/**
 * The Taylor remainders of derivative-check.ts as claims of a user's oracle, at x0 and at random
 * points around it, each along a random B-unit direction v, at steps t = 2^-k, k = 0…14. A wrong
 * derivative leaves a remainder e(t) with e(t)/t^m tending to a nonzero constant:
 * - grad = ∇f, m = 1: |f(x + tv) − f(x) − t⟨grad(x), v⟩| → |⟨∇f(x) − grad(x), v⟩|·t (a correct grad
 *   of the C² f the spec requires leaves ½t²⟨∇²f v, v⟩ + o(t²));
 * - hess = ∇²f and a given hvp, against grad, m = 1: ‖grad(x + tv) − grad(x) − t·hess(x)v‖ →
 *   ‖(∇²f(x) − hess(x))v‖·t (a correct one leaves o(t), O(t²) where ∇²f is smooth);
 * - a given third = D³f[v, v], against central differences of hvp, m = 0: the error tends to
 *   ‖D³f(x)[v, v] − third(x, v)‖ (a correct one's shrinks to 0).
 * The signature is read on the WINDOW smallest steps (t ≤ 2^-10): every e(t) above its rounding floor
 * (1e4·u times the magnitudes it is formed from, derivative-check.ts) and e(t)/t^m constant within a
 * factor CONSTANT_WITHIN over them (order m ± ¼; a correct derivative's shrinks by 2^4 over the four
 * halvings where f is smooth). The smallest steps, because a kink at distance s (a Hölder or
 * discontinuous ∇²f, a singular D³f) is straddled only for t > s, where a correct derivative's
 * remainder looks wrong, while a wrong derivative's signature persists as t → 0. A claim is false when
 * more than half of the probes show the signature: a wrong derivative shows it wherever it is wrong,
 * a correct one of a less smooth f only at probes within 2^-10 of a kink.
 * No check compares two of the user's values entrywise (hess with its transpose, hvp with hess·v):
 * their rounding is relative to the magnitudes of the summands, which are unknown (log-sum-exp's
 * diag(p) − ppᵀ is all cancellation where p is nearly a unit vector); an asymmetric or inconsistent
 * hess beyond rounding shows the signature along random directions instead.
 */
export const WINDOW = 5;
export const CONSTANT_WITHIN = 2;

export interface OracleFindings {
  readonly falseClaims: readonly string[];
  readonly summary: string;
}

interface Probe {
  readonly x: Float64Array;
  readonly v: Float64Array;
}

/** e(t)/t^m at the smallest step when the window shows a wrong derivative's signature, else null */
function signature(r: RemainderOrder, m: number): number | null {
  const q: number[] = [];
  for (let k = r.steps.length - WINDOW; k < r.steps.length; k++) {
    if (!(r.errors[k] > r.floors[k])) return null;
    q.push(r.errors[k] / r.steps[k] ** m);
  }
  return Math.max(...q) <= CONSTANT_WITHIN * Math.min(...q) ? q[q.length - 1] : null;
}

interface Verdict {
  /** the probes showing the signature */
  readonly wrong: readonly number[];
  readonly total: number;
}

function verdict(orders: readonly RemainderOrder[], m: number): Verdict {
  const wrong = orders.flatMap((r, k) => (signature(r, m) === null ? [] : [k]));
  return { wrong, total: orders.length };
}

function isFalse(v: Verdict): boolean {
  return v.wrong.length > v.total / 2;
}

function along(x: Float64Array, t: number, v: Float64Array): Float64Array {
  return axpy(t, v, x.slice());
}

function where(p: Probe): string {
  return `at x = ${formatVector(p.x)}, v = ${formatVector(p.v)}`;
}

function window(r: RemainderOrder, m: number, what: string, v: Verdict): string {
  const n = r.steps.length;
  const power = m === 1 ? 't' : '1';
  return (
    `${what}/${power} stays ${formatScalar(r.errors[n - 1] / r.steps[n - 1] ** m)} (within ×${CONSTANT_WITHIN}) over t = ${formatScalar(r.steps[n - WINDOW])}…${formatScalar(r.steps[n - 1])}, ` +
    `as a wrong derivative's does (${v.wrong.length} of ${v.total} probes)`
  );
}

/** central differences at the window's largest step, quoted beside the signature */
const EVIDENCE_STEP = 2 ** -10;

function gradientEvidence(o: Oracle, p: Probe, r: RemainderOrder, v: Verdict): string {
  const t = EVIDENCE_STEP;
  const central = (o.f(along(p.x, t, p.v)) - o.f(along(p.x, -t, p.v))) / (2 * t);
  return (
    `⟨grad(x), v⟩ = ${formatScalar(dot(o.grad(p.x), p.v))} but (f(x + tv) − f(x − tv))/(2t) = ${formatScalar(central)} at t = ${formatScalar(t)} ${where(p)}; ` +
    window(r, 1, '|f(x + tv) − f(x) − t⟨grad(x), v⟩|', v)
  );
}

function hessianEvidence(o: Oracle, p: Probe, r: RemainderOrder, label: string, v: Verdict): string {
  const t = EVIDENCE_STEP;
  const hv = matVec(o.hess(p.x), p.v);
  const gp = o.grad(along(p.x, t, p.v));
  const gm = o.grad(along(p.x, -t, p.v));
  const diff = hv.map((h, i) => h - (gp[i] - gm[i]) / (2 * t));
  return (
    `‖${label} − (grad(x + tv) − grad(x − tv))/(2t)‖₂ = ${formatScalar(norm2(diff))} with ‖${label}‖₂ = ${formatScalar(norm2(hv))} at t = ${formatScalar(t)} ${where(p)}; ` +
    window(r, 1, `‖grad(x + tv) − grad(x) − t·${label}‖`, v)
  );
}

function thirdEvidence(o: Oracle, p: Probe, r: RemainderOrder, v: Verdict): string {
  const d3 = (o.third as NonNullable<Oracle['third']>)(p.x, p.v);
  return (
    `‖third(x, v)‖₂ = ${formatScalar(norm2(d3))} ${where(p)}; ` +
    window(r, 0, '‖third(x, v) − (hvp(x + tv, v) − hvp(x − tv, v))/(2t)‖', v)
  );
}

/**
 * The oracle whose hess(y) is the rank-one w·vᵀ/⟨v, v⟩, w = hvp(y, v): hessianRemainderOrder reads
 * hess(x) only through hess(x)·v, which is then hvp(x, v) up to one rounding.
 */
function hvpAsHessian(o: Oracle, v: Float64Array): Oracle {
  const vv = dot(v, v);
  return {
    ...o,
    hess(y) {
      const w = o.hvp(y, v);
      const m = matrix(o.dim, o.dim);
      for (let i = 0; i < o.dim; i++) for (let j = 0; j < o.dim; j++) m.data[i * o.dim + j] = (w[i] * v[j]) / vv;
      return m;
    },
  };
}

/** x0 and `points` random points at 0.01R, 0.1R and R around it, each with a random B-unit direction */
function probes(space: ProbeSpace, points: number): Probe[] {
  const out: Probe[] = [{ x: space.x0.slice(), v: space.randomDirection() }];
  for (let k = 0; k < points; k++) out.push({ x: space.randomPoint(SCALES[k % 3]), v: space.randomDirection() });
  return out;
}

/**
 * Checks grad against f, hess and a given hvp against grad, a given third against hvp; the first
 * false claim in that order ends the checks (the later ones are read against it). `userHvp`: whether
 * hvp is the user's own (else it is hess·v and not checked again).
 */
export function checkOracleClaims(o: Oracle, space: ProbeSpace, points: number, userHvp: boolean): OracleFindings {
  const ps = probes(space, points);
  const first = (v: Verdict) => v.wrong[0];
  const gradient = ps.map((p) => gradientRemainderOrder(o, p.x, p.v));
  const g = verdict(gradient, 1);
  if (isFalse(g)) return { falseClaims: [falseOracleClaim('grad = ∇f', gradientEvidence(o, ps[first(g)], gradient[first(g)], g))], summary: '' };
  const hessian = ps.map((p) => hessianRemainderOrder(o, p.x, p.v));
  const h = verdict(hessian, 1);
  if (isFalse(h)) {
    return { falseClaims: [falseOracleClaim('hess = ∇²f (the derivative of grad)', hessianEvidence(o, ps[first(h)], hessian[first(h)], 'hess(x)·v', h))], summary: '' };
  }
  const hvp = userHvp ? ps.map((p) => hessianRemainderOrder(hvpAsHessian(o, p.v), p.x, p.v)) : [];
  const hp = verdict(hvp, 1);
  if (isFalse(hp)) {
    const p = ps[first(hp)];
    return { falseClaims: [falseOracleClaim('hvp = ∇²f·v (the derivative of grad)', hessianEvidence(hvpAsHessian(o, p.v), p, hvp[first(hp)], 'hvp(x, v)', hp))], summary: '' };
  }
  const third = o.third ? ps.map((p) => thirdDerivativeOrder(o, p.x, p.v)) : [];
  const d3 = verdict(third, 0);
  if (isFalse(d3)) return { falseClaims: [falseOracleClaim('third = D³f[v, v]', thirdEvidence(o, ps[first(d3)], third[first(d3)], d3))], summary: '' };
  const shown = (name: string, v: Verdict) => `${name} ${v.wrong.length}`;
  const summary =
    `derivatives at x0 and ${points} points: probes with a wrong derivative's remainder (false above half of ${ps.length}): ` +
    [shown('grad', g), shown('hess', h), ...(userHvp ? [shown('hvp', hp)] : []), ...(o.third ? [shown('third', d3)] : [])].join(', ');
  return { falseClaims: [], summary };
}
