import { describe, expect, it } from 'vitest';
import { checkRun } from '../../properties/property.js';
import { adamCompanion } from '../../properties/diagonal-scaling-scenarios.js';
import { epsilonInsideRoot, runLehiWith, trainingLabelsRecorded } from '../../properties/power/diagonal-scaling-parts.js';
import type { LehiMethodOptions } from '../../src/methods/diagonal-scaling.js';
import { runScenario, type Scenario, type ScenarioRun } from '../../src/scenarios/scenario.js';
import { dropBatchScale, trainingLabels } from '../../src/solvers/imitation-vector.js';
import { defossezBound, defossezRightHandSide } from '../../src/theory/defossez-bound.js';
import { lehiAdamReduction } from '../../src/theory/lehi-adam-reduction.js';
import { enumerateDraw, meanRatio, runModel, secondMomentRatio } from '../../src/theory/lehi-imitation-draws.js';
import { lehiImitationUnbiased } from '../../src/theory/lehi-imitation-unbiased.js';
import { lehiOutputCondition } from '../../src/theory/lehi-output-condition.js';
import { lehiOutputHessianFd } from '../../src/theory/lehi-output-hessian-fd.js';

const softmax = { family: 'softmax-regression', params: { classes: 3, samples: 40, rho: 0.01, featureScale: 1 }, dim: 9, seed: 5 };
const logistic = { family: 'logistic', params: { samples: 60, rho: 0, featureScale: 1 }, dim: 4, seed: 7 };

function scenario(method: string, instance: object, options: Partial<LehiMethodOptions>, maxIters = 8): Scenario {
  return { instance, method: { id: method, options }, hessian: 'zero', perturbations: [], mode: 'strict', gamma0: 1, maxIters, gradTolRelative: 1e-12 } as Scenario;
}

function ran(outcome: ReturnType<typeof runScenario>): ScenarioRun {
  if (!outcome.ok) throw new Error(outcome.skipped);
  return outcome.run;
}

const status = (outcome: ReturnType<typeof runScenario>, theorem: typeof lehiOutputCondition, companion?: ReturnType<typeof runScenario>) => checkRun([theorem], outcome, companion)[theorem.id];

describe('the imitation draw enumerated (B-P1, B-P2)', () => {
  it('E_ξ[vvᵀ] = ∇²_pℓ within the derived allowance for softmax (sampled, signs) and logistic; c_B/B = 1/B and a nonzero mean are outside it', () => {
    for (const [instance, rules] of [
      [softmax, ['sampled', 'deterministic-signs']],
      [logistic, ['sampled', 'deterministic-signs', 'deterministic']],
    ] as const) {
      const run = ran(runScenario(scenario('lehi', instance, { batch: 8, seed: 3 }, 2)));
      const model = runModel(run);
      const x = run.records[0].x;
      for (const rule of rules) {
        for (const row of [0, 1, 2]) {
          const draw = enumerateDraw(model, x, row, rule)!;
          expect(secondMomentRatio(draw, model.outputs, 1, 2 ** -53).ratio, `${instance.family} ${rule}`).toBeLessThanOrEqual(1);
          expect(secondMomentRatio(draw, model.outputs, 1 / 8, 2 ** -53).ratio).toBeGreaterThan(1e6);
          const mean = meanRatio(draw, model.outputs, 2 ** -53).ratio;
          if (rule === 'deterministic') expect(mean).toBeGreaterThan(1e6);
          else expect(mean, `${instance.family} ${rule}`).toBeLessThanOrEqual(1);
        }
      }
      expect(enumerateDraw(model, x, 0, 'sampled')!.cells.length).toBe(model.loss === 'logistic' ? 2 : 3);
    }
  });

  it('honest LEHI and LEHIBRID runs hold B-P1 and B-P2 (gating) and the finite-difference diagnostic', () => {
    for (const [instance, options] of [
      [softmax, { accumulator: 'imitation', imitation: 'sampled', batch: 16, seed: 1 }],
      [softmax, { accumulator: 'hybrid', imitation: 'deterministic-signs', batch: 0, form: 'defossez', seed: 2 }],
      [logistic, { accumulator: 'imitation', imitation: 'deterministic-signs', batch: 4, seed: 3 }],
      [logistic, { accumulator: 'hybrid', imitation: 'sampled', batch: 32, sampling: 'epochs', seed: 4 }],
    ] as const) {
      const outcome = runScenario(scenario('lehi', instance, options));
      for (const t of [lehiOutputCondition, lehiImitationUnbiased, lehiOutputHessianFd]) expect(status(outcome, t).status, `${t.id} ${JSON.stringify(options)}`).toBe('holds');
    }
  });

  it('power: c_B = 1 fails B-P1; training labels fail B-P2 (recorded: the label draw test; unrecorded: the replay); the deterministic root is judged by B-P1 for B = 1 only', () => {
    const sampled = scenario('lehi', softmax, { accumulator: 'imitation', imitation: 'sampled', batch: 16, seed: 1 });
    const dropped = status(runLehiWith(sampled, { batchScale: dropBatchScale }), lehiImitationUnbiased);
    expect(dropped.status).toBe('violated');
    expect(dropped.where).toMatch(/c_B = 1/);
    const recorded = status(runLehiWith(sampled, { imitationVectors: trainingLabelsRecorded }), lehiOutputCondition);
    expect(recorded.status).toBe('violated');
    expect(recorded.where).toMatch(/label draws/);
    const unrecorded = status(runLehiWith(sampled, { imitationVectors: trainingLabels }), lehiOutputCondition);
    expect(unrecorded.status).toBe('violated');
    expect(unrecorded.where).toMatch(/no labels/);
    const network = { family: 'mlp-mixture', params: { d: 2, hidden: 3, classes: 2, samples: 20, l2: 0, separation: 1, loss: 'squared' }, dim: 17, seed: 4 };
    const gaussian = scenario('lehi', network, { accumulator: 'imitation', imitation: 'sampled', batch: 8, seed: 2 });
    expect(status(runScenario(gaussian), lehiImitationUnbiased).status).toBe('holds');
    expect(status(runLehiWith(gaussian, { batchScale: dropBatchScale }), lehiImitationUnbiased).status).toBe('violated');
    const deterministic = (batch: number) => status(runScenario(scenario('lehi', logistic, { accumulator: 'imitation', imitation: 'deterministic', batch, seed: 5 })), lehiImitationUnbiased).status;
    expect(deterministic(1)).toBe('holds');
    expect(deterministic(8)).toBe('not-applicable');
  });
});

