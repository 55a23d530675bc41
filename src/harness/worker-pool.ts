import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';
import { killSlotGroup } from '../solver-process/process-group-slot.js';

export interface PoolTask {
  readonly request: WorkerRequest;
  readonly timeoutMs: number;
  /** the reply when the worker times out or dies (the task is then an error, never a pass) */
  failed(reason: string, seconds: number): WorkerReply;
}

const WORKER_URL = new URL('./case-worker.js', import.meta.url);

/** awaited before the pool ends a worker, e.g. to take the worker's coverage counts (src/coverage/thread-coverage.ts) */
export type BeforeWorkerEnds = (worker: Worker) => Promise<void>;

/**
 * A fixed number of worker threads, each running one task at a time. A task that exceeds its time
 * limit gets its worker terminated (synchronous numerics cannot be interrupted otherwise) and a
 * fresh worker takes the next task. Replies arrive in completion order; callers order results by key.
 */
export class WorkerPool {
  private readonly workers = new Set<Worker>();
  private readonly slots = new Map<Worker, SharedArrayBuffer>();
  private stopped = false;

  constructor(
    private readonly size: number,
    private readonly beforeEnd: BeforeWorkerEnds | null = null,
  ) {}

  private async end(worker: Worker): Promise<void> {
    if (this.beforeEnd) await this.beforeEnd(worker);
    await worker.terminate();
  }

  /** Runs the tasks while `shouldContinue()`; resolves with the number of tasks not started. */
  run(tasks: readonly PoolTask[], onReply: (reply: WorkerReply) => void, shouldContinue: () => boolean = () => true): Promise<number> {
    let next = 0;
    let active = 0;
    return new Promise((resolve) => {
      const canStart = () => !this.stopped && next < tasks.length && shouldContinue();
      const maybeDone = () => {
        if (active === 0 && !canStart()) resolve(tasks.length - next);
      };
      const spawn = (): void => {
        if (!canStart()) return maybeDone();
        // the solver process group the worker's case has alive (src/solver-process/process-group-slot.ts)
        const processGroup = new SharedArrayBuffer(4);
        const worker = new Worker(WORKER_URL, { workerData: { processGroup } });
        this.workers.add(worker);
        this.slots.set(worker, processGroup);
        let task: PoolTask | null = null;
        let started = 0;
        let timer: NodeJS.Timeout | undefined;
        const give = (): void => {
          if (!canStart()) {
            retire();
            return maybeDone();
          }
          task = tasks[next++];
          active++;
          started = performance.now();
          timer = setTimeout(() => fail(`timed out after ${Math.round((task as PoolTask).timeoutMs / 1000)} s`), task.timeoutMs);
          worker.postMessage({ ...task.request, deadline: Date.now() + task.timeoutMs });
        };
        const finish = (reply: WorkerReply | null): void => {
          clearTimeout(timer);
          task = null;
          active--;
          if (reply && !this.stopped) onReply(reply);
        };
        const retire = (): void => {
          this.workers.delete(worker);
          this.slots.delete(worker);
          void this.end(worker).then(() => killSlotGroup(processGroup));
        };
        const fail = (reason: string): void => {
          if (!task) return;
          const t = task;
          finish(t.failed(reason, (performance.now() - started) / 1000));
          worker.removeAllListeners('exit');
          retire();
          spawn();
        };
        worker.on('message', (reply: WorkerReply) => {
          if (!task) return;
          finish(reply);
          give();
        });
        worker.on('error', (e) => fail(`worker crashed: ${e.message.split('\n')[0]}`));
        worker.on('exit', (code) => fail(`worker exited with code ${code}`));
        give();
      };
      if (!canStart()) return resolve(tasks.length);
      for (let i = 0; i < Math.min(this.size, tasks.length); i++) spawn();
    });
  }

  /** Stops dispatching and terminates every worker; tasks in flight are dropped (not reported). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.workers].map((w) => this.end(w)));
    for (const slot of this.slots.values()) killSlotGroup(slot);
    this.slots.clear();
    this.workers.clear();
  }
}
