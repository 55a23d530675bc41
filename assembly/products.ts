// y = A·x and y = Aᵀ·x for A m×n row-major f64, in the order of operations of the JS reference
// (src/linalg/matrix.ts matVec, matTVec). Every multiply–accumulate is mulAdd/mulAddF64 of ./fused:
// rounded twice in the plain SIMD build (the bits of the JS functions), fused in the FMA build.
// Several rows go through one pass so that x (or y) is loaded once for them; each entry still sees its
// own sequence of operations.
import { mulAdd, mulAddF64 } from './fused';

// lane 0 + lane 1 of the accumulator of row `row`, the odd last column (if any) added into lane 0 first:
// y_i = s0 + s1 of matVec, s0 over even j and the tail, s1 over odd j.
@inline function rowSum(s: v128, row: usize, x: usize, n: i32): f64 {
  let s0 = f64x2.extract_lane(s, 0);
  if (n & 1) {
    const last = <usize>(n - 1) << 3;
    s0 = mulAddF64(s0, load<f64>(row + last), load<f64>(x + last));
  }
  return s0 + f64x2.extract_lane(s, 1);
}

export function matVec(a: usize, m: i32, n: i32, x: usize, y: usize): void {
  const rowBytes = <usize>n << 3;
  const pairBytes = <usize>(n >> 1) << 4;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = a + <usize>i * rowBytes;
    const r1 = r0 + rowBytes;
    const r2 = r1 + rowBytes;
    const r3 = r2 + rowBytes;
    let s0 = f64x2.splat(0.0);
    let s1 = f64x2.splat(0.0);
    let s2 = f64x2.splat(0.0);
    let s3 = f64x2.splat(0.0);
    for (let o: usize = 0; o < pairBytes; o += 16) {
      const xv = v128.load(x + o);
      s0 = mulAdd(s0, v128.load(r0 + o), xv);
      s1 = mulAdd(s1, v128.load(r1 + o), xv);
      s2 = mulAdd(s2, v128.load(r2 + o), xv);
      s3 = mulAdd(s3, v128.load(r3 + o), xv);
    }
    const yi = y + (<usize>i << 3);
    store<f64>(yi, rowSum(s0, r0, x, n));
    store<f64>(yi, rowSum(s1, r1, x, n), 8);
    store<f64>(yi, rowSum(s2, r2, x, n), 16);
    store<f64>(yi, rowSum(s3, r3, x, n), 24);
  }
  for (; i < m; i++) {
    const r = a + <usize>i * rowBytes;
    let s = f64x2.splat(0.0);
    for (let o: usize = 0; o < pairBytes; o += 16) s = mulAdd(s, v128.load(r + o), v128.load(x + o));
    store<f64>(y + (<usize>i << 3), rowSum(s, r, x, n));
  }
}

// y_j += x_i·a_ij for the rows i with x_i ≠ 0 in ascending order (matTVec), four such rows per pass over y.
export function matTVec(a: usize, m: i32, n: i32, x: usize, y: usize): void {
  const rowBytes = <usize>n << 3;
  const pairBytes = <usize>(n >> 1) << 4;
  const last = <usize>(n - 1) << 3;
  memory.fill(y, 0, rowBytes);
  let i = 0;
  while (i < m) {
    let count = 0;
    let r0: usize = 0;
    let r1: usize = 0;
    let r2: usize = 0;
    let r3: usize = 0;
    let w0 = 0.0;
    let w1 = 0.0;
    let w2 = 0.0;
    let w3 = 0.0;
    while (i < m && count < 4) {
      const xi = load<f64>(x + (<usize>i << 3));
      if (xi != 0) {
        const r = a + <usize>i * rowBytes;
        if (count == 0) {
          r0 = r;
          w0 = xi;
        } else if (count == 1) {
          r1 = r;
          w1 = xi;
        } else if (count == 2) {
          r2 = r;
          w2 = xi;
        } else {
          r3 = r;
          w3 = xi;
        }
        count++;
      }
      i++;
    }
    if (count == 4) {
      const v0 = f64x2.splat(w0);
      const v1 = f64x2.splat(w1);
      const v2 = f64x2.splat(w2);
      const v3 = f64x2.splat(w3);
      for (let o: usize = 0; o < pairBytes; o += 16) {
        let t = v128.load(y + o);
        t = mulAdd(t, v0, v128.load(r0 + o));
        t = mulAdd(t, v1, v128.load(r1 + o));
        t = mulAdd(t, v2, v128.load(r2 + o));
        t = mulAdd(t, v3, v128.load(r3 + o));
        v128.store(y + o, t);
      }
      if (n & 1) {
        let t = load<f64>(y + last);
        t = mulAddF64(t, w0, load<f64>(r0 + last));
        t = mulAddF64(t, w1, load<f64>(r1 + last));
        t = mulAddF64(t, w2, load<f64>(r2 + last));
        t = mulAddF64(t, w3, load<f64>(r3 + last));
        store<f64>(y + last, t);
      }
    } else {
      if (count > 0) addRow(y, r0, w0, n, pairBytes);
      if (count > 1) addRow(y, r1, w1, n, pairBytes);
      if (count > 2) addRow(y, r2, w2, n, pairBytes);
    }
  }
}

// y_j += w·r_j for one row r.
function addRow(y: usize, r: usize, w: f64, n: i32, pairBytes: usize): void {
  const v = f64x2.splat(w);
  for (let o: usize = 0; o < pairBytes; o += 16) v128.store(y + o, mulAdd(v128.load(y + o), v, v128.load(r + o)));
  if (n & 1) {
    const last = <usize>(n - 1) << 3;
    store<f64>(y + last, mulAddF64(load<f64>(y + last), w, load<f64>(r + last)));
  }
}
