import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { childrenCpuSeconds, sampleThreads, threadCpuSeconds, withCpu } from '../../bench/child-cpu.js';

/** a child that spins for `ms` milliseconds of wall time, or sleeps for them */
function child(ms: number, spin: boolean): Promise<{ seconds: number }> {
  const code = spin ? `const end = Date.now() + ${ms}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);` : `setTimeout(() => {}, ${ms});`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
    p.on('error', reject);
    p.on('close', () => resolve({ seconds: (performance.now() - started) / 1000 }));
  });
}

/** a child whose worker thread spins for `ms` milliseconds while its main thread waits for it */
const SPINNING_WORKER = (ms: number) =>
  `const { Worker } = require('node:worker_threads'); new Worker(\`const end = Date.now() + ${ms}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);\`, { eval: true });`;

describe("the CPU seconds of a bench's child processes (bench/child-cpu.ts)", () => {
  it.runIf(existsSync('/proc/self/stat'))('count a spinning child at about its wall time and a sleeping one at little more than its start-up', async () => {
    expect(childrenCpuSeconds()).not.toBeNull();
    const spinning = await withCpu(() => child(600, true));
    const sleeping = await withCpu(() => child(600, false));
    // the spin's CPU includes node's start-up; it cannot exceed the child's wall time by more than its other threads' share
    expect(spinning.cpu).toBeGreaterThan(0.4);
    expect(spinning.cpu).toBeLessThan(spinning.seconds * 2);
    expect(sleeping.cpu).toBeLessThan(spinning.cpu! - 0.3);
  });

  it.runIf(existsSync('/proc/self/stat'))("split by thread: a child's spinning worker thread apart from its waiting main thread", async () => {
    const p = spawn(process.execPath, ['-e', SPINNING_WORKER(600)], { stdio: 'ignore' });
    const sampler = sampleThreads(p.pid!, 1, 50);
    await new Promise((resolve) => p.on('close', resolve));
    const split = sampler.stop();
    expect(split).not.toBeNull();
    // the last sample is at most 50 ms before the end of a 600 ms spin
    expect(split!.workers).toBeGreaterThan(0.4);
    expect(split!.main).toBeLessThan(split!.workers - 0.3);
    expect(split!.other).toBeLessThan(split!.workers - 0.3);
    expect(threadCpuSeconds(p.pid!)).toBeNull();
  });

  it.runIf(!existsSync('/proc/self/stat'))('is null where /proc cannot be read', async () => {
    expect(childrenCpuSeconds()).toBeNull();
    expect((await withCpu(() => child(10, false))).cpu).toBeNull();
    expect(threadCpuSeconds(process.pid)).toBeNull();
    expect(sampleThreads(process.pid, 1).stop()).toBeNull();
  });
});
