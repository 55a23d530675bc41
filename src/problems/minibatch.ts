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

export interface MinibatchSampler {
  next(): Uint32Array;
}

export function minibatchSampler(rowCount: number, size: number, rule: SamplingRule, seed: number): MinibatchSampler {
  if (!(Number.isInteger(size) && size >= 1)) throw new Error(`minibatchSampler: size must be an integer ≥ 1, got ${size}`);
  if (rule !== 'with-replacement' && size > rowCount) throw new Error(`minibatchSampler: ${rule} needs size ≤ N = ${rowCount}, got ${size}`);
  const draw = rng(seed);
  const index = (bound: number): number => Math.min(bound - 1, Math.floor(draw() * bound));
  if (rule === 'with-replacement') return { next: () => Uint32Array.from({ length: size }, () => index(rowCount)) };
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
