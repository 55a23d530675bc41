/**
 * Where saddle avoidance lands on the benign landscapes (docs/theory.md#saddle-global-minimum): a P-GD
 * run that ends at a critical point (‖∇f(x_K)‖ ≤ 1e-8) of symmetric matrix factorization ends at a
 * global minimum, f(x_K) − f* ≤ 1e-6·max(1, f(x_0) − f*) (every local minimum is global and every
 * saddle strict: Ge, Jin & Zheng 2017), and on real phase retrieval with m ≥ 5n samples it ends within
 * 1e-6·max(1, ‖x♮‖) of ±x♮ (benign with high probability only for m large enough: Sun, Qu & Wright
 * 2018). Both are empirical here — the sample sizes and the tolerances are not derived — so a
 * diagnostic, never gating.
 */
import { norm2 } from '../linalg/vector.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { euclideanMetric, preconditionerRecords, stepBelowConstants, withinTheory } from './pgd-run.js';
import { CRITICAL_GRADIENT } from './saddle-avoidance.js';
import type { Assumption, Theorem } from './theorem.js';
import { notApplicable, type Verdict } from './verdict.js';

/** the distance to ±x♮, or f − f*, allowed at the end, relative */
export const GLOBAL_TOLERANCE = 1e-6;
/** phase retrieval is judged from m ≥ this·n samples */
export const SAMPLES_PER_DIMENSION = 5;

const benignLandscape: Assumption = {
  id: 'benign-landscape',
  statement: 'symmetric matrix factorization, or phase retrieval with m ≥ 5n, with f* and x* known',
  holds: (run) => {
    const { family, params, dim } = run.instance.name;
    const cert = run.instance.certificate;
    if (cert.fStar === undefined || cert.xStar === undefined) return 'f* and x* are not known';
    if (family === 'matrix-factorization') return true;
    if (family === 'phase-retrieval') return Number(params.samples) >= SAMPLES_PER_DIMENSION * dim ? true : `m = ${params.samples} < ${SAMPLES_PER_DIMENSION}n = ${SAMPLES_PER_DIMENSION * dim}`;
    return `'${family}' is neither matrix factorization nor phase retrieval`;
  },
};

export function checkSaddleGlobalMinimum(run: ScenarioRun): Verdict {
  const { summary } = run;
  if (!(summary.gradNorm <= CRITICAL_GRADIENT)) return notApplicable(`the run did not end at a critical point: ‖∇f(x_K)‖ = ${summary.gradNorm.toExponential(2)} > ${CRITICAL_GRADIENT}`);
  const cert = run.instance.certificate;
  const fStar = cert.fStar as number;
  const xStar = cert.xStar as Float64Array;
  const base = { checked: 1, pastFloor: 0, gating: false as const };
  if (run.instance.name.family === 'matrix-factorization') {
    const gap = summary.f - fStar;
    const allowed = GLOBAL_TOLERANCE * Math.max(1, run.records[0].f - fStar);
    const ratio = gap <= 0 ? 0 : gap / allowed;
    return { ...base, status: ratio <= 1 ? 'holds' : 'violated', worstRatio: ratio, where: `K=${summary.iterations}: f(x_K) − f* = ${gap.toExponential(3)}`, slack: `f(x_K) − f* ≤ ${GLOBAL_TOLERANCE}·max(1, f(x_0) − f*) (a chosen tolerance)` };
  }
  const minus = norm2(summary.x.map((v, i) => v - xStar[i]));
  const plus = norm2(summary.x.map((v, i) => v + xStar[i]));
  const distance = Math.min(minus, plus);
  const allowed = GLOBAL_TOLERANCE * Math.max(1, norm2(xStar));
  const ratio = distance / allowed;
  return { ...base, status: ratio <= 1 ? 'holds' : 'violated', worstRatio: ratio, where: `K=${summary.iterations}: min‖x_K ∓ x♮‖ = ${distance.toExponential(3)}`, slack: `min‖x_K ∓ x♮‖ ≤ ${GLOBAL_TOLERANCE}·max(1, ‖x♮‖) (a chosen tolerance)` };
}

export const saddleGlobalMinimum: Theorem = {
  id: 'saddle-global-minimum',
  title: 'P-GD ending at a critical point of a benign landscape ends at a global minimum (matrix factorization; phase retrieval with m ≥ 5n)',
  source: 'Bodard & Patrinos 2025 (arXiv 2509.15817), Thms 2.12–2.13 (phase retrieval and matrix factorization satisfy their smoothness assumption) [S], with the landscapes of Ge, Jin & Zheng 2017 and Sun, Qu & Wright 2018; docs/theory.md#saddle-global-minimum',
  statement: '\\|\\nabla f(x_K)\\|\\le 10^{-8}\\ \\Rightarrow\\ f(x_K)\\approx f^\\star\\ \\text{(MF)},\\quad \\min\\|x_K\\mp x^\\natural\\|\\le 10^{-6}\\ \\text{(PR, } m\\ge 5n)',
  assumptions: [preconditionerRecords, euclideanMetric, withinTheory, stepBelowConstants, benignLandscape],
  tight: false,
  gating: false,
  gatingReason: 'a diagnostic: the benign landscape of phase retrieval holds only with high probability and for m large enough, and the tolerances are chosen, not derived',
  check: checkSaddleGlobalMinimum,
};
