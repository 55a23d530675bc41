import { verdictsOf } from '../harness/case-verdicts.js';
import { propertyById } from '../harness/property-lookup.js';
import { decodeReplay } from '../harness/replay-string.js';
import type { Scenario } from '../scenarios/scenario.js';
import { failsGate, type Verdict } from '../theory/verdict.js';

export interface ReplayedCase {
  readonly property: string;
  readonly scenario: Scenario;
  /** the run's verdicts (empty when skipped) */
  readonly verdicts: Readonly<Record<string, Verdict>>;
  /** the gating theorems it violates */
  readonly violated: readonly string[];
  readonly skipped?: string;
}

/** One case from its replay string, run again bit for bit (a user's method must be registered in this process: checkMethod does it). */
export function replayCase(replay: string): ReplayedCase {
  const target = decodeReplay(replay);
  const p = propertyById(target.property);
  const { outcome, verdicts } = verdictsOf(p, target.kind, target.scenario);
  return {
    property: p.id,
    scenario: target.scenario,
    verdicts,
    violated: Object.entries(verdicts).filter(([, v]) => failsGate(v)).map(([id]) => id),
    ...(outcome.ok ? {} : { skipped: outcome.skipped }),
  };
}
