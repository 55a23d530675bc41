import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../../src/backends/cpu.js';
import { exactHessian } from '../../src/hessians/exact.js';
import { fromRows, matVec } from '../../src/linalg/matrix.js';
import { dot } from '../../src/linalg/vector.js';
import type { Oracle } from '../../src/problems/oracle.js';
import { gns, runToEnd } from '../../src/solvers/gns.js';

const Q = fromRows([[3, 1], [1, 2]]);
const quadratic: Oracle = {
  dim: 2,
  f: (x) => 0.5 * dot(matVec(Q, x), x) - x[0],
  grad: (x) => {
    const g = matVec(Q, x);
    g[0] -= 1;
    return g;
  },
  hess: () => Q,
  hvp: (_, v) => matVec(Q, v),
};

describe('gns on a quadratic (smoke)', () => {
  it('accepts every trial and doubles γ in both modes', () => {
    for (const mode of ['strict', 'reference'] as const) {
      const { records, summary } = runToEnd(gns(quadratic, exactHessian(quadratic, true), Float64Array.of(1, 1), { mode, metric: { kind: 'identity' }, maxIters: 20, gradTol: 1e-6 }, cpuBackend()));
      expect(summary.status).toBe('success');
      for (const r of records) {
        expect(r.trials).toHaveLength(1);
        expect(r.trials[0].outcome).toBe('accepted');
      }
      expect(summary.history.gammaStart.slice(0, 4)).toEqual([1, 2, 4, 8]);
    }
  });
});
