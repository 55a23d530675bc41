import { FLOAT64_UNIT_ROUNDOFF, type KernelChoice } from '../linalg/cholesky.js';
import { symmetricEigenvalues } from '../linalg/eigen.js';
import { addScaled, type Matrix, matrix, matTVec, matVec } from '../linalg/matrix.js';
import { denseMetric, identityMetric, type Metric, metricMinEigenvalue, metricOperatorNorm } from '../linalg/metric.js';
import { symmetricRankK } from '../linalg/rank-k.js';
import { prepareShifted, type ShiftedSystem } from '../linalg/shifted-system.js';
import { axpy, dot, linearCombination, norm2, scale } from '../linalg/vector.js';
import { wasmVariant } from '../linalg/wasm/linalg-module.js';
import type { Backend, BackendMetric, MetricFromMatrix, RegularizedSolution, RegularizedSystem } from './backend.js';
import { crossingOracle } from './crossing-oracle.js';

/** A cpu metric is the linalg `Metric` itself: Float64Array in, Float64Array out. */
export type CpuMetric = Metric & BackendMetric<Float64Array>;

function asLinalgMetric(m: BackendMetric<Float64Array>): Metric {
  if (!('shifted' in m)) throw new TypeError('cpu backend: metric was not made by the cpu backend');
  return m as Metric;
}

export interface CpuBackendOptions {
  /** which Cholesky kernel factors H + λB: wasm SIMD when available ('auto'), or the JS reference */
  readonly kernel?: KernelChoice;
}

export type CpuBackend = Backend<Float64Array, Matrix>;

/**
 * H + λB through `prepareShifted`: H (and B unless it is the identity) go to the kernel once; each λ
 * forms, factors and solves without an n×n allocation in JS. Bit for bit the result of factoring
 * `metric.shifted(h, λ)` with `cholesky()` and solving with `choleskySolve`.
 */
function prepareCpuRegularized(h: Matrix, metric: BackendMetric<Float64Array>, kernel: KernelChoice, prepared: WeakMap<Matrix, ShiftedSystem>): RegularizedSystem<Float64Array> {
  const m = asLinalgMetric(metric);
  if (h.rows !== m.n || h.cols !== m.n) throw new RangeError(`prepareRegularized: H is ${h.rows}×${h.cols}, the metric is ${m.n}×${m.n}`);
  const system = prepareShifted(h, m.isIdentity ? null : (m.dense ?? m.matrix()), kernel);
  prepared.set(h, system);
  return {
    n: m.n,
    solve(lambda, rhs): RegularizedSolution<Float64Array> {
      const r = system.solve(lambda, rhs);
      return r.ok ? { ok: true, x: r.x, residualBound: 0 } : { ok: false, reason: r.reason, pivot: r.pivot };
    },
  };
}

/** From this order on, H·h for an H prepared for H + λB runs on the H already in wasm memory (JS: 0.07 ms of a 1.1 ms LogSumExp 200×200 iteration). */
const WASM_PREPARED_PRODUCT_MIN_N = 32;

/** Which kernels a cpu backend's factorizations and rank-k updates run: the digests of a run depend on it. */
function kernelsName(kernel: KernelChoice): string {
  const variant = kernel === 'js' ? null : wasmVariant();
  if (variant === 'fma') return 'wasm SIMD kernels with fused multiply–add';
  return variant === 'simd' ? 'wasm SIMD kernels' : 'JS kernels';
}

/** float64 arithmetic on Float64Array, with the kernels of `src/linalg`. */
export function cpuBackend(options: CpuBackendOptions = {}): CpuBackend {
  const kernel = options.kernel ?? 'auto';
  const prepared = new WeakMap<Matrix, ShiftedSystem>();
  const backend: CpuBackend = {
    name: 'cpu',
    directSolves: true,
    precision: { name: 'float64', unitRoundoff: FLOAT64_UNIT_ROUNDOFF, digits: 15.95 },
    arithmetic: `cpu, float64 (${kernelsName(kernel)})`,
    withoutGpu: 'backend cpu runs on the CPU',
    vector: (values) => Float64Array.from(values),
    // the float64 Matrix itself: no backend operation writes a matrix in place (a copy cost 4% of a
    // LogSumExp 800×500 solve, bench:solve --profile)
    matrix: (a) => a,
    toFloat64: (x) => x.slice(),
    matrixToFloat64: (a) => matrix(a.rows, a.cols, a.data.slice()),
    length: (x) => x.length,
    dot,
    norm2,
    add: (x, y) => linearCombination(1, x, 1, y),
    sub: (x, y) => linearCombination(1, x, -1, y),
    scale: (a, x) => scale(a, x.slice()),
    axpy: (a, x, y) => axpy(a, x, y.slice()),
    // H·h with an H prepared for H + λB: the system's own product, with H already in wasm memory
    matVec: (a, x) => (a.rows >= WASM_PREPARED_PRODUCT_MIN_N ? prepared.get(a)?.times(x) : undefined) ?? matVec(a, x),
    matTVec: (a, x) => matTVec(a, x),
    symmetricRankK: (a, d) => symmetricRankK(a, d, kernel),
    addScaled,
    identityMetric: (n) => identityMetric(n),
    metric(b): MetricFromMatrix<Float64Array> {
      return denseMetric(b);
    },
    prepareRegularized: (h, metric) => prepareCpuRegularized(h, metric, kernel, prepared),
    solveRegularized(h, lambda, metric, rhs): RegularizedSolution<Float64Array> {
      return prepareCpuRegularized(h, metric, kernel, prepared).solve(lambda, rhs);
    },
    minEigenvalue(a, metric) {
      if (!metric || metric.isIdentity) {
        const v = symmetricEigenvalues(a);
        return v.length === 0 ? Infinity : v[0];
      }
      return metricMinEigenvalue(a, asLinalgMetric(metric));
    },
    operatorNorm(a, metric) {
      return metricOperatorNorm(a, metric ? asLinalgMetric(metric) : identityMetric(a.rows));
    },
    bindOracle: (problem) => crossingOracle(backend, problem),
    scoped: (f) => f(),
    keep: (value) => value,
    release() {},
  };
  return backend;
}
