import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuBackend, loadBackend } from '../../src/backends/index.js';
import { tfjsRuntime } from '../../src/backends/tfjs/runtime.js';
import { CG_TOLERANCE, FLOAT32_UNIT_ROUNDOFF, type TfjsBackend, tfjsBackend } from '../../src/backends/tfjs/tfjs-backend.js';
import { matrix } from '../../src/linalg/matrix.js';
import { sharedDir } from '../../src/package-root.js';
import { readReferenceFile, referenceInstance } from '../../src/problems/files/reference-file.js';
import { runToEnd } from '../../src/solvers/gns.js';
import { runMethod } from '../../src/solvers/method-config.js';
import { ratecheck } from '../cli/run-cli.js';
import { relativeDifference } from '../support/compare.js';
import { buildSpd, randomMatrix, randomVector, rng } from '../support/random-matrices.js';

/**
 * The tfjs backend on the tfjs backend this machine has (wasm, else cpu: no GPU here): float32
 * operations agree with float64 to float32 rounding, and (H + λB)x = r by preconditioned CG meets
 * its stated tolerance or reports the indefinite matrix.
 */
async function backend(): Promise<TfjsBackend> {
  return tfjsBackend(await tfjsRuntime());
}

describe('tfjs backend', () => {
  it('selects a tfjs backend, says which and why others were passed over, and is float32', async () => {
    const be = await backend();
    expect(['tensorflow', 'webgpu', 'wasm', 'cpu']).toContain(be.runtime.backend);
    expect(be.precision).toMatchObject({ name: 'float32', unitRoundoff: FLOAT32_UNIT_ROUNDOFF });
    if (be.runtime.backend !== 'tensorflow') expect(be.runtime.passedOver.join(' ')).toMatch(/tensorflow/);
    const loaded = await loadBackend('tfjs');
    expect(loaded.ok).toBe(true);
  });

  it('vector and matrix operations agree with float64 to float32 rounding', async () => {
    const be = await backend();
    const cpu = cpuBackend();
    const next = rng(7);
    for (const [m, n] of [[3, 5], [40, 30], [7, 1]]) {
      const a = randomMatrix(m, n, next);
      const x = randomVector(n, next);
      const y = randomVector(n, next);
      const z = randomVector(m, next);
      const t = 8 * (m + n) * FLOAT32_UNIT_ROUNDOFF;
      expect(relativeDifference(be.toFloat64(be.matVec(be.matrix(a), be.vector(x))), cpu.matVec(a, x))).toBeLessThan(t);
      expect(relativeDifference(be.toFloat64(be.matTVec(be.matrix(a), be.vector(z))), cpu.matTVec(a, z))).toBeLessThan(t);
      expect(relativeDifference(be.matrixToFloat64(be.symmetricRankK(be.matrix(a), be.vector(z))).data, cpu.symmetricRankK(a, z).data)).toBeLessThan(t * 4);
      expect(relativeDifference([be.dot(be.vector(x), be.vector(y))], [cpu.dot(x, y)])).toBeLessThan(t * 10);
      expect(relativeDifference(be.toFloat64(be.axpy(0.25, be.vector(x), be.vector(y))), cpu.axpy(0.25, x, y))).toBeLessThan(t);
    }
  });

  it('(H + λB)x = r by CG: the true residual meets the tolerance and the solution matches float64 up to κ·tolerance; an indefinite H + λB is reported', async () => {
    const be = await backend();
    const cpu = cpuBackend();
    const next = rng(11);
    for (const n of [4, 12, 30]) {
      const g = randomMatrix(n, n, next);
      const h = cpu.symmetricRankK(g);
      const b = buildSpd({ n, logCond: 1, scale: 1, seed: n });
      const rhs = randomVector(n, next);
      for (const dense of [false, true]) {
        const metricT = dense ? be.metric(be.matrix(b)) : { ok: true as const, metric: be.identityMetric(n) };
        const metricC = dense ? cpu.metric(b) : { ok: true as const, metric: cpu.identityMetric(n) };
        if (!metricT.ok || !metricC.ok) throw new Error('B not SPD');
        const lambda = 0.5;
        const t = be.solveRegularized(be.matrix(h), lambda, metricT.metric, be.vector(rhs));
        const c = cpu.solveRegularized(h, lambda, metricC.metric, rhs);
        expect(t.ok && c.ok).toBe(true);
        if (!t.ok || !c.ok) continue;
        const rhsNorm = Math.hypot(...rhs);
        expect(t.residualBound).toBeLessThanOrEqual(2 * CG_TOLERANCE * rhsNorm + 64 * n * FLOAT32_UNIT_ROUNDOFF * rhsNorm);
        const shifted = dense ? cpu.addScaled(h, lambda, b) : cpu.addScaled(h, lambda, matrix(n, n, Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0))));
        const kappa = cpu.operatorNorm(shifted) / Math.max(cpu.minEigenvalue(shifted), 1e-300);
        expect(relativeDifference(be.toFloat64(t.x), c.x)).toBeLessThan(4 * kappa * (CG_TOLERANCE + 64 * n * FLOAT32_UNIT_ROUNDOFF));
      }
      const indefinite = cpu.addScaled(h, -10 * cpu.operatorNorm(h), matrix(n, n, Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0))));
      const bad = be.solveRegularized(be.matrix(indefinite), 1e-3, be.identityMetric(n), be.vector(rhs));
      expect(bad.ok).toBe(false);
    }
  });

  it('the metric: ‖s‖_* and B⁻¹s through the whitener W = L⁻¹ agree with float64 to n·u·κ(B); ill-conditioned B: (H + λB)x = r falls back to Jacobi CG and reports its true residual', async () => {
    const be = await backend();
    const cpu = cpuBackend();
    const next = rng(19);
    for (const [n, logCond] of [[5, 1], [20, 3], [40, 2]]) {
      const b = buildSpd({ n, logCond, scale: 1, seed: n });
      const mT = be.metric(be.matrix(b));
      const mC = cpu.metric(b);
      if (!mT.ok || !mC.ok) throw new Error('B not SPD');
      const s = randomVector(n, next);
      const t = 16 * n * FLOAT32_UNIT_ROUNDOFF * 10 ** logCond;
      expect(relativeDifference([mT.metric.dualNorm(be.vector(s))], [mC.metric.dualNorm(s)])).toBeLessThan(t);
      expect(relativeDifference(be.toFloat64(mT.metric.solve(be.vector(s))), mC.metric.solve(s))).toBeLessThan(t);
      be.release(mT.metric);
    }
    // B = AᵀA + 1e-8·I with A of rank 2 in ℝ⁶ (the NE metric): κ(B)·u ≫ 1 in float32
    const a = randomMatrix(2, 6, next);
    const gram = cpu.symmetricRankK(a);
    const b = matrix(6, 6, gram.data.map((v, i) => (i % 7 === 0 ? v + 1e-8 : v)));
    const m = be.metric(be.matrix(b));
    if (m.ok) {
      const rhs = randomVector(6, next);
      const r = be.solveRegularized(be.matrix(gram), 1e-3, m.metric, be.vector(rhs));
      expect(r.ok).toBe(true);
      if (r.ok) {
        const x = be.toFloat64(r.x);
        const res = cpu.sub(cpu.add(cpu.matVec(gram, x), cpu.scale(1e-3, cpu.matVec(b, x))), rhs);
        expect(Math.abs(Math.hypot(...res) - r.residualBound)).toBeLessThanOrEqual(1e-3 * Math.hypot(...rhs) + 1e-6 * r.residualBound);
      }
    }
  });

  it('GNS on the authors’ LogSumExp instance converges on tfjs (float32) as on cpu, to the float32 floor', async () => {
    const shared = sharedDir();
    if (!shared) throw new Error('../shared not found');
    const instance = referenceInstance(readReferenceFile(join(shared, 'reference', 'lse-200x200-mu1.json')));
    const fStar = instance.certificate.fStar as number;
    const be = await backend();
    const cpuRun = runToEnd(runMethod({ method: 'gns', hessian: 'exact', mode: 'reference', maxIters: 40, fTol: 1e-9 }, instance, cpuBackend()));
    const tfRun = runToEnd(runMethod({ method: 'gns', hessian: 'exact', mode: 'reference', maxIters: 40, fTol: 1e-9 }, instance, be));
    console.log(`LSE 200×200: cpu ${cpuRun.summary.iterations} iterations, f − f* = ${cpuRun.summary.f - fStar}; tfjs/${be.runtime.backend} ${tfRun.summary.iterations} iterations, f − f* = ${tfRun.summary.f - fStar}`);
    expect(tfRun.summary.status).toBe('success');
    expect(tfRun.summary.f - fStar).toBeLessThan(1e3 * FLOAT32_UNIT_ROUNDOFF * Math.abs(fStar));
    expect(Math.abs(tfRun.summary.iterations - cpuRun.summary.iterations)).toBeLessThanOrEqual(3);
  }, 120_000);

  it('ratecheck solve --backend tfjs --require-gpu exits 2 with one line where no GPU-backed tfjs backend is active', async () => {
    const be = await backend();
    if (be.runtime.gpu) return;
    const r = ratecheck('solve', join(sharedDir() ?? '../shared', 'reference', 'lse-200x200-mu1.json'), '--backend', 'tfjs', '--require-gpu', '--max-iters', '1');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--require-gpu: no GPU-backed backend is active/);
  });
});
