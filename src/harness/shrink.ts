import { runDeadlinePassed } from '../solver-process/run-deadline.js';
import type { Property } from '../../properties/property.js';
import type { AnyBackend } from '../backends/backend.js';
import { methodById } from '../methods/registry.js';
import type { Scenario } from '../scenarios/scenario.js';
import { failsGate, type Verdict } from '../theory/verdict.js';
import { encodeReplay } from './replay-string.js';
import type { CaseKind, ShrinkResult } from './results.js';
import { verdictsOf, worstOf } from './case-verdicts.js';

/** candidate scenarios tried at most per shrink (a count, not a time, so that shrinking is deterministic) */
const MAX_TRIED = 200;

const distinct = (values: number[]): number[] => [...new Set(values)];

/**
 * Simpler neighbours of a scenario, simplest first: smaller dimension, fewer iterations, simpler
 * perturbation constants, fewer perturbations, the family's default parameters, seed 1, γ0 = 1
 * (Algorithm 1) or the method's own simpler options (Method.simplerOptions).
 */
function* simplerScenarios(s: Scenario): Generator<readonly [string, Scenario]> {
  const n = s.instance.dim;
  for (const d of distinct([1, 2, Math.floor(n / 2), n - 1])) {
    if (d >= 1 && d < n) yield [`dim ${n} → ${d}`, { ...s, instance: { ...s.instance, dim: d } }];
  }
  for (const m of distinct([1, 2, 3, Math.floor(s.maxIters / 2), s.maxIters - 1])) {
    if (m >= 1 && m < s.maxIters) yield [`maxIters ${s.maxIters} → ${m}`, { ...s, maxIters: m }];
  }
  for (let i = 0; i < s.perturbations.length; i++) {
    const q = s.perturbations[i] as unknown as Record<string, unknown>;
    for (const [field, value] of Object.entries(q)) {
      if (typeof value !== 'number') continue;
      for (const simpler of distinct([0, 1, Number(value.toPrecision(1))])) {
        if (simpler === value || Math.abs(simpler) >= Math.abs(value)) continue;
        const perturbations = s.perturbations.map((p, j) => (j === i ? { ...p, [field]: simpler } : p));
        yield [`${String(q.kind)}.${field} ${value} → ${simpler}`, { ...s, perturbations }];
      }
    }
    yield [`drop perturbation ${String(q.kind)}`, { ...s, perturbations: s.perturbations.filter((_, j) => j !== i) }];
  }
  for (const key of Object.keys(s.instance.params)) {
    const params = { ...s.instance.params };
    delete params[key];
    yield [`${key} ${String(s.instance.params[key])} → default`, { ...s, instance: { ...s.instance, params } }];
  }
  if (s.instance.seed !== 1) yield [`seed ${s.instance.seed} → 1`, { ...s, instance: { ...s.instance, seed: 1 } }];
  const named = s.method;
  if (!named) {
    if (s.gamma0 !== 1) yield [`γ0 ${s.gamma0} → 1`, { ...s, gamma0: 1 }];
    return;
  }
  const method = methodById(named.id);
  if (!method?.simplerOptions) return;
  for (const options of method.simplerOptions({ ...method.defaults, ...named.options })) {
    yield [`${named.id} options ${JSON.stringify(named.options ?? {})} → ${JSON.stringify(options)}`, { ...s, method: { id: named.id, options } }];
  }
}

/** Does the scenario still violate one of the theorems the original case violated? */
function violates(p: Property, kind: CaseKind, s: Scenario, theorems: ReadonlySet<string>, backend?: AnyBackend): Record<string, Verdict> | null {
  try {
    const { verdicts } = verdictsOf(p, kind, s, backend);
    return Object.entries(verdicts).some(([id, v]) => theorems.has(id) && failsGate(v)) ? verdicts : null;
  } catch {
    return null;
  }
}

/**
 * Greedy shrinking (deterministic, so independent of the worker that runs it): take the first simpler
 * neighbour that still violates one of the original theorems, and start again from it, until no
 * neighbour does or the budget is spent.
 */
export function shrinkViolation(p: Property, kind: CaseKind, scenario: Scenario, verdicts: Readonly<Record<string, Verdict>>, backend?: AnyBackend): ShrinkResult {
  const theorems = new Set(Object.entries(verdicts).filter(([, v]) => failsGate(v)).map(([id]) => id));
  let current = scenario;
  let currentVerdicts = verdicts;
  const steps: string[] = [];
  let tried = 0;
  let progress = true;
  // within the case's time: a shrink past its deadline would turn the violation found into a timeout
  while (progress && tried < MAX_TRIED && !runDeadlinePassed()) {
    progress = false;
    for (const [what, candidate] of simplerScenarios(current)) {
      if (tried >= MAX_TRIED || runDeadlinePassed()) break;
      tried++;
      const v = violates(p, kind, candidate, theorems, backend);
      if (v) {
        current = candidate;
        currentVerdicts = v;
        steps.push(what);
        progress = true;
        break;
      }
    }
  }
  return {
    summary: steps.length === 0 ? 'no simpler scenario keeps the violation' : steps.join(', '),
    scenario: current,
    replay: encodeReplay({ property: p.id, kind, scenario: current }),
    tried,
    accepted: steps.length,
    worstRatio: worstOf(currentVerdicts),
  };
}
