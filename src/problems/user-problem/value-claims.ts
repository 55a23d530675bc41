import type { ProbeSpace } from '../../classes/probe-space.js';
import { solveSpd } from '../../linalg/cholesky.js';
import { allFinite, axpy } from '../../linalg/vector.js';
import type { Oracle } from '../oracle.js';
import { falseCertificateClaim, formatScalar, formatVector } from './claim-text.js';

/**
 * The rounding of f allowed when values are compared: ε_f(a, b) = 1e-12·(|a| + |b|), about 4.5e3·u
 * relative — the error bound γ_m = m·u/(1 − m·u) of a float64 sum of m ≈ 4.5e3 terms of one sign. It
 * is the ε_f of the optimum-bound theorem (src/theory/optimum-bound.ts) in float64: a value below
 * f* − ε_f that a run would report as a violation is, at the points evaluated here, reported as a
 * false claim before any run.
 */
export function valueSlack(a: number, b: number): number {
  return 1e-12 * (Math.abs(a) + Math.abs(b));
}

/** The lowest value of f among those evaluated, with its point. */
export class LowestValue {
  x: Float64Array | null = null;
  f = Infinity;
  count = 0;

  see(x: Float64Array, f: number): void {
    this.count++;
    if (f < this.f) {
      this.f = f;
      this.x = x;
    }
  }
}

/** halvings of the step before a direction is given up */
const BACKTRACKS = 40;

/**
 * One descent step from x: the Newton direction where ∇²f(x) factors as positive definite, then
 * −B⁻¹∇f(x), each with step halving until f decreases; points stay within the probe region (clip).
 * Null when neither direction decreases f.
 */
function descentStep(o: Oracle, space: ProbeSpace, x: Float64Array, fx: number): { x: Float64Array; f: number } | null {
  const g = o.grad(x);
  const newton = solveSpd(o.hess(x), g);
  const directions = [...(newton.ok && allFinite(newton.x) ? [newton.x] : []), space.metric.solve(g)];
  for (const d of directions) {
    let t = 1;
    for (let k = 0; k < BACKTRACKS; k++, t /= 2) {
      const y = space.clip(axpy(-t, d, x.slice()));
      const fy = o.f(y);
      if (fy < fx) return { x: y, f: fy };
    }
  }
  return null;
}

/** Up to `steps` descent steps from x: the targeted search for a value below a claimed f* or f(x*). */
export function descend(o: Oracle, space: ProbeSpace, x: Float64Array, steps: number): { x: Float64Array; f: number } {
  let current = { x, f: o.f(x) };
  for (let k = 0; k < steps; k++) {
    const next = descentStep(o, space, current.x, current.f);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * A claimed minimizer x*: false when descent from x* reaches f(y) < f(x*) − ε_f (x* is then no
 * minimizer), or, with a claimed f*, when f(x*) > f* + ε_f (f(x*) = f* fails; a value below f* is the
 * f* check's). ‖∇f(x*)‖_* is quoted as context, not judged alone: the rounding level of a user's ∇f
 * near a minimizer (a cancelling sum) is unknown, while a decrease of f beyond ε_f is evidence.
 */
export function checkMinimizerClaim(o: Oracle, space: ProbeSpace, xStar: Float64Array, fStar: number | undefined, steps: number): { falseClaims: string[]; summary: string } {
  const fx = o.f(xStar);
  const gradNorm = space.metric.dualNorm(o.grad(xStar));
  const label = `x* = ${formatVector(xStar)}`;
  const falseClaims: string[] = [];
  if (fStar !== undefined && fx > fStar + valueSlack(fx, fStar)) {
    falseClaims.push(
      falseCertificateClaim(`f(x*) = f* = ${fStar}`, `f(x*) = ${formatScalar(fx)} > f* + ε_f = ${formatScalar(fStar + valueSlack(fx, fStar))} at ${label} (ε_f = 1e-12·(|f(x*)| + |f*|))`),
    );
  }
  const reached = descend(o, space, xStar, steps);
  if (reached.f < fx - valueSlack(reached.f, fx)) {
    falseClaims.push(
      falseCertificateClaim(
        label,
        `f(y) = ${formatScalar(reached.f)} < f(x*) − ε_f = ${formatScalar(fx - valueSlack(reached.f, fx))} at y = ${formatVector(reached.x)}, reached by descent from x* (‖∇f(x*)‖_* = ${formatScalar(gradNorm)}; ε_f = 1e-12·(|f(y)| + |f(x*)|))`,
      ),
    );
  }
  return { falseClaims, summary: `x*: f(x*) = ${formatScalar(fx)}, ‖∇f(x*)‖_* = ${formatScalar(gradNorm)}, no descent below f(x*) − ε_f` };
}

/** A claimed f* = inf f: false when some evaluated f(x) < f* − ε_f(f(x), f*). */
export function checkOptimalValueClaim(lowest: LowestValue, fStar: number): { falseClaim?: string; summary: string } {
  const summary = `f* = ${fStar}: lowest f over ${lowest.count} evaluations ${formatScalar(lowest.f)}`;
  if (lowest.x === null || !(lowest.f < fStar - valueSlack(lowest.f, fStar))) return { summary };
  return {
    summary,
    falseClaim: falseCertificateClaim(
      `f* = ${fStar}`,
      `f(x) = ${formatScalar(lowest.f)} < f* − ε_f = ${formatScalar(fStar - valueSlack(lowest.f, fStar))} at x = ${formatVector(lowest.x)} (ε_f = 1e-12·(|f(x)| + |f*|); lowest of ${lowest.count} evaluated values)`,
    ),
  };
}
