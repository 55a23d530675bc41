import { describe, expect, it } from 'vitest';
import { matrix } from '../../src/linalg/matrix.js';
import { type NaturalGradientMethodOptions, rengMethod, ringMethod, rKalmanMethod } from '../../src/methods/natural-gradient.js';
import { denseNetworkModel } from '../../src/problems/dense-network.js';
import type { Instance } from '../../src/problems/instance.js';
import { minibatchSampler } from '../../src/problems/minibatch.js';
import { counted } from '../../src/problems/oracle.js';
import { buildInstance } from '../../src/problems/registry.js';
import { supervisedOracle } from '../../src/problems/supervised-oracle.js';
import { gaussian, rng } from '../../src/random/prng.js';
import { naturalGradient, type NaturalGradientOptions } from '../../src/solvers/natural-gradient.js';

const applies = (method: typeof ringMethod, instance: Instance, o: Partial<NaturalGradientMethodOptions>) => method.applies(instance, undefined as never, { ...method.defaults, ...o });
const validate = (method: typeof ringMethod, o: Partial<NaturalGradientMethodOptions>) => (method.validate as NonNullable<typeof method.validate>)({ ...method.defaults, ...o });

/** N = 20 rows, 3 classes, dim 6, l2 = 0 */
const softmax = buildInstance('softmax-regression/classes=3,samples=20/n=6/seed=1');

describe('batch sizes are bounded', () => {
  it('validate refuses batch and curvatureBatch above 2²⁰ in one line', () => {
    for (const method of [ringMethod, rengMethod, rKalmanMethod]) {
      expect(validate(method, { batch: 2e8 })).toBe('batch must be an integer in [0, 2²⁰], got 200000000');
      expect(validate(method, { curvatureBatch: 2 ** 20 + 1 })).toBe('curvatureBatch must be an integer in [0, 2²⁰], got 1048577');
      expect(validate(method, { batch: 2 ** 20, curvatureBatch: 2 ** 20 })).toBe(true);
    }
  });

  it('applies refuses batches above 64·N with replacement and above N without', () => {
    expect(applies(ringMethod, softmax, { batch: 1281 })).toBe('with-replacement sampling needs batches of at most 64·N = 1280 rows, got 1281');
    expect(applies(ringMethod, softmax, { batch: 1280 })).toBe(true);
    expect(applies(rengMethod, softmax, { curvatureBatch: 21, sampling: 'epochs' })).toBe('epochs sampling needs batches of at most N = 20 rows, got 21');
  });

  it('the sampler itself refuses them before allocating', () => {
    expect(() => minibatchSampler(20, 2e8, 'with-replacement', 1)).toThrow('minibatchSampler: size must be an integer in [1, 2²⁰], got 200000000');
    expect(() => minibatchSampler(20, 1281, 'with-replacement', 1)).toThrow('minibatchSampler: with-replacement needs size ≤ 64·N = 1280, got 1281');
  });
});

describe('the curvature rows are bounded in memory and work', () => {
  // dim 808, N = 10000, 8 classes: the GGN has R = 80000 rows
  const mixture = buildInstance('mlp-mixture/classes=8,d=16,hidden=32,samples=10000/n=808/seed=1');

  it('RING with default options on the large MLP is refused in one line, in every structure', () => {
    const rows = 'the curvature has 80000 rows of dim 808: R·dim = 64640000 exceeds 2²⁴ (set a smaller curvatureBatch)';
    expect(applies(ringMethod, mixture, {})).toBe(rows);
    expect(applies(ringMethod, mixture, { structure: 'kfac' })).toBe(rows);
    expect(applies(ringMethod, mixture, { structure: 'diagonal' })).toBe(rows);
    expect(applies(rKalmanMethod, mixture, {})).toBe(rows);
  });

  it('the dense route is bounded by R·dim² + dim³/3, the push-through route by R²·dim + R³/3', () => {
    expect(applies(ringMethod, mixture, { curvatureBatch: 500 })).toMatch(/^the dense curvature of 4000 rows in dim 808 needs 2\.79e\+9 multiply–adds per refresh, more than 2³¹/);
    expect(applies(ringMethod, mixture, { curvatureBatch: 500, structure: 'kfac' })).toBe(true);
    expect(applies(ringMethod, mixture, { curvatureBatch: 64 })).toBe(true);
    expect(applies(rKalmanMethod, mixture, { curvatureBatch: 250 })).toBe('the push-through system of 2000 rows in dim 808 needs 5.90e+9 multiply–adds per refresh, more than 2³¹');
    expect(applies(rKalmanMethod, mixture, { curvatureBatch: 64 })).toBe(true);
  });

  it('the peers experiments\' instances stay applicable with their options', () => {
    const cases: [string, typeof ringMethod, Partial<NaturalGradientMethodOptions>][] = [
      ['softmax-regression/classes=4,rho=0.001,samples=200/n=32/seed=1', ringMethod, {}],
      ['softmax-regression/classes=4,rho=0.001,samples=200/n=32/seed=1', rengMethod, {}],
      ['mlp-mixture/classes=3,d=4,hidden=16,l2=0.001,samples=120,separation=3/n=131/seed=1', ringMethod, {}],
      ['mlp-mixture/classes=3,d=4,hidden=16,l2=0.001,samples=120,separation=3/n=131/seed=1', rKalmanMethod, { curvatureBatch: 32 }],
      ['two-layer-relu/d=4,points=8/n=512/seed=1', ringMethod, { eta: 0.5 }],
      ['two-layer-relu/d=4,points=8/n=512/seed=1', rKalmanMethod, { rho: 1e-8 }],
    ];
    for (const [name, method, o] of cases) expect(applies(method, buildInstance(name), o)).toBe(true);
  });
});

describe('a damping that can vanish with no l2', () => {
  it('ρ = 0 with l2 = 0 is refused in one line; with l2 > 0 it applies', () => {
    for (const method of [ringMethod, rengMethod, rKalmanMethod]) expect(applies(method, softmax, { rho: 0 })).toBe('the damped system is singular without ρ > 0 or l2 > 0');
    expect(applies(ringMethod, buildInstance('softmax-regression/classes=3,rho=0.01,samples=20/n=6/seed=1'), { rho: 0 })).toBe(true);
  });

  it('the K-FAC and diagonal solves of a singular system fail (the run stalls) instead of dividing by zero', () => {
    // a softmax regression whose first feature is 0 on every row: C's rows and columns of its weights are exactly 0
    const next = rng(4);
    const features = matrix(10, 3, Float64Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 0 : gaussian(next))));
    const model = denseNetworkModel({ features, labels: Float64Array.from({ length: 10 }, (_, i) => i % 3), loss: 'softmax-cross-entropy', l2: 0, layers: [{ outputs: 3, bias: false, activation: 'identity' }] });
    const options: NaturalGradientOptions = { ...ringMethod.defaults, metric: { kind: 'identity' }, maxIters: 4, variant: 'ring', rho: 0 };
    for (const structure of ['kfac', 'diagonal'] as const) {
      const records = [...naturalGradient(counted(supervisedOracle(model, 'hvp-columns')), new Float64Array(model.dim), { ...options, structure })];
      expect(records).toHaveLength(1);
      expect(records[0].stepTaken).toBe(false);
      expect(Number.isNaN(records[0].solveTolerance)).toBe(true);
    }
  });
});
