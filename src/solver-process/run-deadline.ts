/**
 * The time by which the case running on this thread must end (performance.now() milliseconds), set
 * by the harness around a case; a solver process that has not answered by then is a fault, found
 * before the worker pool's own timeout would end the thread and orphan the process.
 */
let deadline: number | null = null;

/** runs `fn` with the case's deadline `ms` from now */
export function withRunDeadline<T>(ms: number, fn: () => T): T {
  const outer = deadline;
  deadline = performance.now() + ms;
  try {
    return fn();
  } finally {
    deadline = outer;
  }
}

/** the current case's deadline has passed (false outside a case): what is left of it (e.g. shrinking) stops */
export function runDeadlinePassed(): boolean {
  return deadline !== null && performance.now() >= deadline;
}

/** the current case's deadline, or `fallbackMs` from now outside a case (a library call, a replay) */
export function runDeadline(fallbackMs: number): number {
  return deadline ?? performance.now() + fallbackMs;
}
