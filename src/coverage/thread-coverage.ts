import { Session } from 'node:inspector';
import type { Worker } from 'node:worker_threads';
import type { ScriptCoverage } from './v8-coverage.js';

/** What the threads of a run reported: one list of scripts per thread whose counts were taken. */
export interface CollectedCoverage {
  readonly threads: readonly (readonly ScriptCoverage[])[];
  /** worker threads that ended (a crash) or did not answer before their counts were taken */
  readonly lost: number;
}

/** a worker stuck in a case still answers (the inspector interrupts it); one that does not within this is lost */
const TAKE_TIMEOUT_MS = 5_000;

const PRECISE = { callCount: true, detailed: true };

interface WorkerSession {
  readonly sessionId: string;
  /** resolves once the worker counts blocks and runs */
  readonly started: Promise<boolean>;
  taken: Promise<void> | null;
}

type Reply = { result?: unknown; error?: { message: string } } | null;

/**
 * Precise block coverage of this thread and of every worker thread it starts, through one inspector
 * session: each worker waits at its start until coverage is on (NodeWorker, waitForDebuggerOnStart),
 * so that its modules are counted from their first line; `takeFrom` reads a worker's counts before
 * the pool ends it (synchronous numerics are interrupted to answer), `finish` this thread's.
 * Only scripts whose url `keep` accepts are held.
 */
export class ThreadCoverage {
  private readonly session = new Session();
  private readonly workers = new Map<string, WorkerSession>();
  private readonly replies = new Map<number, { sessionId: string; resolve: (r: Reply) => void }>();
  private readonly threads: ScriptCoverage[][] = [];
  private readonly pending = new Set<Promise<void>>();
  private lost = 0;
  private nextId = 0;

  constructor(private readonly keep: (url: string) => boolean) {}

  async start(): Promise<void> {
    this.session.connect();
    this.session.on('NodeWorker.attachedToWorker', ({ params }) => {
      // workerInfo.workerId counts workers as they attach; the title names the thread ("[worker 3]")
      const threadId = /\[worker (\d+)\]$/.exec(params.workerInfo.title)?.[1];
      if (threadId !== undefined) this.attach(params.sessionId, threadId);
    });
    this.session.on('NodeWorker.detachedFromWorker', ({ params }) => this.detach(params.sessionId));
    this.session.on('NodeWorker.receivedMessageFromWorker', ({ params }) => {
      const message = JSON.parse(params.message) as { id?: number } & Reply;
      const waiting = message?.id === undefined ? undefined : this.replies.get(message.id);
      if (!waiting) return;
      this.replies.delete(message.id as number);
      waiting.resolve(message);
    });
    await this.post('Profiler.enable');
    await this.post('Profiler.startPreciseCoverage', PRECISE);
    await this.post('NodeWorker.enable', { waitForDebuggerOnStart: true });
  }

  /** Takes `worker`'s counts (once; later calls wait for the first). */
  takeFrom(worker: Worker): Promise<void> {
    const w = this.workers.get(String(worker.threadId));
    if (!w) return Promise.resolve(); // not attached yet: it waits at its start and has run nothing
    w.taken ??= this.track(
      (async () => {
        if (!(await w.started)) return; // ended while it waited at its start: it ran nothing
        const exited = new Promise<null>((resolve) => worker.once('exit', () => resolve(null)));
        const reply = await Promise.race([this.send(w.sessionId, 'Profiler.takePreciseCoverage'), exited]);
        const result = reply?.result as { result: ScriptCoverage[] } | undefined;
        if (result) this.threads.push(result.result.filter((s) => this.keep(s.url)));
        else this.lost++;
      })(),
    );
    return w.taken;
  }

  /** This thread's counts, after every worker's; coverage stops and the session closes. */
  async finish(): Promise<CollectedCoverage> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    // a worker that ran and ended by itself (a crash) took its counts with it
    for (const w of this.workers.values()) if (w.taken === null && (await w.started)) this.lost++;
    const own = (await this.post('Profiler.takePreciseCoverage')) as { result: ScriptCoverage[] };
    this.threads.push(own.result.filter((s) => this.keep(s.url)));
    await this.post('NodeWorker.disable');
    await this.post('Profiler.stopPreciseCoverage');
    await this.post('Profiler.disable');
    this.session.disconnect();
    return { threads: this.threads, lost: this.lost };
  }

  private attach(sessionId: string, threadId: string): void {
    const started = (async () => {
      const steps = [['Profiler.enable'], ['Profiler.startPreciseCoverage', PRECISE], ['Runtime.runIfWaitingForDebugger']] as const;
      let ok = true;
      for (const [method, params] of steps) {
        const reply: Reply = ok ? await this.send(sessionId, method, params) : null;
        ok = reply !== null && reply.error === undefined;
      }
      return ok;
    })();
    this.workers.set(threadId, { sessionId, started, taken: null });
  }

  /** A worker gone: what it was asked gets no answer. */
  private detach(sessionId: string): void {
    for (const [id, waiting] of this.replies) {
      if (waiting.sessionId !== sessionId) continue;
      this.replies.delete(id);
      waiting.resolve(null);
    }
  }

  private track(p: Promise<void>): Promise<void> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
    return p;
  }

  private send(sessionId: string, method: string, params: object = {}): Promise<Reply> {
    const id = ++this.nextId;
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.replies.delete(id);
        resolve(null);
      }, TAKE_TIMEOUT_MS);
      this.replies.set(id, {
        sessionId,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
      this.session.post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method, params }) }, (e) => {
        if (e && this.replies.delete(id)) {
          clearTimeout(timer);
          resolve(null);
        }
      });
    });
  }

  private post(method: string, params: object = {}): Promise<unknown> {
    return new Promise((resolve, reject) => this.session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  }
}
