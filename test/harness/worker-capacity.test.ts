import os from 'node:os';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capWorkers, MAIN_MAPS, MAIN_MB, thisMachine, WORKER_MAPS, WORKER_MB, workerCapacity } from '../../src/harness/worker-capacity.js';

describe('worker capacity', () => {
  it('caps to the cores, with one line saying so', () => {
    const m = { cores: 2, freeMB: 23_760, freeMaps: 65_000 };
    expect(workerCapacity(m)).toBe(2);
    expect(capWorkers(1000, m, '--workers 1000')).toEqual({ workers: 2, note: `ratecheck: --workers 1000 capped to 2 (2 cores; ~${WORKER_MB} MB per worker, 23760 MB free)` });
    expect(capWorkers(2, m, '--workers 2')).toEqual({ workers: 2, note: null });
    expect(capWorkers(1, m, '--workers 1')).toEqual({ workers: 1, note: null });
  });

  it('caps to the free memory and to the memory maps left, never below one worker', () => {
    expect(workerCapacity({ cores: 64, freeMB: MAIN_MB + 3 * WORKER_MB + 1, freeMaps: Infinity })).toBe(3);
    expect(workerCapacity({ cores: 64, freeMB: MAIN_MB + 3 * WORKER_MB - 1, freeMaps: Infinity })).toBe(2);
    const manyCores = { cores: 1024, freeMB: 1e6, freeMaps: 65_530 };
    const byMaps = Math.floor((65_530 - MAIN_MAPS) / WORKER_MAPS);
    expect(workerCapacity(manyCores)).toBe(byMaps);
    expect(capWorkers(1000, manyCores, '--workers 1000').note).toMatch(new RegExp(`capped to ${byMaps} .*65530 memory maps left`));
    expect(workerCapacity({ cores: 8, freeMB: 0, freeMaps: 0 })).toBe(1);
    expect(capWorkers(4, { cores: 8, freeMB: 50, freeMaps: Infinity }, 'the default worker count').note).toMatch(/^ratecheck: the default worker count capped to 1 \(8 cores; ~\d+ MB per worker, 50 MB free\)$/);
  });

  it('never exceeds the request, the cores or (above one worker) the memory; a request it holds is kept', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 4096 }), fc.double({ min: 0, max: 1e7, noNaN: true }), fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 1e7 })), (requested, cores, freeMB, freeMaps) => {
        const m = { cores, freeMB, freeMaps };
        const { workers, note } = capWorkers(requested, m, `--workers ${requested}`);
        expect(Number.isInteger(workers) && workers >= 1 && workers <= requested && workers <= cores).toBe(true);
        if (workers > 1) expect(MAIN_MB + workers * WORKER_MB <= freeMB && MAIN_MAPS + workers * WORKER_MAPS <= freeMaps).toBe(true);
        expect(note === null).toBe(workers === requested);
        if (note !== null) expect(note).not.toContain('\n');
      }),
    );
  });

  it('reads this machine: its cores, free memory and memory maps left', () => {
    const m = thisMachine();
    expect(m.cores).toBe(os.availableParallelism());
    expect(m.freeMB).toBeGreaterThan(0);
    expect(m.freeMB).toBeLessThanOrEqual(os.totalmem() / 2 ** 20);
    expect(m.freeMaps).toBeGreaterThan(0);
  });
});
