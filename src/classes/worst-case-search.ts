import type { RoundingModel } from './rounding.js';
import type { SpotCheckOptions, SpotCheckResult } from './smoothness-class.js';

/**
 * The search behind every membership spot check: evaluate sampled probes, then refine the best few
 * by hill climbing (equal ratios are accepted, so the climb drifts across plateaus) with the class's local moves (structured moves toward tight configurations and
 * random perturbations), on a fixed evaluation budget. The ratio is observed/(bound + τ); the search
 * maximizes it, so a constant that is too small shows up as a ratio above 1.
 */
export interface WorstCaseSearch<P> {
  /** the k-th sampled probe */
  sample(k: number): P;
  /** observed/(bound + τ) at p; NaN when p cannot be evaluated (outside the domain) */
  ratio(p: P): number;
  /** local moves; `step` ∈ (0, 1] is the current relative size of random perturbations */
  readonly moves: readonly ((p: P, step: number) => P | null)[];
}

export interface WorstCase<P> {
  readonly probe: P;
  readonly ratio: number;
  readonly evaluations: number;
}

/** how many of the best sampled probes are refined */
const STARTS = 3;

export function worstCase<P>(search: WorstCaseSearch<P>, samples: number, refinements: number): WorstCase<P> {
  let evaluations = 0;
  const scored: { probe: P; ratio: number }[] = [];
  const score = (p: P): number => {
    evaluations++;
    const r = search.ratio(p);
    return Number.isFinite(r) ? r : NaN;
  };
  for (let k = 0; k < samples; k++) {
    const probe = search.sample(k);
    const ratio = score(probe);
    if (!Number.isNaN(ratio)) scored.push({ probe, ratio });
  }
  if (scored.length === 0) {
    return { probe: search.sample(0), ratio: NaN, evaluations };
  }
  scored.sort((a, b) => b.ratio - a.ratio);
  let best = scored[0];
  const starts = scored.slice(0, Math.min(STARTS, scored.length));
  const perStart = Math.floor(refinements / starts.length);
  const moves = search.moves;
  for (const start of starts) {
    let current = start;
    let step = 1;
    for (let i = 0; i < perStart; i++) {
      const candidate = moves[i % moves.length](current.probe, step);
      if (candidate === null) continue;
      const ratio = score(candidate);
      if (Number.isNaN(ratio) || ratio < current.ratio) {
        step = Math.max(1e-3, step * 0.7);
        continue;
      }
      if (ratio > current.ratio) step = Math.min(1, step * 1.5);
      current = { probe: candidate, ratio };
    }
    if (current.ratio > best.ratio) best = current;
  }
  return { probe: best.probe, ratio: best.ratio, evaluations };
}

/** refinement evaluations per spot check, beyond the sampled probes */
const REFINEMENTS = 48;

/** A spot check's result: the worst case of its search over `options.samples` probes and the fixed refinements. */
export function spotCheckResult<P>(
  search: WorstCaseSearch<P>,
  options: SpotCheckOptions,
  rounding: RoundingModel,
  witness: (probe: P) => SpotCheckResult['witness'],
): SpotCheckResult {
  const worst = worstCase(search, options.samples, REFINEMENTS);
  return { worstRatio: worst.ratio, samples: worst.evaluations, slack: rounding.slack, witness: witness(worst.probe) };
}
