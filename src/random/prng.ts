/**
 * Seeded pseudo-random numbers, so that a single integer names a whole random instance (the role of
 * COCO's instance seeds). mulberry32: a 32-bit state, full period 2³², good enough for test data.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample by Box–Muller from two uniforms of `next`. */
export function gaussian(next: () => number): number {
  const u = 1 - next();
  const v = next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * An independent seed for stream `index` of base seed `base` (a murmur3 finalizer of the pair), so
 * that the streams of bases b and b + 1 share nothing (b + index would make them overlap).
 */
export function mixSeed(base: number, index: number): number {
  let h = Math.imul(base >>> 0, 0x9e3779b1) ^ Math.imul((index + 1) >>> 0, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 1;
}
