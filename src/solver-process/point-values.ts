import type { Oracle } from '../problems/oracle.js';

interface Values {
  f?: number;
  g?: Float64Array;
}

/** bit pattern of a point: equal keys ⇔ equal doubles (−0 and +0 apart, as the oracle may tell them apart) */
function keyOf(x: Float64Array): string {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('latin1');
}

/**
 * f and ∇f at the points of a solver process's run: those the harness served (counted as the
 * solver's calls) are remembered, so that the harness's own evaluations at x_k, x_k + h_k and the
 * trial points (not counted) cost nothing when the solver asked for exactly that point.
 */
export class PointValues {
  private readonly known = new Map<string, Values>();

  constructor(private readonly oracle: Oracle) {}

  private entry(x: Float64Array): Values {
    const key = keyOf(x);
    let v = this.known.get(key);
    if (!v) {
      if (this.known.size >= 64) this.known.delete(this.known.keys().next().value as string);
      v = {};
      this.known.set(key, v);
    }
    return v;
  }

  /** what the solver was served at x */
  served(x: Float64Array, values: Values): void {
    const v = this.entry(x);
    if (values.f !== undefined) v.f = values.f;
    if (values.g !== undefined) v.g = values.g;
  }

  f(x: Float64Array): number {
    const v = this.entry(x);
    v.f ??= this.oracle.f(x);
    return v.f;
  }

  grad(x: Float64Array): Float64Array {
    const v = this.entry(x);
    v.g ??= this.oracle.grad(x);
    return v.g;
  }
}
