/**
 * B-P4, Défossez, Bottou, Bach & Usunier, "A Simple Convergence Proof of Adam and Adagrad" (TMLR 2022; arXiv
 * 2003.02395, the TMLR text; docs/theory.md#defossez-bound gives where it was read). Setting (their §2): i.i.d.
 * stochastic functions f with E∇f = ∇F; m = β1m + ∇f(x), v = β2v + ∇f(x)², x ← x − αₙm/√(ε + v) with m₀ = v₀ = 0;
 * F ≥ F⋆; ‖∇f(x)‖_∞ ≤ R − √ε almost surely (R ≥ √ε); ∇F L-Lipschitz in ℓ2. With β1 = 0 and τ uniform on {0, …, N − 1}:
 *   Thm 1 (Adagrad, β2 = 1, αₙ = α):  E‖∇F(x_τ)‖² ≤ 2R(F(x₀) − F⋆)/(α√N) + (1/√N)(4dR² + αdRL)·ln(1 + NR²/ε),
 *   Thm 2 (Adam, 0 < β2 < 1, αₙ = α√((1 − β2ⁿ)/(1 − β2))):
 *                     E‖∇F(x_τ)‖² ≤ 2R(F(x₀) − F⋆)/(αN) + E·((1/N)·ln(1 + R²/((1 − β2)ε)) − ln β2),
 *                     E = 4dR²/√(1 − β2) + αdRL/(1 − β2).
 * Both follow from their Lemma 5.1 (the descent deviation costs 2R·E[g²/(ε + v)] per coordinate), √(ε + ṽₙ) ≤ R√n
 * (Adagrad) or R√((1 − β2ⁿ)/(1 − β2)) (Adam), and Lemma 5.2 (Σₙ aₙ/(ε + bₙ) ≤ ln(1 + b_N/ε) − N ln β2).
 * One run gives the τ-average (1/N)Σ_k ‖∇F(x_k)‖² of its trajectory, not the expectation over the sampling;
 * F⋆ ≥ 0 (the losses are nonnegative), L the certified Lipschitz constant of ∇F, and R the bound on the minibatch
 * gradients of a model whose outputs are affine in x: max|J| times max‖∇_pℓ‖₁ (1 for logistic, 2 for softmax), plus
 * l2 times the largest |x_k| met (the regularizer's share along the run: not an almost-sure bound), plus √ε; for an
 * imitation accumulator R also bounds √c_B·|h| by √B·max|J|·max‖v‖₁. Since ∇F = E∇f, ‖∇F(x)‖² ≤ d(R − √ε)² for
 * every x: where the bound exceeds that ceiling it cannot be violated, and the verdict says so.
 * A diagnostic (docs/theory.md#defossez-bound): one run is not the expectation, and a Monte-Carlo gate over seeds
 * could fire only where the bound plus Hoeffding's margin lies below the ceiling, at N·S beyond a check's budget.
 */
import { membership } from '../problems/certificate.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { capability } from './method-capabilities.js';
import { diagonalScalingRecords, runModel } from './lehi-imitation-draws.js';
import type { Assumption, Theorem } from './theorem.js';
import { notApplicable, type Verdict, WorstRatio } from './verdict.js';

export const defossezRun: Assumption = {
  id: 'defossez-run',
  statement:
    'the Défossez form without momentum (β1 = 0, β2 ∈ (0, 1], ε > 0) on i.i.d. minibatches (with or without replacement within a batch) ' +
    'or the full batch, on a supervised model whose outputs are affine in x, with a certified Lipschitz constant of ∇F; ' +
    'it also admits the imitation and hybrid accumulators, whose verdicts carry a note (the theorems are about d = g∘g): shown for comparison',
  holds: (run) => {
    const c = capability('diagonal-scaling').holds(run);
    if (c !== true) return c;
    const o = run.methodOptions;
    if (o.form !== 'defossez') return `the form is '${String(o.form ?? 'adam')}'`;
    if (o.beta1 !== 0) return `β1 = ${String(o.beta1)} (Thms 3–4 with momentum are not encoded)`;
    if (!(Number(o.beta2) > 0 && Number(o.beta2) <= 1)) return `β2 = ${String(o.beta2)} (the theorems take 0 < β2 ≤ 1)`;
    if (!(Number(o.epsilon) > 0)) return `ε = ${String(o.epsilon)}`;
    if (Number(o.batch) > 0 && o.sampling === 'epochs') return 'minibatches from epochs are not i.i.d. samples of f';
    if (membership(run.instance.certificate, 'lipschitz-gradient').length === 0) return 'no certified Lipschitz constant of ∇F';
    if (run.records.length === 0) return 'no iterations';
    const model = runModel(run);
    return model.layers.length === 1 && model.loss !== 'squared' ? true : 'the model is not a generalized linear one with bounded ∇_pℓ';
  },
};

