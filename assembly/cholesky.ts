// Blocked Cholesky (A = L·Lᵀ) on raw linear memory, f64x2 SIMD. Every multiply–accumulate c ∓ a·b of the
// factorization and of the rank-k updates (centring included) is mulSub/mulAdd of ./fused: fused in the
// FMA build, rounded twice in the plain SIMD build. The triangular solves and the forming of H + λB are
// rounded as in JS in both builds (src/linalg/triangular.ts, Metric.shifted).
import { mulAdd, mulAddF64, mulSub, mulSubF64 } from './fused';

//
// Memory used by factor(a, n), which ends below requiredBytes(n) when a == heapBase():
//   a            : n×n row-major f64, lower triangle read and overwritten with L
//   pack         : align64(a + 8n²), ⌈n/4⌉ strips × NB columns × 4 rows of f64
//   scratch      : 4×4 f64 tile after pack
// Packed strip s of the current panel (columns k0..k0+kb): rows k0+4s..k0+4s+3, stored
// column-major within the strip, element (row r, column p) at strip + 32p + 8r.
// Rows beyond n are zero in the pack.

let NB: i32 = 192;

export function setBlock(nb: i32): void {
  NB = max(4, nb & ~3);
}

export function getBlock(): i32 {
  return NB;
}

@inline function align64(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}

export function heapBase(): usize {
  return align64(__heap_base);
}

@inline function packOffset(a: usize, n: i32): usize {
  return align64(a + ((<usize>n * <usize>n) << 3));
}

export function requiredBytes(n: i32): usize {
  const a = heapBase();
  const ns = <usize>((n + 3) >> 2);
  return packOffset(a, n) + ns * (<usize>NB << 5) + 256;
}

// dst[r·ld + 8c] ← (((dst[r·ld + 8c] − q₀) − q₁) − …) − q_{depth−1},  q_p = pa[32p + 8r] · pb[32p + 8c],
// r, c ∈ 0..3: the same rounding sequence as jsCholeskyKernel's  s -= a[ri + k] * a[rj + k]  for k ascending
// (each step one fused rounding in the FMA build).
@inline function kernelSub(pa: usize, pb: usize, depth: i32, dst: usize, ld: usize): void {
  const d1 = dst + ld;
  const d2 = d1 + ld;
  const d3 = d2 + ld;
  let c00 = v128.load(dst);
  let c01 = v128.load(dst, 16);
  let c10 = v128.load(d1);
  let c11 = v128.load(d1, 16);
  let c20 = v128.load(d2);
  let c21 = v128.load(d2, 16);
  let c30 = v128.load(d3);
  let c31 = v128.load(d3, 16);
  const end = pa + (<usize>depth << 5);
  if (depth > 0) {
    do {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      let x = v128.load64_splat(pa);
      c00 = mulSub(c00, x, b0);
      c01 = mulSub(c01, x, b1);
      x = v128.load64_splat(pa, 8);
      c10 = mulSub(c10, x, b0);
      c11 = mulSub(c11, x, b1);
      x = v128.load64_splat(pa, 16);
      c20 = mulSub(c20, x, b0);
      c21 = mulSub(c21, x, b1);
      x = v128.load64_splat(pa, 24);
      c30 = mulSub(c30, x, b0);
      c31 = mulSub(c31, x, b1);
      pa += 32;
      pb += 32;
    } while (pa < end);
  }
  v128.store(dst, c00);
  v128.store(dst, c01, 16);
  v128.store(d1, c10);
  v128.store(d1, c11, 16);
  v128.store(d2, c20);
  v128.store(d2, c21, 16);
  v128.store(d3, c30);
  v128.store(d3, c31, 16);
}

