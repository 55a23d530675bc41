/** The shared diagonal-scaling loop (src/solvers/diagonal-scaling.ts) against the independent Adam (src/solvers/adam.ts): B-P3's reduction, and Adagrad in Défossez's form. */
import { describe, expect, it } from 'vitest';
import { HONEST_DIAGONAL_SCALING_PARTS } from '../../src/methods/diagonal-scaling.js';
import type { DiagonalScalingFields, StepRecord } from '../../src/methods/step-record.js';
import { missingPromisedField } from '../../src/methods/step-record.js';
import { batchGradient } from '../../src/problems/curvature.js';
import type { SamplingRule } from '../../src/problems/minibatch.js';
import { buildInstance } from '../../src/problems/registry.js';
import { supervisedModelOf } from '../../src/problems/supervised-model.js';
import { adam } from '../../src/solvers/adam.js';
import { diagonalScaling, type DiagonalScalingOptions, type DiagonalScalingParts } from '../../src/solvers/diagonal-scaling.js';

type Record_ = StepRecord & DiagonalScalingFields;

const softmax = { family: 'softmax-regression', params: { classes: 3, samples: 40, rho: 0.01, featureScale: 1 }, dim: 12, seed: 5 };

const OPTIONS: DiagonalScalingOptions = {
  metric: { kind: 'identity' },
  maxIters: 60,
  accumulator: 'squared-gradient',
  imitation: 'sampled',
  hybridRule: 'max',
  hybridWeight: 0.5,
  form: 'adam',
  alpha: 0.05,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  batch: 8,
  sampling: 'with-replacement',
  seed: 11,
};

function drain<T>(run: Generator<T, unknown, void>): T[] {
  const out: T[] = [];
  for (const r of run) out.push(r);
  return out;
}

function shared(o: Partial<DiagonalScalingOptions>, parts: Partial<DiagonalScalingParts> = {}): Record_[] {
  const instance = buildInstance(softmax);
  const options = { ...OPTIONS, ...o };
  return drain(diagonalScaling(instance.problem, instance.x0, options, { ...HONEST_DIAGONAL_SCALING_PARTS(options), ...parts }));
}

function reference(o: Partial<DiagonalScalingOptions>): Record_[] {
  const instance = buildInstance(softmax);
  return drain(adam(instance.problem, instance.x0, { ...OPTIONS, ...o }));
}

/** the first (k, j) where x_k differs in the sense of Object.is, or null */
function firstDifference(a: readonly Record_[], b: readonly Record_[]): string | null {
  if (a.length !== b.length) return `${a.length} vs ${b.length} records`;
  for (let k = 0; k < a.length; k++) {
    for (let j = 0; j < a[k].x.length; j++) if (!Object.is(a[k].x[j], b[k].x[j])) return `x_${k}[${j}]: ${a[k].x[j]} vs ${b[k].x[j]}`;
    if (!Object.is(a[k].fNext, b[k].fNext)) return `f_${k + 1}`;
  }
  return null;
}

describe('diagonal scaling reduces to Adam (B-P3)', () => {
  for (const sampling of ['with-replacement', 'epochs'] as SamplingRule[]) {
    it(`lehi with d = g∘g reproduces the reference Adam bit for bit over 60 minibatch iterations (${sampling})`, () => {
      const lehi = shared({ sampling });
      const ref = reference({ sampling });
      expect(lehi.length).toBe(60);
      expect(firstDifference(lehi, ref)).toBeNull();
      lehi.forEach((r, k) => {
        expect(r.batch).toEqual(ref[k].batch);
        expect(r.batch!.length).toBe(8);
        expect(r.secondMoment).toEqual(ref[k].secondMoment);
      });
      expect(lehi[0].batch).not.toEqual(lehi[1].batch);
      expect(lehi.at(-1)!.f).toBeLessThan(lehi[0].f);
    });
  }

  it('a change in the shared path (ε inside the square root) breaks the reduction', () => {
    const broken = shared({}, { adamDenominator: (sHat, epsilon) => Math.sqrt(sHat + epsilon) });
    expect(firstDifference(broken, reference({}))).not.toBeNull();
  });

  it('so does a second moment fed the imitation term instead of g∘g', () => {
    expect(firstDifference(shared({ accumulator: 'imitation' }), reference({}))).not.toBeNull();
  });

  it('the full batch: g_k is the batch gradient over every row and the record core is the oracle', () => {
    const records = shared({ batch: 0, maxIters: 5 });
    const ref = reference({ batch: 0, maxIters: 5 });
    expect(firstDifference(records, ref)).toBeNull();
    const model = supervisedModelOf(buildInstance(softmax).problem)!;
    const instance = buildInstance(softmax);
    for (const r of records) {
      expect(r.batch).toBeNull();
      expect(r.gradientEstimate).toEqual(batchGradient(model, r.x, Uint32Array.from({ length: 40 }, (_, i) => i)));
      expect(r.f).toBe(instance.problem.oracle.f(r.x));
    }
  });
});

