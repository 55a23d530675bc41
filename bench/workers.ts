/**
 * How the harness scales with its workers: the ci suite run with --workers 1 and with --workers 2 as
 * child processes in one run (alternating, --repeat N times), their wall times and the ratio of the
 * medians; every run's results must agree case by case (digest, status, verdicts) and in every power
 * check and the exit code, or the bench exits 1. Beside them, in the same run, what two cores can give
 * here and now: the machine's own two-thread ratio on a compute loop that shares nothing, and the
 * ceiling for this very workload: two --workers 1 runs started together as independent processes do
 * the whole suite twice in T_pair, so 2·T₁/T_pair is what the two cores give this work with nothing
 * shared between the halves and no worker ever waiting; --workers 2 reaches the share T_pair/(2·T₂) of it.
 * Where /proc gives it (Linux), each run's CPU seconds too (its waited-for children's user + system
 * time), which split the ratio exactly: T₁/T₂ = (b₂/b₁)·(CPU₁/CPU₂), b = CPU/T the cores a run keeps
 * busy. A --workers 1 run keeps more than one core busy (its main thread, and V8's compiler and GC
 * threads beside the worker), and b₂ ≤ cores, so T₁/T₂ ≤ cores·T₁/CPU₂. Each run's CPU is split by
 * thread too (/proc/PID/task, sampled; bench/child-cpu.ts): the worker threads, the main thread, and
 * the rest, whose share is what keeps that bound below the number of cores.
 *
 *   npm run bench:workers [-- --repeat N] [--suite NAME] [--json]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { median } from '../src/rates/bootstrap.js';
import { sampleThreads, type ThreadSplit, withCpu } from './child-cpu.js';

const MAIN = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

interface CaseFacts {
  readonly key: string;
  readonly digest?: string;
  readonly status: string;
  readonly verdicts?: unknown;
}
interface RunFacts {
  readonly complete: boolean;
  readonly exitCode: number;
  readonly cases: readonly CaseFacts[];
  readonly properties: readonly { readonly id: string; readonly power?: { readonly status: string; readonly caught: number; readonly applicable: number } | null }[];
}

/** a loop of float work on a private array: no allocation, no shared memory */
function spin(rounds: number): number {
  const a = new Float64Array(1 << 14);
  let x = 0;
  for (let k = 0; k < rounds; k++) {
    for (let i = 0; i < a.length; i++) {
      a[i] = a[i] * 0.999 + Math.sqrt(i + k);
      x += a[i];
    }
  }
  return x;
}

/** seconds for `threads` worker threads each running the same spin */
function spinThreads(threads: number, rounds: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let done = 0;
    for (let i = 0; i < threads; i++) {
      const w = new Worker(new URL(import.meta.url), { workerData: { rounds } });
      w.on('error', reject);
      w.on('message', () => {
        void w.terminate();
        if (++done === threads) resolve((performance.now() - started) / 1000);
      });
    }
  });
}

