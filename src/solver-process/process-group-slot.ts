import { killProcessGroup } from './kill-process-group.js';

/**
 * Where the thread that runs cases tells its owner which solver process group is alive (0: none):
 * the worker pool kills that group when it ends the thread (a timeout, an interrupt), since ending a
 * thread does not end the processes it started.
 */
let slot: Int32Array | null = null;

/** set once by a case worker, from the pool's shared buffer */
export function useProcessGroupSlot(buffer: SharedArrayBuffer): void {
  slot = new Int32Array(buffer);
}

/** the shared buffer the io thread writes process group ids into (null outside a pool's worker) */
export function processGroupBuffer(): SharedArrayBuffer | null {
  return slot ? (slot.buffer as SharedArrayBuffer) : null;
}

/** kills the process group a worker's slot names, if any */
export function killSlotGroup(buffer: SharedArrayBuffer): void {
  const pgid = Atomics.exchange(new Int32Array(buffer), 0, 0);
  if (pgid > 0) killProcessGroup(pgid);
}
