import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../../src/backends/cpu.js';
import { readReferenceFile, referenceInstance } from '../../src/problems/files/reference-file.js';
import type { Instance } from '../../src/problems/instance.js';
import { buildInstance } from '../../src/problems/registry.js';
import { runToEnd } from '../../src/solvers/gns.js';
import { type MethodConfig, runMethod } from '../../src/solvers/method-config.js';

/** The orderings of spec §7.7 on the reference instances and on seeded variants of them. */
const referenceDir = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));

function iterations(instance: Instance, config: Partial<MethodConfig>, maxIters: number, fTol?: number, gradTol?: number): number {
  const run = runMethod({ method: 'gns', hessian: 'exact', mode: 'reference', maxIters, fTol, gradTol, ...config }, instance, cpuBackend());
  const { summary } = runToEnd(run);
  return summary.status === 'success' ? summary.iterations : Infinity;
}

describe('orderings of spec §7.7', () => {
  const lse = [referenceInstance(readReferenceFile(`${referenceDir}lse-200x200-mu1.json`)), ...[1, 2].map((seed) => buildInstance(`logsumexp/mu=1,rows=120/n=100/seed=${seed}`))];
  it.each(lse.map((i) => [i.name.params.name ?? `seed ${i.name.seed}`, i] as const))(
    'LogSumExp %s: GNS exact < GNS weighted Gauss–Newton < preconditioned gradient ≪ gradient',
    (_, instance) => {
      const exact = iterations(instance, { hessian: 'exact' }, 1000, 1e-8);
      const wgn = iterations(instance, { hessian: 'weighted-gauss-newton' }, 1000, 1e-8);
      const precond = iterations(instance, { method: 'gradient' }, 1000, 1e-8);
      const plain = iterations({ ...instance, metric: { kind: 'identity' } }, { method: 'gradient' }, 1000, 1e-8);
      expect(exact).toBeLessThan(wgn);
      expect(wgn).toBeLessThan(precond);
      expect(plain).toBeGreaterThan(3 * precond);
    },
  );

  it.each([3, 4, 6])('nonlinear equations p = %i: the rank-one Fisher term needs fewer iterations than the exact Hessian', (p) => {
    for (const seed of [1, 2]) {
      const instance = buildInstance(`nonlinear-equations-linear/p=${p},rows=40/n=80/seed=${seed}`);
      const exact = iterations(instance, { hessian: 'exact' }, 200, 1e-9);
      const fisher = iterations(instance, { hessian: 'fisher-term' }, 200, 1e-9);
      expect(fisher).toBeLessThan(exact);
    }
  });

  // Seeded Chebyshev variants can stall at f ≈ 1e-7…1e-9 with a vanishing gradient where J is
  // nearly singular (spec §7.5 warning), so they are compared by iterations to ‖∇f‖ < 1e-9.
  it('Rosenbrock and Chebyshev: every second-order method ≪ the gradient method', () => {
    const problems = [
      { instance: referenceInstance(readReferenceFile(`${referenceDir}rosenbrock-2d.json`)), gauss: false, fTol: 1e-8 },
      { instance: referenceInstance(readReferenceFile(`${referenceDir}chebyshev-50-p4.json`)), gauss: true, fTol: 1e-8 },
      { instance: buildInstance('chebyshev/p=4/n=30/seed=3'), gauss: true, gradTol: 1e-9 },
      { instance: buildInstance('chebyshev/p=4/n=50/seed=4'), gauss: true, gradTol: 1e-9 },
    ];
    for (const { instance, gauss, fTol, gradTol } of problems) {
      const to = (config: Partial<MethodConfig>) => iterations(instance, config, 3000, fTol, gradTol);
      const gradient = to({ method: 'gradient' });
      const second = [
        to({ hessian: 'exact' }),
        to({ method: 'cubic-newton' }),
        to({ method: 'super-newton', alpha: 1 }),
        ...(gauss ? [to({ hessian: 'gauss-newton' })] : []),
      ];
      for (const k of second) expect(5 * k).toBeLessThan(gradient);
    }
  });
});