// Tile of C (rows i0.., columns j0.., lower triangle, rows < n) through a 4×4 scratch copy.
function kernelSubEdge(pa: usize, pb: usize, depth: i32, c: usize, n: i32, i0: i32, j0: i32, scratch: usize): void {
  memory.fill(scratch, 0, 128);
  const rows = min(4, n - i0);
  for (let r = 0; r < rows; r++) {
    const i = i0 + r;
    const cmax = min(4, i - j0 + 1);
    const row = c + (<usize>i * <usize>n + <usize>j0) * 8;
    for (let q = 0; q < cmax; q++) {
      store<f64>(scratch + (<usize>(4 * r + q) << 3), load<f64>(row + (<usize>q << 3)));
    }
  }
  kernelSub(pa, pb, depth, scratch, 32);
  for (let r = 0; r < rows; r++) {
    const i = i0 + r;
    const cmax = min(4, i - j0 + 1);
    const row = c + (<usize>i * <usize>n + <usize>j0) * 8;
    for (let q = 0; q < cmax; q++) {
      store<f64>(row + (<usize>q << 3), load<f64>(scratch + (<usize>(4 * r + q) << 3)));
    }
  }
}

// Strip s holds four rows below the diagonal block, all inside A, each with all kb columns, and kb
// fills the strip's width (no zero columns to write).
@inline function fullStrip(n: i32, k0: i32, kb: i32, kbp: i32, s: i32): bool {
  return kbp == kb && 4 * s + 1 >= kb && k0 + 4 * s + 3 < n;
}

// Pack rows k0..n-1, columns k0..k0+kb-1 of A (lower triangle only) into ns strips of width kbp.
function pack(a: usize, n: i32, k0: i32, kb: i32, kbp: i32, pk: usize, ns: i32): void {
  const sb = <usize>kbp << 5;
  const rowBytes = <usize>n << 3;
  for (let s = 0; s < ns; s++) {
    const ps = pk + <usize>s * sb;
    if (fullStrip(n, k0, kb, kbp, s)) {
      // four whole rows of kb columns: 4×2 blocks transposed through registers
      const r0 = a + <usize>(k0 + 4 * s) * rowBytes + (<usize>k0 << 3);
      const r1 = r0 + rowBytes;
      const r2 = r1 + rowBytes;
      const r3 = r2 + rowBytes;
      for (let o: usize = 0, q = ps; o < (<usize>kb << 3); o += 16, q += 64) {
        const v0 = v128.load(r0 + o);
        const v1 = v128.load(r1 + o);
        const v2 = v128.load(r2 + o);
        const v3 = v128.load(r3 + o);
        v128.store(q, v128.shuffle<i64>(v0, v1, 0, 2));
        v128.store(q, v128.shuffle<i64>(v2, v3, 0, 2), 16);
        v128.store(q, v128.shuffle<i64>(v0, v1, 1, 3), 32);
        v128.store(q, v128.shuffle<i64>(v2, v3, 1, 3), 48);
      }
      continue;
    }
    memory.fill(ps, 0, sb);
    for (let r = 0; r < 4; r++) {
      const i = k0 + 4 * s + r;
      if (i >= n) break;
      const cols = min(kb, i - k0 + 1);
      let src = a + <usize>i * rowBytes + (<usize>k0 << 3);
      let dst = ps + (<usize>r << 3);
      const end = src + (<usize>cols << 3);
      while (src < end) {
        store<f64>(dst, load<f64>(src));
        src += 8;
        dst += 32;
      }
    }
  }
}

function unpack(a: usize, n: i32, k0: i32, kb: i32, kbp: i32, pk: usize, ns: i32): void {
  const sb = <usize>kbp << 5;
  const rowBytes = <usize>n << 3;
  for (let s = 0; s < ns; s++) {
    const ps = pk + <usize>s * sb;
    if (fullStrip(n, k0, kb, kbp, s)) {
      const r0 = a + <usize>(k0 + 4 * s) * rowBytes + (<usize>k0 << 3);
      const r1 = r0 + rowBytes;
      const r2 = r1 + rowBytes;
      const r3 = r2 + rowBytes;
      for (let o: usize = 0, q = ps; o < (<usize>kb << 3); o += 16, q += 64) {
        const c01 = v128.load(q);
        const c23 = v128.load(q, 16);
        const d01 = v128.load(q, 32);
        const d23 = v128.load(q, 48);
        v128.store(r0 + o, v128.shuffle<i64>(c01, d01, 0, 2));
        v128.store(r1 + o, v128.shuffle<i64>(c01, d01, 1, 3));
        v128.store(r2 + o, v128.shuffle<i64>(c23, d23, 0, 2));
        v128.store(r3 + o, v128.shuffle<i64>(c23, d23, 1, 3));
      }
      continue;
    }
    for (let r = 0; r < 4; r++) {
      const i = k0 + 4 * s + r;
      if (i >= n) break;
      const cols = min(kb, i - k0 + 1);
      let dst = a + <usize>i * rowBytes + (<usize>k0 << 3);
      let src = ps + (<usize>r << 3);
      const end = dst + (<usize>cols << 3);
      while (dst < end) {
        store<f64>(dst, load<f64>(src));
        src += 32;
        dst += 8;
      }
    }
  }
}

