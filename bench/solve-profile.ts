import type { KernelPhase, KernelProfiler } from '../src/linalg/kernel-profile.js';

/**
 * The phases of a GNS solve that `npm run bench:solve -- --profile` reports, for ratecheck and for
 * the numpy reference alike (bench/gns_reference.py names them the same):
 *   factor      forming H + λB, its Cholesky factorization and pivot test; the Cholesky factor of B
 *   triangular  the two triangular solves with the factor of H + λB
 *   oracle      f and ∇f (their matrix–vector products included)
 *   hessian     the Hessian model H(x), less its rank-k update
 *   rankK       the rank-k update AᵀDA inside the Hessian model, where the model has one
 *   metric      B-solves and dual norms ‖s‖_* (their triangular solves with the factor of B included)
 *   overhead    the rest: the solver's own code, copies, records, and the calls between the phases
 */
export const PHASES = ['factor', 'triangular', 'oracle', 'hessian', 'rankK', 'metric', 'overhead'] as const;
export type Phase = (typeof PHASES)[number];
export type PhaseTimes = Record<Phase, number>;

export const zeroPhaseTimes = (): PhaseTimes => ({ factor: 0, triangular: 0, oracle: 0, hessian: 0, rankK: 0, metric: 0, overhead: 0 });

/**
 * A timed part of the solve: its own time (outside the regions nested in it and outside the kernel
 * time reported while it runs) goes to `self`; kernel time reported while it is the innermost region
 * goes to `kernels[phase]`.
 */
export interface Region {
  readonly self: Phase;
  readonly kernels: Readonly<Record<KernelPhase, Phase>>;
}

const KERNEL_PHASES: Readonly<Record<KernelPhase, Phase>> = { factor: 'factor', triangular: 'triangular', 'rank-k': 'rankK', products: 'overhead' };

/** The regions the bench wraps, as `--profile` attributes them. */
export const PROFILE_REGIONS = {
  oracle: { self: 'oracle', kernels: { ...KERNEL_PHASES, products: 'oracle' } },
  hessian: { self: 'hessian', kernels: { ...KERNEL_PHASES, products: 'hessian' } },
  /** a solve of the prepared H + λB system (or solveRegularized): its JS glue is overhead */
  shiftedSolve: { self: 'overhead', kernels: KERNEL_PHASES },
  /** prepareRegularized: no kernel runs there */
  prepare: { self: 'overhead', kernels: KERNEL_PHASES },
  /** the metric from B (its Cholesky factorization) */
  metricFactor: { self: 'overhead', kernels: KERNEL_PHASES },
  metric: { self: 'metric', kernels: { factor: 'metric', triangular: 'metric', 'rank-k': 'metric', products: 'metric' } },
  /** backend.matrix: H_k copied into the backend (and the dense H of a rank-one fallback) */
  backendCopy: { self: 'overhead', kernels: KERNEL_PHASES },
  /** backend.matVec / matTVec outside the oracle and the model: the solver's records (H·h) */
  backendProducts: { self: 'overhead', kernels: KERNEL_PHASES },
} as const satisfies Record<string, Region>;

export type RegionName = keyof typeof PROFILE_REGIONS;

/** The default table's split (no kernel profiler): fact = the H + λB solves and factoring B, whole. */
export const DEFAULT_REGIONS: Record<RegionName, Region> = {
  ...PROFILE_REGIONS,
  shiftedSolve: { self: 'factor', kernels: KERNEL_PHASES },
  prepare: { self: 'factor', kernels: KERNEL_PHASES },
  metricFactor: { self: 'factor', kernels: KERNEL_PHASES },
};

/** Kernel time reported outside every region (e.g. a product in the solver's records) is overhead, but for the kernels' own phases. */
const TOP_LEVEL: Readonly<Record<KernelPhase, Phase>> = KERNEL_PHASES;

interface Frame {
  readonly name: RegionName;
  readonly region: Region;
  readonly t0: number;
  /** time of the regions nested in this one and of the kernels reported while it was innermost */
  inner: number;
}

/**
 * Exclusive time by phase over nested regions: each millisecond is counted once, in the innermost
 * region (or kernel report) it belongs to. Installed as the kernel profiler, it receives the kernels'
 * time too. `overhead` holds only the regions' own overhead; `breakdown` gives the rest of the solve.
 */
export class PhaseClock implements KernelProfiler {
  readonly ms: PhaseTimes = zeroPhaseTimes();
  /** each region's own time (as counted in `ms[region.self]`) and its number of runs */
  readonly regionMs = {} as Record<RegionName, number>;
  readonly regionCalls = {} as Record<RegionName, number>;
  private readonly stack: Frame[] = [];

  constructor(
    private readonly regions: Readonly<Record<RegionName, Region>>,
    private readonly now: () => number = () => performance.now(),
  ) {
    for (const name of Object.keys(regions) as RegionName[]) {
      this.regionMs[name] = 0;
      this.regionCalls[name] = 0;
    }
  }

  run<R>(name: RegionName, fn: () => R): R {
    const frame: Frame = { name, region: this.regions[name], t0: this.now(), inner: 0 };
    this.stack.push(frame);
    try {
      return fn();
    } finally {
      const elapsed = this.now() - frame.t0;
      this.stack.pop();
      this.ms[frame.region.self] += elapsed - frame.inner;
      this.regionMs[name] += elapsed - frame.inner;
      this.regionCalls[name]++;
      const parent = this.stack[this.stack.length - 1];
      if (parent) parent.inner += elapsed;
    }
  }

  add(phase: KernelPhase, ms: number): void {
    const top = this.stack[this.stack.length - 1];
    this.ms[top ? top.region.kernels[phase] : TOP_LEVEL[phase]] += ms;
    if (top) top.inner += ms;
  }
}

/**
 * A solve of `totalMs` split into the phases: `named` gives every phase but overhead, and overhead
 * is totalMs − Σ named (never below 0), so that the phases sum to totalMs; `share` = ms / totalMs.
 */
export function breakdown(totalMs: number, named: Omit<PhaseTimes, 'overhead'>): { ms: PhaseTimes; share: PhaseTimes } {
  const ms = zeroPhaseTimes();
  let sum = 0;
  for (const p of PHASES) {
    if (p === 'overhead') continue;
    ms[p] = named[p];
    sum += named[p];
  }
  ms.overhead = Math.max(0, totalMs - sum);
  const share = zeroPhaseTimes();
  const whole = Math.max(totalMs, sum);
  for (const p of PHASES) share[p] = whole > 0 ? ms[p] / whole : 0;
  return { ms, share };
}

/** The kernels' instruction-set flags that /proc/cpuinfo lists for the first CPU, in this order. */
export const KERNEL_CPU_FLAGS = ['sse4_2', 'avx', 'avx2', 'fma', 'avx512f'] as const;

export function cpuKernelFlags(cpuinfo: string): { model: string | null; flags: string[] } {
  const field = (name: string): string | null => {
    const m = new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(cpuinfo);
    return m ? m[1].trim() : null;
  };
  const present = new Set((field('flags') ?? '').split(/\s+/));
  return { model: field('model name'), flags: KERNEL_CPU_FLAGS.filter((f) => present.has(f)) };
}
