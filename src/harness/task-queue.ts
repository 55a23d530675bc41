/**
 * The tasks a pool has not started, in the order given, then those added: `take` hands out the next;
 * `handBack` returns tasks a worker held but never started (the worker died or timed out on the one
 * before them), and they are handed out again first, in their own order.
 */
export class TaskQueue<T> {
  private next = 0;
  private readonly tasks: T[];
  private readonly handedBack: T[] = [];

  constructor(tasks: readonly T[]) {
    this.tasks = [...tasks];
  }

  /** tasks not started */
  get left(): number {
    return this.tasks.length - this.next + this.handedBack.length;
  }

  take(): T | undefined {
    if (this.handedBack.length > 0) return this.handedBack.shift();
    return this.next < this.tasks.length ? this.tasks[this.next++] : undefined;
  }

  add(more: readonly T[]): void {
    for (const t of more) this.tasks.push(t);
  }

  handBack(unstarted: readonly T[]): void {
    this.handedBack.unshift(...unstarted);
  }
}

/** tasks a worker holds at once: the one it runs and the next, which it starts without waiting for the main thread to take the reply before it */
export const HELD_PER_WORKER = 2;

/**
 * Whether a worker holding `holding` tasks takes another while `left` are not started: an idle worker
 * always does; a busy one holds a next task only while more are left than there are workers, so that
 * at the end of the queue no task waits behind another while a worker is idle.
 */
export function takesAnother(holding: number, left: number, workers: number): boolean {
  return left > 0 && (holding === 0 || (holding < HELD_PER_WORKER && left > workers));
}
