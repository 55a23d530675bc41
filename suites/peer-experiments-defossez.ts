import type { MethodOptions } from '../src/methods/method.js';
import type { InstanceName } from '../src/problems/instance.js';
import { buildInstance } from '../src/problems/registry.js';
import { runScenario, type Scenario } from '../src/scenarios/scenario.js';
import { type DefossezTrend, defossezTrend, prefixTauAverages } from '../src/theory/defossez-trend.js';
import type { PaperExperiment, PaperRun } from './paper.js';

/** Adagrad in the Défossez form (β1 = 0, β2 = 1, αₙ = α), minibatches of one row drawn with replacement: the i.i.d. oracle of Thm 1 */
export const DEFOSSEZ_ADAGRAD: MethodOptions = { accumulator: 'squared-gradient', form: 'defossez', beta1: 0, beta2: 1, alpha: 0.1, epsilon: 1e-8, batch: 1, sampling: 'with-replacement' };

/** the horizons of spec §B.5 */
export const TREND_HORIZONS: readonly number[] = [100, 1000, 10000];

/** logistic regression without a penalty (ρ = 0: the stochastic gradients are bounded by max|a_ij| everywhere), d = 8, 200 rows */
export const TREND_INSTANCE: InstanceName = { family: 'logistic', params: { samples: 200, rho: 0, featureScale: 1 }, dim: 8, seed: 1 };

function trendScenario(instance: InstanceName, options: MethodOptions, seed: number, maxIters: number): Scenario {
  return { instance, method: { id: 'lehi', options: { ...options, seed } }, hessian: 'zero', perturbations: [], mode: 'strict', gamma0: 1, maxIters, gradTolRelative: 0 } as Scenario;
}

/**
 * B-P5's trend table (a diagnostic): one run of max(horizons) iterations per seed (the Défossez-form iterates do not depend
 * on N), its τ-averages at each horizon, and T_N = mean·√N/ln N with its standard error (docs/theory.md#defossez-bound).
 */
export function defossezTrendTable(instance: InstanceName = TREND_INSTANCE, options: MethodOptions = DEFOSSEZ_ADAGRAD, horizons: readonly number[] = TREND_HORIZONS, seeds = 8): DefossezTrend {
  const maxIters = Math.max(...horizons);
  const perSeed = Array.from({ length: seeds }, (_, s) => {
    const outcome = runScenario(trendScenario(instance, options, s + 1, maxIters));
    if (!outcome.ok) throw new Error(`defossezTrendTable: ${outcome.skipped}`);
    return prefixTauAverages(outcome.run, horizons);
  });
  return defossezTrend(perSeed, horizons);
}

const adagrad = (seed: number): PaperRun => ({ label: `Adagrad (Défossez form, β2 = 1), B = 1, seed ${seed}`, config: { method: 'lehi', options: { ...DEFOSSEZ_ADAGRAD, seed } } });
const adamNoMomentum = (seed: number): PaperRun => ({ label: `Adam without momentum (Défossez form, β2 = 0.999), B = 1, seed ${seed}`, config: { method: 'lehi', options: { ...DEFOSSEZ_ADAGRAD, beta2: 0.999, alpha: 0.01, seed } } });

/**
 * Défossez et al.'s Thms 1–2 on the runs they are about (reported, not gated): the gradient norm of Adagrad and of Adam
 * without momentum over 10⁴ stochastic steps on an unpenalized logistic regression; Thm 1 predicts E‖∇F(x_τ)‖² = O(ln N/√N).
 */
export const DEFOSSEZ_EXPERIMENTS: readonly PaperExperiment[] = [
  {
    id: 'defossez-adagrad-adam',
    what: 'Défossez, Bottou, Bach & Usunier (TMLR 2022), Thms 1–2: Adagrad and Adam without momentum in their form (m = g, v = β2v + g∘g, x ← x − αₙg/√(ε + v)), one row per step, logistic regression (ρ = 0, d = 8, N = 200), 10⁴ steps, 3 seeds each',
    instances: () => [buildInstance('logistic/featureScale=1,rho=0,samples=200/n=8/seed=1')],
    runs: [1, 2, 3].flatMap((seed) => [adagrad(seed), adamNoMomentum(seed)]),
    maxIters: 10000,
    error: 'grad-norm',
    theory: { rate: 'E‖∇F(x_τ)‖² = O(ln N/√N) (Adagrad)', because: 'Thm 1: E‖∇F(x_τ)‖² ≤ 2R(F(x₀) − F⋆)/(α√N) + (4dR² + αdRL)ln(1 + NR²/ε)/√N for τ uniform on {0, …, N − 1}; Thm 2 (Adam, β2 < 1) leaves a floor E·(−ln β2)' },
  },
];