// Row strip s of the packed panel against column block kk (4 columns), whose 4×4 diagonal block is
// already factored:  X_s,kk ← (X_s,kk − X_s,<kk · L_kk,<kkᵀ) · L_kk,kk⁻ᵀ.
function solveStrip(pk: usize, sb: usize, s: i32, kk: i32): void {
  const pK = pk + <usize>kk * sb;
  const colOff = <usize>kk << 7;
  const depth = kk << 2;
  const P = pK + colOff;
  const dst = pk + <usize>s * sb + colOff;
  if (depth > 0) kernelSub(pK, pk + <usize>s * sb, depth, dst, 32);
  const l00 = v128.load64_splat(P, 0);
  const l10 = v128.load64_splat(P, 8);
  const l20 = v128.load64_splat(P, 16);
  const l30 = v128.load64_splat(P, 24);
  const l11 = v128.load64_splat(P, 40);
  const l21 = v128.load64_splat(P, 48);
  const l31 = v128.load64_splat(P, 56);
  const l22 = v128.load64_splat(P, 80);
  const l32 = v128.load64_splat(P, 88);
  const l33 = v128.load64_splat(P, 120);
  const x0a = f64x2.div(v128.load(dst), l00);
  const x0b = f64x2.div(v128.load(dst, 16), l00);
  const x1a = f64x2.div(mulSub(v128.load(dst, 32), x0a, l10), l11);
  const x1b = f64x2.div(mulSub(v128.load(dst, 48), x0b, l10), l11);
  const x2a = f64x2.div(mulSub(mulSub(v128.load(dst, 64), x0a, l20), x1a, l21), l22);
  const x2b = f64x2.div(mulSub(mulSub(v128.load(dst, 80), x0b, l20), x1b, l21), l22);
  const x3a = f64x2.div(mulSub(mulSub(mulSub(v128.load(dst, 96), x0a, l30), x1a, l31), x2a, l32), l33);
  const x3b = f64x2.div(mulSub(mulSub(mulSub(v128.load(dst, 112), x0b, l30), x1b, l31), x2b, l32), l33);
  v128.store(dst, x0a);
  v128.store(dst, x0b, 16);
  v128.store(dst, x1a, 32);
  v128.store(dst, x1b, 48);
  v128.store(dst, x2a, 64);
  v128.store(dst, x2b, 80);
  v128.store(dst, x3a, 96);
  v128.store(dst, x3b, 112);
}

