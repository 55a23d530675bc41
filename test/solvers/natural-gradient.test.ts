import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matrix } from '../../src/linalg/matrix.js';
import { norm2 } from '../../src/linalg/vector.js';
import { rengMethod, ringMethod, rKalmanMethod, naturalGradientMethodWith } from '../../src/methods/natural-gradient.js';
import { methodById } from '../../src/methods/registry.js';
import { missingPromisedField, type NaturalGradientFields, type StepRecord } from '../../src/methods/step-record.js';
import { batchGradient } from '../../src/problems/curvature.js';
import { denseNetworkModel } from '../../src/problems/dense-network.js';
import { counted } from '../../src/problems/oracle.js';
import { buildInstance } from '../../src/problems/registry.js';
import { allRows, supervisedModelOf } from '../../src/problems/supervised-model.js';
import { supervisedOracle } from '../../src/problems/supervised-oracle.js';
import { gaussian, rng } from '../../src/random/prng.js';
import { gradientDamping } from '../../src/solvers/gradient-damping.js';
import { lambdaOfGradNorm } from '../../src/solvers/lambda-rule.js';
import { HONEST_NATURAL_GRADIENT_PARTS, naturalGradient, type NaturalGradientOptions, type NaturalGradientParts } from '../../src/solvers/natural-gradient.js';
import { fiveFoldStep, gaussNewtonInsteadOfHvp, gradientNormDamping, staleLazyInverse, transposedKfac } from '../../properties/power/natural-gradient-parts.js';

type Run = (StepRecord & NaturalGradientFields)[];

/** a tanh MLP 3 → 5 → 4 with biases on softmax cross-entropy (N = 12 rows, l2 = 1e-3), as a counted problem */
function mlpProblem(seed = 1) {
  const next = rng(seed);
  const features = matrix(12, 3, Float64Array.from({ length: 36 }, () => gaussian(next)));
  const model = denseNetworkModel({
    features,
    labels: Float64Array.from({ length: 12 }, () => Math.floor(next() * 4)),
    loss: 'softmax-cross-entropy',
    l2: 1e-3,
    layers: [
      { outputs: 5, bias: true, activation: 'tanh' },
      { outputs: 4, bias: true, activation: 'identity' },
    ],
  });
  const problem = counted(supervisedOracle(model, 'hvp-columns'));
  return { problem, x0: Float64Array.from({ length: model.dim }, () => 0.5 * gaussian(next)) };
}

const BASE: NaturalGradientOptions = { ...ringMethod.defaults, metric: { kind: 'identity' }, maxIters: 6, variant: 'ring', eta: 0.5, seed: 3 };

function run(options: Partial<NaturalGradientOptions>, parts?: Partial<NaturalGradientParts>, seed = 1): Run {
  const { problem, x0 } = mlpProblem(seed);
  return [...naturalGradient(problem, x0, { ...BASE, ...options }, { ...HONEST_NATURAL_GRADIENT_PARTS, ...parts })];
}

const relativeDistance = (a: Float64Array, b: Float64Array): number => norm2(a.map((v, i) => v - b[i])) / norm2(b);

describe('the damping part shared with GNS and super-universal Newton', () => {
  it('GNS λ = ‖g‖_* /(γ + ε) is its α = 1 member bit for bit; RING is α = 2', () => {
    const next = rng(9);
    for (let i = 0; i < 1000; i++) {
      const g = 10 ** (12 * next() - 6);
      const gamma = 10 ** (12 * next() - 6);
      expect(lambdaOfGradNorm(g, gamma, 0)).toBe(g / gamma);
      expect(gradientDamping(g, 2, 0.5)).toBe(0.5 * g * g);
    }
  });
});

