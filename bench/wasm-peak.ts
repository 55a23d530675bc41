import { relaxedSimdSupported, wasmSimdSupported } from '../src/linalg/wasm/linalg-module.js';

/**
 * The most packed-double arithmetic wasm can do on this CPU, measured in the same run as the kernels:
 * a module built here whose one function updates 12 independent f64x2 accumulators, acc ← acc·b + c,
 * in a loop (no loads, no stores, enough chains to cover the latency). `fma`: one relaxed_madd per
 * update (the FMA build's instruction); `simd`: f64x2.mul then f64x2.add (the plain SIMD build's).
 * 4 flops per update either way. A kernel's GFLOP/s over this is its share of what 128-bit SIMD allows.
 */

export const CHAINS = 12;
const ITERATIONS = 2_000_000;

/** unsigned LEB128 */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function section(id: number, body: number[]): number[] {
  return [id, ...leb(body.length), ...body];
}

function f64Bytes(x: number): number[] {
  return [...new Uint8Array(new Float64Array([x]).buffer)];
}

const V128 = 0x7b;
const [LOCAL_GET, LOCAL_SET, LOCAL_TEE, F64_CONST, I32_CONST, I32_SUB] = [0x20, 0x21, 0x22, 0x44, 0x41, 0x6b];
const [LOOP, BR_IF, END, VOID] = [0x03, 0x0d, 0x0b, 0x40];
const SIMD = 0xfd;
const F64X2_SPLAT = [SIMD, ...leb(20)];
const F64X2_EXTRACT_LANE_0 = [SIMD, ...leb(33), 0];
const F64X2_ADD = [SIMD, ...leb(240)];
const F64X2_MUL = [SIMD, ...leb(242)];
const F64X2_RELAXED_MADD = [SIMD, ...leb(0x107)];

/** (func (param i32 iterations) (result f64)): the loop, then the accumulators summed so that none is dead */
function peakModule(fused: boolean): Uint8Array {
  // locals after the parameter: accumulators 1..CHAINS, then b, then c
  const [b, c] = [CHAINS + 1, CHAINS + 2];
  const code: number[] = [];
  const splat = (x: number, local: number) => code.push(F64_CONST, ...f64Bytes(x), ...F64X2_SPLAT, LOCAL_SET, local);
  for (let i = 1; i <= CHAINS; i++) splat(i / CHAINS, i);
  splat(0.999999, b);
  splat(1e-7, c);
  code.push(LOOP, VOID);
  for (let i = 1; i <= CHAINS; i++) {
    if (fused) code.push(LOCAL_GET, i, LOCAL_GET, b, LOCAL_GET, c, ...F64X2_RELAXED_MADD, LOCAL_SET, i);
    else code.push(LOCAL_GET, i, LOCAL_GET, b, ...F64X2_MUL, LOCAL_GET, c, ...F64X2_ADD, LOCAL_SET, i);
  }
  code.push(LOCAL_GET, 0, I32_CONST, 1, I32_SUB, LOCAL_TEE, 0, BR_IF, 0, END);
  code.push(LOCAL_GET, 1);
  for (let i = 2; i <= CHAINS; i++) code.push(LOCAL_GET, i, ...F64X2_ADD);
  code.push(...F64X2_EXTRACT_LANE_0, END);
  const body = [1, ...leb(CHAINS + 2), V128, ...code];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7c]),
    ...section(3, [1, 0]),
    ...section(7, [1, 4, ...[...'peak'].map((ch) => ch.charCodeAt(0)), 0x00, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ];
  return new Uint8Array(bytes);
}

interface WasmGlobal {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: { peak(iterations: number): number } };
}

/** the loop in the given build's instructions, `peak(iterations)` → Σ of the accumulators, or null where the runtime lacks them */
export function peakLoop(build: 'simd' | 'fma'): ((iterations: number) => number) | null {
  if (!wasmSimdSupported() || (build === 'fma' && !relaxedSimdSupported())) return null;
  const api = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;
  return new api.Instance(new api.Module(peakModule(build === 'fma')), {}).exports.peak;
}

/**
 * GFLOP/s of the loop in the given build's instructions (the best of several timed calls, after calls
 * that let V8 tier the function up to TurboFan), or null where the runtime lacks those instructions.
 */
export function wasmPeakGflops(build: 'simd' | 'fma'): number | null {
  const peak = peakLoop(build);
  if (peak === null) return null;
  for (let i = 0; i < 50; i++) peak(20_000);
  let best = 0;
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    peak(ITERATIONS);
    const seconds = (performance.now() - started) / 1000;
    best = Math.max(best, (ITERATIONS * CHAINS * 4) / seconds / 1e9);
  }
  return best;
}
