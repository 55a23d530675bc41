import { describe, expect, it } from 'vitest';
import { batchGradient, batchLoss } from '../../src/problems/curvature.js';
import { logisticFamily } from '../../src/problems/families/logistic.js';
import { softmaxRegressionFamily } from '../../src/problems/families/softmax-regression.js';
import { formatName } from '../../src/problems/instance.js';
import { allRows, supervisedModelOf } from '../../src/problems/supervised-model.js';
import { relativeDifference } from '../support/compare.js';
import { randomVector, rng } from '../support/random-matrices.js';
import { sampleInstances } from './families/family-checks.js';

/**
 * The supervised models of softmax and logistic regression compute the oracle's function: over all rows
 * the batch loss, gradient and HVP equal f, ∇f and ∇²f·w. Both sides sum the same N·(d + K) products in
 * different orders, so they agree to a few hundred ulps of the summands' magnitude; 1e-11 relative.
 */
describe.each([
  ['softmax-regression', softmaxRegressionFamily],
  ['logistic', logisticFamily],
])('the supervised model of %s', (_id, family) => {
  const instances = sampleInstances(family, 12, 17, { maxDim: 24 });
  it('equals the oracle over all rows (f, ∇f, ∇²f·w)', () => {
    const next = rng(5);
    for (const inst of instances) {
      const model = supervisedModelOf(inst.problem);
      expect(model, formatName(inst.name)).not.toBeNull();
      if (!model) continue;
      const rows = allRows(model);
      const x = Float64Array.from(inst.x0, (xi) => xi + 0.5 * randomVector(1, next)[0]);
      const w = randomVector(model.dim, next);
      const label = formatName(inst.name);
      const f = inst.problem.oracle.f(x);
      expect(Math.abs(batchLoss(model, x, rows) - f) / Math.max(1, Math.abs(f)), label).toBeLessThan(1e-11);
      expect(relativeDifference(batchGradient(model, x, rows), inst.problem.oracle.grad(x)), label).toBeLessThan(1e-11);
      expect(relativeDifference(model.hvp(x, rows, w), inst.problem.oracle.hvp(x, w)), label).toBeLessThan(1e-11);
    }
  });
  it('counts its batch calls through the counting problem', () => {
    const inst = instances[0];
    const model = supervisedModelOf(inst.problem);
    if (!model) throw new Error('no model');
    inst.problem.resetCounts();
    model.pullback(inst.x0, allRows(model), new Float64Array(model.rowCount * model.outputs));
    model.hvp(inst.x0, allRows(model), inst.x0);
    expect(inst.problem.counts.grad).toBe(1);
    expect(inst.problem.counts.hvp).toBe(1);
  });
});
