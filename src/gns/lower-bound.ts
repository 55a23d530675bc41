import { classById } from '../classes/index.js';
import type { HessianKind } from '../classes/smoothness-class.js';
import type { HessianCertificate } from '../hessians/hessian-model.js';
import type { ClassId, Membership } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';

/** One class bound π(t) (docs/classes.md) for a membership of the instance. */
export interface ClassBound {
  readonly cls: ClassId;
  readonly membership: Membership;
  readonly pi: number;
}

/** Every finite class bound π(t) of the instance for the Hessian kind (docs/classes.md; NaN rows dropped). */
export function classBounds(instance: Instance, t: number, hessian: HessianKind): ClassBound[] {
  const out: ClassBound[] = [];
  for (const m of instance.certificate.memberships) {
    const cls = classById[m.class] as { lowerBound(t: number, m: Membership, h: HessianKind): number };
    const pi = cls.lowerBound(t, m, hessian);
    if (Number.isFinite(pi) && pi > 0) out.push({ cls: m.class, membership: m, pi });
  }
  return out;
}

export interface ModelBound {
  /** π(t) for the run's Hessian model: the largest bound that applies, NaN when none does */
  readonly pi: number;
  /** which class (and how the model's error entered) */
  readonly how: string;
}

/**
 * π(a) for the pair (f, H) of a run (docs/theory.md#class-lower-bounds):
 * - H ≡ 0 (`zero`): the first-order rows of §4 (Lipschitz gradient t/L, (L0,L1) with e − 1);
 * - a certified model ‖∇²f − H‖ ≤ C1 + C2 t^{1−β}: the harmonic combination (§2.3(c), §5.1)
 *   π_H(t)⁻¹ = π_exact(t)⁻¹ + (C1 + C2 t^{1−β})/t, which is π_exact itself for H = ∇²f;
 * - otherwise no bound (NaN).
 * Valid at the normaliser g = ∇f(x) only (the (L0,L1) rows, docs/theory.md#class-lower-bounds).
 */
export function modelLowerBound(instance: Instance, modelId: string, certificate: HessianCertificate, t: number): ModelBound {
  if (modelId === 'zero') {
    const b = classBounds(instance, t, 'zero');
    if (b.length === 0) return { pi: NaN, how: 'H ≡ 0: no first-order class bound' };
    const best = b.reduce((m, c) => (c.pi > m.pi ? c : m));
    return { pi: best.pi, how: `H ≡ 0, ${best.cls}` };
  }
  if (!certificate.certified) return { pi: NaN, how: `model '${modelId}' is uncertified` };
  const b = classBounds(instance, t, 'exact');
  if (b.length === 0) return { pi: NaN, how: 'no class bound for the exact Hessian' };
  const best = b.reduce((m, c) => (c.pi > m.pi ? c : m));
  const err = certificate.C1 + certificate.C2 * t ** (1 - certificate.beta);
  if (err === 0) return { pi: best.pi, how: best.cls };
  return { pi: 1 / (1 / best.pi + err / t), how: `${best.cls} ⊕ ‖E‖ ≤ ${certificate.C1} + ${certificate.C2}·a^${1 - certificate.beta}` };
}
