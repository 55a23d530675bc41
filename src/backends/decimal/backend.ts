import type { Decimal } from 'decimal.js';
import { type Matrix, matrix } from '../../linalg/matrix.js';
import type { Backend, BackendMetric, MetricFromMatrix, RegularizedSolution } from '../backend.js';
import { crossingOracle } from '../crossing-oracle.js';
import { decimalContext, exactDecimal } from './exact.js';
import {
  decimalCholesky,
  type DecimalMatrix,
  decimalJacobiEigenvalues,
  decimalSolveLower,
  decimalSolveLowerTranspose,
  decimalWhiten,
} from './linalg.js';

export type DecimalVector = readonly Decimal[];

interface DecimalMetric extends BackendMetric<DecimalVector> {
  /** Cholesky factor of B; null for the identity */
  readonly l: readonly Decimal[] | null;
  readonly b: DecimalMatrix | null;
}

export interface DecimalBackendOptions {
  /** significant digits of every operation (default 40) */
  readonly digits?: number;
}

export type DecimalBackend = Backend<DecimalVector, DecimalMatrix> & {
  /** the exact float64 value as a decimal of this backend */
  readonly fromFloat64: (x: number) => Decimal;
  /** higher-precision scalar results, for comparisons finer than float64 */
  readonly dotDecimal: (x: DecimalVector, y: DecimalVector) => Decimal;
  readonly dualNormDecimal: (metric: BackendMetric<DecimalVector>, s: DecimalVector) => Decimal;
};

/**
 * decimal.js arithmetic at a configurable number of digits: the reference backend for tests on small
 * n. Inputs are converted exactly from float64 (see exact.ts); scalars are returned rounded to the
 * nearest float64.
 */