describe('natural-gradient loop (RING, RENG, R-Kalman)', () => {
  it('RING dense and R-Kalman (push-through) take the same steps; records carry the natural-gradient fields', () => {
    const ring = run({});
    const kalman = run({ variant: 'r-kalman' });
    expect(ring).toHaveLength(6);
    expect(missingPromisedField(['natural-gradient'], ring, {})).toBeNull();
    expect(missingPromisedField(['natural-gradient'], kalman, {})).toBeNull();
    for (let k = 0; k < 6; k++) {
      expect(relativeDistance(kalman[k].direction, ring[k].direction)).toBeLessThan(1e-12);
      expect(kalman[k].inverse).toBe('push-through');
      expect(ring[k].damping).toBe(norm2(ring[k].g) ** 2);
      // full batch: g_k is the oracle's ∇f_k, h = η·δ
      expect(ring[k].gradientEstimate).toBe(ring[k].g);
      expect(ring[k].h?.[0]).toBe(0.5 * ring[k].direction[0]);
    }
    expect(ring[5].f).toBeLessThan(ring[0].f);
  });

  it('R-Kalman from the innovation (squared loss, GGN, full batch) takes RING\'s dense steps, with and without l2', () => {
    for (const l2 of [0, 0.01]) {
      const instance = buildInstance(`two-layer-relu/d=4,l2=${l2},linearized=0,points=8/n=16/seed=2`);
      const options = { ...BASE, maxIters: 5 };
      const ring = [...naturalGradient(instance.problem, instance.x0, options)];
      const kalman = [...naturalGradient(instance.problem, instance.x0, { ...options, variant: 'r-kalman' })];
      for (let k = 0; k < 5; k++) expect(relativeDistance(kalman[k].direction, ring[k].direction)).toBeLessThan(1e-10);
    }
  });

  it('Newton–Schulz and the lazy inverse solve within their promised tolerance; the curvature is reused for `lazy` iterations', () => {
    const direct = run({ lazy: 3 });
    const ns = run({ inverse: 'newton-schulz', lazy: 3 });
    const lazy = run({ inverse: 'lazy', lazy: 3 });
    expect(direct.map((r) => r.curvatureIteration)).toEqual([0, 0, 0, 3, 3, 3]);
    expect(relativeDistance(ns[0].direction, direct[0].direction)).toBeLessThan(1e-10);
    expect(ns[0].solveTolerance).toBeLessThanOrEqual(1e-12);
    expect(lazy[0].solveTolerance).toBe(0);
    expect(lazy[1].inverseDamping).toBe(lazy[0].damping);
    expect(lazy[1].solveTolerance).toBeGreaterThan(0);
    expect(lazy[3].inverseDamping).toBe(lazy[3].damping);
  });

  it('K-FAC: exact and π-split damping record their splits; the diagonal structure runs', () => {
    const exact = run({ structure: 'kfac' });
    const split = run({ structure: 'kfac', kfacDamping: 'split' });
    const diagonal = run({ structure: 'diagonal' });
    expect(exact[0].kfacSplits).toBeNull();
    expect(split[0].kfacSplits).toHaveLength(2);
    expect(relativeDistance(split[0].direction, exact[0].direction)).toBeGreaterThan(1e-6);
    expect(diagonal[5].f).toBeLessThan(diagonal[0].f);
  });

  it('RENG preconditions q = g + ρ·∇²L·g (exact batch HVP)', () => {
    const { problem, x0 } = mlpProblem();
    const records = [...naturalGradient(problem, x0, { ...BASE, variant: 'reng', rho: 0.3, maxIters: 1 })];
    const model = supervisedModelOf(problem.oracle);
    const hg = model?.hvp(x0, allRows(model), records[0].g) as Float64Array;
    expect(relativeDistance(records[0].preconditioned, records[0].g.map((v, i) => v + 0.3 * hg[i]))).toBeLessThan(1e-15);
  });

  it('minibatches: seeded streams replay exactly; g_k is the batch gradient; Fisher labels are recorded', () => {
    const options = { batch: 4, curvatureBatch: 5, curvature: 'fisher' as const, sampling: 'without-replacement' as const };
    const a = run(options);
    const b = run(options);
    expect(a.map((r) => Array.from(r.x))).toEqual(b.map((r) => Array.from(r.x)));
    const { problem } = mlpProblem();
    const model = supervisedModelOf(problem.oracle);
    for (const r of a) {
      expect(r.batch).toHaveLength(4);
      expect(r.curvatureBatch.rows).toHaveLength(5);
      expect(r.curvatureBatch.labels).toHaveLength(5);
      expect(Array.from(r.gradientEstimate)).toEqual(Array.from(batchGradient(model as NonNullable<typeof model>, r.x, r.batch as Uint32Array)));
    }
    expect(Array.from(a[0].batch as Uint32Array)).not.toEqual(Array.from(a[0].curvatureBatch.rows));
    expect(Array.from(run({ ...options, seed: 4 })[0].batch as Uint32Array)).not.toEqual(Array.from(a[0].batch as Uint32Array));
  });

  it('each power defect changes the step while the record keeps the honest options', () => {
    const cases: [Partial<NaturalGradientOptions>, Partial<NaturalGradientParts>, number][] = [
      [{ structure: 'kfac' }, { kfacOrientation: transposedKfac }, 0],
      [{ inverse: 'lazy', lazy: 3 }, { lazyApply: staleLazyInverse }, 1],
      [{}, { damping: gradientNormDamping }, 0],
      [{ variant: 'reng' }, { regularizerProduct: gaussNewtonInsteadOfHvp }, 0],
    ];
    for (const [options, parts, k] of cases) {
      const honest = run(options);
      const broken = run(options, parts);
      expect(relativeDistance(broken[k].direction, honest[k].direction)).toBeGreaterThan(1e-6);
      expect(broken[k].dampingExponent).toBe(2);
    }
    const overshoot = run({}, { appliedStepSize: fiveFoldStep });
    expect(overshoot[0].stepSize).toBe(0.5);
    expect(overshoot[0].h?.[0]).toBe(2.5 * overshoot[0].direction[0]);
  });
});

