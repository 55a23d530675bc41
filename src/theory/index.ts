import { affineInvariance } from './affine-invariance.js';
import { approximationCondition } from './approximation-condition.js';
import { backendAgreement, backendTrajectories } from './backend-agreement.js';
import { classLowerBound } from './class-lower-bound.js';
import { convexStepCertified, convexStepEmpirical } from './convex-step.js';
import { corollary1Certified } from './corollary1-certified.js';
import { corollary1Empirical } from './corollary1-empirical.js';
import { envelopeHolderHessian } from './envelope-holder-hessian.js';
import { envelopeHolderThird } from './envelope-holder-third.js';
import { envelopeL0L1 } from './envelope-l0-l1.js';
import { envelopeLipschitzGradient } from './envelope-lipschitz-gradient.js';
import { envelopeQsc } from './envelope-qsc.js';
import { gammaCap, gammaCapGrid } from './gamma-cap.js';
import { harmonicMean } from './harmonic-mean.js';
import { lemma1Chain } from './lemma1-chain.js';
import { lemma1Decrease } from './lemma1-decrease.js';
import { linearSolve } from './linear-solve.js';
import { localQuadratic } from './local-quadratic.js';
import { optimumBound } from './optimum-bound.js';
import { descent } from './descent.js';
import { gradientMethodRate } from './gradient-method-rate.js';
import { gradientMethodExactWorstCase } from './gradient-method-exact-worst-case.js';
import { phaseDiagramDegraded, phaseDiagramExactRate } from './phase-diagram.js';
import { phaseDiagramIterations } from './phase-diagram-iterations.js';
import { quadraticDoubling } from './quadratic-doubling.js';
import { rankOneStep } from './rank-one-step.js';
import { scaleInvariance } from './scale-invariance.js';
import { searchGuarantee } from './search-guarantee.js';
import { stepBound } from './step-bound.js';
import type { Theorem } from './theorem.js';
import { theorem1Sum } from './theorem1-sum.js';
import { trialCount } from './trial-count.js';

export type { Theorem, Assumption } from './theorem.js';
export type { Verdict } from './verdict.js';

/** Every theorem object, in the order of the spec's assertion list. */
import { genKantorovich } from './gen-kantorovich.js';
import { genNewtonStep } from './gen-newton-step.js';
import { genSafeguards } from './gen-safeguards.js';
import { genScaleInvariance } from './gen-scale-invariance.js';
import { genScaleInvarianceRelative } from './gen-scale-invariance-relative.js';
import { genMinibatchLosses } from './gen-minibatch-losses.js';
import { genMinibatchError } from './gen-minibatch-error.js';
import { genTruncationOrder } from './gen-truncation-order.js';
import { genThreePointExact } from './gen-three-point-exact.js';
import { pgdDescent } from './pgd-descent.js';
import { pgdJacobian } from './pgd-jacobian.js';
import { pgdPerturbationRadius } from './pgd-perturbation-radius.js';
import { pgdPerturbedSosp } from './pgd-perturbed-sosp.js';
import { pgdStationarityRate } from './pgd-stationarity-rate.js';
import { saddleAvoidance } from './saddle-avoidance.js';
import { saddleGlobalMinimum } from './saddle-global-minimum.js';
import { defossezBound } from './defossez-bound.js';
import { lehiAdamReduction } from './lehi-adam-reduction.js';
import { lehiImitationUnbiased } from './lehi-imitation-unbiased.js';
import { lehiOutputCondition } from './lehi-output-condition.js';
import { lehiOutputHessianFd } from './lehi-output-hessian-fd.js';
import { lehiSmallDenominator } from './lehi-small-denominator.js';
import { naturalGradientDampedSystem } from './natural-gradient-damped-system.js';
import { naturalGradientKfacExact } from './natural-gradient-kfac-exact.js';
import { naturalGradientKfacSplit } from './natural-gradient-kfac-split.js';
import { naturalGradientPushThrough } from './natural-gradient-push-through.js';
import { naturalGradientResidualContraction } from './natural-gradient-residual-contraction.js';
import { naturalGradientResidualContractionRelu } from './natural-gradient-residual-contraction-relu.js';
import { rengRegularizedGradient } from './reng-regularized-gradient.js';
export const THEOREMS: readonly Theorem[] = [
  linearSolve,
  stepBound,
  lemma1Decrease,
  optimumBound,
  lemma1Chain,
  classLowerBound,
  searchGuarantee,
  trialCount,
  theorem1Sum,
  corollary1Certified,
  corollary1Empirical,
  convexStepCertified,
  convexStepEmpirical,
  envelopeHolderHessian,
  envelopeHolderThird,
  envelopeQsc,
  envelopeL0L1,
  envelopeLipschitzGradient,
  scaleInvariance,
  affineInvariance,
  quadraticDoubling,
  localQuadratic,
  rankOneStep,
  approximationCondition,
  gammaCap,
  gammaCapGrid,
  harmonicMean,
  phaseDiagramIterations,
  phaseDiagramExactRate,
  phaseDiagramDegraded,
  backendAgreement,
  backendTrajectories,
  // theorems over every method that states what they assume
  descent,
  gradientMethodRate,
  gradientMethodExactWorstCase,
  // GeN's rate (Bu & Xu 2025)
  genThreePointExact,
  genNewtonStep,
  genKantorovich,
  genSafeguards,
  genScaleInvariance,
  genScaleInvarianceRelative,
  genMinibatchLosses,
  genMinibatchError,
  genTruncationOrder,
  // nonlinearly preconditioned gradient descent (Bodard & Patrinos 2025)
  pgdDescent,
  pgdStationarityRate,
  pgdJacobian,
  saddleAvoidance,
  saddleGlobalMinimum,
  pgdPerturbationRadius,
  pgdPerturbedSosp,
  // LEHI and Adam (Zhu et al. 2026, reconstructed; Défossez et al. 2022)
  lehiOutputCondition,
  lehiOutputHessianFd,
  lehiImitationUnbiased,
  lehiAdamReduction,
  defossezBound,
  lehiSmallDenominator,
  // gradient-regularized natural gradients (Dash et al. 2026)
  naturalGradientDampedSystem,
  naturalGradientPushThrough,
  naturalGradientKfacExact,
  naturalGradientKfacSplit,
  naturalGradientResidualContraction,
  naturalGradientResidualContractionRelu,
  rengRegularizedGradient,
];

/** The theorems whose violation fails the gate (the others are diagnostics, shown only). */
export function isGating(theoremId: string): boolean {
  return THEOREMS.find((t) => t.id === theoremId)?.gating ?? true;
}
