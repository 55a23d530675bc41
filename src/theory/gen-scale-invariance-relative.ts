/**
 * C-P3 for a factor c that is not a power of two (the spec's 7.3): c·d and η₀/c are rounded, so the
 * two runs differ by rounding carried along the trajectory; the spec's [V] tolerance is 1e-12 relative.
 * A measured agreement, not a derived bound: a diagnostic (docs/theory.md#gen-scale-invariance-relative).
 */
import type { ScenarioRun } from '../scenarios/scenario.js';
import { genRecords } from './gen-rounding.js';
import { directionScaleFactor } from './gen-scale-invariance.js';
import { capability } from './method-capabilities.js';
import type { Assumption, Theorem } from './theorem.js';
import { WorstRatio } from './verdict.js';

/** the spec's tolerance on max_i |x_k^{(c)} − x_k|_i / max(‖x_k‖_∞, ‖x_0‖_∞) */
export const RELATIVE_AGREEMENT = 1e-12;

export const roundedScaleCompanion: Assumption = {
  id: 'gen-rounded-scale-companion',
  statement: 'a companion GeN run with directionScale·c and eta0/c, c not a power of two, everything else equal',
  holds: (run) => {
    const c = directionScaleFactor(run);
    if (typeof c === 'string') return c;
    return 2 ** Math.round(Math.log2(c)) === c ? `c = ${c} is a power of two (gen-scale-invariance judges it bitwise)` : true;
  },
};

const maxAbs = (v: Float64Array): number => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

export const genScaleInvarianceRelative: Theorem = {
  id: 'gen-scale-invariance-relative',
  title: 'GeN (C-P3, diagnostic): with direction c·d and η₀/c for c not a power of two, x_k agree to 1e-12 relative',
  source: 'Bu & Xu 2025 (arXiv 2407.02772, ICLR 2025), the remark after Prop. 1 [S]; the tolerance 1e-12 is a measured one [V]; docs/theory.md#gen-scale-invariance-relative',
  statement: '\\max_i |x_k^{(c)}-x_k|_i\\ \\le\\ 10^{-12}\\max(\\|x_k\\|_\\infty,\\|x_0\\|_\\infty)',
  assumptions: [capability('gen-rate'), roundedScaleCompanion],
  tight: false,
  gating: false,
  gatingReason: 'a measured tolerance: the rounding of c·d and η₀/c is carried along a trajectory whose sensitivity is not bounded (acceptance tests can flip), so no derived slack exists',
  check(run: ScenarioRun) {
    const base = genRecords(run);
    const other = genRecords(run.companion!);
    const x0 = maxAbs(base[0]?.x ?? new Float64Array(0));
    const w = new WorstRatio();
    for (let k = 0; k < Math.min(base.length, other.length); k++) {
      let off = 0;
      for (let j = 0; j < base[k].x.length; j++) off = Math.max(off, Math.abs(base[k].x[j] - other[k].x[j]));
      const scale = Math.max(maxAbs(base[k].x), x0);
      w.see(off === 0 ? 0 : off / (RELATIVE_AGREEMENT * scale), `k=${k}: max|Δx| = ${off.toExponential(3)}, scale ${scale.toExponential(3)}`);
    }
    return w.verdict(`measured tolerance ${RELATIVE_AGREEMENT} relative to max(‖x_k‖_∞, ‖x_0‖_∞), c = ${String(directionScaleFactor(run))}`);
  },
};