describe('the registered methods', () => {
  it('are registered, validate their options in one line, and apply only to supervised models', () => {
    expect(methodById('ring')).toBe(ringMethod);
    expect(methodById('reng')).toBe(rengMethod);
    expect(methodById('r-kalman')).toBe(rKalmanMethod);
    const validate = ringMethod.validate as NonNullable<typeof ringMethod.validate>;
    expect(validate(ringMethod.defaults)).toBe(true);
    expect(validate({ ...ringMethod.defaults, structure: 'kfac', inverse: 'lazy' })).toBe('the lazy inverse needs the dense structure, not kfac');
    expect(validate({ ...ringMethod.defaults, eta: 0 })).toMatch(/^eta must/);
    expect((rKalmanMethod.validate as NonNullable<typeof ringMethod.validate>)({ ...ringMethod.defaults, inverse: 'newton-schulz' })).toMatch(/push-through/);
    const softmax = buildInstance('softmax-regression/classes=3,samples=20/n=6/seed=1');
    const quadratic = buildInstance('quadratic//n=4/seed=1');
    expect(ringMethod.applies(softmax, undefined as never, ringMethod.defaults)).toBe(true);
    expect(ringMethod.applies(quadratic, undefined as never, ringMethod.defaults)).toMatch(/supervised model/);
    expect(ringMethod.simplerOptions?.({ ...ringMethod.defaults, structure: 'kfac', lazy: 3 })).toEqual([
      { ...ringMethod.defaults, lazy: 3 },
      { ...ringMethod.defaults, structure: 'kfac' },
    ]);
  });

  it('every option drawn by the arbitraries, and each simpler one, is valid', () => {
    for (const method of [ringMethod, rengMethod, rKalmanMethod]) {
      const validate = method.validate as NonNullable<typeof method.validate>;
      for (const o of fc.sample(method.options, { numRuns: 60, seed: 5 })) {
        expect(validate(o)).toBe(true);
        for (const simpler of method.simplerOptions?.(o) ?? []) expect(validate(simpler)).toBe(true);
      }
    }
  });

  it('on softmax regression (GGN = Hessian) RING with ρ → 0 and η = 1 is Newton: it converges; a swapped part runs as ring+parts', () => {
    const softmax = buildInstance('softmax-regression/classes=3,samples=20,rho=0.01/n=6/seed=1');
    const input = { problem: softmax.problem, model: undefined as never, instance: softmax, x0: softmax.x0, stop: { maxIters: 12 }, backend: undefined as never };
    const records = [...ringMethod.run(input, { ...ringMethod.defaults, rho: 1e-3 })];
    expect(records[records.length - 1].gradNorm).toBeLessThan(1e-8 * records[0].gradNorm);
    expect(naturalGradientMethodWith({ appliedStepSize: fiveFoldStep }).id).toBe('ring+parts');
  });
});
