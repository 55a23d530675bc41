import { createHash } from 'node:crypto';
import type { Scenario } from '../scenarios/scenario.js';

/**
 * Version of the scenario generators (the properties' arbitraries and the families' instance
 * builders): bump it when the same parameters no longer build the same run, so that corpus and
 * baseline entries keyed by the old hash are not compared with new runs.
 */
export const GENERATOR_VERSION = 1;

/** JSON with object keys sorted, so that equal scenarios hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The key of a case in the corpus and in baselines: generator version + property + kind + scenario (solver settings included) + backend. */
export function caseHash(property: string, kind: string, scenario: Scenario, backend: string): string {
  const text = canonicalJson({ generator: GENERATOR_VERSION, property, kind, scenario, backend });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
