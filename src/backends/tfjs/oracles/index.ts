import type { OracleStructure } from '../../../problems/oracle-structure.js';
import type { Tf } from '../conjugate-gradients.js';
import type { TensorFunction } from '../tensor-oracle.js';
import { affineTensors } from './affine.js';
import { linearResidualPowerTensors } from './linear-residual-power.js';
import { logisticTensors } from './logistic.js';
import { logSumExpTensors } from './logsumexp.js';
import { scaledTensors } from './scaled.js';
import { softmaxRegressionTensors } from './softmax-regression.js';

/** The tensor form of a data-heavy family's function, its data uploaded now. */
export function tensorFunctionFor(tf: Tf, s: OracleStructure): TensorFunction<unknown> {
  switch (s.kind) {
    case 'logsumexp':
      return logSumExpTensors(tf, s) as TensorFunction<unknown>;
    case 'logistic':
      return logisticTensors(tf, s) as TensorFunction<unknown>;
    case 'softmax-regression':
      return softmaxRegressionTensors(tf, s) as TensorFunction<unknown>;
    case 'linear-residual-power':
      return linearResidualPowerTensors(tf, s) as TensorFunction<unknown>;
    case 'scaled':
      return scaledTensors(tf, tensorFunctionFor(tf, s.base), s.c);
    case 'affine':
      return affineTensors(tf, tensorFunctionFor(tf, s.base), s) as TensorFunction<unknown>;
  }
}
