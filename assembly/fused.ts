// c − a·b and c + a·b, fused (one rounding) in a build with relaxed SIMD (asconfig target "fma",
// loaded only where the runtime's relaxed_nmadd is measured to fuse, src/linalg/wasm/linalg-module.ts),
// separate multiply and add (two roundings) in the plain SIMD build.

@inline export function mulSub(c: v128, a: v128, b: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_nmadd(a, b, c);
  return f64x2.sub(c, f64x2.mul(a, b));
}

@inline export function mulAdd(c: v128, a: v128, b: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(c, f64x2.mul(a, b));
}

@inline export function mulSubF64(c: f64, a: f64, b: f64): f64 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.extract_lane(f64x2.relaxed_nmadd(f64x2.splat(a), f64x2.splat(b), f64x2.splat(c)), 0);
  return c - a * b;
}

@inline export function mulAddF64(c: f64, a: f64, b: f64): f64 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.extract_lane(f64x2.relaxed_madd(f64x2.splat(a), f64x2.splat(b), f64x2.splat(c)), 0);
  return c + a * b;
}

// c − a·b as this build computes it: with a = 1 + 2⁻³⁰, b = 1 − 2⁻³⁰, c = 1 it is 2⁻⁶⁰ when fused, 0 when not.
export function mulSubProbe(c: f64, a: f64, b: f64): f64 {
  return mulSubF64(c, a, b);
}
