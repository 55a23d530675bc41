import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { packageRoot } from '../../package-root.js';

/**
 * The compiled linalg module (assembly/, built twice by `npm run build:wasm`) and the choice between
 * its two builds, made once per process when a kernel first loads:
 * - `fma`: build/wasm/linalg-fma.wasm, relaxed SIMD; every c − a·b of the kernels is one fused
 *   multiply–add. Chosen where the runtime compiles relaxed SIMD (V8's flag is set here when needed)
 *   and its relaxed_nmadd is measured to fuse (`mulSubProbe`); relaxed SIMD may also compute it
 *   unfused, which would make results depend on the CPU without saying so.
 * - `simd`: build/wasm/linalg.wasm, SIMD only, every c − a·b rounded twice; the fallback.
 * RATECHECK_WASM_VARIANT=simd (or fma) forces one; a forced variant that is unavailable loads none.
 */
export type WasmVariant = 'simd' | 'fma';

export const WASM_VARIANT_ENV = 'RATECHECK_WASM_VARIANT';

/** Minimal typing of the WebAssembly global: the project compiles with lib ES2022 and @types/node 20, neither of which declares it. */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

export interface LinalgExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  requiredBytes(n: number): number;
  factor(a: number, n: number): number;
  setBlock(nb: number): void;
  getBlock(): number;
  setStripBlockBytes(bytes: number): void;
  getStripBlockBytes(): number;
  rankKWorkBytes(n: number): number;
  rankK(a: number, d: number, c: number, m: number, n: number, work: number): void;
  rankKCentred(a: number, d: number, c: number, m: number, n: number, work: number, top: number, mean: number): void;
  factorEnd(a: number, n: number): number;
  shiftedFactor(h: number, b: number, w: number, n: number, lambda: number, tol: number): number;
  solveLower(l: number, n: number, x: number): void;
  solveLowerTranspose(l: number, n: number, x: number): void;
  lowerTransposeTimes(l: number, n: number, h: number, y: number): void;
  matVec(a: number, m: number, n: number, x: number, y: number): void;
  matTVec(a: number, m: number, n: number, x: number, y: number): void;
  mulSubProbe(c: number, a: number, b: number): number;
}

export const WASM_PAGE_BYTES = 65536;
/** wasm32 linear memory is at most 4 GiB; the module's sizes are computed in u32 arithmetic. */
export const WASM_MAX_BYTES = 2 ** 32 - WASM_PAGE_BYTES;

/** The next multiple of 64 (a cache line) from the byte offset p: where each array in linear memory starts. */
export function align64(p: number): number {
  return Math.ceil(p / 64) * 64;
}

/** Grows the module's memory to at least `bytes`; returns a Float64Array over the whole (possibly new) buffer. */
export function ensureMemory(mem: WasmMemory, bytes: number): Float64Array {
  const have = mem.buffer.byteLength;
  if (bytes > have) mem.grow(Math.ceil((bytes - have) / WASM_PAGE_BYTES));
  return new Float64Array(mem.buffer);
}

// (module (func (result v128) (v128.const i64x2 0 0)))
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03,
  0x02, 0x01, 0x00, 0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b,
]);

// (module (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f64x2.relaxed_nmadd))
const RELAXED_SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b,
  0x01, 0x7b, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20,
  0x02, 0xfd, 0x88, 0x02, 0x0b,
]);

function validates(bytes: Uint8Array): boolean {
  try {
    return wasmApi !== undefined && wasmApi.validate(bytes);
  } catch {
    return false;
  }
}

export function wasmSimdSupported(): boolean {
  return validates(SIMD_PROBE);
}

let relaxedChecked: boolean | undefined;

/** Whether the runtime compiles relaxed SIMD, after setting V8's flag for it (node 20) where it is off. */
export function relaxedSimdSupported(): boolean {
  if (relaxedChecked !== undefined) return relaxedChecked;
  if (!validates(RELAXED_SIMD_PROBE)) {
    try {
      setFlagsFromString('--experimental-wasm-relaxed-simd');
    } catch {
      // a runtime without V8's flags: relaxed SIMD stays as it is
    }
  }
  relaxedChecked = validates(RELAXED_SIMD_PROBE);
  return relaxedChecked;
}

const FILE_OF: Record<WasmVariant, string> = { simd: 'linalg.wasm', fma: 'linalg-fma.wasm' };

/** Path of the variant's .wasm in build/wasm of the enclosing ratecheck package, or null. */
export function findLinalgWasm(variant: WasmVariant = 'simd'): string | null {
  const root = packageRoot();
  if (root === null) return null;
  const wasm = join(root, 'build', 'wasm', FILE_OF[variant]);
  return existsSync(wasm) ? wasm : null;
}

const compiled = new Map<WasmVariant, object | null>();

/** (1 + 2⁻³⁰)(1 − 2⁻³⁰) = 1 − 2⁻⁶⁰: 1 − a·b is 2⁻⁶⁰ fused, 0 when the product is rounded first. */
const PROBE_A = 1 + 2 ** -30;
const PROBE_B = 1 - 2 ** -30;
const FUSED_PROBE_RESULT = 2 ** -60;

function compile(variant: WasmVariant): object | null {
  if (compiled.has(variant)) return compiled.get(variant) ?? null;
  let module: object | null = null;
  const path = findLinalgWasm(variant);
  if (wasmApi !== undefined && path !== null && wasmSimdSupported() && (variant === 'simd' || relaxedSimdSupported())) {
    try {
      module = new wasmApi.Module(readFileSync(path));
      if (variant === 'fma') {
        const probe = instantiate(module);
        if (probe.mulSubProbe(1, PROBE_A, PROBE_B) !== FUSED_PROBE_RESULT) module = null;
      }
    } catch {
      module = null;
    }
  }
  compiled.set(variant, module);
  return module;
}

function instantiate(module: object): LinalgExports {
  return new wasmApi!.Instance(module, {}).exports as unknown as LinalgExports;
}

/** A new instance (its own linear memory) of the variant's module, or null where that variant is unavailable. */
export function instantiateLinalg(variant: WasmVariant): LinalgExports | null {
  const module = compile(variant);
  return module === null ? null : instantiate(module);
}

let chosen: WasmVariant | null | undefined;

/** The variant the kernels run in this process (see the header), or null when no wasm kernel loads. */
export function wasmVariant(): WasmVariant | null {
  if (chosen !== undefined) return chosen;
  const forced = process.env[WASM_VARIANT_ENV];
  if (forced === 'simd' || forced === 'fma') chosen = compile(forced) !== null ? forced : null;
  else if (compile('fma') !== null) chosen = 'fma';
  else chosen = compile('simd') !== null ? 'simd' : null;
  return chosen;
}

let shared: LinalgExports | null | undefined;

/** The instance every default kernel of the process uses (of `wasmVariant()`), or null. */
export function loadLinalgExports(): LinalgExports | null {
  if (shared !== undefined) return shared;
  const variant = wasmVariant();
  shared = variant === null ? null : instantiateLinalg(variant);
  return shared;
}
