/**
 * The damped system (C + μI)δ = −q a natural-gradient record's δ must solve, rebuilt by the check from
 * the record (docs/theory.md#natural-gradient-damped-system): the curvature of `curvatureBatch` at x of
 * `curvatureIteration`, in the recorded structure, as curvature.ts computes its rows (U, C = UᵀU/B + l2·I)
 * or its K-FAC factors (Γ, Λ) — a deterministic function of the record, the same calls the method makes —
 * with every operation after those rows in exact arithmetic. The check evaluates Aδ + q in float64 and
 * carries the evaluation's error (Higham 2002, §3.5: a length-m dot product errs by ≤ γ_m·|x|ᵀ|y|).
 */
import type { Matrix } from '../linalg/matrix.js';
import { type CurvatureBatch, curvatureRows, kfacFactors } from '../problems/curvature.js';
import type { SupervisedModel } from '../problems/supervised-model.js';
import { gammaOf, normUp } from './natural-gradient-records.js';

/** One diagonal block of a K-FAC system on a layer: Γ ⊗ Λ + τI, or the π-split (Γ + aI) ⊗ (Λ + bI) with a = √τ/π, b = π√τ. */
export interface KroneckerBlock {
  readonly offset: number;
  readonly gamma: Matrix;
  readonly lambda: Matrix;
  /** a and b of the π-split (null: Γ ⊗ Λ + τI) */
  readonly split: { readonly a: number; readonly b: number } | null;
}

export type SystemStructure =
  | { readonly kind: 'dense'; readonly rows: Matrix; readonly batchSize: number }
  | { readonly kind: 'diagonal'; readonly rows: Matrix; readonly batchSize: number }
  | { readonly kind: 'kfac'; readonly blocks: readonly KroneckerBlock[] };

/**
 * A = C + τI as the check sees it: τ = μ (dense, diagonal: l2 is inside C) or μ + l2 (K-FAC, whose
 * factors leave l2 out). `residual(δ, q)` is fl(Aδ + q) with `residualError` ≥ |fl(Aδ + q) − (Aδ + q)|
 * entry by entry; `normUpper` ≥ ‖A‖₂ and `lambdaMinLower` ≤ λ_min(A) (the curvature is PSD: ∇²_pℓ ⪰ 0 for
 * the three output losses, and rank-one terms vvᵀ are PSD); `traceUpper` ≥ tr(A).
 */
export interface DampedSystem {
  readonly structure: SystemStructure;
  readonly tau: number;
  readonly dim: number;
  residual(delta: Float64Array, q: Float64Array): { readonly value: Float64Array; readonly error: Float64Array };
  readonly normUpper: number;
  readonly lambdaMinLower: number;
  readonly traceUpper: number;
  /** ‖U‖_F² / B (dense, diagonal) rounded up; 0 for K-FAC */
  readonly rowsFrobenius: number;
}

const U64 = 2 ** -53;

function frobeniusSquaredUp(a: Matrix): number {
  let s = 0;
  for (const v of a.data) s += v * v;
  return s * (1 + gammaOf(a.data.length + 1));
}

/** |A|·|v| products and the check's own products in one pass: M v and |M||v| for a row-major matrix M */
function timesWithAbs(m: Matrix, v: Float64Array, absV: Float64Array, transposed: boolean): { value: Float64Array; abs: Float64Array } {
  const out = new Float64Array(transposed ? m.cols : m.rows);
  const abs = new Float64Array(out.length);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const e = m.data[i * m.cols + j];
      if (transposed) {
        out[j] += e * v[i];
        abs[j] += Math.abs(e) * absV[i];
      } else {
        out[i] += e * v[j];
        abs[i] += Math.abs(e) * absV[j];
      }
    }
  }
  return { value: out, abs };
}

function denseLike(kind: 'dense' | 'diagonal', rows: Matrix, batchSize: number, l2: number, mu: number): DampedSystem {
  const n = rows.cols;
  const R = rows.rows;
  const tau = mu;
  const shift = l2 + mu;
  const frob = frobeniusSquaredUp(rows) / batchSize;
  const diag = new Float64Array(n);
  for (let r = 0; r < R; r++) for (let i = 0; i < n; i++) diag[i] += rows.data[r * n + i] ** 2;
  const residual = (delta: Float64Array, q: Float64Array) => {
    const absDelta = delta.map(Math.abs);
    let ud: Float64Array;
    let abs: Float64Array;
    if (kind === 'dense') {
      const w = timesWithAbs(rows, delta, absDelta, false);
      const back = timesWithAbs(rows, w.value, w.abs, true);
      ud = back.value;
      abs = back.abs;
    } else {
      ud = diag.map((d, i) => d * delta[i]);
      abs = diag.map((d, i) => d * absDelta[i]);
    }
    // fl(Uᵀ(Uδ))/B + (l2 + μ)δ + q: products of lengths n and R, a division, a product, two sums
    const g = gammaOf(n + R + 5) * (1 + gammaOf(2));
    const value = ud.map((v, i) => v / batchSize + shift * delta[i] + q[i]);
    const error = abs.map((a, i) => g * (a / batchSize + shift * absDelta[i] + Math.abs(q[i])));
    return { value, error };
  };
  const up = 1 + 4 * U64;
  return {
    structure: { kind, rows, batchSize },
    tau,
    dim: n,
    residual,
    normUpper: ((kind === 'dense' ? frob : (Math.max(...diag) * (1 + gammaOf(R + 2))) / batchSize) + shift) * up,
    lambdaMinLower: shift * (1 - 4 * U64),
    traceUpper: (frob + n * shift) * up,
    rowsFrobenius: frob * up,
  };
}

