import type { Capability } from '../methods/step-record.js';
import { parseCapabilities } from './declared-capabilities.js';
import type { SolverSession } from './solver-session.js';
import { PROTOCOL } from './wire.js';

/** What a solver's hello says (docs/solver-protocol.md §2). */
export interface Hello {
  readonly name: string | null;
  readonly capabilities: readonly Capability[];
}

/** The solver's first message, which must be a hello in ratecheck-solver/1 with a list of capabilities it may declare; anything else is a fault. */
export function readHello(session: SolverSession): Hello {
  const m = session.receive();
  if (m.type !== 'hello') return session.fault(`the first message is ${JSON.stringify(m.type)}, not "hello"`);
  if (m.protocol !== PROTOCOL) return session.fault(`"hello" names protocol ${JSON.stringify(m.protocol)}; ratecheck speaks "${PROTOCOL}"`);
  const listed = m.capabilities ?? [];
  if (!Array.isArray(listed) || listed.some((c) => typeof c !== 'string')) return session.fault('"hello": capabilities must be a list of strings');
  const capabilities = parseCapabilities(listed.join(','));
  if (typeof capabilities === 'string') return session.fault(`"hello": ${capabilities}`);
  return { name: typeof m.name === 'string' ? m.name : null, capabilities };
}
