import { rng } from '../random/prng.js';

/**
 * How a stochastic method draws its minibatches of `size` rows out of N, a part of the scenario (a
 * method option), seeded so that a replay draws the same batches:
 * - `with-replacement`: each row uniform on {0, …, N − 1}, independently (unbiased for any size);
 * - `without-replacement`: a uniformly random subset (partial Fisher–Yates), size ≤ N;
 * - `epochs`: consecutive slices of one random permutation per epoch (the usual data loader).
 */
export const SAMPLING_RULES = ['with-replacement', 'without-replacement', 'epochs'] as const;
export type SamplingRule = (typeof SAMPLING_RULES)[number];

/** the largest batch a sampler draws (2²⁰ rows: 4 MiB of row indices per batch) */
export const MINIBATCH_SIZE_LIMIT = 2 ** 20;
/** sampling with replacement draws at most this many times N rows per batch */
export const WITH_REPLACEMENT_BATCH_FACTOR = 64;

export interface MinibatchSampler {
  next(): Uint32Array;
}

/** Why a sampler of `rule` cannot draw batches of `size` rows out of N (null where it can): more than N rows without replacement, more than 64·N with it. */
export function batchSizeRefusal(rowCount: number, size: number, rule: SamplingRule): string | null {
  if (rule !== 'with-replacement') return size > rowCount ? `${rule} sampling needs batches of at most N = ${rowCount} rows, got ${size}` : null;
  const largest = WITH_REPLACEMENT_BATCH_FACTOR * rowCount;
  return size > largest ? `with-replacement sampling needs batches of at most ${WITH_REPLACEMENT_BATCH_FACTOR}·N = ${largest} rows, got ${size}` : null;
}

/**
 * Batches of `size` rows, each uniform on {0, …, N − 1}, from `seed`, without minibatchSampler's size
 * checks: the draw of the `with-replacement` rule, also GeN's minibatch (whose options predate the checks)
 */
export function withReplacementSampler(rowCount: number, size: number, seed: number): MinibatchSampler {
  const draw = rng(seed);
  return { next: () => Uint32Array.from({ length: size }, () => Math.min(rowCount - 1, Math.floor(draw() * rowCount))) };
}

export function minibatchSampler(rowCount: number, size: number, rule: SamplingRule, seed: number): MinibatchSampler {
  if (!(Number.isInteger(size) && size >= 1 && size <= MINIBATCH_SIZE_LIMIT)) throw new Error(`minibatchSampler: size must be an integer in [1, 2²⁰], got ${size}`);
  if (rule !== 'with-replacement' && size > rowCount) throw new Error(`minibatchSampler: ${rule} needs size ≤ N = ${rowCount}, got ${size}`);
  if (size > WITH_REPLACEMENT_BATCH_FACTOR * rowCount) throw new Error(`minibatchSampler: with-replacement needs size ≤ ${WITH_REPLACEMENT_BATCH_FACTOR}·N = ${WITH_REPLACEMENT_BATCH_FACTOR * rowCount}, got ${size}`);
  if (rule === 'with-replacement') return withReplacementSampler(rowCount, size, seed);
  const draw = rng(seed);
  const index = (bound: number): number => Math.min(bound - 1, Math.floor(draw() * bound));
  const order = Uint32Array.from({ length: rowCount }, (_, i) => i);
  const shuffleFirst = (count: number): void => {
    for (let i = 0; i < count; i++) {
      const j = i + index(rowCount - i);
      [order[i], order[j]] = [order[j], order[i]];
    }
  };
  if (rule === 'without-replacement') {
    return {
      next: () => {
        shuffleFirst(size);
        return order.slice(0, size);
      },
    };
  }
  let position = rowCount;
  return {
    next: () => {
      const out = new Uint32Array(size);
      for (let i = 0; i < size; i++) {
        if (position === rowCount) {
          shuffleFirst(rowCount - 1);
          position = 0;
        }
        out[i] = order[position++];
      }
      return out;
    },
  };
}
