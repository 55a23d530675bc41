import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IoCommand, IoEvent } from './io-messages.js';
import { processGroupBuffer } from './process-group-slot.js';

/** what a solver process said next, or that it said nothing before the deadline */
export type ChannelEvent = IoEvent | { readonly kind: 'timeout' };

interface IoThread {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly counters: Int32Array;
}

// under vitest the sources are TypeScript: the thread runs the compiled copy (npm test builds dist/ first)
const IO_THREAD_URL = import.meta.url.endsWith('.ts') ? new URL('../../dist/src/solver-process/io-thread.js', import.meta.url) : new URL('./io-thread.js', import.meta.url);

let io: IoThread | null = null;
let nextId = 1;

/** one io thread per thread that runs solver processes, started on first use; it never keeps the process alive */
function ioThread(): IoThread {
  if (io) return io;
  // a missing thread file would leave every read waiting for its deadline: say so at once
  if (!existsSync(fileURLToPath(IO_THREAD_URL))) throw new Error(`the solver process io thread ${fileURLToPath(IO_THREAD_URL)} is missing (npm run build)`);
  const signal = new SharedArrayBuffer(8);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(IO_THREAD_URL, { workerData: { port: port2, signal, processGroup: processGroupBuffer() }, transferList: [port2] });
  worker.unref();
  port1.unref();
  io = { worker, port: port1, counters: new Int32Array(signal) };
  return io;
}

/**
 * A solver process seen synchronously: lines written to its stdin, its stdout lines read one at a time
 * with a deadline (Atomics.wait on the io thread's counter, messages taken by receiveMessageOnPort).
 */
export class SolverChannel {
  private readonly io = ioThread();
  private readonly id = nextId++;
  private exit: Extract<IoEvent, { kind: 'exit' }> | null = null;

  constructor(command: string, cwd: string, maxLine: number) {
    this.command({ op: 'start', id: this.id, command, cwd, maxLine });
  }

  private command(c: IoCommand): void {
    this.io.worker.postMessage(c);
  }

  send(line: string): void {
    this.command({ op: 'write', id: this.id, line: `${line}\n` });
  }

  /** the next line, overflow or exit of this process; `timeout` once performance.now() passes `deadline` */
  next(deadline: number): ChannelEvent {
    const { port, counters } = this.io;
    for (;;) {
      const seen = Atomics.load(counters, 0);
      const received = receiveMessageOnPort(port);
      if (received) {
        const event = received.message as IoEvent;
        if (event.id !== this.id) continue; // a process of an earlier run
        if (event.kind === 'line') Atomics.add(counters, 1, 1);
        if (event.kind === 'exit') this.exit = event;
        return event;
      }
      if (this.exit) return this.exit;
      const left = deadline - performance.now();
      if (left <= 0) return { kind: 'timeout' };
      Atomics.wait(counters, 0, seen, left);
    }
  }

  /**
   * Ends the process: stdin closed, `graceMs` for it to exit, then its process group killed (the
   * solver and whatever it started); returns the tail of its stderr.
   */
  close(graceMs: number): string {
    if (!this.exit) {
      this.command({ op: 'close-stdin', id: this.id });
      const graceEnd = performance.now() + graceMs;
      while (!this.exit && this.next(graceEnd).kind !== 'timeout');
    }
    this.command({ op: 'kill', id: this.id });
    const killEnd = performance.now() + 2000;
    while (!this.exit && this.next(killEnd).kind !== 'timeout');
    return this.exit?.stderr ?? '';
  }

  /** the stderr tail once the process has exited ('' before) */
  get stderr(): string {
    return this.exit?.stderr ?? '';
  }
}