// Left-looking Cholesky of the packed panel (kb columns, ns strips). The diagonal block first: column
// block kk is updated with the blocks before it, its 4×4 diagonal block factored, and the strips
// below it inside the diagonal block solved against it. Then the strips below the diagonal block,
// two at a time (they stay in L1 while the diagonal block is read from L2; the second's update runs
// while the first's 4×4 solve, a chain of divisions, completes), against every column block.
// Every entry sees the same operations in the same order as in a column-block-outer schedule.
// Returns -1, or the panel-relative index of the first pivot that is ≤ 0 or not finite.
function factorPanel(pk: usize, kb: i32, kbp: i32, ns: i32): i32 {
  const sb = <usize>kbp << 5;
  const nbk = (kb + 3) >> 2;
  for (let kk = 0; kk < nbk; kk++) {
    const pK = pk + <usize>kk * sb;
    const colOff = <usize>kk << 7;
    const depth = kk << 2;
    const P = pK + colOff;
    if (depth > 0) kernelSub(pK, pK, depth, P, 32);
    const cc = min(4, kb - 4 * kk);
    // element (r, c) of the diagonal block lives at P + 32c + 8r
    for (let c = 0; c < cc; c++) {
      const pc = P + (<usize>c << 3);
      let d = load<f64>(pc + (<usize>c << 5));
      for (let p = 0; p < c; p++) {
        const l = load<f64>(pc + (<usize>p << 5));
        d = mulSubF64(d, l, l);
      }
      if (!(d > 0.0) || d == Infinity) return 4 * kk + c;
      const lcc = Math.sqrt(d);
      store<f64>(pc + (<usize>c << 5), lcc);
      for (let r = c + 1; r < 4; r++) {
        const pr = P + (<usize>r << 3);
        let v = load<f64>(pr + (<usize>c << 5));
        for (let p = 0; p < c; p++) {
          v = mulSubF64(v, load<f64>(pr + (<usize>p << 5)), load<f64>(pc + (<usize>p << 5)));
        }
        store<f64>(pr + (<usize>c << 5), v / lcc);
      }
    }
    // cc == 4 below: only the last panel has kb % 4 != 0, and it has no strips below its last block
    const inside = min(nbk, ns);
    for (let s = kk + 1; s < inside; s++) solveStrip(pk, sb, s, kk);
  }
  let s = nbk;
  for (; s + 1 < ns; s += 2) {
    for (let kk = 0; kk < nbk; kk++) {
      solveStrip(pk, sb, s, kk);
      solveStrip(pk, sb, s + 1, kk);
    }
  }
  if (s < ns) {
    for (let kk = 0; kk < nbk; kk++) solveStrip(pk, sb, s, kk);
  }
  return -1;
}

// Bytes of packed strips held in L2 at once by the trailing and rank-k updates.
let L2_STRIP_BYTES: usize = 256 << 10;

export function setStripBlockBytes(bytes: usize): void {
  L2_STRIP_BYTES = bytes;
}

export function getStripBlockBytes(): usize {
  return L2_STRIP_BYTES;
}

// A22 ← A22 − L21·L21ᵀ on the lower triangle, L21 = strips s0..ns-1 of the packed panel.
function syrkTrailing(a: usize, n: i32, k0: i32, kb: i32, pk: usize, ns: i32, scratch: usize): void {
  const sb = <usize>kb << 5;
  const s0 = kb >> 2;
  const ld = <usize>n << 3;
  // row strips in blocks that stay in L2 while every column strip passes over them (each tile still
  // gets one kernelSub per panel, so the order of every entry's updates is unchanged)
  const mc = max(1, <i32>(L2_STRIP_BYTES / sb));
  for (let i1 = s0; i1 < ns; i1 += mc) {
    const i2 = min(ns, i1 + mc);
    for (let sj = s0; sj < i2; sj++) {
      const pB = pk + <usize>sj * sb;
      const j0 = k0 + 4 * sj;
      for (let si = max(sj, i1); si < i2; si++) {
        const pA = pk + <usize>si * sb;
        const i0 = k0 + 4 * si;
        if (si != sj && i0 + 4 <= n) {
          kernelSub(pA, pB, kb, a + (<usize>i0 * <usize>n + <usize>j0) * 8, ld);
        } else {
          kernelSubEdge(pA, pB, kb, a, n, i0, j0, scratch);
        }
      }
    }
  }
}

// Factors the n×n row-major matrix at a in place (lower triangle). Needs memory up to
// requiredBytes(n) when a == heapBase(). Returns -1 or the index of the first failing pivot.
export function factor(a: usize, n: i32): i32 {
  if (n <= 0) return -1;
  const pk = packOffset(a, n);
  const nb = NB;
  for (let k0 = 0; k0 < n; k0 += nb) {
    const kb = min(nb, n - k0);
    const kbp = (kb + 3) & ~3;
    const ns = (n - k0 + 3) >> 2;
    pack(a, n, k0, kb, kbp, pk, ns);
    const f = factorPanel(pk, kb, kbp, ns);
    // on failure the panel is still written back, so that rows above the failing pivot hold L as in
    // the JS kernel (callers test those pivots against a threshold)
    unpack(a, n, k0, kb, kbp, pk, ns);
    if (f >= 0) return k0 + f;
    if (k0 + kb < n) {
      const scratch = pk + <usize>ns * (<usize>kbp << 5) + 64;
      syrkTrailing(a, n, k0, kb, pk, ns, align64(scratch));
    }
  }
  return -1;
}

