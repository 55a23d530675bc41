import type { Backend, BackendPoint, BoundOracle } from '../backends/backend.js';
import type { HessianModel, HessianValue } from './hessian-model.js';

/**
 * A model that remembers the value it gave at each iteration: H_k exactly as the solver used it (a
 * value the backend formed itself is read back from the backend, and its iteration kept in
 * `formedByBackend`).
 */
export function recordingModel(base: HessianModel): { model: HessianModel; values: HessianValue[]; formedByBackend: Set<number> } {
  const values: HessianValue[] = [];
  const formedByBackend = new Set<number>();
  return {
    values,
    formedByBackend,
    model: {
      id: base.id,
      certificate: base.certificate,
      at(x, iteration) {
        const v = base.at(x, iteration);
        values[iteration] = v;
        return v;
      },
      ...(base.onBackend
        ? {
            onBackend<V, M>(backend: Backend<V, M>, oracle: BoundOracle<V, M>, point: BackendPoint<V>, iteration: number): M | null {
              const h = base.onBackend?.(backend, oracle, point, iteration) ?? null;
              if (h !== null) {
                values[iteration] = { kind: 'dense', matrix: backend.matrixToFloat64(h) };
                formedByBackend.add(iteration);
              }
              return h;
            },
          }
        : {}),
    },
  };
}
