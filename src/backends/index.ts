import type { AnyBackend, BackendName } from './backend.js';
import { cpuBackend } from './cpu.js';
import { decimalBackend } from './decimal/backend.js';

export type { AnyBackend, Backend, BackendMetric, BackendName, Precision } from './backend.js';
export { cpuBackend } from './cpu.js';
export { decimalBackend } from './decimal/backend.js';

export interface BackendInfo {
  readonly name: BackendName;
  readonly precision: string;
  readonly description: string;
  readonly available: boolean;
}

export const BACKENDS: readonly BackendInfo[] = [
  { name: 'cpu', precision: 'float64', description: 'Float64Array kernels; Cholesky in WebAssembly SIMD with a JS fallback', available: true },
  { name: 'decimal', precision: 'decimal (40 digits by default)', description: 'decimal.js reference arithmetic, for small n', available: true },
  { name: 'tfjs', precision: 'float32', description: 'TensorFlow.js (not built yet)', available: false },
];

/** The backend called `name`, or an error message naming what is available. */
export function backendByName(name: string): { ok: true; backend: AnyBackend } | { ok: false; message: string } {
  switch (name) {
    case 'cpu':
      return { ok: true, backend: cpuBackend() };
    case 'decimal':
      return { ok: true, backend: decimalBackend() };
    case 'tfjs':
      return { ok: false, message: "backend 'tfjs' is not available yet (available: cpu, decimal)" };
    default:
      return { ok: false, message: `unknown backend '${name}' (available: cpu, decimal)` };
  }
}
