import { membership } from '../problems/certificate.js';
import type { Instance } from '../problems/instance.js';

/**
 * A certified bound ‖∇²f(x)‖ ≤ C1 + C2‖∇f(x)‖_* from the instance's class memberships:
 * Lipschitz gradient L gives (L, 0); (L0, L1)-smoothness gives (L0, L1). Null when neither is proven.
 */
export function hessianNormBound(instance: Instance): { C1: number; C2: number; how: string } | null {
  const lip = membership(instance.certificate, 'lipschitz-gradient');
  const l0l1 = membership(instance.certificate, 'l0-l1-smooth');
  if (lip.length > 0) {
    const L = Math.min(...lip.map((m) => m.L));
    return { C1: L, C2: 0, how: `‖∇²f‖ ≤ L = ${L} (Lipschitz gradient)` };
  }
  if (l0l1.length > 0) return { C1: l0l1[0].L0, C2: l0l1[0].L1, how: `‖∇²f‖ ≤ L0 + L1‖g‖ ((L0,L1)-smooth)` };
  return null;
}