describe('the deterministic root (mean ≠ 0) on batches of B > 1 rows', () => {
  it('honest LEHI is outside B-P1 there (not applicable, not violated) and holds B-P2: logistic, 10 samples, B = 4 and the full batch', () => {
    const small = { family: 'logistic', params: { samples: 10, rho: 0, featureScale: 1 }, dim: 4, seed: 7 };
    for (const batch of [4, 0]) {
      const outcome = runScenario(scenario('lehi', small, { accumulator: 'imitation', imitation: 'deterministic', batch, seed: 5 }));
      const unbiased = status(outcome, lehiImitationUnbiased);
      expect(unbiased.status, `batch ${batch}`).toBe('not-applicable');
      expect(unbiased.note).toMatch(/mean ≠ 0/);
      expect(status(outcome, lehiOutputCondition).status, `batch ${batch}`).toBe('holds');
    }
  });
});

describe('LEHI with d = g∘g is Adam (B-P3)', () => {
  it('bitwise against the independent Adam; ε inside the root is caught; the Défossez form is not applicable', () => {
    const s = scenario('lehi', softmax, { accumulator: 'squared-gradient', form: 'adam', batch: 8, sampling: 'epochs', beta1: 0.9, seed: 9 }, 12);
    const companion = runScenario(adamCompanion(s));
    expect(status(runScenario(s), lehiAdamReduction, companion).status).toBe('holds');
    expect(status(runLehiWith(s, { adamDenominator: epsilonInsideRoot }), lehiAdamReduction, companion).status).toBe('violated');
    const defossez = scenario('lehi', softmax, { accumulator: 'squared-gradient', form: 'defossez', beta1: 0, beta2: 1, seed: 9 });
    expect(status(runScenario(defossez), lehiAdamReduction, runScenario(adamCompanion(defossez))).status).toBe('not-applicable');
  });
});

describe('Défossez et al. (B-P4, diagnostic)', () => {
  it('the right-hand sides of Défossez et al.\'s Theorems 1–2: Adagrad at N = 1 and Adam at β2 → 1 reduce to their terms', () => {
    const c = { R: 2, L: 3, d: 5, alpha: 0.5, epsilon: 1e-2, N: 1, gap: 7 };
    expect(defossezRightHandSide({ ...c, beta2: 1 })).toBeCloseTo(2 * 2 * 7 / 0.5 + (4 * 5 * 4 + 0.5 * 5 * 2 * 3) * Math.log1p(4 / 1e-2), 9);
    const beta2 = 0.99;
    const E = (4 * 5 * 4) / Math.sqrt(0.01) + (0.5 * 5 * 2 * 3) / 0.01;
    expect(defossezRightHandSide({ ...c, beta2, N: 10 })).toBeCloseTo((2 * 2 * 7) / (0.5 * 10) + E * (Math.log1p(4 / (0.01 * 1e-2)) / 10 - Math.log(beta2)), 6);
  });

  it('applies to the Défossez form without momentum on a generalized linear model and holds there (the bound is loose)', () => {
    const v = status(runScenario(scenario('lehi', logistic, { accumulator: 'squared-gradient', form: 'defossez', beta1: 0, beta2: 1, alpha: 0.1, seed: 1 }, 20)), defossezBound);
    expect(v.status).toBe('holds');
    expect(v.gating).toBe(false);
    expect(status(runScenario(scenario('lehi', logistic, { accumulator: 'squared-gradient', form: 'adam' })), defossezBound).status).toBe('not-applicable');
  });
});
