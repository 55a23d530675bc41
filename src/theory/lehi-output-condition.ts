/**
 * B-P2 (Zhu et al. 2026, arXiv 2605.06945, "condition (7)" as reconstructed [R]): the imitation vectors
 * satisfy E_ξ[v vᵀ] = ∇²_pℓ(p) (7b) or v vᵀ = ∇²_pℓ(p) (7a) at the outputs the method met. Checked on a
 * run's records (docs/theory.md#lehi-output-condition):
 * - the recorded h_k is the pullback of the vectors of its recorded draw (bitwise, lehi-imitation-draws.ts);
 * - at the first rows of each batch, E_ξ[v vᵀ] over the rule's draw enumerated exactly equals ∇²_pℓ within
 *   a derived rounding allowance;
 * - the recorded labels are draws of the predictive distribution: an e-process against "the training
 *   labels" stays below 1/δ, δ = 1e-6 (Ville's inequality).
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { ImitationRule } from '../solvers/imitation-vector.js';
import { verdictOfChecked } from './judged-records.js';
import { DRAW_TEST_LEVEL, imitationRun, runModel, secondMomentRatio, TRAINING_LABEL_WEIGHT } from './lehi-imitation-draws.js';
import { seeRecordDraws } from './lehi-record-draws.js';
import type { Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

export function checkOutputCondition(run: ScenarioRun): Verdict {
  const model = runModel(run);
  const rule = run.methodOptions.imitation as ImitationRule;
  const k = model.outputs;
  const w = new WorstRatio();
  const { evidence, unenumerated } = seeRecordDraws(run, model, rule, w, ({ record: r, row, draw }) => {
    if (!draw) return false;
    const { ratio, entry } = secondMomentRatio(draw, k, 1, run.unitRoundoff);
    w.see(ratio, `k=${r.k}, row ${row}: ${entry || 'E[vvᵀ] = ∇²ℓ'}`);
    return true;
  });
  if (evidence) w.see(evidence.ratio(), `label draws (${evidence.rows} rows): max ln E = ${evidence.maxLogE.toFixed(2)} ${evidence.where ? `at ${evidence.where}` : ''} against ln(1/δ) = ${Math.log(1 / DRAW_TEST_LEVEL).toFixed(2)}`);
  return verdictOfChecked(
    w,
    `bitwise replay of h_k; |E[vvᵀ] − ∇²ℓ| ≤ γ_n·(Σπ|v_a||v_b| + δ_ab s_a + s_a s_b), n = 2·(outcomes) + 2k + 10; label draws: Ville, e-process with weight ${TRAINING_LABEL_WEIGHT} on the training labels, false alarm ≤ ${DRAW_TEST_LEVEL}`,
    'no record',
    unenumerated > 0 ? `${unenumerated} row${unenumerated === 1 ? '' : 's'} with a draw not enumerable (a Gaussian vector, or more than 64 sign patterns): only replayed` : undefined,
  );
}

export const lehiOutputCondition: Theorem = {
  id: 'lehi-output-condition',
  title: 'LEHI (B-P2): the imitation vectors satisfy condition (7), E_ξ[vvᵀ] = ∇²_pℓ, with labels drawn from the model',
  source: 'Zhu et al. 2026 (arXiv 2605.06945), condition (7) as reconstructed in docs/theory.md#diagonal-scaling-methods [R]; docs/theory.md#lehi-output-condition',
  statement: '\\mathbb E_{\\xi}\\big[v(p,\\xi)v(p,\\xi)^\\top\\big]=\\nabla^2_p\\ell(p)\\ \\text{(7b)},\\qquad v v^\\top=\\nabla^2_p\\ell(p)\\ \\text{(7a)}',
  assumptions: [imitationRun],
  tight: true,
  gating: true,
  gatingReason: 'an exact finite expectation compared with a derived rounding allowance, a bitwise replay of the recorded h, and a label draw test whose false-alarm probability is ≤ 1e-6 by Ville\'s inequality',
  check: checkOutputCondition,
};
