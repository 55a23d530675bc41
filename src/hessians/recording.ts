import type { HessianModel, HessianValue } from './hessian-model.js';

/** A model that remembers the value it gave at each iteration: H_k exactly as the solver used it. */
export function recordingModel(base: HessianModel): { model: HessianModel; values: HessianValue[] } {
  const values: HessianValue[] = [];
  return {
    values,
    model: {
      id: base.id,
      certificate: base.certificate,
      at(x, iteration) {
        const v = base.at(x, iteration);
        values[iteration] = v;
        return v;
      },
    },
  };
}
