/**
 * What is *proven* about an instance, with the argument for each constant in `how`. Constants are in
 * the instance's metric B: ‖h‖ = ⟨Bh,h⟩^½, ‖s‖_* = ⟨s,B⁻¹s⟩^½, and operator norms from ‖·‖ to ‖·‖_*.
 * A membership is stated only when its constant is certified; nothing here is fitted or nominal.
 */
export type Membership =
  /** ‖∇²f(x) − ∇²f(y)‖ ≤ L‖x − y‖^ν, ν ∈ [0, 1] (ν = 0: bounded Hessian variation) */
  | { readonly class: 'holder-hessian'; readonly nu: number; readonly L: number; readonly how: string }
  /** ‖∇f(x) − ∇f(y)‖_* ≤ L‖x − y‖ */
  | { readonly class: 'lipschitz-gradient'; readonly L: number; readonly how: string }
  /** ‖D³f(x) − D³f(y)‖ ≤ L‖x − y‖^ν for convex f, ν ∈ [0, 1] */
  | { readonly class: 'holder-third'; readonly nu: number; readonly L: number; readonly how: string }
  /** D³f(x)[h, h, v] ≤ M‖v‖⟨∇²f(x)h, h⟩ */
  | { readonly class: 'quasi-self-concordant'; readonly M: number; readonly how: string }
  /** ‖∇²f(x)‖ ≤ L0 + L1‖∇f(x)‖_* */
  | { readonly class: 'l0-l1-smooth'; readonly L0: number; readonly L1: number; readonly how: string }
  /** |D³f(x)[u, u, v]| ≤ M⟨∇²f(x)u, u⟩·‖v‖_x^(ν−2)·‖v‖^(3−ν) (Sun & Tran-Dinh 2019, with ‖·‖ from B) */
  | { readonly class: 'generalized-self-concordant'; readonly nu: number; readonly M: number; readonly how: string };

export type ClassId = Membership['class'];

export type Convexity = 'strongly-convex' | 'convex' | 'nonconvex' | 'unknown';

export interface Certificate {
  /** 'convex' and 'strongly-convex' are proven; 'nonconvex' is proven too (e.g. a strict saddle) */
  readonly convexity: Convexity;
  readonly convexityHow: string;
  readonly memberships: readonly Membership[];
  /** optimal value and a minimizer, when known by construction */
  readonly fStar?: number;
  readonly xStar?: Float64Array;
  /** a bound on D = sup{‖x − x*‖ : f(x) ≤ f(x0)} when the sublevel set is bounded */
  readonly sublevelRadius?: number;
  readonly sublevelRadiusHow?: string;
  /** where ∇²f jumps, for a C^{1,1} f whose Hessian is not continuous (e.g. the sphere ‖x‖ = τ of a Huber function); absent: ∇²f continuous */
  readonly hessianJumps?: string;
  /** critical points with a negative Hessian eigenvalue, each with its stable manifold, for saddle-avoidance checks */
  readonly strictSaddles?: readonly StrictSaddle[];
}

/**
 * A critical point x̄ with λ_min(∇²f(x̄)) < 0. Its local stable manifold, for maps x⁺ = x − c(x)·∇f(x)
 * with a scalar c(x) > 0 (the gradient method, P-GD with an isotropic kernel), is the coordinate
 * subspace {x : xᵢ = x̄ᵢ for every i in `unstableCoordinates`}: such maps keep a start there on it, and `how` says why a descent method then converges to x̄.
 */
export interface StrictSaddle {
  readonly point: Float64Array;
  /** λ_min(∇²f(point)), negative */
  readonly minEigenvalue: number;
  /** the coordinates held at point's values on the stable manifold (the others are free on it) */
  readonly unstableCoordinates: readonly number[];
  readonly how: string;
}

export function membership<C extends ClassId>(cert: Certificate, cls: C): Extract<Membership, { class: C }>[] {
  return cert.memberships.filter((m): m is Extract<Membership, { class: C }> => m.class === cls);
}

/** the smallest certified Lipschitz constant of ∇f (in the metric B), or null where none is certified */
export function smallestLipschitzConstant(cert: Certificate): number | null {
  const Ls = membership(cert, 'lipschitz-gradient').map((m) => m.L);
  return Ls.length === 0 ? null : Math.min(...Ls);
}
