import { describe, expect, it } from 'vitest';
import { matrix } from '../../src/linalg/matrix.js';
import { ringMethod } from '../../src/methods/natural-gradient.js';
import { denseNetworkModel } from '../../src/problems/dense-network.js';
import { counted } from '../../src/problems/oracle.js';
import { supervisedOracle } from '../../src/problems/supervised-oracle.js';
import { gaussian, rng } from '../../src/random/prng.js';
import { naturalGradient, type NaturalGradientOptions, type NaturalGradientVariant } from '../../src/solvers/natural-gradient.js';

/** gradient calls charged per iteration (full-batch equivalents) by a run of `variant` on a tanh MLP 3 → 4 → 3, N = 12 */
function callsPerIteration(variant: NaturalGradientVariant, batch: number): number[] {
  const next = rng(2);
  const model = denseNetworkModel({
    features: matrix(12, 3, Float64Array.from({ length: 36 }, () => gaussian(next))),
    labels: Float64Array.from({ length: 12 }, (_, i) => i % 3),
    loss: 'softmax-cross-entropy',
    l2: 1e-3,
    layers: [
      { outputs: 4, bias: true, activation: 'tanh' },
      { outputs: 3, bias: true, activation: 'identity' },
    ],
  });
  const x0 = Float64Array.from({ length: model.dim }, () => 0.5 * gaussian(next));
  const options: NaturalGradientOptions = { ...ringMethod.defaults, metric: { kind: 'identity' }, maxIters: 4, variant, structure: 'kfac', batch, seed: 1 };
  const records = [...naturalGradient(counted(supervisedOracle(model, 'hvp-columns')), x0, options)];
  return records.slice(1).map((r, k) => r.gradCalls - records[k].gradCalls);
}

describe('oracle calls of the natural-gradient loop', () => {
  it('RENG is charged one gradient call per Hessian–vector product on its gradient batch (B/N on a batch of B rows) beyond RING', () => {
    for (const [batch, hvpCalls] of [
      [0, 1],
      [4, 4 / 12],
    ] as const) {
      const ring = callsPerIteration('ring', batch);
      const reng = callsPerIteration('reng', batch);
      expect(ring).toHaveLength(3);
      reng.forEach((calls, k) => expect(calls - ring[k]).toBeCloseTo(hvpCalls, 12));
    }
  });
});
