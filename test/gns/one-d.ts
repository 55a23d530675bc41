import { matrix } from '../../src/linalg/matrix.js';
import { identityMetric } from '../../src/linalg/metric.js';
import { holderPowerPiece } from '../../src/problems/families/holder-power-sum.js';
import { logisticRegression } from '../../src/problems/families/logistic.js';
import { type ScalarPiece, separableSumOracle } from '../../src/problems/families/separable-sum.js';
import { thirdOrderPiece } from '../../src/problems/families/third-order-power-sum.js';
import type { Oracle } from '../../src/problems/oracle.js';

/** f(x) = ψ(x) in 1-D, B = 1 */
export function scalar(piece: ScalarPiece): Oracle {
  return separableSumOracle({ a: matrix(1, 1, Float64Array.of(1)), b: Float64Array.of(0), w: Float64Array.of(1) }, piece);
}

export const holder1D = (nu: number): Oracle => scalar(holderPowerPiece(nu, 'abs'));
export const quartic1D = (): Oracle => scalar(thirdOrderPiece(1, 'quartic'));
export const logistic1D = (): Oracle => logisticRegression({ features: matrix(1, 1, Float64Array.of(1)), labels: Float64Array.of(1), rho: 0 });
export const metric1 = identityMetric(1);
export const at = (x: number): Float64Array => Float64Array.of(x);
