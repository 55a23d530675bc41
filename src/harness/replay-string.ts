/**
 * Replay strings: one line that names a case completely — the property, how its run was produced
 * (kind) and the scenario, which is plain data (src/scenarios/scenario.ts) — so that
 * `ratecheck replay '<string>'` rebuilds the same run bit for bit.
 *   rc1:<property>:<kind>:<base64url(JSON of the scenario)>
 */
import { SolverConfigurationError } from '../configuration-error.js';
import { METHODS, methodById } from '../methods/registry.js';
import { type Scenario, scenarioMethod } from '../scenarios/scenario.js';
import { InputError } from '../input-error.js';
import type { CaseKind } from './results.js';

const PREFIX = 'rc1';
const KINDS: readonly CaseKind[] = ['case', 'corpus', 'target', 'power', 'defect'];

export interface ReplayTarget {
  readonly property: string;
  readonly kind: CaseKind;
  readonly scenario: Scenario;
}

export function encodeReplay(t: ReplayTarget): string {
  return `${PREFIX}:${t.property}:${t.kind}:${Buffer.from(JSON.stringify(t.scenario), 'utf8').toString('base64url')}`;
}

export function decodeReplay(text: string): ReplayTarget {
  const parts = text.trim().split(':');
  if (parts.length !== 4 || parts[0] !== PREFIX) throw new InputError(`not a replay string (expected ${PREFIX}:<property>:<kind>:<scenario>): '${text.slice(0, 60)}'`);
  const [, property, kind, payload] = parts;
  if (!(KINDS as readonly string[]).includes(kind)) throw new InputError(`replay string: unknown kind '${kind}' (one of ${KINDS.join('|')})`);
  let scenario: unknown;
  try {
    scenario = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('replay string: the scenario part is not base64url-encoded JSON');
  }
  if (typeof scenario !== 'object' || scenario === null || !('instance' in scenario) || !('hessian' in scenario)) {
    throw new InputError('replay string: the scenario part does not describe a scenario');
  }
  try {
    scenarioMethod(scenario as Scenario);
  } catch (e) {
    if (!(e instanceof SolverConfigurationError)) throw e;
    const id = (scenario as Scenario).method?.id;
    const unknownMethod = id !== undefined && !methodById(id);
    throw new InputError(`replay string: ${e.message}${unknownMethod ? ` (known methods: ${METHODS.map((m) => m.id).join(', ')}; one registered at run time replays only in its own process)` : ''}`);
  }
  return { property, kind: kind as CaseKind, scenario: scenario as Scenario };
}
