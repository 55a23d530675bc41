import fc from 'fast-check';
import type { Method, MethodOptions } from '../methods/method.js';
import type { Capability } from '../methods/step-record.js';
import { parseCapabilities } from './declared-capabilities.js';
import { runSolverProcess } from './process-run.js';

export const SOLVER_PROCESS_ID = 'solver-process';

/**
 * A solver process's options as plain data (a scenario and its replay string carry them): the command,
 * the capabilities it declares (comma-separated), options for it as a JSON object, and Algorithm 1's
 * mode and γ0, which every problem message carries (docs/solver-protocol.md §2).
 */
export interface SolverProcessOptions extends MethodOptions {
  readonly command: string;
  readonly capabilities: string;
  readonly solverOptions: string;
  readonly mode: 'strict' | 'reference';
  readonly gamma0: number;
}

/** options that the scenarios draw (each case its own): the theorems read them, so a solver's options cannot change them */
const DRAWN_OPTIONS = ['mode', 'gamma0'];

export function parseSolverOptions(text: string): Record<string, unknown> | string {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    // named below
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return `solver options must be a JSON object, got ${JSON.stringify(text.slice(0, 60))}`;
  const drawn = Object.keys(o).find((key) => DRAWN_OPTIONS.includes(key));
  if (drawn !== undefined) return `solver options cannot set '${drawn}': each case's scenario draws it, and the theorems read the drawn value`;
  return o as Record<string, unknown>;
}

function validate(o: SolverProcessOptions): true | string {
  if (typeof o.command !== 'string' || o.command.trim() === '') return 'command must be a non-empty string';
  if (o.command.includes('\0')) return 'command must not contain a NUL character';
  if (typeof o.capabilities !== 'string' || typeof o.solverOptions !== 'string') return 'capabilities and solverOptions must be strings (comma-separated names; a JSON object)';
  const capabilities = parseCapabilities(o.capabilities);
  if (typeof capabilities === 'string') return capabilities;
  const options = parseSolverOptions(o.solverOptions);
  if (typeof options === 'string') return options;
  if (o.mode !== 'strict' && o.mode !== 'reference') return `mode must be 'strict' or 'reference', got ${String(o.mode)}`;
  if (!(typeof o.gamma0 === 'number' && o.gamma0 > 0 && Number.isFinite(o.gamma0))) return `gamma0 must be a positive number, got ${String(o.gamma0)}`;
  return true;
}

/**
 * A solver written in any language, run as a child process that follows ratecheck-solver/1
 * (docs/solver-protocol.md). Its capabilities are what its options declare (`withOptions`); it runs
 * in float64 whatever the case's backend.
 */
export const solverProcessMethod: Method<SolverProcessOptions> = {
  id: SOLVER_PROCESS_ID,
  title: 'a solver process (ratecheck-solver/1)',
  capabilities: [],
  options: fc.constant({ command: '', capabilities: '', solverOptions: '{}', mode: 'strict', gamma0: 1 }),
  defaults: { command: '', capabilities: '', solverOptions: '{}', mode: 'strict', gamma0: 1 },
  validate,
  simplerOptions: (o) => (o.mode !== 'strict' || o.gamma0 !== 1 ? [{ ...o, mode: 'strict', gamma0: 1 }] : []),
  float64Only: true,
  applies: () => true,
  withOptions(o) {
    const capabilities = parseCapabilities(String(o.capabilities));
    return { ...solverProcessMethod, title: `solver process: ${o.command}`, capabilities: typeof capabilities === 'string' ? [] : capabilities, options: fc.constant(o), defaults: o };
  },
  run(input, o) {
    const capabilities = parseCapabilities(o.capabilities);
    const options = parseSolverOptions(o.solverOptions);
    if (typeof capabilities === 'string' || typeof options === 'string') throw new Error(`solver process: ${String(typeof capabilities === 'string' ? capabilities : options)}`);
    return runSolverProcess(input as never, { command: o.command, capabilities, options: { mode: o.mode, gamma0: o.gamma0, ...options } });
  },
};

/**
 * The solver process method for a command, as checkMethod takes it: its command, capabilities and
 * options fixed; Algorithm 1's mode and γ0 drawn as for ratecheck's own (strict or reference, γ0 from
 * 1, 10⁻³, 10³, ¼), so that a solver declaring `adaptive-search` meets both modes.
 */
export function solverProcess(o: { readonly command: string; readonly capabilities?: readonly Capability[]; readonly options?: Readonly<Record<string, unknown>> }): Method<SolverProcessOptions> {
  const options: SolverProcessOptions = { ...solverProcessMethod.defaults, command: o.command, capabilities: (o.capabilities ?? []).join(','), solverOptions: JSON.stringify(o.options ?? {}) };
  const valid = validate(options);
  if (valid !== true) throw new RangeError(`solverProcess: ${valid}`);
  const method = solverProcessMethod.withOptions?.(options) as Method<SolverProcessOptions>;
  const drawn = fc.record({ mode: fc.constantFrom('strict' as const, 'reference' as const), gamma0: fc.constantFrom(1, 1e-3, 1e3, 0.25) }).map((d) => ({ ...options, ...d }));
  return { ...method, options: drawn };
}