/** one CLI run as a child process: its wall time, results and CPU seconds by thread (null without /proc) */
function runSuite(suite: string, workers: number, out: string): Promise<{ seconds: number; results: RunFacts; threads: ThreadSplit | null }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, 'run', '--suite', suite, '--workers', String(workers), '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    const sampler = child.pid === undefined ? null : sampleThreads(child.pid, workers);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4096);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const threads = sampler?.stop() ?? null;
      if (code !== 0 && code !== 1) return reject(new Error(`run --workers ${workers} exited ${String(code)}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
      resolve({ seconds, results: JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')) as RunFacts, threads });
    });
  });
}

/** two --workers 1 runs started together; the time until both have ended, and their threads' CPU summed */
async function runPair(suite: string, out: string): Promise<{ seconds: number; results: [RunFacts, RunFacts]; threads: ThreadSplit | null }> {
  const started = performance.now();
  const [a, b] = await Promise.all([runSuite(suite, 1, `${out}-a`), runSuite(suite, 1, `${out}-b`)]);
  const threads = a.threads && b.threads && { main: a.threads.main + b.threads.main, workers: a.threads.workers + b.threads.workers, other: a.threads.other + b.threads.other };
  return { seconds: (performance.now() - started) / 1000, results: [a.results, b.results], threads };
}

/** "worker 28.0, main 3.9, other 12.2 CPU-s" (workers in the plural for more than one) */
function splitText(t: ThreadSplit, workers: number): string {
  return `${workers > 1 ? 'workers' : 'worker'} ${t.workers.toFixed(1)}, main ${t.main.toFixed(1)}, other ${t.other.toFixed(1)} CPU-s`;
}

/** the median of each part over runs */
function medianSplit(ts: readonly ThreadSplit[]): ThreadSplit {
  return { main: median(ts.map((t) => t.main)), workers: median(ts.map((t) => t.workers)), other: median(ts.map((t) => t.other)) };
}

/** what differs between two runs' results (empty when they agree) */
function differences(a: RunFacts, b: RunFacts): string[] {
  const out: string[] = [];
  if (!a.complete || !b.complete) out.push(`incomplete run (complete: ${a.complete}, ${b.complete})`);
  if (a.exitCode !== b.exitCode) out.push(`exit code ${a.exitCode} vs ${b.exitCode}`);
  const facts = (c: CaseFacts) => JSON.stringify([c.digest, c.status, c.verdicts]);
  const other = new Map(b.cases.map((c) => [c.key, c]));
  if (a.cases.length !== b.cases.length) out.push(`${a.cases.length} vs ${b.cases.length} cases`);
  for (const c of a.cases) {
    const d = other.get(c.key);
    if (!d) out.push(`${c.key}: missing`);
    else if (facts(c) !== facts(d)) out.push(`${c.key}: digest, status or verdicts differ`);
  }
  const power = (r: RunFacts) => JSON.stringify(r.properties.map((p) => [p.id, p.power ? [p.power.status, p.power.caught, p.power.applicable] : null]));
  if (power(a) !== power(b)) out.push('power checks differ');
  return out;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const option = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const repeat = Number(option('--repeat') ?? 1);
  const suite = option('--suite') ?? 'ci';
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat takes a positive integer');

  const machine = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cpus: cpus().length, loadAverageBefore: loadavg().map((x) => Number(x.toFixed(2))) };
  if (!json) process.stdout.write(`node ${machine.node}, ${machine.cpus} × ${machine.cpu}, load average before ${machine.loadAverageBefore.join(' ')}\n`);
  await spinThreads(1, 200); // the loop compiled before it is timed
  // the fastest of three alternating tries each: a slow spell of a shared machine falls on one side only
  let [spinOne, spinTwo] = [Infinity, Infinity];
  for (let i = 0; i < 3; i++) {
    spinOne = Math.min(spinOne, await spinThreads(1, 10_000));
    spinTwo = Math.min(spinTwo, await spinThreads(2, 10_000));
  }
  const computeRatio = (2 * spinOne) / spinTwo;
  if (!json) process.stdout.write(`compute loop: 1 thread ${spinOne.toFixed(2)} s, 2 threads (the same loop each) ${spinTwo.toFixed(2)} s: the machine's own 2-thread ratio ${computeRatio.toFixed(2)}×\n`);

  const root = mkdtempSync(join(tmpdir(), 'ratecheck-bench-workers-'));
  const times: { one: number[]; two: number[]; pair: number[] } = { one: [], two: [], pair: [] };
  // CPU seconds of the same runs, where /proc gives them
  const cpu: { one: number[]; two: number[]; pair: number[] } = { one: [], two: [], pair: [] };
  // the runs' CPU seconds by thread, where /proc gives them
  const threads: { one: ThreadSplit[]; two: ThreadSplit[]; pair: ThreadSplit[] } = { one: [], two: [], pair: [] };
  const busy = (seconds: number, cpuSeconds: number | null, split: ThreadSplit | null, workers: number) =>
    cpuSeconds === null ? '' : `, ${cpuSeconds.toFixed(1)} CPU-s (${(cpuSeconds / seconds).toFixed(2)} cores busy${split ? `; ${splitText(split, workers)}` : ''})`;
  const mismatches: string[] = [];
  try {
    for (let i = 0; i < repeat; i++) {
      const one = await withCpu(() => runSuite(suite, 1, join(root, `w1-${i}`)));
      const two = await withCpu(() => runSuite(suite, 2, join(root, `w2-${i}`)));
      const pair = await withCpu(() => runPair(suite, join(root, `pair-${i}`)));
      times.one.push(one.seconds);
      times.two.push(two.seconds);
      times.pair.push(pair.seconds);
      if (one.cpu !== null && two.cpu !== null && pair.cpu !== null) {
        cpu.one.push(one.cpu);
        cpu.two.push(two.cpu);
        cpu.pair.push(pair.cpu);
      }
      if (one.threads && two.threads && pair.threads) {
        threads.one.push(one.threads);
        threads.two.push(two.threads);
        threads.pair.push(pair.threads);
      }
      const differ = [...differences(one.results, two.results), ...pair.results.flatMap((r, side) => differences(one.results, r).map((d) => `side-by-side run ${side + 1}: ${d}`))];
      mismatches.push(...differ.map((d) => `repeat ${i + 1}: ${d}`));
      if (!json) {
        process.stdout.write(
          `suite ${suite}: --workers 1 ${one.seconds.toFixed(2)} s${busy(one.seconds, one.cpu, one.threads, 1)}, --workers 2 ${two.seconds.toFixed(2)} s${busy(two.seconds, two.cpu, two.threads, 2)} (${(one.seconds / two.seconds).toFixed(2)}×); ` +
            `two --workers 1 runs side by side ${pair.seconds.toFixed(2)} s${busy(pair.seconds, pair.cpu, pair.threads, 2)} (ceiling ${((2 * one.seconds) / pair.seconds).toFixed(2)}×); ` +
            `${one.results.cases.length} cases, ${differ.length === 0 ? 'results agree case by case' : `${differ.length} DIFFERENCES`}\n`,
        );
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const [m1, m2, mPair] = [median(times.one), median(times.two), median(times.pair)];
  const ratio = m1 / m2;
  const ceiling = (2 * m1) / mPair;
  const cores = machine.cpus;
  const cpuMedians = cpu.one.length === 0 ? null : { workers1: median(cpu.one), workers2: median(cpu.two), sideBySide: median(cpu.pair) };
  const threadMedians = threads.one.length === 0 ? null : { workers1: medianSplit(threads.one), workers2: medianSplit(threads.two), sideBySide: medianSplit(threads.pair) };
  const report = {
    machine: { ...machine, loadAverageAfter: loadavg().map((x) => Number(x.toFixed(2))) },
    suite,
    repeat,
    computeLoop: { oneThreadSeconds: spinOne, twoThreadsSeconds: spinTwo, ratio: computeRatio },
    workers1Seconds: times.one,
    workers2Seconds: times.two,
    sideBySideSeconds: times.pair,
    medianWorkers1: m1,
    medianWorkers2: m2,
    medianSideBySide: mPair,
    ratio,
    /** 2·T₁/T_pair: two whole suites side by side on the two cores, nothing shared, no worker waiting */
    ceiling,
    /** T_pair/(2·T₂): the share of that ceiling --workers 2 reaches */
    shareOfCeiling: mPair / (2 * m2),
    /** CPU seconds (user + system) of each run, and their medians; null without /proc */
    cpuSeconds: cpuMedians && { workers1: cpu.one, workers2: cpu.two, sideBySide: cpu.pair, medians: cpuMedians },
    /** cores·T₁/CPU₂: T₂ ≥ CPU₂/cores, so the ratio cannot exceed this for the CPU --workers 2 spent */
    cpuBound: cpuMedians && (cores * m1) / cpuMedians.workers2,
    /** each run's CPU seconds by thread (worker threads, main thread, the rest), sampled every 0.2 s; null without /proc */
    threadSeconds: threadMedians && { workers1: threads.one, workers2: threads.two, sideBySide: threads.pair, medians: threadMedians },
    agree: mismatches.length === 0,
    mismatches: mismatches.slice(0, 20),
  };
  if (json) process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
  else {
    process.stdout.write(
      `median --workers 1 ${m1.toFixed(2)} s, --workers 2 ${m2.toFixed(2)} s: ratio ${ratio.toFixed(2)}×; two --workers 1 side by side ${mPair.toFixed(2)} s: ` +
        `ceiling 2·T₁/T_pair ${ceiling.toFixed(2)}× (the compute loop's ${computeRatio.toFixed(2)}×), --workers 2 reaches ${(100 * report.shareOfCeiling).toFixed(0)}% of it; load average after ${report.machine.loadAverageAfter.join(' ')}\n`,
    );
    if (cpuMedians && report.cpuBound !== null) {
      const [b1, b2] = [cpuMedians.workers1 / m1, cpuMedians.workers2 / m2];
      process.stdout.write(
        `median CPU: --workers 1 ${cpuMedians.workers1.toFixed(1)} CPU-s, ${b1.toFixed(2)} cores busy; --workers 2 ${cpuMedians.workers2.toFixed(1)} CPU-s, ${b2.toFixed(2)} cores busy: ` +
          `T₁/T₂ = (${b2.toFixed(2)}/${b1.toFixed(2)} cores busy)·(CPU₁/CPU₂ = ${(cpuMedians.workers1 / cpuMedians.workers2).toFixed(2)}) = ${ratio.toFixed(2)}×, ` +
          `at most ${cores}·T₁/CPU₂ = ${report.cpuBound.toFixed(2)}× with all ${cores} cores busy throughout\n`,
      );
    }
    if (threadMedians) {
      const [t1, t2] = [threadMedians.workers1, threadMedians.workers2];
      process.stdout.write(
        `median CPU by thread (sampled every 0.2 s): --workers 1 ${splitText(t1, 1)}; --workers 2 ${splitText(t2, 2)}; ` +
          `beside one worker, the other threads and the main thread spend ${((t1.other + t1.main) / t1.workers).toFixed(2)} of its CPU; ` +
          `without the other threads' CPU the bound would be ${cores}·T₁/(workers₂ + main₂) = ${((cores * m1) / (t2.workers + t2.main)).toFixed(2)}×\n`,
      );
    }
    for (const m of report.mismatches) process.stdout.write(`  ${m}\n`);
  }
  return mismatches.length === 0 ? 0 : 1;
}

if (isMainThread) {
  process.exitCode = await main();
} else {
  parentPort?.postMessage(spin((workerData as { rounds: number }).rounds));
}
