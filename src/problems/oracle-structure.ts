import type { Matrix } from '../linalg/matrix.js';
import type { Oracle } from './oracle.js';

/**
 * The data behind a data-heavy oracle, for a backend that evaluates the same function in its own
 * arithmetic (e.g. on tensors). Only the object a family's constructor returned carries it, and
 * `counted` passes it on: a copy or a wrapper (another f, a scaling, a change of coordinates) has
 * none unless it states its own (a scaling c·f, a change of coordinates f(Ty + b)), so a backend
 * never evaluates a function other than the one the solver was given.
 */
export type OracleStructure =
  /** μ·log Σᵢ exp((⟨aᵢ, x⟩ − bᵢ)/μ) */
  | { readonly kind: 'logsumexp'; readonly A: Matrix; readonly b: Float64Array; readonly mu: number }
  /** (1/N)·Σᵢ log(1 + exp(−yᵢ⟨aᵢ, x⟩)) + (ρ/2)‖x‖² */
  | { readonly kind: 'logistic'; readonly features: Matrix; readonly labels: Float64Array; readonly rho: number }
  /** (1/N)·Σᵢ [lse(uᵢ) − uᵢ,cᵢ] + (ρ/2)‖x‖², uᵢ,k = ⟨aᵢ, w_k⟩, x = (w_1; …; w_K) */
  | { readonly kind: 'softmax-regression'; readonly features: Matrix; readonly labels: Int32Array; readonly classes: number; readonly rho: number }
  /** (1/p)‖Ax − b‖^p */
  | { readonly kind: 'linear-residual-power'; readonly A: Matrix; readonly b: Float64Array; readonly p: number }
  /** c·f for the function f of `base` */
  | { readonly kind: 'scaled'; readonly c: number; readonly base: OracleStructure }
  /** y ↦ f(Ty + b) for the function f of `base` */
  | { readonly kind: 'affine'; readonly T: Matrix; readonly b: Float64Array; readonly base: OracleStructure };

const structures = new WeakMap<Oracle, OracleStructure>();

/** Marks `oracle` as the function `structure` describes; returns the oracle. */
export function withStructure<T extends Oracle>(oracle: T, structure: OracleStructure): T {
  structures.set(oracle, structure);
  return oracle;
}

/** The structure of this very oracle object, if its constructor gave it one. */
export function structureOf(oracle: Oracle): OracleStructure | undefined {
  return structures.get(oracle);
}
