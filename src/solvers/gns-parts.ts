import { type AcceptanceTest, lemma1Acceptance } from './acceptance-test.js';
import { doubleOrHalve, type GammaUpdate } from './gamma-update.js';
import { recordAsComputed, type RecordReport } from './gns-record.js';
import { type IdealGammaChoice, thetaTimesCertified } from './ideal-gamma.js';
import { type LambdaRule, lambdaOfGradNorm } from './lambda-rule.js';
import { prepareStep, type StepSolve } from './regularized-step.js';

/**
 * The parts Algorithm 1 is composed of (cf. Optax's chained transformations): a
 * variant of the method, a defective one included, is a swapped part, never a copied loop. The
 * search policy that uses them (adaptive-search.ts, ideal-gamma.ts) is chosen in GnsOptions.search.
 */
export interface GnsParts {
  /** h(λ) = −(H + λB)⁻¹g */
  readonly solveStep: StepSolve;
  /** λ from ‖∇f‖_* and γ */
  readonly lambda: LambdaRule;
  /** the adaptive search's test of a trial */
  readonly accepts: AcceptanceTest;
  /** the adaptive search's γ after a trial */
  readonly updateGamma: GammaUpdate;
  /** the ideal policy's γ_k from θ and the certified γ(x_k) */
  readonly idealGamma: IdealGammaChoice;
  /** the record reported for an iteration */
  readonly report: RecordReport;
}

/** Algorithm 1 as the paper states it. */
export const GNS_PARTS: GnsParts = {
  solveStep: prepareStep,
  lambda: lambdaOfGradNorm,
  accepts: lemma1Acceptance,
  updateGamma: doubleOrHalve,
  idealGamma: thetaTimesCertified,
  report: recordAsComputed,
};
