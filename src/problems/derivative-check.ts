import { matVec } from '../linalg/matrix.js';
import { axpy, dot, norm2, normInf } from '../linalg/vector.js';
import type { Oracle } from './oracle.js';

/**
 * Taylor-remainder self-checks of an oracle's derivatives. Along x + t·v the remainder of a correct
 * k-th order model shrinks like t^(k+1), so halving t divides it by 2^(k+1); a wrong derivative leaves
 * a remainder of lower order. The order is read from consecutive halvings while the remainder is
 * well above its rounding floor.
 */
export interface RemainderOrder {
  /** the observed order, or 'exact' when the remainder never rises above rounding */
  readonly order: number | 'exact';
  readonly steps: readonly number[];
  readonly errors: readonly number[];
  /** the rounding floor of each error (1e4·u times the magnitudes it is formed from); only errors above it are read */
  readonly floors: readonly number[];
}

const U = 2 ** -53;
const HALVINGS = 14;

function shifted(x: Float64Array, t: number, v: Float64Array): Float64Array {
  return axpy(t, v, x.slice());
}

/** `remainder(t)` returns [|remainder|, rounding scale]; order from the pairs above 1e4·u·scale. */
function observedOrder(t0: number, remainder: (t: number) => [number, number]): RemainderOrder {
  const steps: number[] = [];
  const errors: number[] = [];
  const floors: number[] = [];
  for (let k = 0; k <= HALVINGS; k++) {
    const t = t0 * 2 ** -k;
    const [e, scale] = remainder(t);
    steps.push(t);
    errors.push(e);
    floors.push(1e4 * U * scale);
  }
  const slopes: number[] = [];
  for (let k = 0; k < HALVINGS; k++) {
    if (!(errors[k] > floors[k] && errors[k + 1] > floors[k + 1])) continue;
    slopes.push(Math.log2(errors[k] / errors[k + 1]));
  }
  if (slopes.length === 0) {
    return { order: errors.every((e, k) => e <= floors[k]) ? 'exact' : NaN, steps, errors, floors };
  }
  // the smaller steps are the asymptotic ones; the median over the smaller half of the steps above the
  // floor ignores the odd slope where two terms of the remainder cancel
  const tail = slopes.slice(-Math.max(3, Math.ceil(slopes.length / 2))).sort((a, b) => a - b);
  return { order: tail[tail.length >> 1], steps, errors, floors };
}

/** |f(x + tv) − f(x) − t⟨∇f(x), v⟩|: order 2 for a correct gradient. */
export function gradientRemainderOrder(o: Oracle, x: Float64Array, v: Float64Array, t0 = 1): RemainderOrder {
  const fx = o.f(x);
  const gv = dot(o.grad(x), v);
  return observedOrder(t0, (t) => {
    const ft = o.f(shifted(x, t, v));
    return [Math.abs(ft - fx - t * gv), Math.abs(ft) + Math.abs(fx) + Math.abs(t * gv)];
  });
}

/** ‖∇f(x + tv) − ∇f(x) − t∇²f(x)v‖: order 2 for a correct Hessian of a C³ function (1 + ν for Hölder-ν). */
export function hessianRemainderOrder(o: Oracle, x: Float64Array, v: Float64Array, t0 = 1): RemainderOrder {
  const gx = o.grad(x);
  const hv = matVec(o.hess(x), v);
  return observedOrder(t0, (t) => {
    const gt = o.grad(shifted(x, t, v));
    const r = new Float64Array(gx.length);
    for (let i = 0; i < r.length; i++) r[i] = gt[i] - gx[i] - t * hv[i];
    return [norm2(r), norm2(gt) + norm2(gx) + t * norm2(hv)];
  });
}