/** ‖M‖_F rounded up */
function frobeniusUp(m: Matrix): number {
  return Math.sqrt(frobeniusSquaredUp(m)) * (1 + 2 * U64);
}

function kroneckerSystem(blocks: readonly KroneckerBlock[], tau: number, dim: number): DampedSystem {
  let normUpper = 0;
  let lambdaMin = Infinity;
  let trace = 0;
  for (const b of blocks) {
    const gn = frobeniusUp(b.gamma);
    const ln = frobeniusUp(b.lambda);
    const o = b.gamma.rows;
    const i = b.lambda.rows;
    if (b.split) {
      normUpper = Math.max(normUpper, (gn + b.split.a) * (ln + b.split.b));
      lambdaMin = Math.min(lambdaMin, b.split.a * b.split.b);
      trace += (traceOf(b.gamma) + o * b.split.a) * (traceOf(b.lambda) + i * b.split.b);
    } else {
      normUpper = Math.max(normUpper, gn * ln + tau);
      lambdaMin = Math.min(lambdaMin, tau);
      trace += traceOf(b.gamma) * traceOf(b.lambda) + o * i * tau;
    }
  }
  const residual = (delta: Float64Array, q: Float64Array) => {
    const value = new Float64Array(dim);
    const error = new Float64Array(dim);
    for (const b of blocks) {
      const o = b.gamma.rows;
      const i = b.lambda.rows;
      const a = b.split ? b.split.a : 0;
      const c = b.split ? b.split.b : 0;
      // row-major block G (o × i): (Γ + aI)·G·(Λ + bI) [+ τG], then + q; |·| alongside
      const left = new Float64Array(o * i);
      const leftAbs = new Float64Array(o * i);
      for (let r = 0; r < o; r++)
        for (let s = 0; s < i; s++) {
          let v = a * delta[b.offset + r * i + s];
          let w = Math.abs(v);
          for (let t = 0; t < o; t++) {
            const e = b.gamma.data[r * o + t] * delta[b.offset + t * i + s];
            v += e;
            w += Math.abs(e);
          }
          left[r * i + s] = v;
          leftAbs[r * i + s] = w;
        }
      for (let r = 0; r < o; r++)
        for (let s = 0; s < i; s++) {
          let v = c * left[r * i + s];
          let w = c * leftAbs[r * i + s];
          for (let t = 0; t < i; t++) {
            v += left[r * i + t] * b.lambda.data[t * i + s];
            w += leftAbs[r * i + t] * Math.abs(b.lambda.data[t * i + s]);
          }
          const j = b.offset + r * i + s;
          const damped = b.split ? 0 : tau * delta[j];
          value[j] = v + damped + q[j];
          // two products of lengths o + 1 and i + 1, the damping product and two sums
          error[j] = gammaOf(o + i + 6) * (1 + gammaOf(2)) * (w + Math.abs(damped) + Math.abs(q[j]));
        }
    }
    return { value, error };
  };
  const up = 1 + 8 * U64;
  return { structure: { kind: 'kfac', blocks }, tau, dim, residual, normUpper: normUpper * up, lambdaMinLower: lambdaMin * (1 - 8 * U64), traceUpper: trace * up, rowsFrobenius: 0 };
}

function traceOf(m: Matrix): number {
  let s = 0;
  for (let i = 0; i < m.rows; i++) s += Math.abs(m.data[i * m.cols + i]);
  return s * (1 + gammaOf(m.rows));
}

export interface SystemSpec {
  readonly structure: 'dense' | 'kfac' | 'diagonal';
  readonly batch: CurvatureBatch;
  /** μ of the system: the record's damping (the lazy route's μ′) */
  readonly damping: number;
  /** K-FAC's π per layer (null: no split) */
  readonly kfacSplits: Float64Array | null;
}

/**
 * The π-split's a = √τ/π and b = π√τ as the check computes them from τ = μ + l2: a·b = τ up to 4u. (The
 * split leaves l2 with the damping: with l2 = 0 it is the record's (Γ + (√μ/π)I) ⊗ (Λ + π√μ·I).)
 */
export function splitFactors(tau: number, pi: number): { a: number; b: number } {
  const root = Math.sqrt(tau);
  return { a: root / pi, b: pi * root };
}

/** The system of the spec at x (the record's curvature point). */
export function dampedSystem(model: SupervisedModel, x: Float64Array, spec: SystemSpec): DampedSystem {
  if (spec.structure === 'kfac') {
    const tau = spec.damping + model.l2;
    const factors = kfacFactors(model, x, spec.batch);
    const blocks = model.layers.map((layer, l): KroneckerBlock => ({
      offset: layer.offset,
      gamma: factors[l].gamma,
      lambda: factors[l].lambda,
      split: spec.kfacSplits ? splitFactors(tau, spec.kfacSplits[l]) : null,
    }));
    return kroneckerSystem(blocks, tau, model.dim);
  }
  return denseLike(spec.structure, curvatureRows(model, x, spec.batch), spec.batch.rows.length, model.l2, spec.damping);
}

/** ‖fl(Aδ + q)‖ and the bound on its evaluation error, both rounded up */
export function residualNorms(system: DampedSystem, delta: Float64Array, q: Float64Array): { readonly observed: number; readonly evaluation: number } {
  const { value, error } = system.residual(delta, q);
  return { observed: normUp(value), evaluation: normUp(error) };
}
