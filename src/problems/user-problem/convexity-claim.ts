import { pointMoves, samplePoint } from '../../classes/point-probes.js';
import type { ProbeSpace } from '../../classes/probe-space.js';
import { worstCase } from '../../classes/worst-case-search.js';
import { axpy } from '../../linalg/vector.js';
import type { Convexity } from '../certificate.js';
import type { Oracle } from '../oracle.js';
import { falseCertificateClaim, formatScalar, formatVector } from './claim-text.js';
import { valueSlack } from './value-claims.js';

/** refinement evaluations of the targeted search, beyond the sampled points (as the class spot checks) */
const REFINEMENTS = 48;
/** steps t = 2^-k·R, k = 0…LADDER, of the second differences at a probe */
const LADDER = 16;
const U = 2 ** -53;

interface Chord {
  readonly t: number;
  /** f(x + tv) + f(x − tv) − 2f(x) */
  readonly secondDifference: number;
  readonly slack: number;
}

/** the chords at x along v at every step of the ladder, with λ_min of ∇²f(x) relative to B */
interface ChordLadder {
  readonly x: Float64Array;
  readonly v: Float64Array;
  readonly lambdaMin: number;
  readonly lambdaMax: number;
  readonly chords: readonly Chord[];
}

/** second differences that shrink by a factor in [2, 8] per halving of t: like t^1…t^3, as curvature does (t²) and rounding does not */
const SHRINK = { min: 2, max: 8 };
/** consecutive halvings that must all show the violation */
const RUN = 3;

/**
 * The evidence of a ladder: the largest min over RUN consecutive steps of −(second difference)/ε, among
 * runs where every second difference is below −ε and shrinks as curvature does; above 1 it refutes
 * convexity. Without such a run it steers the search toward negative curvature with a value below ½:
 * ½·max(0, −λ_min)/(|λ_min| + |λ_max|).
 */
function evidence(ladder: ChordLadder): { ratio: number; at: number } {
  let best = { ratio: -Infinity, at: -1 };
  const c = ladder.chords;
  for (let k = 0; k + RUN <= c.length; k++) {
    const run = c.slice(k, k + RUN);
    if (!run.every((q) => q.secondDifference < -q.slack)) continue;
    const shrinking = run.slice(1).every((q, j) => {
      const factor = run[j].secondDifference / q.secondDifference;
      return factor >= SHRINK.min && factor <= SHRINK.max;
    });
    if (!shrinking) continue;
    const ratio = Math.min(...run.map((q) => -q.secondDifference / q.slack));
    if (ratio > best.ratio) best = { ratio, at: k };
  }
  if (best.at >= 0) return best;
  const spread = Math.abs(ladder.lambdaMin) + Math.abs(ladder.lambdaMax);
  return { ratio: spread > 0 ? (0.5 * Math.max(0, -ladder.lambdaMin)) / spread : 0, at: -1 };
}

/**
 * ε of a second difference f(x + tv) + f(x − tv) − 2f(x): ε_f of the values (value-claims.ts) for
 * their rounding, plus the rounding of the points x ± tv themselves (each entry off by ≤ 2u(|xᵢ| + t|vᵢ|)
 * after one multiply and one add, which moves f by ≤ 2u·Σ|∂ᵢf(x ± tv)|(|xᵢ| + t|vᵢ|) to first order),
 * doubled as the margin of the first-order step.
 */
function chordSlack(fp: number, fm: number, f0: number, gp: Float64Array, gm: Float64Array, x: Float64Array, t: number, v: Float64Array): number {
  let moved = 0;
  for (let i = 0; i < x.length; i++) moved += (Math.abs(gp[i]) + Math.abs(gm[i])) * (Math.abs(x[i]) + t * Math.abs(v[i]));
  return valueSlack(fp, fm) + valueSlack(f0, f0) + 4 * U * moved;
}

