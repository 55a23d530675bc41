/** Every property, for the suites and the property tests: a simple array (add yours to it). */
import { affineInvarianceProperty } from './affine-invariance.js';
import { backendAgreementProperty } from './backend-agreement.js';
import { corollary1CertifiedProperty } from './corollary1-certified.js';
import { corollary1EmpiricalProperty } from './corollary1-empirical.js';
import { lemma1DecreaseProperty } from './lemma1-decrease.js';
import { linearSolveProperty } from './linear-solve.js';
import { localQuadraticProperty } from './local-quadratic.js';
import { convexStepCertifiedProperty } from './convex-step-certified.js';
import { convexStepEmpiricalProperty } from './convex-step-empirical.js';
import { envelopeHolderHessianProperty } from './envelope-holder-hessian.js';
import { envelopeHolderThirdProperty } from './envelope-holder-third.js';
import { envelopeL0L1Property } from './envelope-l0-l1.js';
import { envelopeLipschitzGradientProperty } from './envelope-lipschitz-gradient.js';
import { envelopeQscProperty } from './envelope-qsc.js';
import { largeDataGpuProperty, largeDataProperty } from './large-data.js';
import { phaseDiagramProperty } from './phase-diagram.js';
import type { Property } from './property.js';
import { approximationConditionProperty } from './approximation-condition.js';
import { classLowerBoundProperty } from './class-lower-bound.js';
import { gammaCapProperty } from './gamma-cap.js';
import { harmonicMeanProperty } from './harmonic-mean.js';
import { lemma1ChainProperty } from './lemma1-chain.js';
import { searchGuaranteeProperty } from './search-guarantee.js';
import { quadraticDoublingProperty } from './quadratic-doubling.js';
import { rankOneStepProperty } from './rank-one-step.js';
import { scaleInvarianceProperty } from './scale-invariance.js';
import { stepBoundProperty } from './step-bound.js';
import { theorem1SumProperty } from './theorem1-sum.js';
import { trialCountProperty } from './trial-count.js';
import { descentProperty } from './descent.js';
import { gradientMethodRateProperty } from './gradient-method-rate.js';
import { gradientMethodExactWorstCaseProperty } from './gradient-method-exact-worst-case.js';
import { genKantorovichProperty } from './gen-kantorovich.js';
import { genNewtonStepProperty } from './gen-newton-step.js';
import { genSafeguardsProperty } from './gen-safeguards.js';
import { genScaleInvarianceProperty } from './gen-scale-invariance.js';
import { genMinibatchErrorProperty } from './gen-minibatch-error.js';
import { genTruncationOrderProperty } from './gen-truncation-order.js';
import { genThreePointExactProperty } from './gen-three-point-exact.js';
import { lehiAdamReductionProperty } from './lehi-adam-reduction.js';
import { lehiImitationUnbiasedProperty } from './lehi-imitation-unbiased.js';
import { lehiOutputConditionProperty } from './lehi-output-condition.js';
import { naturalGradientDampedSystemProperty } from './natural-gradient-damped-system.js';
import { naturalGradientKfacExactProperty } from './natural-gradient-kfac-exact.js';
import { naturalGradientPushThroughProperty } from './natural-gradient-push-through.js';
import { naturalGradientResidualContractionProperty } from './natural-gradient-residual-contraction.js';
import { rengRegularizedGradientProperty } from './reng-regularized-gradient.js';
import { pgdDescentProperty } from './pgd-descent.js';
import { pgdPerturbedProperty } from './pgd-perturbed.js';
import { saddleAvoidanceProperty } from './saddle-avoidance.js';

/**
 * The related methods' properties (GeN; nonlinearly preconditioned gradient descent and its perturbed
 * variant): the `peers` suite runs them, and they close ALL_PROPERTIES (the ci suite's seeds are by position).
 */
export const PEER_PROPERTIES: readonly Property[] = [
  genThreePointExactProperty,
  genNewtonStepProperty,
  genKantorovichProperty,
  genSafeguardsProperty,
  // nonlinearly preconditioned gradient descent (Bodard & Patrinos 2025)
  pgdDescentProperty,
  saddleAvoidanceProperty,
  pgdPerturbedProperty,
  // GeN's scale invariance, truncation order and minibatch error
  genScaleInvarianceProperty,
  genMinibatchErrorProperty,
  genTruncationOrderProperty,
  // LEHI and Adam (Zhu et al. 2026, reconstructed)
  lehiOutputConditionProperty,
  lehiImitationUnbiasedProperty,
  lehiAdamReductionProperty,
  // gradient-regularized natural gradients (Dash et al. 2026)
  naturalGradientDampedSystemProperty,
  naturalGradientPushThroughProperty,
  naturalGradientKfacExactProperty,
  naturalGradientResidualContractionProperty,
  rengRegularizedGradientProperty,
];

export const ALL_PROPERTIES: readonly Property[] = [
  linearSolveProperty,
  stepBoundProperty,
  lemma1DecreaseProperty,
  trialCountProperty,
  theorem1SumProperty,
  corollary1CertifiedProperty,
  corollary1EmpiricalProperty,
  quadraticDoublingProperty,
  localQuadraticProperty,
  rankOneStepProperty,
  scaleInvarianceProperty,
  affineInvarianceProperty,
  convexStepEmpiricalProperty,
  convexStepCertifiedProperty,
  envelopeQscProperty,
  envelopeHolderHessianProperty,
  envelopeHolderThirdProperty,
  envelopeLipschitzGradientProperty,
  envelopeL0L1Property,
  phaseDiagramProperty,
  lemma1ChainProperty,
  classLowerBoundProperty,
  searchGuaranteeProperty,
  gammaCapProperty,
  harmonicMeanProperty,
  approximationConditionProperty,
  // properties over every method (appended: the seeds of the suites and of calibration are by position)
  descentProperty,
  gradientMethodRateProperty,
  gradientMethodExactWorstCaseProperty,
  ...PEER_PROPERTIES,
];

/** Properties that compare a lower-precision backend with the float64 reference: run by the gpu suite, not applicable on cpu. */
export const BACKEND_PROPERTIES: readonly Property[] = [backendAgreementProperty];

/** Properties on large data-heavy instances: the gpu suite's sizes and the gpu-large suite's. */
export const LARGE_DATA_PROPERTIES: readonly Property[] = [largeDataProperty, largeDataGpuProperty];

/** Every property a suite or a replay string may name. */
export const EVERY_PROPERTY: readonly Property[] = [...ALL_PROPERTIES, ...BACKEND_PROPERTIES, ...LARGE_DATA_PROPERTIES];
