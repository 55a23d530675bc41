import { describe, expect, it } from 'vitest';
import { checkRun } from '../../properties/property.js';
import { runScenario, type Scenario } from '../../src/scenarios/scenario.js';
import { defossezBound } from '../../src/theory/defossez-bound.js';

const logistic = { family: 'logistic', params: { samples: 60, rho: 0, featureScale: 1 }, dim: 4, seed: 7 };
const adagrad = { accumulator: 'squared-gradient', form: 'defossez', beta1: 0, beta2: 1, alpha: 0.1, epsilon: 1e-8, batch: 4, sampling: 'with-replacement', seed: 2 };

const verdict = (options: object, maxIters = 20) =>
  checkRun([defossezBound], runScenario({ instance: logistic, method: { id: 'lehi', options }, hessian: 'zero', perturbations: [], mode: 'strict', gamma0: 1, maxIters, gradTolRelative: 1e-12 } as Scenario))[defossezBound.id];

describe('defossez-bound (B-P4, diagnostic)', () => {
  it('holds on Adagrad and on Adam without momentum, and says when the bound exceeds the ceiling d(R − √ε)² of ‖∇F‖²', () => {
    for (const options of [adagrad, { ...adagrad, beta2: 0.99 }]) {
      const v = verdict(options);
      expect(v.status, JSON.stringify(options)).toBe('holds');
      expect(v.gating).toBe(false);
      expect(JSON.stringify(v)).toContain('vacuous at this N');
    }
  });

  it('is not applicable to minibatches from epochs (not i.i.d. samples of f) nor with momentum', () => {
    for (const options of [{ ...adagrad, sampling: 'epochs' }, { ...adagrad, beta1: 0.9 }]) expect(verdict(options).status, JSON.stringify(options)).toBe('not-applicable');
    expect(verdict({ ...adagrad, sampling: 'without-replacement' }).status).toBe('holds');
  });
});
