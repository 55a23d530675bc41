import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** clock ticks per second of /proc's times (sysconf(_SC_CLK_TCK)); 100 where getconf cannot say */
const CLOCK_TICKS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(r.stdout?.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
})();

/** fields 3 on of a proc(5) stat file, after the last ") " (the command name may hold spaces and parentheses): index k is field k + 3 */
function statFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
}

/**
 * CPU seconds (user + system) of this process's children that have ended and been waited for
 * (proc(5): fields cutime and cstime of /proc/self/stat); null where /proc cannot be read.
 */
export function childrenCpuSeconds(): number | null {
  try {
    const fields = statFields('/proc/self/stat');
    // cutime and cstime are fields 16 and 17
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds (user + system) of each live thread of process `pid`, by thread id (proc(5): fields
 * utime and stime of /proc/PID/task/TID/stat); null when the process has ended or /proc cannot be read.
 */
export function threadCpuSeconds(pid: number): Map<number, number> | null {
  try {
    const out = new Map<number, number>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        // utime and stime are fields 14 and 15
        const fields = statFields(`/proc/${pid}/task/${tid}/stat`);
        out.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
      } catch {
        // the thread ended between the listing and the read: its last sample stands
      }
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * A node process's CPU seconds by kind of thread: its main thread (thread id = pid), its `workers`
 * busiest other threads (the harness's worker threads, each of which runs cases the whole run), and
 * the rest (V8's compiler and GC threads, libuv's pool).
 */
export interface ThreadSplit {
  readonly main: number;
  readonly workers: number;
  readonly other: number;
}

/**
 * Samples the threads of child `pid` every `everyMs` until `stop()`, which gives each thread's last
 * reading split by kind (null without /proc): a thread's CPU after its last sample, at most `everyMs`
 * of it, is not counted.
 */
export function sampleThreads(pid: number, workers: number, everyMs = 200): { stop(): ThreadSplit | null } {
  const last = new Map<number, number>();
  let seen = false;
  const read = (): void => {
    const now = threadCpuSeconds(pid);
    if (!now) return;
    seen = true;
    for (const [tid, s] of now) last.set(tid, s);
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    stop() {
      clearInterval(timer);
      if (!seen) return null;
      const main = last.get(pid) ?? 0;
      const others = [...last].filter(([tid]) => tid !== pid).map(([, s]) => s).sort((a, b) => b - a);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      return { main, workers: sum(others.slice(0, workers)), other: sum(others.slice(workers)) };
    },
  };
}

/** `run`'s result with the CPU seconds of the children that ended while it was awaited (null without /proc) */
export async function withCpu<T extends object>(run: () => Promise<T>): Promise<T & { cpu: number | null }> {
  const before = childrenCpuSeconds();
  const result = await run();
  const after = childrenCpuSeconds();
  return { ...result, cpu: before === null || after === null ? null : after - before };
}
