/**
 * B-P1 (the reconstruction of docs/theory.md#diagonal-scaling-methods [R], the Gauss–Newton–Bartlett rescaling): for independent draws ξᵢ at the rows of a
 * batch S of B rows, h = (1/B)·Σ Jᵢᵀv(pᵢ, ξᵢ) satisfies E[c_B·h∘h] = diag(Ḡ_S), Ḡ_S = (1/B)·Σ JᵢᵀHᵢJᵢ.
 * Exactly, coordinate by coordinate (with Mᵢ = E[vᵢvᵢᵀ], μᵢ = E[vᵢ], Jᵢ,ⱼ the j-th column of Jᵢ):
 *   E[c_B·h_j²] − diag(Ḡ_S)_j = (1/B)·Σᵢ Jᵢ,ⱼᵀ((c_B/B)·Mᵢ − Hᵢ)Jᵢ,ⱼ + (c_B/B²)·Σ_{i≠i'} (Jᵢ,ⱼᵀμᵢ)(J_{i'},ⱼᵀμ_{i'}),
 * so the identity holds for every model exactly when (c_B/B)·Mᵢ = Hᵢ at every row and, for B > 1, μᵢ = 0.
 * Checked there (docs/theory.md#lehi-imitation-unbiased): the draw enumerated at the outputs of each
 * recorded batch (its first rows), the recorded c_B, h_k replayed bitwise from its draw, and the labels'
 * draw test (lehi-imitation-draws.ts).
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { ImitationRule } from '../solvers/imitation-vector.js';
import { verdictOfChecked } from './judged-records.js';
import { DRAW_TEST_LEVEL, diagonalScalingRecords, imitationRun, meanRatio, recordRows, runModel, secondMomentRatio } from './lehi-imitation-draws.js';
import { seeRecordDraws } from './lehi-record-draws.js';
import type { Assumption, Theorem } from './theorem.js';
import { type Verdict, WorstRatio } from './verdict.js';

/** the rules whose vectors are independent with mean zero (src/solvers/imitation-vector.ts); `deterministic`'s are not */
const ZERO_MEAN_RULES: readonly ImitationRule[] = ['sampled', 'deterministic-signs'];

/**
 * The identity's hypothesis: for B > 1 the cross terms (c_B/B²)·Σ_{i≠i'}(Jᵢ,ⱼᵀμᵢ)(J_{i'},ⱼᵀμ_{i'}) vanish for
 * every model only when μᵢ = E[vᵢ] = 0, so a rule with mean ≠ 0 is judged only on batches of one row.
 */
export const zeroMeanOrOneRow: Assumption = {
  id: 'lehi-zero-mean-or-one-row',
  statement: 'the imitation vectors have mean zero (rule sampled or deterministic-signs), or every batch has one row (B = 1)',
  holds: (run) => {
    const rule = run.methodOptions.imitation as ImitationRule;
    if (ZERO_MEAN_RULES.includes(rule)) return true;
    const model = runModel(run);
    const wide = diagonalScalingRecords(run).find((r) => recordRows(model, r).length > 1);
    return wide ? `imitation '${rule}' has mean ≠ 0 and record k=${wide.k} has a batch of B = ${recordRows(model, wide).length} > 1 rows` : true;
  },
};

export function checkImitationUnbiased(run: ScenarioRun): Verdict {
  const model = runModel(run);
  const rule = run.methodOptions.imitation as ImitationRule;
  const k = model.outputs;
  const w = new WorstRatio();
  const { evidence, unenumerated } = seeRecordDraws(run, model, rule, w, ({ record: r, row, batchSize: B, draw }) => {
    const rho = r.batchScale / B;
    if (!draw && rule === 'sampled' && model.loss === 'squared') {
      // v = p − ŷ, ŷ ~ N(p, I): E[v] = 0 and E[vvᵀ] = I = ∇²_pℓ exactly, so the identity needs c_B/B = 1
      w.see(rho === 1 ? 0 : Infinity, `k=${r.k}, row ${row}, B = ${B}, c_B = ${r.batchScale}: Gaussian draw, E[vvᵀ] = I, (c_B/B)·I ${rho === 1 ? '=' : '≠'} ∇²ℓ`);
      return true;
    }
    if (!draw) return false;
    const second = secondMomentRatio(draw, k, rho, run.unitRoundoff);
    w.see(second.ratio, `k=${r.k}, row ${row}, B = ${B}, c_B = ${r.batchScale}: ${second.entry || '(c_B/B)·E[vvᵀ] = ∇²ℓ'}`);
    if (B > 1) {
      const mean = meanRatio(draw, k, run.unitRoundoff);
      w.see(mean.ratio, `k=${r.k}, row ${row}: ${mean.entry || 'E[v] = 0'}`);
    }
    return true;
  });
  if (evidence) w.see(evidence.ratio(), `label draws (${evidence.rows} rows): max ln E = ${evidence.maxLogE.toFixed(2)}`);
  return verdictOfChecked(
    w,
    `bitwise replay of h_k and d_k = c_B·h∘h; |(c_B/B)·E[vvᵀ] − ∇²ℓ| and |E[v]| within γ_n of their magnitudes (docs/theory.md#lehi-output-condition); label draws: Ville, false alarm ≤ ${DRAW_TEST_LEVEL}`,
    'no record',
    unenumerated > 0 ? `${unenumerated} row${unenumerated === 1 ? '' : 's'} with a draw not enumerable: only replayed` : undefined,
  );
}

export const lehiImitationUnbiased: Theorem = {
  id: 'lehi-imitation-unbiased',
  title: 'LEHI (B-P1): the imitation term is unbiased for the batch Gauss–Newton diagonal, E[c_B·h∘h] = diag(Ḡ_batch)',
  source: 'Zhu et al. 2026 (arXiv 2605.06945), the imitation term and its batch scaling c_B as reconstructed in docs/theory.md#diagonal-scaling-methods [R]; docs/theory.md#lehi-imitation-unbiased',
  statement: '\\mathbb E\\big[c_B\\,h\\circ h\\big]=\\operatorname{diag}\\Big(\\tfrac1B\\textstyle\\sum_{i\\in S}J_i^\\top\\nabla^2_p\\ell(p_i)J_i\\Big),\\quad h=\\tfrac1B\\sum_{i\\in S}J_i^\\top v_i',
  assumptions: [imitationRun, zeroMeanOrOneRow],
  tight: true,
  gating: true,
  gatingReason: 'the expectation reduced exactly to output-level identities (finite sums over the enumerated draw) checked with a derived rounding allowance, a bitwise replay of h and d, and a label draw test with false alarm ≤ 1e-6 (Ville)',
  check: checkImitationUnbiased,
};
