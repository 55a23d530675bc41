/**
 * D-P2, diagnostic: K-FAC's π-split damping (Γ + (√τ/π)I) ⊗ (Λ + π√τ·I) only approximates Γ ⊗ Λ + τI
 * (they differ by (√τ/π)I ⊗ Λ + π√τ·Γ ⊗ I). Reported: the relative gap ‖δ_split − δ_exact‖/‖δ_exact‖ of
 * the recorded step against the check's dense Cholesky solve of each layer's Γ ⊗ Λ + τI (as a ratio to 1:
 * "violated" only where the split moves the step by more than its own length). Never gates
 * (docs/theory.md#natural-gradient-kfac-split).
 */
import { solveSpd } from '../linalg/cholesky.js';
import { matrix } from '../linalg/matrix.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import { capability } from './method-capabilities.js';
import { curvaturePoint, finiteRecord, naturalGradientRecords, normUp, runModel, supervisedProblem } from './natural-gradient-records.js';
import { dampedSystem } from './natural-gradient-system.js';
import type { Assumption, Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

export const splitKfac: Assumption = {
  id: 'split-kfac',
  statement: 'K-FAC with the π-split damping',
  holds: (run) => (naturalGradientRecords(run).some((r) => r.structure === 'kfac' && r.kfacSplits !== null) ? true : 'no K-FAC step with the π-split'),
};

/** −(Γ ⊗ Λ + τI)⁻¹q block by block, dense (Γ ⊗ Λ in the row-major layout: entry ((o,j),(o',j')) = Γ_oo'·Λ_jj') */
function exactKroneckerStep(blocks: readonly { offset: number; gamma: { rows: number; data: Float64Array }; lambda: { rows: number; data: Float64Array } }[], tau: number, q: Float64Array): Float64Array | null {
  const out = new Float64Array(q.length);
  for (const b of blocks) {
    const o = b.gamma.rows;
    const i = b.lambda.rows;
    const size = o * i;
    const a = matrix(size, size);
    for (let r = 0; r < o; r++)
      for (let s = 0; s < i; s++)
        for (let r2 = 0; r2 < o; r2++)
          for (let s2 = 0; s2 < i; s2++) a.data[(r * i + s) * size + r2 * i + s2] = b.gamma.data[r * o + r2] * b.lambda.data[s * i + s2] + (r === r2 && s === s2 ? tau : 0);
    const solved = solveSpd(a, q.subarray(b.offset, b.offset + size).map((v) => -v));
    if (!solved.ok) return null;
    out.set(solved.x, b.offset);
  }
  return out;
}

export function checkKfacSplit(run: ScenarioRun) {
  const records = naturalGradientRecords(run);
  const model = runModel(run);
  const w = new WorstRatio();
  for (const r of records) {
    if (r.structure !== 'kfac' || r.kfacSplits === null || !finiteRecord(r) || !model) continue;
    const x = curvaturePoint(records, r);
    if (!x) continue;
    const system = dampedSystem(model, x, { structure: 'kfac', batch: r.curvatureBatch, damping: r.damping, kfacSplits: null });
    if (system.structure.kind !== 'kfac') continue;
    const exact = exactKroneckerStep(system.structure.blocks, system.tau, r.preconditioned);
    if (!exact) continue;
    const relative = normUp(r.direction.map((v, i) => v - exact[i])) / normUp(exact);
    w.see(relative, `k=${r.k}: ‖δ_split − δ_exact‖/‖δ_exact‖ = ${relative.toExponential(3)} (π = ${Array.from(r.kfacSplits, (p) => p.toPrecision(3)).join(', ')})`);
  }
  return w.verdict('none: the relative gap of an approximation, reported as a ratio to 1 (docs/theory.md#natural-gradient-kfac-split)');
}

export const naturalGradientKfacSplit: Theorem = {
  id: 'natural-gradient-kfac-split',
  title: 'GRNG (D-P2, diagnostic): how far K-FAC\'s π-split damping moves the step from (Γ ⊗ Λ + τI)⁻¹q',
  source: 'K-FAC factored Tikhonov damping (Martens & Grosse 2015, section 6.3) [R, standard K-FAC]; Dash et al. 2026 (arXiv 2601.18420) [S]; docs/theory.md#natural-gradient-kfac-split',
  statement: '\\|\\delta_{\\pi}-\\delta_{\\mathrm{exact}}\\|/\\|\\delta_{\\mathrm{exact}}\\|',
  assumptions: [capability('natural-gradient'), supervisedProblem, splitKfac],
  tight: false,
  gating: false,
  gatingReason: 'the split is an approximation with no stated error bound: its relative gap is reported, never asserted',
  check: checkKfacSplit,
};
