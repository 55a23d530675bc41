import { SolverChannel } from './solver-channel.js';
import { SolverFault } from './solver-fault.js';
import { maxLineBytes } from './wire.js';

/** A message from the solver: a JSON object with a string `type`. */
export type SolverMessage = Readonly<Record<string, unknown>> & { readonly type: string };

/**
 * One conversation with a solver process: messages out as JSON lines, messages in parsed and
 * checked to be objects with a type, every fault (§4 of docs/solver-protocol.md) a SolverFault
 * thrown after the process group is killed.
 */
export class SolverSession {
  private readonly channel: SolverChannel;
  private last: string | null = null;
  private closed = false;

  constructor(
    command: string,
    dim: number,
    private readonly deadline: number,
    private readonly limitSeconds: number,
  ) {
    this.channel = new SolverChannel(command, process.cwd(), maxLineBytes(dim));
  }

  send(message: object): void {
    this.channel.send(JSON.stringify(message));
  }

  /** ends the process and throws the fault with its last message and stderr */
  fault(what: string): never {
    const stderr = this.close(0);
    throw new SolverFault(what, this.last, stderr);
  }

  receive(): SolverMessage {
    const event = this.channel.next(this.deadline);
    if (event.kind === 'timeout') return this.fault(`no message within the case time limit (${this.limitSeconds} s): the solver stopped answering`);
    if (event.kind === 'overflow') return this.fault(`a line longer than ${event.limit} bytes`);
    if (event.kind === 'exit') {
      const how = event.signal ? `was killed by ${event.signal}` : `exited with code ${String(event.code)}`;
      return this.fault(`the process ${how} before the session ended`);
    }
    this.last = event.text;
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.text);
    } catch {
      return this.fault(`a line that is not JSON: ${JSON.stringify(event.text.slice(0, 80))}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return this.fault('a line that is not a JSON object');
    const type = (parsed as Record<string, unknown>).type;
    if (typeof type !== 'string') return this.fault('a message without a string "type"');
    return parsed as SolverMessage;
  }

  /** closes stdin, waits up to `graceMs` for the exit, kills the process group; the stderr tail */
  close(graceMs: number): string {
    if (this.closed) return this.channel.stderr;
    this.closed = true;
    return this.channel.close(graceMs);
  }
}
