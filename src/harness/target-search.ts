import fc from 'fast-check';
import type { AnyBackend } from '../backends/backend.js';
import { rng } from '../random/prng.js';
import type { Scenario } from '../scenarios/scenario.js';
import { caseKey } from './case-job.js';
import { verdictsOf } from './case-verdicts.js';
import { propertyById } from './property-lookup.js';
import { encodeReplay } from './replay-string.js';
import type { CaseResult, TargetSummary } from './results.js';
import { runCase } from './run-case.js';
import { mutateScenario } from './scenario-mutation.js';

export interface TargetJob {
  readonly property: string;
  readonly theorem: string;
  readonly seed: number;
  /** scenario runs allowed to each of the two searches (random and targeted) */
  readonly budget: number;
  readonly backend: string;
  /** index of the near-miss case this search reports */
  readonly index: number;
}

/** the share of the targeted budget spent on random starting points */
const START_FRACTION = 0.25;

function ratioOf(property: string, theorem: string, s: Scenario, backend?: AnyBackend): number {
  try {
    const v = verdictsOf(propertyById(property), 'case', s, backend).verdicts[theorem];
    if (!v || v.status === 'not-applicable') return -Infinity;
    return Number.isNaN(v.worstRatio) ? Infinity : v.worstRatio;
  } catch {
    return -Infinity;
  }
}

/**
 * Searches for the scenario closest to violating one theorem. Random generation with `budget` runs
 * is compared with a targeted search of the same budget: a quarter of it on random starting points
 * (the first draws of the same sample), the rest hill-climbing from the best one by random
 * neighbours (scenario-mutation.ts), keeping a neighbour when its ratio observed/bound is higher.
 * Deterministic for a seed. The best scenario found is returned as a `target` case.
 */
export function runTargetSearch(job: TargetJob, backend?: AnyBackend): { summary: TargetSummary; nearMisses: CaseResult[] } {
  const p = propertyById(job.property);
  const sample = fc.sample(p.scenarios, { seed: job.seed, numRuns: job.budget });
  let randomWorst = -Infinity;
  let randomBest: Scenario | null = null;
  const ratios = sample.map((s) => ratioOf(job.property, job.theorem, s, backend));
  ratios.forEach((r, i) => {
    if (r > randomWorst) {
      randomWorst = r;
      randomBest = sample[i];
    }
  });
  const starts = Math.max(1, Math.floor(START_FRACTION * job.budget));
  let best: Scenario | null = null;
  let bestRatio = -Infinity;
  for (let i = 0; i < starts; i++) {
    if (ratios[i] > bestRatio) {
      bestRatio = ratios[i];
      best = sample[i];
    }
  }
  const next = rng(job.seed ^ 0x7a26e7);
  for (let used = starts; used < job.budget && best; used++) {
    if (bestRatio === Infinity) break;
    const candidate = mutateScenario(best, next);
    const r = ratioOf(job.property, job.theorem, candidate, backend);
    if (r > bestRatio) {
      bestRatio = r;
      best = candidate;
    }
  }
  const winner = bestRatio >= randomWorst ? best : randomBest;
  const nearMisses: CaseResult[] = winner
    ? [runCase({ key: caseKey(job.property, 'target', job.index), property: job.property, kind: 'target', index: job.index, scenario: winner, backend: job.backend, keepTrace: true, shrink: true }, backend)]
    : [];
  return {
    summary: {
      property: job.property,
      theorem: job.theorem,
      budget: job.budget,
      randomWorst: Number.isFinite(randomWorst) || randomWorst === Infinity ? randomWorst : 0,
      targetedWorst: Number.isFinite(bestRatio) || bestRatio === Infinity ? bestRatio : 0,
      replay: winner ? encodeReplay({ property: job.property, kind: 'target', scenario: winner }) : null,
    },
    nearMisses,
  };
}
