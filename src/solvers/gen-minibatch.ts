import { rng } from '../random/prng.js';

/** Fresh minibatches of `size` rows out of `rowCount`, uniform with replacement, from `seed`: the same seed replays the same batches. */
export interface BatchSampler {
  next(): Uint32Array;
}

export function batchSampler(rowCount: number, size: number, seed: number): BatchSampler {
  const draw = rng(seed);
  return { next: () => Uint32Array.from({ length: size }, () => Math.min(rowCount - 1, Math.floor(draw() * rowCount))) };
}
