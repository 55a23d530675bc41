import { CAPABILITIES, type Capability } from '../methods/step-record.js';

/** ratecheck-solver/1 has fields for these capabilities (its iteration message, §2) */
export const PROCESS_CAPABILITIES: readonly Capability[] = ['descent', 'step-size', 'regularized-step', 'adaptive-search'];

export function parseCapabilities(text: string): Capability[] | string {
  const names = text.split(',').map((c) => c.trim()).filter((c) => c !== '');
  const unknown = names.find((c) => !(CAPABILITIES as readonly string[]).includes(c));
  if (unknown !== undefined) return `unknown capability '${unknown}' (one of ${PROCESS_CAPABILITIES.join(', ')})`;
  const unsupported = names.find((c) => !(PROCESS_CAPABILITIES as readonly string[]).includes(c));
  if (unsupported !== undefined) return `a solver process cannot declare '${unsupported}' (ratecheck-solver/1 has fields for ${PROCESS_CAPABILITIES.join(', ')})`;
  if (names.includes('adaptive-search') !== names.includes('regularized-step')) return "'adaptive-search' and 'regularized-step' go together (Algorithm 1's search over regularized steps)";
  return [...new Set(names)] as Capability[];
}
