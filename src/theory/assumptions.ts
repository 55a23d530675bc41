import type { Assumption } from './theorem.js';

/** H_k ⪰ 0 is guaranteed by the Hessian model's certificate. */
export const hessianPsd: Assumption = {
  id: 'hessian-psd',
  statement: 'H_k ⪰ 0',
  holds: (run) => (run.model.certificate.psd ? true : `the model '${run.model.id}' is not certified PSD`),
};

/** f is proven convex. */
export const convex: Assumption = {
  id: 'convex',
  statement: 'f convex',
  holds: (run) => {
    const c = run.instance.certificate.convexity;
    return c === 'convex' || c === 'strongly-convex' ? true : `convexity is '${c}'`;
  },
};

/** f* is known by construction. */
export const knownOptimum: Assumption = {
  id: 'known-f-star',
  statement: 'f* known',
  holds: (run) => (run.instance.certificate.fStar !== undefined ? true : 'f* is not known for this instance'),
};

/** The Hessian model's error is certified as C1 + C2‖g‖^(1−β). */
export const certifiedApproximation: Assumption = {
  id: 'certified-approximation',
  statement: '‖∇²f − H‖ ≤ C1 + C2‖∇f‖_*^{1−β} certified',
  holds: (run) => (run.model.certificate.certified ? true : `the model '${run.model.id}' is uncertified`),
};