// Symmetric rank-k update C = Aᵀ·diag(d)·A for A m×n row-major; C n×n row-major, both triangles
// written. d == 0 means diag(d) = I. work needs rankKWorkBytes(n) bytes, 64-byte aligned.
const KC: i32 = 256;

export function rankKWorkBytes(n: i32): usize {
  const ns = <usize>((n + 3) >> 2);
  return 2 * ns * (<usize>KC << 5) + 256;
}

// Strip s of a k-chunk: columns 4s..4s+3 of rows k0..k0+kc-1, element (row k, column r) at
// strip + 32(k − k0) + 8r; columns ≥ n are zero. The splat side is scaled by −d_k.
// With mean != 0, row k is packed centred: (a_k − a_top) − mean (row top itself gives 0 − mean).
function packRankK(a: usize, d: usize, m: i32, n: i32, k0: i32, kc: i32, pA: usize, pB: usize, top: i32, mean: usize): void {
  const ns = (n + 3) >> 2;
  const sb = <usize>kc << 5;
  const rowBytes = <usize>n << 3;
  const full = n >> 2;
  for (let s = 0; s < ns; s++) {
    let src = a + <usize>k0 * rowBytes + (<usize>s << 5);
    let qa = pA + <usize>s * sb;
    let qb = pB + <usize>s * sb;
    const at = a + <usize>top * rowBytes + (<usize>s << 5);
    const mu = mean + (<usize>s << 5);
    if (s < full) {
      const t0 = mean == 0 ? f64x2.splat(0.0) : v128.load(at);
      const t1 = mean == 0 ? f64x2.splat(0.0) : v128.load(at, 16);
      const c0 = mean == 0 ? f64x2.splat(0.0) : v128.load(mu);
      const c1 = mean == 0 ? f64x2.splat(0.0) : v128.load(mu, 16);
      for (let k = 0; k < kc; k++) {
        let x0 = v128.load(src);
        let x1 = v128.load(src, 16);
        if (mean != 0) {
          x0 = f64x2.sub(f64x2.sub(x0, t0), c0);
          x1 = f64x2.sub(f64x2.sub(x1, t1), c1);
        }
        const w = d == 0 ? f64x2.splat(-1.0) : f64x2.neg(v128.load64_splat(d + (<usize>(k0 + k) << 3)));
        v128.store(qb, x0);
        v128.store(qb, x1, 16);
        v128.store(qa, f64x2.mul(x0, w));
        v128.store(qa, f64x2.mul(x1, w), 16);
        src += rowBytes;
        qa += 32;
        qb += 32;
      }
    } else {
      memory.fill(qa, 0, sb);
      memory.fill(qb, 0, sb);
      const cols = n - 4 * s;
      for (let k = 0; k < kc; k++) {
        const w = d == 0 ? -1.0 : -load<f64>(d + (<usize>(k0 + k) << 3));
        for (let r = 0; r < cols; r++) {
          let x = load<f64>(src + (<usize>r << 3));
          if (mean != 0) x = (x - load<f64>(at + (<usize>r << 3))) - load<f64>(mu + (<usize>r << 3));
          store<f64>(qb + (<usize>r << 3), x);
          store<f64>(qa + (<usize>r << 3), x * w);
        }
        src += rowBytes;
        qa += 32;
        qb += 32;
      }
    }
  }
}

export function rankK(a: usize, d: usize, c: usize, m: i32, n: i32, work: usize): void {
  rankKImpl(a, d, c, m, n, work, 0, 0);
}

// mean ← Σ_{i≠top} d_i·(a_i − a_top), i ascending (each entry as mean_j += d_i·(a_ij − a_top,j)).
function centredMean(a: usize, d: usize, m: i32, n: i32, top: i32, mean: usize): void {
  const rowBytes = <usize>n << 3;
  const len = rowBytes;
  memory.fill(mean, 0, len);
  const at = a + <usize>top * rowBytes;
  for (let i = 0; i < m; i++) {
    if (i == top) continue;
    const row = a + <usize>i * rowBytes;
    const wi = load<f64>(d + (<usize>i << 3));
    const w = f64x2.splat(wi);
    let o: usize = 0;
    for (; o + 16 <= len; o += 16) {
      v128.store(mean + o, mulAdd(v128.load(mean + o), w, f64x2.sub(v128.load(row + o), v128.load(at + o))));
    }
    for (; o < len; o += 8) store<f64>(mean + o, mulAddF64(load<f64>(mean + o), wi, load<f64>(row + o) - load<f64>(at + o)));
  }
}

