import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';
import { killSlotGroup } from '../solver-process/process-group-slot.js';
import { TaskQueue, takesAnother } from './task-queue.js';

export interface PoolTask {
  readonly request: WorkerRequest;
  readonly timeoutMs: number;
  /** the reply when the worker times out or dies (the task is then an error, never a pass) */
  failed(reason: string, seconds: number): WorkerReply;
  /** its reply may add tasks (onReply returns them): while it is in flight, a worker with nothing to run waits for them */
  readonly addsTasks?: boolean;
}

const WORKER_URL = new URL('./case-worker.js', import.meta.url);

/** awaited before the pool ends a worker, e.g. to take the worker's coverage counts (src/coverage/thread-coverage.ts) */
export type BeforeWorkerEnds = (worker: Worker) => Promise<void>;

/**
 * A fixed number of worker threads, each running one task at a time and holding the next. A task that
 * exceeds its time limit gets its worker terminated (synchronous numerics cannot be interrupted
 * otherwise), the task it held behind goes back to the queue, and a fresh worker takes the next task.
 * Replies arrive in completion order; callers order results by key.
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

  /**
   * Runs the tasks, and those the replies add (onReply's result, queued behind the others), while
   * `shouldContinue()`; resolves with the number of tasks not started.
   */
  run(tasks: readonly PoolTask[], onReply: (reply: WorkerReply) => readonly PoolTask[] | void, shouldContinue: () => boolean = () => true): Promise<number> {
    const queue = new TaskQueue(tasks);
    let held = 0;
    // held tasks whose replies may add tasks
    let adding = 0;
    // the workers with nothing to run while such a task is in flight, each by its `give`
    const waiting = new Set<() => void>();
    return new Promise((resolve) => {
      const canStart = () => !this.stopped && queue.left > 0 && shouldContinue();
      const mayGetMore = () => !this.stopped && adding > 0 && shouldContinue();
      const maybeDone = () => {
        if (held === 0 && !canStart()) resolve(queue.left);
      };
      const take = (reply: WorkerReply): void => {
        const more = this.stopped ? undefined : onReply(reply);
        if (more && more.length > 0) queue.add(more);
      };
      // after a reply: the waiting workers take what it added or retire, and the pool is refilled
      const wake = (): void => {
        for (const give of [...waiting]) {
          waiting.delete(give);
          give();
        }
        while (this.workers.size < this.size && (canStart() || mayGetMore())) spawn();
      };
      const spawn = (): void => {
        // the solver process group the worker's case has alive (src/solver-process/process-group-slot.ts)
        const processGroup = new SharedArrayBuffer(4);
        const worker = new Worker(WORKER_URL, { workerData: { processGroup } });
        this.workers.add(worker);
        this.slots.set(worker, processGroup);
        // the tasks this worker holds, in the order it runs them: the first is running
        const holding: PoolTask[] = [];
        let started = 0;
        let timer: NodeJS.Timeout | undefined;
        const time = (first: PoolTask, deadline: number): void => {
          started = performance.now();
          timer = setTimeout(() => fail(`timed out after ${Math.round(first.timeoutMs / 1000)} s`), deadline - Date.now());
        };
        const release = (task: PoolTask): void => {
          held--;
          if (task.addsTasks) adding--;
        };
        const give = (): void => {
          while (canStart() && takesAnother(holding.length, queue.left, this.size)) {
            const task = queue.take() as PoolTask;
            holding.push(task);
            held++;
            if (task.addsTasks) adding++;
            if (holding.length === 1) {
              // an idle worker starts the task as it receives it: its time starts now
              const deadline = Date.now() + task.timeoutMs;
              time(task, deadline);
              worker.postMessage({ ...task.request, deadline });
            } else {
              // the worker starts this one's time as it starts it, before the reply that starts the pool's timer
              worker.postMessage({ ...task.request, timeoutMs: task.timeoutMs });
            }
          }
          if (holding.length > 0) return;
          if (mayGetMore()) {
            waiting.add(give);
            return;
          }
          retire();
          maybeDone();
        };
        const retire = (): void => {
          this.workers.delete(worker);
          this.slots.delete(worker);
          void this.end(worker).then(() => killSlotGroup(processGroup));
        };
        const fail = (reason: string): void => {
          waiting.delete(give);
          const task = holding.shift();
          if (!task) return;
          clearTimeout(timer);
          release(task);
          const unstarted = holding.splice(0);
          unstarted.forEach(release);
          queue.handBack(unstarted);
          take(task.failed(reason, (performance.now() - started) / 1000));
          worker.removeAllListeners('exit');
          retire();
          wake();
          maybeDone();
        };
        worker.on('message', (reply: WorkerReply) => {
          const task = holding.shift();
          if (!task) return;
          clearTimeout(timer);
          release(task);
          if (holding.length > 0) time(holding[0], Date.now() + holding[0].timeoutMs);
          take(reply);
          give();
          wake();
        });
        worker.on('error', (e) => fail(`worker crashed: ${e.message.split('\n')[0]}`));
        worker.on('exit', (code) => fail(`worker exited with code ${code}`));
        give();
      };
      if (!canStart()) return resolve(tasks.length);
      wake();
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
