/**
 * GeN's candidate rates along a direction d (Bu & Xu 2025, arXiv 2407.02772): the second-order model
 * L(w − ηd) − L(w) ≈ ½aη² − bη with a = dᵀ∇²L d and b = ∇Lᵀd has its minimizer at η* = b/a.
 * Every estimator returns the fitted (a, b) and the candidate b/a; whether the candidate is used is
 * the rate rule's decision (gen-rate-rule.ts).
 */

export const GEN_RATE_FORMS = ['exact', 'three-point', 'least-squares'] as const;
export type GenRateForm = (typeof GEN_RATE_FORMS)[number];

/** What an estimator may ask about the current iterate w and its direction d. */
export interface RateProbes {
  /** the probe step p = η_{t−1} */
  readonly probe: number;
  /** L₀ = f(w) */
  readonly f0: number;
  /** f(w − η·d) */
  lossAt(eta: number): number;
  /** ∇fᵀd at w */
  slope(): number;
  /** dᵀ∇²f d at w (a Hessian-vector product) */
  curvature(): number;
}

export interface RateEstimate {
  /** fitted curvature a and slope b of ½aη² − bη */
  readonly a: number;
  readonly b: number;
  readonly candidate: number;
  /** L₀, L₊ = f(w − pd), L₋ = f(w + pd) where probed (NaN otherwise) */
  readonly L0: number;
  readonly Lplus: number;
  readonly Lminus: number;
  /** R² of the fit (1 where the model interpolates) */
  readonly r2: number;
}

export type RateEstimator = (probes: RateProbes) => RateEstimate;

/** η* = ∇fᵀd / dᵀ∇²f d from a Hessian-vector product (Bu & Xu 2025, Table 1). */
export const exactRate: RateEstimator = (q) => {
  const a = q.curvature();
  const b = q.slope();
  return { a, b, candidate: b / a, L0: q.f0, Lplus: NaN, Lminus: NaN, r2: 1 };
};

/**
 * Symmetric differences with L₊ on the side stepped to: ∇fᵀd ≈ (L₋ − L₊)/(2p), dᵀ∇²f d ≈ (L₊ − 2L₀ + L₋)/p²,
 * η̂ = (p/2)(L₋ − L₊)/(L₊ − 2L₀ + L₋); formed from the differences L± − L₀ (the authors' lr_parabola with lr factors ±1).
 */
export const threePointRate: RateEstimator = (q) => {
  const p = q.probe;
  const Lplus = q.lossAt(p);
  const Lminus = q.lossAt(-p);
  const up = Lplus - q.f0;
  const down = Lminus - q.f0;
  return { a: (up + down) / (p * p), b: (down - up) / (2 * p), candidate: ((p / 2) * (down - up)) / (up + down), L0: q.f0, Lplus, Lminus, r2: 1 };
};

/** The authors' default lr factors of the least-squares fit. */
export const DEFAULT_LR_FACTORS: readonly number[] = [-1, 0, 1];

/**
 * Least squares of Δ(η) = ½aη² − bη to f(w − ηd) − L₀ at η = c·p for the factors c (the authors'
 * lr_parabola), with R² = 1 − Σ residual² / Σ (Δ − mean Δ)²; candidate b/a.
 */
export function leastSquaresRate(factors: readonly number[] = DEFAULT_LR_FACTORS): RateEstimator {
  return (q) => {
    const p = q.probe;
    const etas = factors.map((c) => c * p);
    const deltas = etas.map((eta, i) => (factors[i] === 0 ? 0 : q.lossAt(eta) - q.f0));
    // normal equations of the basis (½η², −η)
    let s11 = 0;
    let s12 = 0;
    let s22 = 0;
    let t1 = 0;
    let t2 = 0;
    for (let i = 0; i < etas.length; i++) {
      const u = 0.5 * etas[i] * etas[i];
      const v = -etas[i];
      s11 += u * u;
      s12 += u * v;
      s22 += v * v;
      t1 += u * deltas[i];
      t2 += v * deltas[i];
    }
    const det = s11 * s22 - s12 * s12;
    const a = (t1 * s22 - t2 * s12) / det;
    const b = (s11 * t2 - s12 * t1) / det;
    const mean = deltas.reduce((s, d) => s + d, 0) / deltas.length;
    let residual = 0;
    let total = 0;
    for (let i = 0; i < etas.length; i++) {
      residual += (deltas[i] - (0.5 * a * etas[i] * etas[i] - b * etas[i])) ** 2;
      total += (deltas[i] - mean) ** 2;
    }
    const at = (c: number): number => {
      const i = factors.indexOf(c);
      return i < 0 ? NaN : q.f0 + deltas[i];
    };
    return { a, b, candidate: b / a, L0: q.f0, Lplus: at(1), Lminus: at(-1), r2: total > 0 ? 1 - residual / total : residual === 0 ? 1 : 0 };
  };
}

export function rateEstimator(form: GenRateForm): RateEstimator {
  return form === 'exact' ? exactRate : form === 'three-point' ? threePointRate : leastSquaresRate();
}