// C = Σ_i d_i·r_i·r_iᵀ with the centred rows r_i = (a_i − a_top) − mean, mean = Σ_{j≠top} d_j(a_j − a_top)
// (written at `mean`, n entries): for weights d summing to 1, the d-weighted covariance of the rows,
// formed about row `top` so that it keeps its relative accuracy when d is concentrated there.
export function rankKCentred(a: usize, d: usize, c: usize, m: i32, n: i32, work: usize, top: i32, mean: usize): void {
  if (n <= 0) return;
  centredMean(a, d, m, n, top, mean);
  rankKImpl(a, d, c, m, n, work, top, mean);
}

function rankKImpl(a: usize, d: usize, c: usize, m: i32, n: i32, work: usize, top: i32, mean: usize): void {
  if (n <= 0) return;
  const ld = <usize>n << 3;
  memory.fill(c, 0, <usize>n * ld);
  const ns = (n + 3) >> 2;
  const pA = work;
  const pB = work + <usize>ns * (<usize>KC << 5);
  const scratch = pB + <usize>ns * (<usize>KC << 5);
  for (let k0 = 0; k0 < m; k0 += KC) {
    const kc = min(KC, m - k0);
    const sb = <usize>kc << 5;
    packRankK(a, d, m, n, k0, kc, pA, pB, top, mean);
    const mc = max(1, <i32>(L2_STRIP_BYTES / sb));
    for (let i1 = 0; i1 < ns; i1 += mc) {
      const i2 = min(ns, i1 + mc);
      for (let sj = 0; sj < i2; sj++) {
        const qb = pB + <usize>sj * sb;
        const j0 = 4 * sj;
        for (let si = max(sj, i1); si < i2; si++) {
          const qa = pA + <usize>si * sb;
          const i0 = 4 * si;
          if (si != sj && i0 + 4 <= n) {
            kernelSub(qa, qb, kc, c + (<usize>i0 * <usize>n + <usize>j0) * 8, ld);
          } else {
            kernelSubEdge(qa, qb, kc, c, n, i0, j0, scratch);
          }
        }
      }
    }
  }
  for (let i = 1; i < n; i++) {
    const row = c + <usize>i * ld;
    for (let j = 0; j < i; j++) store<f64>(c + <usize>j * ld + (<usize>i << 3), load<f64>(row + (<usize>j << 3)));
  }
}

// ---------------------------------------------------------------------------------------------
// Regularized systems (H + λB)·x = rhs for a sequence of λ with H and B fixed: H and B stay in linear
// memory; each λ forms the lower triangle of H + λB at w, factors it there and solves in place.

// End address of the memory factor(a, n) uses (a, the n×n matrix, then its pack area and scratch).
export function factorEnd(a: usize, n: i32): usize {
  const ns = <usize>((n + 3) >> 2);
  return packOffset(a, n) + ns * (<usize>NB << 5) + 256;
}

// w ← lower triangle of H + λB (b == 0: H + λI), rows of H and B read on and below the diagonal;
// then w = L·Lᵀ in place. A pivot dₖ = Lₖₖ² counts as not positive when dₖ ≤ tol·(H + λB)ₖₖ (or the
// kernel found it ≤ 0 / not finite), the rule of src/linalg/cholesky.ts. Returns -1 or the first
// such k. Every entry is computed with the same operations as Metric.shifted + cholesky() in JS.
export function shiftedFactor(h: usize, b: usize, w: usize, n: i32, lambda: f64, tol: f64): i32 {
  if (n <= 0) return -1;
  const ld = <usize>n << 3;
  const lam = f64x2.splat(lambda);
  for (let i = 0; i < n; i++) {
    const row = <usize>i * ld;
    const len = <usize>(i + 1) << 3;
    let p: usize = 0;
    if (b != 0) {
      for (; p + 16 <= len; p += 16) {
        v128.store(w + row + p, f64x2.add(v128.load(h + row + p), f64x2.mul(lam, v128.load(b + row + p))));
      }
      for (; p < len; p += 8) store<f64>(w + row + p, load<f64>(h + row + p) + lambda * load<f64>(b + row + p));
    } else {
      memory.copy(w + row, h + row, len);
      const d = w + row + (<usize>i << 3);
      store<f64>(d, load<f64>(d) + lambda);
    }
  }
  const failed = factor(w, n);
  const scanned = failed >= 0 ? failed : n;
  for (let k = 0; k < scanned; k++) {
    const dk = <usize>k * ld + (<usize>k << 3);
    const lkk = load<f64>(w + dk);
    const akk = b != 0 ? load<f64>(h + dk) + lambda * load<f64>(b + dk) : load<f64>(h + dk) + lambda;
    if (lkk * lkk <= tol * akk) return k;
  }
  return failed;
}

