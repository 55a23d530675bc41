import type { Oracle, Problem } from './oracle.js';

/**
 * An objective that is a mean over rows (data points), f(x) = (1/N)Σᵢ ℓᵢ(x) + r(x), able to evaluate the
 * same mean over any multiset of rows: rowLoss(x, rows) = (1/|rows|)Σ_{i ∈ rows} ℓᵢ(x) + r(x), the
 * regularizer r counted once. The full-batch f stays what theorems read; a minibatch method uses this.
 */
export interface RowLossOracle extends Oracle {
  /** N, the number of rows */
  readonly rowCount: number;
  rowLoss(x: Float64Array, rows: Uint32Array): number;
}

export interface RowLoss {
  readonly rowCount: number;
  /** the minibatch loss, counted as one f call of the problem */
  loss(x: Float64Array, rows: Uint32Array): number;
}

function isRowLossOracle(o: Oracle): o is RowLossOracle {
  return typeof (o as Partial<RowLossOracle>).rowLoss === 'function' && Number.isInteger((o as Partial<RowLossOracle>).rowCount);
}

/** The minibatch losses of a problem (looking through its call-counting wrapper), or null where it has none. */
export function rowLossOf(problem: Oracle): RowLoss | null {
  const inner = (problem as Partial<Problem>).oracle;
  const oracle = isRowLossOracle(problem) ? problem : inner && isRowLossOracle(inner) ? inner : null;
  if (!oracle) return null;
  const count = (problem as Partial<Problem>).countCall;
  return {
    rowCount: oracle.rowCount,
    loss: (x, rows) => {
      count?.call(problem, 'f');
      return oracle.rowLoss(x, rows);
    },
  };
}