describe('Défossez form', () => {
  it('with β1 = 0, β2 = 1 and d = g∘g it is Adagrad: x_{k+1} = x_k − α·g_k/√(ε + Σ_{j≤k} g_j∘g_j)', () => {
    const records = shared({ form: 'defossez', beta1: 0, beta2: 1, alpha: 0.1, epsilon: 1e-6, maxIters: 30 });
    const model = supervisedModelOf(buildInstance(softmax).problem)!;
    const sum = new Float64Array(12);
    for (const r of records) {
      expect(r.gradientEstimate).toEqual(batchGradient(model, r.x, r.batch!));
      expect(r.stepSize).toBe(0.1);
      for (let j = 0; j < 12; j++) {
        sum[j] += r.gradientEstimate[j] ** 2;
        expect(r.x[j] - (0.1 * r.gradientEstimate[j]) / Math.sqrt(1e-6 + sum[j])).toBe(r.x[j] + r.h![j]);
      }
      expect(r.secondMoment).toEqual(sum);
    }
  });

  it('with β2 < 1 the step is αₙ = α(1 − β1)√((1 − β2ⁿ)/(1 − β2)) on the sums m = β1m + g, s = β2s + d', () => {
    const records = shared({ form: 'defossez', beta1: 0.5, beta2: 0.9, alpha: 0.01, maxIters: 4 });
    records.forEach((r, k) => expect(r.stepSize).toBeCloseTo(0.01 * 0.5 * Math.sqrt((1 - 0.9 ** (k + 1)) / 0.1), 15));
    const [r0, r1] = records;
    for (let j = 0; j < 12; j++) {
      expect(r1.firstMoment[j]).toBe(0.5 * r0.firstMoment[j] + r1.gradientEstimate[j]);
      expect(r1.secondMoment[j]).toBe(0.9 * r0.secondMoment[j] + r1.accumulated[j]);
      expect(r1.h![j]).toBe(-((r1.stepSize * r1.firstMoment[j]) / Math.sqrt(1e-8 + r1.secondMoment[j])));
    }
  });
});

describe('the accumulators', () => {
  it('record every diagonal-scaling field; imitation: d = c_B·h∘h with c_B = B; hybrid: max(g∘g, c_B·h∘h) or the convex combination', () => {
    const imitation = shared({ accumulator: 'imitation', maxIters: 3 });
    const hybrid = shared({ accumulator: 'hybrid', maxIters: 3 });
    const convex = shared({ accumulator: 'hybrid', hybridRule: 'convex', hybridWeight: 0.25, maxIters: 3 });
    for (const records of [imitation, hybrid, convex, reference({ maxIters: 3 })]) expect(missingPromisedField(['diagonal-scaling'], records, {})).toBeNull();
    for (const r of imitation) {
      expect(r.batchScale).toBe(8);
      expect(r.imitationLabels!.length).toBe(8);
      r.accumulated.forEach((d, j) => expect(d).toBe(8 * r.imitation![j] * r.imitation![j]));
    }
    // the same seed draws the same batches and labels, so the first iteration's h is shared
    hybrid[0].accumulated.forEach((d, j) => expect(d).toBe(Math.max(hybrid[0].gradientEstimate[j] ** 2, imitation[0].accumulated[j])));
    convex[0].accumulated.forEach((d, j) => expect(d).toBe(0.25 * hybrid[0].gradientEstimate[j] ** 2 + 0.75 * imitation[0].accumulated[j]));
  });

  it('a run replays bit for bit from its seed and differs for another seed', () => {
    const a = shared({ accumulator: 'imitation', maxIters: 10 });
    expect(firstDifference(a, shared({ accumulator: 'imitation', maxIters: 10 }))).toBeNull();
    expect(firstDifference(a, shared({ accumulator: 'imitation', maxIters: 10, seed: 12 }))).not.toBeNull();
  });
});
