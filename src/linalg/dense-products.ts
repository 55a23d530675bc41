import { type KernelChoice, pickWasm } from './kernel-choice.js';
import { type Matrix, matrix, matTVec, matVec } from './matrix.js';
import { centredRankK, symmetricRankK } from './rank-k.js';
import { loadWasmDenseProducts, type WasmDenseProducts } from './wasm/dense-products-wasm.js';

/**
 * The products an oracle takes with its fixed data matrix A, at every f, ∇f and Hessian(-vector)
 * product. On wasm, A is copied into the memory of the products' own module instance once and kept
 * there while it fits (src/linalg/wasm/dense-products-wasm.ts); the results are those of the
 * functions named below, bit for bit, for the same build of the module (the plain SIMD build and the
 * JS functions agree; the FMA build fuses every multiply–accumulate).
 * A is referenced, not copied: it must not change while the products are in use.
 */
export interface DenseProducts {
  readonly a: Matrix;
  /** A·x (`matVec`), into `y` when given (length m; it is overwritten) */
  times(x: Float64Array, y?: Float64Array): Float64Array;
  /** Aᵀ·y (`matTVec`) */
  transposeTimes(y: Float64Array): Float64Array;
  /** Aᵀ·diag(d)·A, d omitted for I (`symmetricRankK`) */
  gram(d?: Float64Array): Matrix;
  /** Σᵢ dᵢ·rᵢ·rᵢᵀ with the rows centred about row `top` (`centredRankK`) */
  centredGram(d: Float64Array, top: number): Matrix;
}

/**
 * Below this many entries of A ('auto'), A·x and Aᵀ·y run in JS: a wasm call's fixed cost (copying x
 * in and y out, the call) outweighs its faster loop. Measured on node 20 (x86-64, issue 18): wasm
 * takes 2–3× the time of JS at 8×8, 1.1–1.2× at 12×12, 0.6–1.0× at 16×16, 0.1× at 200×200.
 */
export const WASM_PRODUCTS_MIN_ENTRIES = 256;

export function denseProducts(a: Matrix, choice: KernelChoice = 'auto'): DenseProducts {
  const { rows: m, cols: n } = a;
  const prepare = pickWasm(choice, loadWasmDenseProducts, 'dense products');
  const wasm: WasmDenseProducts | null = prepare === null ? null : prepare(a.data, m, n);
  const productsOnWasm = wasm !== null && (choice === 'wasm' || m * n >= WASM_PRODUCTS_MIN_ENTRIES);
  return {
    a,
    times(x, y = new Float64Array(m)) {
      if (!productsOnWasm) return matVec(a, x, y);
      if (x.length !== n) throw new RangeError(`matVec: A is ${m}×${n}, x has ${x.length}`);
      wasm.times(x, y);
      return y;
    },
    transposeTimes(y) {
      if (!productsOnWasm) return matTVec(a, y);
      if (y.length !== m) throw new RangeError(`matTVec: A is ${m}×${n}, x has ${y.length}`);
      const out = new Float64Array(n);
      wasm.transposeTimes(y, out);
      return out;
    },
    gram(d) {
      if (wasm === null) return symmetricRankK(a, d, 'js');
      if (d && d.length !== m) throw new RangeError(`symmetricRankK: A has ${m} rows, d has ${d.length}`);
      const c = matrix(n, n);
      wasm.gram(d ?? null, c.data);
      return c;
    },
    centredGram(d, top) {
      if (wasm === null) return centredRankK(a, d, top, 'js');
      if (d.length !== m) throw new RangeError(`centredRankK: A has ${m} rows, d has ${d.length}`);
      if (!Number.isInteger(top) || top < 0 || top >= m) throw new RangeError(`centredRankK: row ${top} of ${m}`);
      const c = matrix(n, n);
      wasm.centredGram(d, top, c.data);
      return c;
    },
  };
}
