import { readFileSync } from 'node:fs';
import os from 'node:os';

/*
 * The worker threads a machine holds:
 *   max(1, min(cores, ⌊(free MB − MAIN_MB) / WORKER_MB⌋, ⌊(free maps − MAIN_MAPS) / WORKER_MAPS⌋))
 * cores: os.availableParallelism(); free MB: process.availableMemory() (the cgroup's limit where one
 * is set) and os.freemem(); free maps: vm.max_map_count less the process's /proc/self/maps lines
 * (Linux caps a process's memory mappings; V8 aborts "out of memory" when one more is refused).
 *
 * Measured (2 cores, 24 GB, node 20.20, cpu backend), N case-worker.js threads taking the smoke
 * suite's 4732 planned cases from one queue, process RSS sampled every 20 ms, maps counted at the end:
 *   N = 1, 2, 4, 8: peak RSS growth 138, 101, 98, 96 MB per worker; 485, 360, 368, 340 maps per worker.
 *   N = 50, one case each: 21 MB and 92 maps per worker (so --workers 1000 reaches Linux's default
 *   65530 maps at ~700 workers and ~15 GB: the reported crash).
 * The CLI, run --suite smoke: peak RSS 301, 394, 944, 1384 MB at --workers 1, 2, 8, 16
 * (/usr/bin/time -v); 287 MB and 1002 maps at --workers 1 (sampled from /proc) → the main thread's
 * own ~150 MB and ~520 maps. The main isolate's heap stays at 12–18 MB for N = 1…50
 * (v8.getHeapStatistics()), so V8's heap limit bounds no worker count.
 */
/** measured: 96–138 MB peak RSS growth per worker (above), rounded up */
export const WORKER_MB = 140;
/** measured: 340–485 memory maps per worker (above), rounded up */
export const WORKER_MAPS = 500;
/** measured: ~150 MB of the CLI's own (above), rounded up */
export const MAIN_MB = 200;
/** measured: ~520 maps of the CLI's own (above), doubled */
export const MAIN_MAPS = 1000;

export interface Machine {
  readonly cores: number;
  readonly freeMB: number;
  /** memory mappings the process may still create (Infinity where the system sets no limit) */
  readonly freeMaps: number;
}

export function workerCapacity(m: Machine): number {
  return Math.max(1, Math.min(m.cores, Math.floor((m.freeMB - MAIN_MB) / WORKER_MB), Math.floor((m.freeMaps - MAIN_MAPS) / WORKER_MAPS)));
}

/** The worker count to use for `requested`, and the one stderr line saying so when it is capped. */
export function capWorkers(requested: number, m: Machine, flag: string): { workers: number; note: string | null } {
  const workers = Math.min(requested, workerCapacity(m));
  if (workers === requested) return { workers, note: null };
  const maps = Math.floor((m.freeMaps - MAIN_MAPS) / WORKER_MAPS) <= workers ? `; ${m.freeMaps} memory maps left, ~${WORKER_MAPS} per worker` : '';
  return { workers, note: `ratecheck: ${flag} capped to ${workers} (${m.cores} cores; ~${WORKER_MB} MB per worker, ${Math.round(m.freeMB)} MB free${maps})` };
}

/** This machine now. */
export function thisMachine(): Machine {
  const free = Math.min(os.freemem(), typeof process.availableMemory === 'function' ? process.availableMemory() : Infinity);
  return { cores: os.availableParallelism(), freeMB: free / 2 ** 20, freeMaps: mapsLeft() };
}

function mapsLeft(): number {
  try {
    const limit = Number(readFileSync('/proc/sys/vm/max_map_count', 'utf8'));
    const used = readFileSync('/proc/self/maps', 'utf8').split('\n').length - 1;
    return Number.isFinite(limit) && limit > 0 ? limit - used : Infinity;
  } catch {
    return Infinity;
  }
}
