import fc from 'fast-check';
import { matrix } from '../../linalg/matrix.js';
import { allFinite } from '../../linalg/vector.js';
import { rng } from '../../random/prng.js';
import type { Certificate } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import type { Instance, InstanceName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { readParams } from './family-params.js';
import { seeds } from './instance-names.js';
import { nanMatrix, nanVector } from './nan-results.js';
import { gaussianVector } from './random-data.js';

/**
 * f(x) = Σₖ (x₂ₖ² − x₂ₖ₊₁²)²/4 over consecutive pairs (docs/classes.md, the
 * counterexample of Bodard & Patrinos 2025). Per pair (x, y), d = x² − y²: ∇ = (d·x, −d·y),
 * ∇² = [[3x² − y², −2xy], [−2xy, 3y² − x²]], D³f[v, v] = (6x·a² − 4y·ab − 2x·b², −2y·a² − 4x·ab + 6y·b²)
 * for v = (a, b).
 */
export function quarticNegativeControlOracle(n: number): Oracle {
  if (n % 2 !== 0) throw new InstanceError('dim', `n = ${n} is odd: the function sums over pairs (x₂ₖ, x₂ₖ₊₁)`);
  return {
    dim: n,
    f(x) {
      if (!allFinite(x)) return NaN;
      let s = 0;
      for (let k = 0; k < n; k += 2) s += (x[k] * x[k] - x[k + 1] * x[k + 1]) ** 2 / 4;
      return s;
    },
    grad(x) {
      if (!allFinite(x)) return nanVector(n);
      const g = new Float64Array(n);
      for (let k = 0; k < n; k += 2) {
        const d = x[k] * x[k] - x[k + 1] * x[k + 1];
        g[k] = d * x[k];
        g[k + 1] = -d * x[k + 1];
      }
      return g;
    },
    // the summands of a(a² − b²) and b(a² − b²): a few u of |a|(a² + b²), |b|(a² + b²) is each component's rounding
    gradMagnitude(x) {
      const m = new Float64Array(n);
      for (let k = 0; k < n; k += 2) {
        const q = x[k] * x[k] + x[k + 1] * x[k + 1];
        m[k] = Math.abs(x[k]) * q;
        m[k + 1] = Math.abs(x[k + 1]) * q;
      }
      return m;
    },
    hess(x) {
      if (!allFinite(x)) return nanMatrix(n);
      const h = matrix(n, n);
      for (let k = 0; k < n; k += 2) {
        const [u, w] = [x[k], x[k + 1]];
        h.data[k * n + k] = 3 * u * u - w * w;
        h.data[(k + 1) * n + k + 1] = 3 * w * w - u * u;
        h.data[k * n + k + 1] = h.data[(k + 1) * n + k] = -2 * u * w;
      }
      return h;
    },
    hvp(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const out = new Float64Array(n);
      for (let k = 0; k < n; k += 2) {
        const [u, w, a, b] = [x[k], x[k + 1], v[k], v[k + 1]];
        out[k] = (3 * u * u - w * w) * a - 2 * u * w * b;
        out[k + 1] = -2 * u * w * a + (3 * w * w - u * u) * b;
      }
      return out;
    },
    third(x, v) {
      if (!allFinite(x)) return nanVector(n);
      const out = new Float64Array(n);
      for (let k = 0; k < n; k += 2) {
        const [u, w, a, b] = [x[k], x[k + 1], v[k], v[k + 1]];
        out[k] = 6 * u * a * a - 4 * w * a * b - 2 * u * b * b;
        out[k + 1] = -2 * w * a * a - 4 * u * a * b + 6 * w * b * b;
      }
      return out;
    },
  };
}

const ID = 'quartic-negative-control';
const PARAMS = {
  /** x0 ~ N(0, scale²·I) */
  scale: { kind: 'number', default: 1, min: 1e-6, max: 1e6 },
} as const;

function build(name: InstanceName): Instance {
  const { scale } = readParams(ID, name, PARAMS, 1000);
  const n = name.dim;
  const oracle = quarticNegativeControlOracle(n);
  const certificate: Certificate = {
    convexity: 'nonconvex',
    convexityHow:
      '∇²f at (x₀, x₁) = (1, 0) (other pairs 0) has the eigenvalue 3 − 4 = −1 on the pair: indefinite, so f is not convex. No smoothness membership: on a diagonal x₂ₖ = ±x₂ₖ₊₁ = t of a pair ∇f = 0 while ‖∇²f‖ = 4t², so ‖∇²f‖ ≤ L0 + L1‖∇f‖ fails for every (L0, L1) — not (L0,L1)-smooth, not Lipschitz-smooth (the negative control of the anisotropic theory).',
    memberships: [],
    fStar: 0,
    xStar: new Float64Array(n),
  };
  return { name, problem: counted(oracle), metric: { kind: 'identity' }, x0: gaussianVector(n, rng(name.seed), scale), certificate };
}

/** log-uniform in [lo, hi], rounded to 6 significant digits (a name that prints exactly) */
const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.noBias(fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true })).map((t) => Number(Math.exp(t).toPrecision(6)));

/** even dimensions only, 2-D half the time when the range allows */
function arbitrary(options: FamilyArbitraryOptions = {}): fc.Arbitrary<InstanceName> {
  const minPairs = Math.max(1, Math.ceil((options.minDim ?? 1) / 2));
  const maxPairs = Math.floor(Math.min(options.maxDim ?? 50, 1000) / 2);
  if (maxPairs < minPairs) throw new RangeError(`${ID}: no even n in [${options.minDim ?? 1}, ${options.maxDim ?? 50}]`);
  const pairs = fc.integer({ min: minPairs, max: maxPairs });
  return fc.record({
    family: fc.constant(ID),
    params: fc.record({ scale: logUniform(0.1, 10) }),
    dim: (minPairs === 1 ? fc.oneof(fc.constant(1), pairs) : pairs).map((k) => 2 * k),
    seed: seeds(),
  });
}

export const quarticNegativeControlFamily: Family = {
  id: ID,
  description: 'negative control Σ(x₂ₖ² − x₂ₖ₊₁²)²/4, n even: f* = 0 on the diagonals, where ∇f = 0 but ‖∇²f‖ = 4t²: not (L0,L1)-smooth',
  classes: [],
  build,
  arbitrary,
};
