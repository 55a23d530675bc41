import type { ClassId } from '../problems/certificate.js';
import { generalizedSelfConcordant } from './generalized-self-concordant.js';
import { holderHessian } from './holder-hessian.js';
import { holderThird } from './holder-third.js';
import { l0l1Smooth } from './l0-l1-smooth.js';
import { lipschitzGradient } from './lipschitz-gradient.js';
import { quasiSelfConcordant } from './quasi-self-concordant.js';
import type { SmoothnessClass } from './smoothness-class.js';

export { boundedHessianVariation, holderHessian } from './holder-hessian.js';
export { holderThird, holderThirdKappa } from './holder-third.js';
export { lipschitzGradient } from './lipschitz-gradient.js';
export { quasiSelfConcordant, qscRoot, T_STAR } from './quasi-self-concordant.js';
export { l0l1Smooth } from './l0-l1-smooth.js';
export { generalizedSelfConcordant } from './generalized-self-concordant.js';
export { classCaseArbitrary, type ClassCase } from './generators.js';
export { ANISOTROPIC_SMOOTHNESS, anisotropicConstantsOf, certifiedAnisotropicConstants, type AnisotropicConstants, type OutsideTheory } from './anisotropic-constants.js';
export { saturationEstimate, type SaturationEstimate, type SaturationLevel } from './saturation-estimate.js';
export { curvatureMapMaxEigenvalue, preconditionedHessian } from './curvature-map.js';
export type { HessianKind, SmoothnessClass, SpotCheckOptions, SpotCheckResult } from './smoothness-class.js';

/** Every smoothness class, by id. */
export const classById: { readonly [C in ClassId]: SmoothnessClass<C> } = {
  'holder-hessian': holderHessian,
  'lipschitz-gradient': lipschitzGradient,
  'holder-third': holderThird,
  'quasi-self-concordant': quasiSelfConcordant,
  'l0-l1-smooth': l0l1Smooth,
  'generalized-self-concordant': generalizedSelfConcordant,
};

export const smoothnessClasses: readonly SmoothnessClass[] = Object.values(classById) as SmoothnessClass[];