/** |f(x + tv) − f(x) − t⟨∇f, v⟩ − ½t²⟨∇²f v, v⟩|: order 3 (2 + ν for Hölder-ν Hessians). */
export function secondOrderRemainderOrder(o: Oracle, x: Float64Array, v: Float64Array, t0 = 1): RemainderOrder {
  const fx = o.f(x);
  const gv = dot(o.grad(x), v);
  const vhv = dot(matVec(o.hess(x), v), v);
  return observedOrder(t0, (t) => {
    const ft = o.f(shifted(x, t, v));
    const model = fx + t * gv + 0.5 * t * t * vhv;
    return [Math.abs(ft - model), Math.abs(ft) + Math.abs(fx) + Math.abs(t * gv) + Math.abs(t * t * vhv)];
  });
}

/** ‖third(x, v) − (hvp(x + tv, v) − hvp(x − tv, v))/(2t)‖: central differences, order 2. */
export function thirdDerivativeOrder(o: Oracle, x: Float64Array, v: Float64Array, t0 = 1): RemainderOrder {
  if (!o.third) throw new Error('thirdDerivativeOrder: the oracle has no third derivative');
  const d3 = o.third(x, v);
  return observedOrder(t0, (t) => {
    const hp = o.hvp(shifted(x, t, v), v);
    const hm = o.hvp(shifted(x, -t, v), v);
    const r = new Float64Array(d3.length);
    for (let i = 0; i < r.length; i++) r[i] = (hp[i] - hm[i]) / (2 * t) - d3[i];
    return [norm2(r), (norm2(hp) + norm2(hm)) / t + norm2(d3)];
  });
}

/** ‖hvp(x, v) − ∇²f(x)·v‖ / (max|∇²f(x)|·‖v‖₁): a few units of rounding when consistent. */
export function hvpMismatch(o: Oracle, x: Float64Array, v: Float64Array): number {
  const h = o.hess(x);
  const direct = matVec(h, v);
  const viaHvp = o.hvp(x, v);
  const r = new Float64Array(direct.length);
  for (let i = 0; i < r.length; i++) r[i] = viaHvp[i] - direct[i];
  const scale = normInf(h.data) * v.reduce((s, vi) => s + Math.abs(vi), 0);
  return scale === 0 ? normInf(r) : normInf(r) / scale;
}

export interface DerivativeExpectations {
  /** order of ‖∇f(x+tv) − ∇f(x) − t∇²f v‖: 2 for C³ near x, 1 + ν at a Hölder-ν kink */
  readonly hessianOrder?: number;
  /** how far below the expected order an observed order may be (default 0.3) */
  readonly tolerance?: number;
}

export interface DerivativeReport {
  readonly ok: boolean;
  readonly failures: readonly string[];
  readonly orders: Readonly<Record<string, number | 'exact'>>;
}

/** All derivative self-checks an oracle supports, at one point and direction. */
export function checkDerivatives(o: Oracle, x: Float64Array, v: Float64Array, expect: DerivativeExpectations = {}, t0 = 1): DerivativeReport {
  const tol = expect.tolerance ?? 0.3;
  const hOrder = expect.hessianOrder ?? 2;
  const failures: string[] = [];
  const orders: Record<string, number | 'exact'> = {};
  const want = (label: string, r: RemainderOrder, expected: number) => {
    orders[label] = r.order;
    if (r.order !== 'exact' && !(r.order >= expected - tol)) {
      failures.push(`${label}: remainder order ${Number.isNaN(r.order) ? 'undetermined' : r.order.toFixed(2)}, expected ≥ ${expected}`);
    }
  };
  want('gradient', gradientRemainderOrder(o, x, v, t0), 2);
  want('hessian', hessianRemainderOrder(o, x, v, t0), hOrder);
  want('second-order', secondOrderRemainderOrder(o, x, v, t0), hOrder + 1);
  const mismatch = hvpMismatch(o, x, v);
  orders.hvp = mismatch;
  if (!(mismatch <= 1e3 * U * Math.max(1, o.dim))) failures.push(`hvp: differs from hess·v by ${mismatch.toExponential(2)} (relative)`);
  if (o.third) want('third', thirdDerivativeOrder(o, x, v, t0), 2);
  return { ok: failures.length === 0, failures, orders };
}
