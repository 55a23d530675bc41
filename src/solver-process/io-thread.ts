/**
 * The thread that owns solver processes (docs/solver-protocol.md): it starts each in a new process
 * group, writes the lines the harness sends, splits stdout into lines no longer than the limit and
 * posts them, keeps the last 4 KiB of stderr, and kills the whole group when told. The harness's
 * thread reads what it posts synchronously (solver-channel.ts): a method's run is a synchronous
 * generator, so the asynchronous pipes live here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { IoCommand, IoEvent } from './io-messages.js';
import { killProcessGroup } from './kill-process-group.js';

const { port, signal, processGroup } = workerData as { port: MessagePort; signal: SharedArrayBuffer; processGroup: SharedArrayBuffer | null };
/** the live solver's process group, for the pool to kill if it ends the case's thread (process-group-slot.ts) */
const groupSlot = processGroup ? new Int32Array(processGroup) : null;
/** [0]: events posted; [1]: stdout lines the harness has read */
const counters = new Int32Array(signal);
const STDERR_TAIL = 4096;
/** stdout is paused while this many posted lines are unread: at most this many lines are buffered */
const UNREAD_LINES = 4;

interface Solver {
  readonly child: ChildProcess;
  stderr: string;
  posted: number;
  exited: { code: number | null; signal: string | null } | null;
  stdoutEnded: boolean;
  stderrEnded: boolean;
  done: boolean;
}

const solvers = new Map<number, Solver>();

function post(event: IoEvent): void {
  port.postMessage(event);
  Atomics.add(counters, 0, 1);
  Atomics.notify(counters, 0);
}

function killGroup(child: ChildProcess): void {
  if (child.pid !== undefined) killProcessGroup(child.pid);
}

/** the exit event, once the process has exited and its stdout and stderr are drained (or 300 ms after the exit, when a process it started holds them open) */
function maybeExited(id: number, s: Solver, force = false): void {
  if (s.done || !s.exited || (!(s.stdoutEnded && s.stderrEnded) && !force)) return;
  s.done = true;
  post({ id, kind: 'exit', code: s.exited.code, signal: s.exited.signal, stderr: s.stderr });
}

function start(id: number, command: string, cwd: string, maxLine: number): void {
  let child: ChildProcess;
  try {
    child = spawn('/bin/sh', ['-c', command], { cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    post({ id, kind: 'exit', code: null, signal: null, stderr: `cannot start: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  const s: Solver = { child, stderr: '', posted: 0, exited: null, stdoutEnded: false, stderrEnded: false, done: false };
  if (groupSlot && child.pid !== undefined) Atomics.store(groupSlot, 0, child.pid);
  solvers.set(id, s);
  counters[1] = 0;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  const pauseWhileUnread = (): void => {
    if (s.posted - Atomics.load(counters, 1) < UNREAD_LINES) return;
    child.stdout?.pause();
    const poll = setInterval(() => {
      if (s.done || s.posted - Atomics.load(counters, 1) < UNREAD_LINES) {
        clearInterval(poll);
        child.stdout?.resume();
      }
    }, 1);
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
      const piece = chunk.subarray(from, nl);
      from = nl + 1;
      if (partialBytes + piece.length > maxLine) return overflow();
      const line = partial.length === 0 ? piece.toString('utf8') : Buffer.concat([...partial, piece]).toString('utf8');
      partial = [];
      partialBytes = 0;
      s.posted++;
      post({ id, kind: 'line', text: line });
    }
    const rest = chunk.subarray(from);
    if (rest.length > 0) {
      if (partialBytes + rest.length > maxLine) return overflow();
      partial.push(Buffer.from(rest));
      partialBytes += rest.length;
    }
    pauseWhileUnread();
  });
  const overflow = (): void => {
    partial = [];
    child.stdout?.destroy();
    post({ id, kind: 'overflow', limit: maxLine });
    killGroup(child);
  };
  child.stdout?.on('end', () => {
    s.stdoutEnded = true;
    maybeExited(id, s);
  });
  child.stdout?.on('close', () => {
    s.stdoutEnded = true;
    maybeExited(id, s);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    s.stderr = (s.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  child.stderr?.on('close', () => {
    s.stderrEnded = true;
    maybeExited(id, s);
  });
  child.stdin?.on('error', () => {
    // the solver closed its stdin or died: its exit is reported
  });
  child.on('error', (e) => {
    s.stderr += `\n${e.message}`;
    s.exited ??= { code: null, signal: null };
    maybeExited(id, s, true);
  });
  child.on('exit', (code, sig) => {
    s.exited = { code, signal: sig };
    maybeExited(id, s);
    setTimeout(() => maybeExited(id, s, true), 300);
  });
}

parentPort?.on('message', (c: IoCommand) => {
  if (c.op === 'start') return start(c.id, c.command, c.cwd, c.maxLine);
  const s = solvers.get(c.id);
  if (!s) return;
  if (c.op === 'write') s.child.stdin?.write(c.line);
  else if (c.op === 'close-stdin') s.child.stdin?.end();
  else if (c.op === 'kill') {
    // after the leader's exit too: what it started may live on in its group
    killGroup(s.child);
    solvers.delete(c.id);
    if (groupSlot && s.child.pid !== undefined) Atomics.compareExchange(groupSlot, 0, s.child.pid, 0);
  }
});
