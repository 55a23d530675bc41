/**
 * Minimization of an objective F(t) along a ray t ∈ [lo, hi] (t = ‖h‖) and of the per-ray minimum
 * over directions: a geometric grid in t, then golden-section refinement in log t around the best
 * grid point; over angles (2-D), a uniform polar grid then golden-section refinement in θ.
 */

const GOLDEN = (Math.sqrt(5) - 1) / 2;

export interface RayOptions {
  /** geometric grid points per decade of t */
  readonly perDecade: number;
  /** golden-section steps of the refinement */
  readonly refineSteps: number;
  /** stop the grid once t exceeds this function of the best value so far (e.g. φ ≥ t) */
  readonly prune?: (t: number, best: number) => boolean;
}

export interface RayMinimum {
  readonly value: number;
  readonly t: number;
  /** relative width of the last log-t bracket */
  readonly resolution: number;
}

/** min of F over [lo, hi] ∩ [tMin, tMax], hi itself included when finite. */
export function minimizeOnRay(F: (t: number) => number, lo: number, hi: number, tMin: number, tMax: number, o: RayOptions): RayMinimum | null {
  const a = Math.max(lo, tMin);
  const b = Math.min(hi, tMax);
  if (!(b >= a) || !(b > 0)) return null;
  const ts: number[] = [];
  const fs: number[] = [];
  let best = Infinity;
  let bestI = -1;
  const push = (t: number): void => {
    const v = F(t);
    ts.push(t);
    fs.push(v);
    if (v < best || bestI < 0) {
      best = v;
      bestI = ts.length - 1;
    }
  };
  if (a === b) {
    push(a);
    return { value: fs[0], t: a, resolution: 0 };
  }
  const start = Math.max(a, b * 1e-300);
  const step = 10 ** (1 / o.perDecade);
  for (let t = start; t < b; t *= step) {
    push(t);
    if (o.prune && o.prune(t, best)) break;
  }
  const last = ts.length > 0 ? ts[ts.length - 1] : 0;
  if (!(o.prune && last > 0 && o.prune(last, best))) push(b);
  // refine around the best grid point
  const i = bestI;
  let left = i > 0 ? Math.log(ts[i - 1]) : Math.log(ts[i]);
  let right = i < ts.length - 1 ? Math.log(ts[i + 1]) : Math.log(ts[i]);
  let bestT = ts[i];
  if (right > left) {
    let x1 = right - GOLDEN * (right - left);
    let x2 = left + GOLDEN * (right - left);
    let f1 = F(Math.exp(x1));
    let f2 = F(Math.exp(x2));
    for (let k = 0; k < o.refineSteps; k++) {
      if (f1 <= f2) {
        right = x2;
        x2 = x1;
        f2 = f1;
        x1 = right - GOLDEN * (right - left);
        f1 = F(Math.exp(x1));
      } else {
        left = x1;
        x1 = x2;
        f1 = f2;
        x2 = left + GOLDEN * (right - left);
        f2 = F(Math.exp(x2));
      }
      if (f1 < best) {
        best = f1;
        bestT = Math.exp(x1);
      }
      if (f2 < best) {
        best = f2;
        bestT = Math.exp(x2);
      }
    }
  }
  return { value: best, t: Math.min(Math.max(bestT, a), b), resolution: Math.expm1(right - left) };
}

export interface AngleMinimum {
  readonly value: number;
  readonly theta: number;
  readonly t: number;
  readonly resolution: number;
}

/**
 * min over θ ∈ [0, 2π) of ψ(θ) = (per-ray minimum along direction θ): `angles` grid points, then
 * golden-section refinement around the `candidates` best grid angles.
 */
export function minimizeOverAngles(
  ray: (theta: number) => { value: number; t: number } | null,
  angles: number,
  candidates: number,
  refineSteps: number,
): AngleMinimum | null {
  const grid: { theta: number; value: number; t: number }[] = [];
  const d = (2 * Math.PI) / angles;
  for (let j = 0; j < angles; j++) {
    const theta = j * d;
    const r = ray(theta);
    grid.push({ theta, value: r ? r.value : Infinity, t: r ? r.t : NaN });
  }
  let best = grid.reduce((m, p) => (p.value < m.value ? p : m), { theta: 0, value: Infinity, t: NaN });
  // local minima of the circular grid, best first
  const minima = grid
    .filter((p, j) => p.value <= grid[(j + angles - 1) % angles].value && p.value <= grid[(j + 1) % angles].value && Number.isFinite(p.value))
    .sort((p, q) => p.value - q.value)
    .slice(0, candidates);
  const value = (theta: number): { value: number; t: number } => {
    const r = ray(theta);
    return r ? { value: r.value, t: r.t } : { value: Infinity, t: NaN };
  };
  let resolution = d / 2;
  for (const m of minima) {
    let left = m.theta - d;
    let right = m.theta + d;
    let x1 = right - GOLDEN * (right - left);
    let x2 = left + GOLDEN * (right - left);
    let f1 = value(x1);
    let f2 = value(x2);
    for (let k = 0; k < refineSteps; k++) {
      if (f1.value <= f2.value) {
        right = x2;
        x2 = x1;
        f2 = f1;
        x1 = right - GOLDEN * (right - left);
        f1 = value(x1);
      } else {
        left = x1;
        x1 = x2;
        f1 = f2;
        x2 = left + GOLDEN * (right - left);
        f2 = value(x2);
      }
      if (f1.value < best.value) best = { theta: x1, value: f1.value, t: f1.t };
      if (f2.value < best.value) best = { theta: x2, value: f2.value, t: f2.t };
    }
    resolution = Math.min(resolution, right - left);
  }
  return Number.isFinite(best.value) || grid.length > 0 ? { value: best.value, theta: best.theta, t: best.t, resolution } : null;
}
