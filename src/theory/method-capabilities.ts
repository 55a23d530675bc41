import type { Method } from '../methods/method.js';
import type { Capability } from '../methods/step-record.js';
import type { ScenarioRun } from '../scenarios/scenario.js';
import type { GnsRecord, GnsSummary } from '../solvers/gns-record.js';
import type { Assumption, Theorem } from './theorem.js';

/** An assumption about the method alone, decided by its declared capabilities. */
function aboutTheMethod(id: string, statement: string, decide: (method: Method) => true | string): Assumption {
  return { id, statement, aboutMethod: decide, holds: (run) => decide(run.method) };
}

/** The method of the run declares capability `c` (src/methods/step-record.ts). */
export function capability(c: Capability): Assumption {
  return aboutTheMethod(`capability-${c}`, `the method records ${c}`, (m) => (m.capabilities.includes(c) ? true : `the method '${m.id}' does not record ${c}`));
}

function isAlgorithm1(method: Method): boolean {
  const c = method.capabilities;
  return c.includes('regularized-step') && (c.includes('adaptive-search') || c.includes('ideal-gamma'));
}

/** the theorem's assumptions about the method alone (its capabilities) hold for it */
export function theoremFitsMethod(t: Theorem, method: Method): boolean {
  return t.assumptions.every((a) => a.aboutMethod === undefined || a.aboutMethod(method) === true);
}

/** The run is Algorithm 1's: regularized steps with the run's Hessian model and γ from a search or the ideal rule. */
export const algorithm1Run: Assumption = aboutTheMethod(
  'algorithm-1',
  'x_{k+1} = x_k − (H_k + λ_kB)⁻¹∇f_k, λ_k = ‖∇f_k‖_* /γ_k, γ_k searched or ideal (capabilities regularized-step and adaptive-search or ideal-gamma)',
  (m) => (isAlgorithm1(m) ? true : `the method '${m.id}' is not Algorithm 1 (it records ${m.capabilities.join(', ') || 'the core only'})`),
);

/** The records of an Algorithm 1 run, with its fields (a theorem reads them only under `algorithm1Run`). */
export function gnsRecords(run: ScenarioRun): readonly GnsRecord[] {
  if (!isAlgorithm1(run.method)) throw new Error(`gnsRecords: the method '${run.method.id}' is not Algorithm 1`);
  return run.records as readonly GnsRecord[];
}

/** The summary of an Algorithm 1 run with the authors' start-of-iteration history. */
export function gnsSummary(run: ScenarioRun): GnsSummary {
  if (!isAlgorithm1(run.method)) throw new Error(`gnsSummary: the method '${run.method.id}' is not Algorithm 1`);
  return run.summary as GnsSummary;
}

/** γ_0 of an Algorithm 1 run as the method ran with it (its options; an ideal-γ run has none and reads the scenario's unused field, as before methods were named). */
export function gnsGamma0(run: ScenarioRun): number {
  const gamma0 = run.methodOptions.gamma0;
  return typeof gamma0 === 'number' ? gamma0 : run.scenario.gamma0;
}
