/**
 * Affine substitution (docs/theory.md#affine-invariance): f̃(y) = f(Ty + b) with B̃ = TᵀBT and H̃(y) = TᵀH(Ty + b)T.
 * Every quantity of Algorithm 1 is then the same in both coordinates (‖g̃‖_{B̃,*} = ‖g‖_{B,*},
 * ⟨H̃h̃, h̃⟩ = ⟨Hh, h⟩ for h = Th̃), so in exact arithmetic the iterates map as x_k = Ty_k + b; class
 * constants and Hessian-model certificates, stated in the metric, carry over unchanged.
 */
import type { HessianModel, HessianValue } from '../hessians/hessian-model.js';
import { type Matrix, matMul, matrix, matTVec, matVec, symmetrizeInPlace, transpose } from '../linalg/matrix.js';
import { solveSpd } from '../linalg/cholesky.js';
import type { Instance } from '../problems/instance.js';
import { counted, type Oracle } from '../problems/oracle.js';
import { structureOf, withStructure } from '../problems/oracle-structure.js';
import { gaussian, rng } from '../random/prng.js';

export interface AffineMap {
  readonly T: Matrix;
  readonly b: Float64Array;
}

/** T = I + 0.3·G/√n (well conditioned) and b ~ N(0, I/n), from a seed. */
export function randomAffineMap(n: number, seed: number): AffineMap {
  const next = rng(seed);
  const T = matrix(n, n, Float64Array.from({ length: n * n }, () => (0.3 * gaussian(next)) / Math.sqrt(n)));
  for (let i = 0; i < n; i++) T.data[i * n + i] += 1;
  return { T, b: Float64Array.from({ length: n }, () => gaussian(next) / Math.sqrt(n)) };
}

/** x = Ty + b */
export function applyAffine(map: AffineMap, y: Float64Array): Float64Array {
  const x = matVec(map.T, y);
  for (let i = 0; i < x.length; i++) x[i] += map.b[i];
  return x;
}

function sandwich(T: Matrix, h: Matrix): Matrix {
  return symmetrizeInPlace(matMul(matMul(transpose(T), h), T));
}

/** f(Ty + b), keeping the oracle's structure (transformed) so that a backend can evaluate it natively. */
function transformedOracle(o: Oracle, map: AffineMap): Oracle {
  const third = o.third;
  const structure = structureOf(o);
  const transformed: Oracle = {
    dim: o.dim,
    f: (y) => o.f(applyAffine(map, y)),
    grad: (y) => matTVec(map.T, o.grad(applyAffine(map, y))),
    hess: (y) => sandwich(map.T, o.hess(applyAffine(map, y))),
    hvp: (y, v) => matTVec(map.T, o.hvp(applyAffine(map, y), matVec(map.T, v))),
    ...(third ? { third: (y: Float64Array, v: Float64Array) => matTVec(map.T, third.call(o, applyAffine(map, y), matVec(map.T, v))) } : {}),
  };
  return structure ? withStructure(transformed, { kind: 'affine', T: map.T, b: map.b, base: structure }) : transformed;
}

/** The instance in y-coordinates; null when T is numerically singular. */
export function affineInstance(instance: Instance, map: AffineMap): Instance | null {
  const n = instance.problem.dim;
  const tt = matMul(transpose(map.T), map.T);
  const shifted = Float64Array.from(instance.x0, (v, i) => v - map.b[i]);
  const y0 = solveSpd(tt, matTVec(map.T, shifted));
  if (!y0.ok) return null;
  const B = instance.metric.kind === 'identity' ? tt : sandwich(map.T, instance.metric.B);
  const xStar = instance.certificate.xStar;
  let yStar: Float64Array | undefined;
  if (xStar) {
    const s = solveSpd(tt, matTVec(map.T, Float64Array.from(xStar, (v, i) => v - map.b[i])));
    if (s.ok) yStar = s.x;
  }
  const { xStar: _dropped, ...rest } = instance.certificate;
  return {
    ...instance,
    problem: counted(transformedOracle(instance.problem.oracle, map)),
    metric: { kind: 'dense', B: matrix(n, n, B.data) },
    x0: y0.x,
    certificate: { ...rest, ...(yStar ? { xStar: yStar } : {}) },
  };
}

function transformedValue(v: HessianValue, map: AffineMap): HessianValue {
  if (v.kind === 'zero') return v;
  if (v.kind === 'rank-one') return { kind: 'rank-one', alpha: v.alpha, v: matTVec(map.T, v.v) };
  return { kind: 'dense', matrix: sandwich(map.T, v.matrix) };
}

/** H̃(y) = TᵀH(Ty + b)T; the certificate (stated in the metric) is unchanged. */
export function affineModel(base: HessianModel, map: AffineMap): HessianModel {
  return { id: base.id, certificate: base.certificate, at: (y, k) => transformedValue(base.at(applyAffine(map, y), k), map) };
}
