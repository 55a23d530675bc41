/**
 * Which TensorFlow.js backend runs the `tfjs` arithmetic: the best one present, in the order
 * `tensorflow` (@tensorflow/tfjs-node-gpu, an optional dependency: its install downloads
 * libtensorflow and fails offline), `webgpu` (not a dependency: under Node, tfjs-backend-webgpu reads
 * results synchronously only through OffscreenCanvas, which Node lacks — measured with the `webgpu`
 * package on SwiftShader — and the backend seam reads scalars synchronously), `wasm`, `cpu`.
 * Every choice is float32. What was tried and why it was passed over is kept for the results.
 */
import * as tf from '@tensorflow/tfjs-core';

export type TfjsBackendName = 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';

export interface TfjsRuntime {
  readonly tf: typeof tf;
  readonly backend: TfjsBackendName;
  /** where the arithmetic runs, in words */
  readonly device: string;
  /** true only when a GPU-backed tfjs backend is active */
  readonly gpu: boolean;
  /** the backends passed over, with the reason */
  readonly passedOver: readonly string[];
}

let runtime: Promise<TfjsRuntime> | null = null;

/** import() of a package that may be absent, hidden from the type checker (optional dependencies). */
const importOptional = (name: string): Promise<unknown> => import(name);

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** tfjs prints advice to install tfjs-node on first use in Node; it is not an error of ours. */
async function quietly<T>(f: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  const log = console.log;
  console.warn = () => {};
  console.log = () => {};
  try {
    return await f();
  } finally {
    console.warn = warn;
    console.log = log;
  }
}

async function select(): Promise<TfjsRuntime> {
  const passedOver: string[] = [];
  try {
    await importOptional('@tensorflow/tfjs-node-gpu');
    if (await quietly(() => tf.setBackend('tensorflow'))) {
      return { tf, backend: 'tensorflow', device: 'libtensorflow with CUDA (tfjs-node-gpu)', gpu: true, passedOver };
    }
    passedOver.push('tensorflow: registered but did not initialize');
  } catch (e) {
    passedOver.push(`tensorflow: @tensorflow/tfjs-node-gpu not usable (${firstLine(e)})`);
  }
  passedOver.push('webgpu: not used under Node (tfjs-backend-webgpu reads synchronously only through OffscreenCanvas)');
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    if (await quietly(() => tf.setBackend('wasm'))) return { tf, backend: 'wasm', device: 'CPU, WebAssembly SIMD (one thread)', gpu: false, passedOver };
    passedOver.push('wasm: did not initialize');
  } catch (e) {
    passedOver.push(`wasm: ${firstLine(e)}`);
  }
  await import('@tensorflow/tfjs-backend-cpu');
  if (await quietly(() => tf.setBackend('cpu'))) return { tf, backend: 'cpu', device: 'CPU, plain JavaScript', gpu: false, passedOver };
  throw new Error(`no TensorFlow.js backend initialized (${passedOver.join('; ')})`);
}

/** The tfjs runtime, selected once per process. */
export function tfjsRuntime(): Promise<TfjsRuntime> {
  runtime ??= select();
  return runtime;
}
