/**
 * A solver process broke the protocol (docs/solver-protocol.md §4): the case is an error whose one-line
 * reason names the fault, the last message the solver sent and the tail of its stderr.
 */
export class SolverFault extends Error {
  override name = 'SolverFault';

  constructor(
    readonly fault: string,
    readonly lastMessage: string | null,
    readonly stderrTail: string,
  ) {
    super(faultLine(fault, lastMessage, stderrTail));
  }
}

/** one line, whatever the solver printed */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ⏎ ').trim();
  return flat.length > max ? `…${flat.slice(flat.length - max)}` : flat;
}

function faultLine(fault: string, lastMessage: string | null, stderrTail: string): string {
  const last = lastMessage === null ? 'none' : oneLine(lastMessage.slice(0, 200), 200);
  const stderr = stderrTail.trim() === '' ? 'empty' : oneLine(stderrTail, 300);
  return `solver process: ${fault} (last message: ${last}; stderr: ${stderr})`;
}
