import { InputError } from '../input-error.js';
import type { Method } from '../methods/method.js';
import type { Capability } from '../methods/step-record.js';
import type { Scenario } from '../scenarios/scenario.js';
import { SOLVER_PROCESS_ID, type SolverProcessOptions, solverProcessMethod } from '../solver-process/process-method.js';
import { readHello } from '../solver-process/hello.js';
import { SolverFault } from '../solver-process/solver-fault.js';
import { SolverSession } from '../solver-process/solver-session.js';
import { PROTOCOL } from '../solver-process/wire.js';

/** A solver process a suite runs in place of the method its scenarios name (`--solver-cmd`, or a suite file's `solver`). */
export interface SolverRequest {
  readonly command: string;
  /** what it declares; absent: what its hello declares */
  readonly capabilities?: readonly Capability[];
  /** options sent to it with every problem (a JSON object) */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** The solver as the run uses it and the results name it. */
export interface SolverUnderTest {
  readonly command: string;
  readonly capabilities: readonly Capability[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly protocol: string;
  /** the name its hello gives (null: none) */
  readonly name: string | null;
}

const HELLO_SECONDS = 20;

/**
 * Starts the solver once to read its hello (and ends it): the protocol it speaks, its name, and the
 * capabilities it declares — the run's, unless the request names them. A solver that does not say
 * hello is bad input (exit 2), before any case runs.
 */
export function probeSolver(request: SolverRequest): SolverUnderTest {
  const session = new SolverSession(request.command, 1, performance.now() + HELLO_SECONDS * 1000, HELLO_SECONDS);
  try {
    const hello = readHello(session);
    const undeclared = (request.capabilities ?? []).filter((c) => !hello.capabilities.includes(c));
    if (undeclared.length > 0) session.fault(`the run would assume ${undeclared.join(', ')}, which its "hello" does not declare (${hello.capabilities.join(', ') || 'none'})`);
    return { command: request.command, capabilities: request.capabilities ?? hello.capabilities, options: request.options ?? {}, protocol: PROTOCOL, name: hello.name };
  } catch (e) {
    if (e instanceof SolverFault) throw new InputError(`solver '${request.command}': ${e.message}`);
    throw e;
  } finally {
    session.close(0);
  }
}

/**
 * the options of the scenario's solver process: those of the method the scenario names (e.g. the
 * gradient method's L0), Algorithm 1's mode and γ0 (from them, else the scenario's own fields), and
 * the solver's own options over them
 */
function processOptions(solver: SolverUnderTest, s: Scenario): SolverProcessOptions {
  const { mode, gamma0, ...drawn } = s.method?.options ?? {};
  return {
    command: solver.command,
    capabilities: solver.capabilities.join(','),
    solverOptions: JSON.stringify({ ...drawn, ...solver.options }),
    mode: mode === 'strict' || mode === 'reference' ? mode : s.mode,
    gamma0: typeof gamma0 === 'number' ? gamma0 : s.gamma0,
  };
}

/** The scenario with the solver process in place of the method it names. */
export function withSolver(s: Scenario, solver: SolverUnderTest): Scenario {
  return { ...s, method: { id: SOLVER_PROCESS_ID, options: processOptions(solver, s) } };
}

/** the solver as a Method (its declared capabilities), for choosing the properties that apply */
export function solverMethod(solver: SolverUnderTest): Method {
  return solverProcessMethod.withOptions?.({ ...solverProcessMethod.defaults, command: solver.command, capabilities: solver.capabilities.join(',') }) as unknown as Method;
}
