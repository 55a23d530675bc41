import { describe, expect, it } from 'vitest';
import { minibatchSampler, SAMPLING_RULES } from '../../src/problems/minibatch.js';

const draws = (rule: (typeof SAMPLING_RULES)[number], N: number, size: number, seed: number, count: number): Uint32Array[] => {
  const sampler = minibatchSampler(N, size, rule, seed);
  return Array.from({ length: count }, () => sampler.next());
};

describe('minibatch sampling', () => {
  it.each(SAMPLING_RULES)('%s: a replay with the same seed draws the same batches; another seed draws others; rows in [0, N)', (rule) => {
    const first = draws(rule, 13, 5, 42, 20);
    expect(draws(rule, 13, 5, 42, 20)).toEqual(first);
    expect(draws(rule, 13, 5, 43, 20)).not.toEqual(first);
    for (const batch of first) {
      expect(batch.length).toBe(5);
      for (const row of batch) expect(row).toBeLessThan(13);
    }
  });

  it('without-replacement: the rows of each batch are distinct, and a batch of size N is a permutation', () => {
    for (const batch of draws('without-replacement', 9, 6, 1, 50)) expect(new Set(batch).size).toBe(6);
    for (const batch of draws('without-replacement', 7, 7, 2, 10)) expect([...batch].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('epochs: the stream of rows covers every row once per epoch, also when batches straddle epochs', () => {
    for (const [N, size] of [
      [10, 5],
      [10, 3],
      [7, 7],
      [5, 1],
    ]) {
      const stream = draws('epochs', N, size, 3, Math.ceil((4 * N) / size)).flatMap((b) => [...b]);
      for (let e = 0; e < 4; e++) expect(stream.slice(e * N, (e + 1) * N).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
    }
    // successive epochs use fresh permutations (N = 10: two equal orders have probability 1/10! per pair)
    const stream = draws('epochs', 10, 10, 4, 3).map((b) => [...b].join(','));
    expect(new Set(stream).size).toBe(3);
  });

  it('with-replacement: every row appears in 4000 draws of N = 10 (missing one has probability ≤ 10·0.9⁴⁰⁰⁰ < 1e-180), repeats occur', () => {
    const batches = draws('with-replacement', 10, 8, 5, 500);
    expect(new Set(batches.flatMap((b) => [...b])).size).toBe(10);
    expect(batches.some((b) => new Set(b).size < b.length)).toBe(true);
  });

  it('rejects a size below 1, a non-integer size, and a size above N without replacement', () => {
    expect(() => minibatchSampler(5, 0, 'epochs', 1)).toThrow(/size/);
    expect(() => minibatchSampler(5, 1.5, 'with-replacement', 1)).toThrow(/size/);
    expect(() => minibatchSampler(5, 6, 'without-replacement', 1)).toThrow(/size ≤ N/);
    expect(() => minibatchSampler(5, 6, 'epochs', 1)).toThrow(/size ≤ N/);
    expect(minibatchSampler(5, 6, 'with-replacement', 1).next().length).toBe(6);
  });
});