export function decimalBackend(options: DecimalBackendOptions = {}): DecimalBackend {
  const digits = options.digits ?? 40;
  const D = decimalContext(digits);
  const zero = new D(0);
  const fromFloat64 = (x: number): Decimal => exactDecimal(x, D);

  const dotDecimal = (x: DecimalVector, y: DecimalVector): Decimal => {
    if (x.length !== y.length) throw new RangeError(`dot: lengths ${x.length} and ${y.length}`);
    let s = zero;
    for (let i = 0; i < x.length; i++) s = s.plus(x[i].times(y[i]));
    return s;
  };
  const map2 = (x: DecimalVector, y: DecimalVector, f: (a: Decimal, b: Decimal) => Decimal): Decimal[] => {
    if (x.length !== y.length) throw new RangeError(`vector lengths ${x.length} and ${y.length}`);
    return x.map((xi, i) => f(xi, y[i]));
  };
  const matVec = (a: DecimalMatrix, x: DecimalVector): Decimal[] => {
    if (x.length !== a.cols) throw new RangeError(`matVec: A is ${a.rows}×${a.cols}, x has ${x.length}`);
    const y: Decimal[] = [];
    for (let i = 0; i < a.rows; i++) {
      let s = zero;
      for (let j = 0; j < a.cols; j++) s = s.plus(a.data[i * a.cols + j].times(x[j]));
      y.push(s);
    }
    return y;
  };
  const lowerTimes = (l: readonly Decimal[], n: number, x: DecimalVector, transpose: boolean): Decimal[] => {
    const y: Decimal[] = [];
    for (let i = 0; i < n; i++) {
      let s = zero;
      if (transpose) for (let k = i; k < n; k++) s = s.plus(l[k * n + i].times(x[k]));
      else for (let k = 0; k <= i; k++) s = s.plus(l[i * n + k].times(x[k]));
      y.push(s);
    }
    return y;
  };
  const toDecimalMetric = (m: BackendMetric<DecimalVector>): DecimalMetric => {
    if (!('l' in m)) throw new TypeError('decimal backend: metric was not made by the decimal backend');
    return m as DecimalMetric;
  };
  const dualNormDecimal = (metric: BackendMetric<DecimalVector>, s: DecimalVector): Decimal => {
    const m = toDecimalMetric(metric);
    const y = m.l ? decimalSolveLower(m.l, m.n, s) : s;
    return dotDecimal(y, y).sqrt();
  };
  const identityMetric = (n: number): DecimalMetric => ({
    n,
    isIdentity: true,
    l: null,
    b: null,
    norm: (h) => dotDecimal(h, h).sqrt().toNumber(),
    dualNorm: (s) => dotDecimal(s, s).sqrt().toNumber(),
    apply: (h) => h.slice(),
    solve: (s) => s.slice(),
  });
  const shifted = (h: DecimalMatrix, lambda: number, metric: DecimalMetric): DecimalMatrix => {
    const lam = fromFloat64(lambda);
    const n = h.rows;
    const data = h.data.slice();
    if (metric.b) for (let i = 0; i < data.length; i++) data[i] = data[i].plus(lam.times(metric.b.data[i]));
    else for (let i = 0; i < n; i++) data[i * n + i] = data[i * n + i].plus(lam);
    return { rows: n, cols: n, data };
  };
  /** nothing of H + λB is shared between shifts in decimal arithmetic: each λ factors afresh */
  const solveRegularized = (h: DecimalMatrix, lambda: number, metric: BackendMetric<DecimalVector>, rhs: DecimalVector): RegularizedSolution<DecimalVector> => {
    const f = decimalCholesky(shifted(h, lambda, toDecimalMetric(metric)));
    if (!f.ok) return { ok: false, reason: 'not-positive-definite', pivot: f.pivot };
    return { ok: true, x: decimalSolveLowerTranspose(f.l, f.n, decimalSolveLower(f.l, f.n, rhs)), residualBound: 0 };
  };
  const eigenvalues = (a: DecimalMatrix, metric?: BackendMetric<DecimalVector>): Decimal[] => {
    const m = metric ? toDecimalMetric(metric) : null;
    return decimalJacobiEigenvalues(m?.l ? decimalWhiten(m.l, m.n, a) : a, digits);
  };

  const backend: DecimalBackend = {
    name: 'decimal',
    directSolves: true,
    precision: { name: 'decimal', unitRoundoff: 0.5 * 10 ** (1 - digits), digits },
    arithmetic: 'decimal, decimal',
    withoutGpu: 'backend decimal runs on the CPU',
    fromFloat64,
    dotDecimal,
    dualNormDecimal,
    vector: (values) => Array.from(values, fromFloat64),
    matrix: (a: Matrix) => ({ rows: a.rows, cols: a.cols, data: Array.from(a.data, fromFloat64) }),
    toFloat64: (x) => Float64Array.from(x, (v) => v.toNumber()),
    matrixToFloat64: (a) => matrix(a.rows, a.cols, Float64Array.from(a.data, (v) => v.toNumber())),
    length: (x) => x.length,
    dot: (x, y) => dotDecimal(x, y).toNumber(),
    norm2: (x) => dotDecimal(x, x).sqrt().toNumber(),
    add: (x, y) => map2(x, y, (a, b) => a.plus(b)),
    sub: (x, y) => map2(x, y, (a, b) => a.minus(b)),
    scale: (a, x) => {
      const s = fromFloat64(a);
      return x.map((v) => v.times(s));
    },
    axpy: (a, x, y) => {
      const s = fromFloat64(a);
      return map2(x, y, (xi, yi) => yi.plus(s.times(xi)));
    },
    matVec,
    matTVec: (a, x) => {
      if (x.length !== a.rows) throw new RangeError(`matTVec: A is ${a.rows}×${a.cols}, x has ${x.length}`);
      const y: Decimal[] = new Array(a.cols).fill(zero);
      for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) y[j] = y[j].plus(a.data[i * a.cols + j].times(x[i]));
      return y;
    },
    symmetricRankK: (a, d) => {
      const { rows: m, cols: n } = a;
      if (d && d.length !== m) throw new RangeError(`symmetricRankK: A has ${m} rows, d has ${d.length}`);
      const data: Decimal[] = new Array(n * n).fill(zero);
      for (let j = 0; j < n; j++) {
        for (let k = 0; k <= j; k++) {
          let s = zero;
          for (let i = 0; i < m; i++) {
            const t = a.data[i * n + j].times(a.data[i * n + k]);
            s = s.plus(d ? t.times(d[i]) : t);
          }
          data[j * n + k] = s;
          data[k * n + j] = s;
        }
      }
      return { rows: n, cols: n, data };
    },
    addScaled: (a, s, b) => {
      if (a.rows !== b.rows || a.cols !== b.cols) throw new RangeError('addScaled: shapes differ');
      const sd = fromFloat64(s);
      return { rows: a.rows, cols: a.cols, data: a.data.map((v, i) => v.plus(sd.times(b.data[i]))) };
    },
    identityMetric,
    metric(b): MetricFromMatrix<DecimalVector> {
      const n = b.rows;
      if (b.cols !== n) throw new RangeError(`metric: B is ${n}×${b.cols}, not square`);
      const f = decimalCholesky(b);
      if (!f.ok) return { ok: false, reason: 'not-positive-definite', pivot: f.pivot };
      const { l } = f;
      const metric: DecimalMetric = {
        n,
        isIdentity: false,
        l,
        b,
        norm: (h) => {
          const y = lowerTimes(l, n, h, true);
          return dotDecimal(y, y).sqrt().toNumber();
        },
        dualNorm: (s) => dualNormDecimal(metric, s).toNumber(),
        apply: (h) => matVec(b, h),
        solve: (s) => decimalSolveLowerTranspose(l, n, decimalSolveLower(l, n, s)),
      };
      return { ok: true, metric };
    },
    solveRegularized,
    prepareRegularized: (h, metric) => {
      toDecimalMetric(metric);
      return { n: h.rows, solve: (lambda: number, rhs: DecimalVector) => solveRegularized(h, lambda, metric, rhs) };
    },
    minEigenvalue: (a, metric) => {
      const v = eigenvalues(a, metric);
      return v.length === 0 ? Infinity : v[0].toNumber();
    },
    operatorNorm: (a, metric) => {
      const v = eigenvalues(a, metric);
      return v.reduce((m, x) => (x.abs().gt(m) ? x.abs() : m), zero).toNumber();
    },
    bindOracle: (problem) => crossingOracle(backend, problem),
    scoped: (f) => f(),
    keep: (value) => value,
    release() {},
  };
  return backend;
}
