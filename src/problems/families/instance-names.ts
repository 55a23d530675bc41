import fc from 'fast-check';
import type { FamilyArbitraryOptions } from '../family.js';
import type { InstanceName } from '../instance.js';

type Params = InstanceName['params'];

/** The dimensions `Family.arbitrary` draws: minDim…maxDim, 1…50 by default. */
export function dimensions(options: FamilyArbitraryOptions): fc.Arbitrary<number> {
  return fc.integer({ min: options.minDim ?? 1, max: options.maxDim ?? 50 });
}

/** Instance seeds: integers in [0, 2³¹ − 1]. */
export function seeds(): fc.Arbitrary<number> {
  return fc.nat();
}

/** Random names of a family whose parameters do not depend on the dimension. */
export function instanceNames(family: string, params: fc.Arbitrary<Params>, dim: fc.Arbitrary<number>): fc.Arbitrary<InstanceName> {
  return fc.record({ family: fc.constant(family), params, dim, seed: seeds() });
}

/** Random names of a family whose parameter ranges depend on the dimension, which is drawn first. */
export function instanceNamesByDimension(family: string, options: FamilyArbitraryOptions, params: (dim: number) => fc.Arbitrary<Params>): fc.Arbitrary<InstanceName> {
  return dimensions(options).chain((dim) => instanceNames(family, params(dim), fc.constant(dim)));
}

/**
 * The shapes (k, d) with k ∈ [kMin, kMax] and n = d·k in the dimension range of `options`, k ascending then
 * d ascending, for families whose dimension is the product `product` (named in the error when none fits).
 */
export function productShapes(family: string, product: string, options: FamilyArbitraryOptions, kMin: number, kMax: number): { k: number; d: number }[] {
  const minDim = options.minDim ?? 1;
  const maxDim = options.maxDim ?? 50;
  const shapes: { k: number; d: number }[] = [];
  for (let k = kMin; k <= kMax; k++) {
    for (let d = Math.max(1, Math.ceil(minDim / k)); d * k <= maxDim; d++) shapes.push({ k, d });
  }
  if (shapes.length === 0) throw new RangeError(`${family}: no n = ${product} in [${minDim}, ${maxDim}]`);
  return shapes;
}