// x ← L⁻¹·x: forward substitution by rows with four partial sums (s0 from x[i], s1..s3 from 0, each
// over k ≡ 0..3 mod 4, the tail into s0, then (s0 + s1) + (s2 + s3)): the rounding of
// solveLowerInPlace in src/linalg/triangular.ts, two lanes at a time.
export function solveLower(l: usize, n: i32, x: usize): void {
  const ld = <usize>n << 3;
  for (let i = 0; i < n; i++) {
    const ri = l + <usize>i * ld;
    let a01 = f64x2.replace_lane(f64x2.splat(0.0), 0, load<f64>(x + (<usize>i << 3)));
    let a23 = f64x2.splat(0.0);
    let k = 0;
    for (; k + 3 < i; k += 4) {
      const o = <usize>k << 3;
      a01 = f64x2.sub(a01, f64x2.mul(v128.load(ri + o), v128.load(x + o)));
      a23 = f64x2.sub(a23, f64x2.mul(v128.load(ri + o, 16), v128.load(x + o, 16)));
    }
    let s0 = f64x2.extract_lane(a01, 0);
    for (; k < i; k++) s0 -= load<f64>(ri + (<usize>k << 3)) * load<f64>(x + (<usize>k << 3));
    const s = s0 + f64x2.extract_lane(a01, 1) + (f64x2.extract_lane(a23, 0) + f64x2.extract_lane(a23, 1));
    store<f64>(x + (<usize>i << 3), s / load<f64>(ri + (<usize>i << 3)));
  }
}

// x ← L⁻ᵀ·x: back substitution, column-oriented (row i of L read contiguously), as
// solveLowerTransposeInPlace in src/linalg/triangular.ts.
export function solveLowerTranspose(l: usize, n: i32, x: usize): void {
  const ld = <usize>n << 3;
  for (let i = n - 1; i >= 0; i--) {
    const ri = l + <usize>i * ld;
    const xi = load<f64>(x + (<usize>i << 3)) / load<f64>(ri + (<usize>i << 3));
    store<f64>(x + (<usize>i << 3), xi);
    if (xi == 0) continue;
    const v = f64x2.splat(xi);
    const end = <usize>i << 3;
    let o: usize = 0;
    for (; o + 16 <= end; o += 16) v128.store(x + o, f64x2.sub(v128.load(x + o), f64x2.mul(v128.load(ri + o), v)));
    for (; o < end; o += 8) store<f64>(x + o, load<f64>(x + o) - load<f64>(ri + o) * xi);
  }
}

// y ← Lᵀ·h for the lower triangle of L: y_k = Σ_{i ≥ k} l_ik·h_i, i ascending, rows with h_i = 0
// skipped (y is zeroed first): the rounding of Metric.norm's lowerTransposeTimes in src/linalg/metric.ts.
export function lowerTransposeTimes(l: usize, n: i32, h: usize, y: usize): void {
  const ld = <usize>n << 3;
  memory.fill(y, 0, ld);
  for (let i = 0; i < n; i++) {
    const hi = load<f64>(h + (<usize>i << 3));
    if (hi == 0) continue;
    const ri = l + <usize>i * ld;
    const v = f64x2.splat(hi);
    const end = <usize>(i + 1) << 3;
    let o: usize = 0;
    for (; o + 16 <= end; o += 16) v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(v128.load(ri + o), v)));
    for (; o < end; o += 8) store<f64>(y + o, load<f64>(y + o) + load<f64>(ri + o) * hi);
  }
}