/** R of the theorem for this run (see the module comment). */
export function gradientBound(run: ScenarioRun): number {
  const model = runModel(run);
  const records = diagonalScalingRecords(run);
  const x0 = records[0].x;
  let maxJ = 0;
  for (let i = 0; i < model.rowCount; i++) for (const v of model.jacobian(x0, i).data) maxJ = Math.max(maxJ, Math.abs(v));
  const outputGradient = model.loss === 'logistic' ? 1 : 2;
  let maxX = 0;
  for (const r of records) for (const v of r.x) maxX = Math.max(maxX, Math.abs(v));
  for (const v of run.summary.x) maxX = Math.max(maxX, Math.abs(v));
  let R = maxJ * outputGradient + model.l2 * maxX;
  if (run.methodOptions.accumulator !== 'squared-gradient') {
    const B = Number(run.methodOptions.batch) > 0 ? Number(run.methodOptions.batch) : model.rowCount;
    R = Math.max(R, Math.sqrt(B) * maxJ * outputGradient);
  }
  return R + Math.sqrt(Number(run.methodOptions.epsilon));
}

/** The right-hand side of Thm 1 (β2 = 1) or Thm 2 (β2 < 1). */
export function defossezRightHandSide(c: { R: number; L: number; d: number; alpha: number; beta2: number; epsilon: number; N: number; gap: number }): number {
  const { R, L, d, alpha, beta2, epsilon, N, gap } = c;
  if (beta2 === 1) return (2 * R * gap) / (alpha * Math.sqrt(N)) + ((4 * d * R * R + alpha * d * R * L) / Math.sqrt(N)) * Math.log1p((N * R * R) / epsilon);
  const E = (4 * d * R * R) / Math.sqrt(1 - beta2) + (alpha * d * R * L) / (1 - beta2);
  return (2 * R * gap) / (alpha * N) + E * (Math.log1p((R * R) / ((1 - beta2) * epsilon)) / N - Math.log(beta2));
}

export function checkDefossezBound(run: ScenarioRun): Verdict {
  const records = diagonalScalingRecords(run);
  const N = records.length;
  let sum = 0;
  for (const r of records) for (const g of r.g) sum += g * g;
  const lhs = sum / N;
  const L = Math.min(...membership(run.instance.certificate, 'lipschitz-gradient').map((m) => m.L));
  const R = gradientBound(run);
  const o = run.methodOptions;
  const d = records[0].x.length;
  const epsilon = Number(o.epsilon);
  const rhs = defossezRightHandSide({ R, L, d, alpha: Number(o.alpha), beta2: Number(o.beta2), epsilon, N, gap: records[0].f });
  if (!Number.isFinite(rhs)) return notApplicable(`the bound is not finite (R = ${R}, L = ${L})`);
  const ceiling = d * (R - Math.sqrt(epsilon)) ** 2;
  const w = new WorstRatio();
  const theorem = o.beta2 === 1 ? 'Thm 1 (Adagrad)' : 'Thm 2 (Adam)';
  const vacuous = rhs >= ceiling ? ' (vacuous at this N)' : '';
  w.see(
    lhs / rhs,
    `N = ${N}: (1/N)Σ‖∇F(x_k)‖² = ${lhs.toExponential(3)} against ${theorem} ${rhs.toExponential(3)}, R = ${R.toExponential(3)}, ` +
      `L = ${L.toExponential(3)}; the bound is ${(rhs / ceiling).toPrecision(3)}× the ceiling d(R − √ε)² of ‖∇F‖²${vacuous}`,
  );
  const notes = [
    o.accumulator === 'squared-gradient' ? '' : `accumulator '${String(o.accumulator)}': the theorem is about d = g∘g; shown for comparison`,
    runModel(run).l2 > 0 ? 'l2 > 0: R bounds the gradients along this run only' : '',
  ]
    .filter(Boolean)
    .join('; ');
  return w.verdict('none: one run\'s τ-average against the bound on its expectation', notes === '' ? undefined : notes);
}

export const defossezBound: Theorem = {
  id: 'defossez-bound',
  title: 'Défossez et al. (B-P4, diagnostic): Adagrad / Adam without momentum, E‖∇F(x_τ)‖² within the bound of Thms 1–2',
  source: 'Défossez, Bottou, Bach & Usunier, TMLR 2022 (arXiv 2003.02395), Thms 1–2 (the TMLR text); docs/theory.md#defossez-bound',
  statement:
    '\\tfrac1N\\textstyle\\sum_{k<N}\\|\\nabla F(x_k)\\|^2\\ \\le\\ \\frac{2R(F(x_0)-F_\\star)}{\\alpha\\sqrt N}' +
    '+\\frac{4dR^2+\\alpha dRL}{\\sqrt N}\\ln\\!\\big(1+\\tfrac{NR^2}{\\varepsilon}\\big)\\ (\\beta_2=1)',
  assumptions: [defossezRun],
  tight: false,
  gating: false,
  gatingReason:
    "the theorems bound an expectation over the sampling, of which one run's τ-average is one sample; a Monte-Carlo gate over S seeds " +
    '(Hoeffding on τ-averages in [0, d(R − √ε)²]) can fire only where the bound plus dR²√(ln(10⁶)/(2S)) is below d(R − √ε)², ' +
    'which needs N ≳ 10³–10⁴ steps (Adam at its best β2) to 10⁴–10⁵ (Adagrad) and S ≳ 28 seeds: 10⁵–10⁶ steps a check, ' +
    'beyond its budget (docs/theory.md#defossez-bound)',
  check: checkDefossezBound,
};
