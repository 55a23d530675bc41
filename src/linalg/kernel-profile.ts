/**
 * Time spent in the linear-algebra kernels, by phase, collected only while a profiler is installed
 * (`npm run bench:solve -- --profile`); with none installed a kernel call reads one variable.
 */
export type KernelPhase = 'factor' | 'triangular' | 'rank-k' | 'products';

export interface KernelProfiler {
  add(phase: KernelPhase, ms: number): void;
}

let active: KernelProfiler | null = null;

export function installKernelProfiler(profiler: KernelProfiler | null): void {
  active = profiler;
}

export function kernelProfiler(): KernelProfiler | null {
  return active;
}