/**
 * A claimed 'convex' or 'strongly-convex' f satisfies the chord inequality f(x) ≤ ½(f(x + tv) + f(x − tv)).
 * The check steers by the Hessian — at each probe x, v is the generalized eigenvector of λ_min(∇²f(x))
 * relative to B — and judges by values of f: the claim is false where, for t = 2^-k·R at RUN = 3
 * consecutive k ≤ 16,
 *   f(x + tv) + f(x − tv) − 2f(x) < −ε   (ε from chordSlack)
 * with the second difference shrinking by 2…8 per halving, as negative curvature makes it (∝ t²) and
 * rounding does not. Values, not λ_min, are the evidence: the rounding of a user's ∇²f is relative to
 * the magnitudes of its summands, which are unknown (log-sum-exp's diag(p) − ppᵀ loses all relative
 * accuracy where p is nearly a unit vector, and λ_min reads −1e-17 on a convex f); for the same reason
 * ε alone is not trusted at one step (a quadratic ½eᵀQe + f* with large e and cancelling terms rounds
 * far above 1e-12·|f|), hence the run. The search climbs the evidence over sampled points (moves along
 * v, random perturbations, rescaling about x0). Strong convexity states no modulus, so it is checked
 * as convexity; 'nonconvex' and 'unknown' are not refutable by sampling and are not checked.
 */
export function checkConvexityClaim(o: Oracle, space: ProbeSpace, convexity: Convexity, samples: number): { falseClaim?: string; summary?: string } {
  if (convexity !== 'convex' && convexity !== 'strongly-convex') return {};
  const moves = pointMoves(space);
  const ladderAt = (x: Float64Array): ChordLadder => {
    const ge = space.generalizedEigen(o.hess(x));
    const v = ge.direction(0);
    const f0 = o.f(x);
    const chords: Chord[] = [];
    for (let k = 0; k <= LADDER; k++) {
      const t = space.radius * 2 ** -k;
      const xp = axpy(t, v, x.slice());
      const xm = axpy(-t, v, x.slice());
      const fp = o.f(xp);
      const fm = o.f(xm);
      chords.push({ t, secondDifference: fp + fm - 2 * f0, slack: chordSlack(fp, fm, f0, o.grad(xp), o.grad(xm), x, t, v) });
    }
    return { x, v, lambdaMin: ge.values[0], lambdaMax: ge.values[space.n - 1], chords };
  };
  const search = {
    sample: (k: number) => samplePoint(space, k),
    ratio: (x: Float64Array) => evidence(ladderAt(x)).ratio,
    moves: [
      (x: Float64Array, step: number) => moves.along(x, space.generalizedEigen(o.hess(x)).direction(0), step),
      (x: Float64Array, step: number) => moves.jitter(x, step),
      (x: Float64Array) => moves.rescale(x),
    ],
  };
  const worst = worstCase(search, samples, REFINEMENTS);
  if (!(worst.ratio > 1)) {
    return { summary: `${convexity}: no violation of the chord inequality beyond ε at ${worst.evaluations} points (worst evidence ${formatScalar(worst.ratio)}, false above 1)` };
  }
  const ladder = ladderAt(worst.probe);
  const { at } = evidence(ladder);
  const run = ladder.chords.slice(at, at + RUN);
  const c = run[0];
  return {
    falseClaim: falseCertificateClaim(
      convexity,
      `f(x + tv) + f(x − tv) − 2f(x) = ${formatScalar(c.secondDifference)} < −ε = −${c.slack.toExponential(2)} at x = ${formatVector(ladder.x)}, v = ${formatVector(ladder.v)}, t = ${formatScalar(c.t)}, ` +
        `and below −ε at t/2, t/4 too (${run.slice(1).map((q) => formatScalar(q.secondDifference)).join(', ')}), shrinking like curvature; λ_min(B^{-½}∇²f(x)B^{-½}) = ${formatScalar(ladder.lambdaMin)} ` +
        `(ε = 1e-12·(|f(x ± tv)| + 2|f(x)|) + 4u·Σ|∂ᵢf(x ± tv)|(|xᵢ| + t|vᵢ|))`,
    ),
  };
}
