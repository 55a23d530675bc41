/** LEHI's imitation term (src/solvers/imitation-vector.ts) and the registered methods (src/methods/diagonal-scaling.ts). */
import { describe, expect, it } from 'vitest';
import { adamMethod, lehiMethod, type LehiMethodOptions } from '../../src/methods/diagonal-scaling.js';
import { methodById } from '../../src/methods/registry.js';
import { curvatureDiagonal } from '../../src/problems/curvature.js';
import { buildInstance } from '../../src/problems/registry.js';
import { type SupervisedModel, supervisedModelOf } from '../../src/problems/supervised-model.js';
import { rng } from '../../src/random/prng.js';
import { runScenario } from '../../src/scenarios/scenario.js';
import { type BatchScale, dropBatchScale, honestBatchScale, imitationTerm, IMITATION_VECTORS, type ImitationVectors, trainingLabels } from '../../src/solvers/imitation-vector.js';

const softmax = { family: 'softmax-regression', params: { classes: 3, samples: 30, rho: 0.01, featureScale: 1 }, dim: 12, seed: 7 };
const logistic = { family: 'logistic', params: { samples: 30, rho: 0.01, featureScale: 1 }, dim: 4, seed: 3 };
const ROWS = Uint32Array.of(0, 3, 3, 7, 11, 19, 22, 29);

/** per coordinate, the mean of c_B·h∘h over `draws` draws at fixed x and batch, and its standard error */
function imitationMean(model: SupervisedModel, x: Float64Array, vectors: ImitationVectors, scale: BatchScale, draws: number): { mean: Float64Array; stderr: Float64Array } {
  const next = rng(99);
  const sum = new Float64Array(model.dim);
  const sumSquares = new Float64Array(model.dim);
  for (let t = 0; t < draws; t++) {
    const { squares } = imitationTerm(model, x, ROWS, next, vectors, scale);
    squares.forEach((q, j) => {
      sum[j] += q;
      sumSquares[j] += q * q;
    });
  }
  const mean = sum.map((s) => s / draws);
  return { mean, stderr: mean.map((m, j) => Math.sqrt(Math.max(0, sumSquares[j] / draws - m * m) / draws)) };
}

/** the largest |mean − target|/stderr over the coordinates */
function maxZ(estimate: { mean: Float64Array; stderr: Float64Array }, target: Float64Array): number {
  return Math.max(...Array.from(target, (t, j) => Math.abs(estimate.mean[j] - t) / estimate.stderr[j]));
}

function batchGgnDiagonal(model: SupervisedModel, x: Float64Array): Float64Array {
  return curvatureDiagonal(model, x, { kind: 'ggn', rows: ROWS, labels: null }).map((d) => d - model.l2);
}

describe('the imitation term c_B·h∘h', () => {
  it('softmax regression, sampled labels (7b): its mean over 3000 draws at fixed x and batch is diag of the batch GGN (z ≤ 5); c_B = 1 is off by B', () => {
    const instance = buildInstance(softmax);
    const model = supervisedModelOf(instance.problem)!;
    const target = batchGgnDiagonal(model, instance.x0);
    expect(Math.min(...target)).toBeGreaterThan(0);
    expect(maxZ(imitationMean(model, instance.x0, IMITATION_VECTORS.sampled, honestBatchScale, 3000), target)).toBeLessThan(5);
    const dropped = imitationMean(model, instance.x0, IMITATION_VECTORS.sampled, dropBatchScale, 3000);
    expect(maxZ(dropped, target)).toBeGreaterThan(20);
    expect(maxZ(dropped, target.map((t) => t / ROWS.length))).toBeLessThan(5);
  });

  it('training labels instead of sampled ones (the empirical Fisher) are not the GGN', () => {
    const instance = buildInstance(softmax);
    const model = supervisedModelOf(instance.problem)!;
    const term = imitationTerm(model, instance.x0, ROWS, rng(1), trainingLabels, honestBatchScale);
    const target = batchGgnDiagonal(model, instance.x0);
    expect(Math.max(...Array.from(target, (t, j) => Math.abs(term.squares[j] - t) / t))).toBeGreaterThan(0.5);
  });

  it('logistic, random signs on the (7a) root √(σ(p)σ(−p)): the mean is diag of the batch GGN (z ≤ 5); without signs, one row is exact', () => {
    const instance = buildInstance(logistic);
    const model = supervisedModelOf(instance.problem)!;
    const target = batchGgnDiagonal(model, instance.x0);
    expect(maxZ(imitationMean(model, instance.x0, IMITATION_VECTORS['deterministic-signs'], honestBatchScale, 3000), target)).toBeLessThan(5);
    const one = Uint32Array.of(5);
    const exact = curvatureDiagonal(model, instance.x0, { kind: 'ggn', rows: one, labels: null }).map((d) => d - model.l2);
    const term = imitationTerm(model, instance.x0, one, rng(1), IMITATION_VECTORS.deterministic, honestBatchScale);
    expect(term.batchScale).toBe(1);
    expect(term.labels).toBeNull();
    term.squares.forEach((q, j) => expect(Math.abs(q - exact[j])).toBeLessThanOrEqual(1e-14 * exact[j]));
  });
});

describe('the methods adam and lehi', () => {
  const scenario = (id: string, instance: object, options: Partial<LehiMethodOptions>) => ({ instance, method: { id, options }, hessian: 'exact', perturbations: [], mode: 'strict', gamma0: 1, maxIters: 6, gradTolRelative: 1e-12 }) as Parameters<typeof runScenario>[0];

  it('are registered, run on a supervised family with their capability, and are skipped without a model', () => {
    expect(methodById('adam')).toBe(adamMethod);
    expect(methodById('lehi')).toBe(lehiMethod);
    const run = runScenario(scenario('lehi', logistic, { accumulator: 'hybrid', batch: 4, seed: 2 }));
    if (!run.ok) throw new Error(run.skipped);
    expect(run.run.records.length).toBe(6);
    expect(run.run.method.capabilities).toEqual(['diagonal-scaling']);
    const quadratic = runScenario(scenario('adam', { family: 'quadratic', params: { logCond: 1, scale: 1, metric: 'identity' }, dim: 3, seed: 1 }, {}));
    expect(quadratic.ok ? 'ran' : quadratic.skipped).toMatch(/supervised model/);
    const deterministic = runScenario(scenario('lehi', softmax, { imitation: 'deterministic' }));
    expect(deterministic.ok ? 'ran' : deterministic.skipped).toMatch(/rank-one/);
  });

  it('validate their options with one-line messages', () => {
    const lehi = (o: Partial<LehiMethodOptions>) => lehiMethod.validate!({ ...lehiMethod.defaults, ...o });
    expect(lehi({})).toBe(true);
    expect(lehi({ form: 'defossez', beta2: 1 })).toBe(true);
    expect(lehi({ beta2: 1 })).toMatch(/beta2 must lie in \[0, 1\)/);
    expect(lehi({ accumulator: 'cubes' as never })).toMatch(/accumulator must be one of/);
    expect(lehi({ imitation: 'none' as never })).toMatch(/imitation must be one of/);
    expect(lehi({ hybridWeight: 2 })).toMatch(/hybridWeight/);
    expect(adamMethod.validate!({ ...adamMethod.defaults, epsilon: 0 })).toMatch(/epsilon/);
    expect(adamMethod.validate!({ ...adamMethod.defaults, sampling: 'shuffled' as never })).toMatch(/sampling must be one of/);
  });
});
