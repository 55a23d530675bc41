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
  { name: 'tfjs', precision: 'float32', description: "TensorFlow.js: tensorflow (tfjs-node-gpu) when installed, else wasm, else cpu; the data-heavy oracles and their Hessians on tensors; (H + λB)x = r by CG, whitened by B's Cholesky factor", available: true },
];

/** The backend called `name`, or an error message naming what is available. */
export function backendByName(name: string): { ok: true; backend: AnyBackend } | { ok: false; message: string } {
  switch (name) {
    case 'cpu':
      return { ok: true, backend: cpuBackend() };
    case 'decimal':
      return { ok: true, backend: decimalBackend() };
    case 'tfjs':
      return { ok: false, message: "backend 'tfjs' is asynchronous: load it with loadBackend('tfjs')" };
    default:
      return { ok: false, message: `unknown backend '${name}' (available: cpu, decimal, tfjs)` };
  }
}

/** Any backend by name, the asynchronous tfjs one included (it selects its tfjs runtime on first use). */
export async function loadBackend(name: string): Promise<{ ok: true; backend: AnyBackend } | { ok: false; message: string }> {
  if (name !== 'tfjs') return backendByName(name);
  const { tfjsRuntime } = await import('./tfjs/runtime.js');
  const { tfjsBackend } = await import('./tfjs/tfjs-backend.js');
  try {
    return { ok: true, backend: tfjsBackend(await tfjsRuntime()) };
  } catch (e) {
    return { ok: false, message: `backend 'tfjs': ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}` };
  }
}
