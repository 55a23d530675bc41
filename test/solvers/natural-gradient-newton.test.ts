import { describe, expect, it } from 'vitest';
import { generalizedGaussNewton } from '../../src/hessians/ggn.js';
import { solveSpd } from '../../src/linalg/cholesky.js';
import { matrix } from '../../src/linalg/matrix.js';
import { norm2 } from '../../src/linalg/vector.js';
import { buildInstance } from '../../src/problems/registry.js';
import { supervisedModelOf } from '../../src/problems/supervised-model.js';
import { ringMethod } from '../../src/methods/natural-gradient.js';
import { cpuBackend } from '../../src/backends/cpu.js';
import { exactHessianOf } from '../../src/hessians/exact.js';

/**
 * Softmax regression is a GLM: Fisher = GGN = ∇²f − l2·I + l2·I, so RING's natural-gradient step is a
 * damped Newton step and GNS's Fisher model is the exact Hessian (docs/theory.md#natural-gradient-curvature).
 */
describe('natural gradient is Newton on softmax regression', () => {
  const instance = buildInstance('softmax-regression/classes=3,rho=0.01,samples=40/n=12/seed=4');

  it("RING's direction equals −(∇²f + μI)⁻¹∇f with the oracle's own Hessian, to 1e-10 relative, at every iterate", () => {
    const run = ringMethod.run({ problem: instance.problem, model: exactHessianOf(instance), instance, x0: instance.x0, stop: { maxIters: 6 }, backend: cpuBackend() }, { ...ringMethod.defaults, eta: 0.5, rho: 1 });
    let checked = 0;
    for (let r = run.next(); !r.done; r = run.next()) {
      const rec = r.value as typeof r.value & { direction: Float64Array; damping: number };
      const h = instance.problem.oracle.hess(rec.x);
      const n = h.rows;
      const a = matrix(n, n, h.data.slice());
      for (let i = 0; i < n; i++) a.data[i * n + i] += rec.damping;
      const solved = solveSpd(a, rec.g.map((v) => -v));
      if (!solved.ok) throw new Error('∇²f + μI not positive definite');
      const diff = norm2(solved.x.map((v, i) => v - rec.direction[i]));
      expect(diff / norm2(solved.x), `k=${rec.k}`).toBeLessThan(1e-10);
      checked++;
    }
    expect(checked).toBe(6);
  });

  it("GNS's Fisher model (ggn) is certified exact here and equals ∇²f to 1e-12 relative", () => {
    const model = supervisedModelOf(instance.problem);
    if (!model) throw new Error('softmax regression has a supervised model');
    const ggn = generalizedGaussNewton(model);
    expect(ggn.certificate.certified && ggn.certificate.C1 === 0 && ggn.certificate.C2 === 0).toBe(true);
    const x = instance.x0.map((v, i) => v + 0.1 * Math.sin(i));
    const value = ggn.at(x, 0);
    if (value.kind !== 'dense') throw new Error('dense');
    const h = instance.problem.oracle.hess(x);
    const diff = norm2(value.matrix.data.map((v, i) => v - h.data[i]));
    expect(diff / norm2(h.data)).toBeLessThan(1e-12);
  });

  it('the Fisher model is certified exact only where the outputs are affine in x', () => {
    const certified = (name: string) => {
      const model = supervisedModelOf(buildInstance(name).problem);
      if (!model) throw new Error(`${name} has a supervised model`);
      return generalizedGaussNewton(model).certificate.certified;
    };
    expect(certified('logistic/samples=20/n=4/seed=1')).toBe(true);
    expect(certified('two-layer-relu/d=4,points=4,linearized=1/n=32/seed=1')).toBe(true);
    expect(certified('two-layer-relu/d=4,points=4/n=32/seed=1')).toBe(false);
    expect(certified('mlp-mixture/classes=2,d=2,hidden=3/n=17/seed=1')).toBe(false);
  });
});
