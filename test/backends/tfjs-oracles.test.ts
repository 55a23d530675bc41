import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BackendPoint } from '../../src/backends/backend.js';
import { tfjsRuntime } from '../../src/backends/tfjs/runtime.js';
import { FLOAT32_UNIT_ROUNDOFF, type TfjsBackend, tfjsBackend } from '../../src/backends/tfjs/tfjs-backend.js';
import { InstanceError } from '../../src/problems/family.js';
import type { Instance } from '../../src/problems/instance.js';
import { structureOf } from '../../src/problems/oracle-structure.js';
import { counted } from '../../src/problems/oracle.js';
import { buildInstance, familyById } from '../../src/problems/registry.js';
import { scaledInstance } from '../../src/scenarios/scaled.js';
import { runToEnd } from '../../src/solvers/gns.js';
import { runMethod } from '../../src/solvers/method-config.js';
import { relativeDifference } from '../support/compare.js';

/**
 * The data-heavy families evaluated on tensors (backends/tfjs/oracles/) against their float64 oracles,
 * at the same float32 point: f, ∇f and ∇²f agree to float32 rounding of sums over the data; calls are
 * counted; a wrapper of an oracle (another function) is never evaluated natively; a run frees every
 * tensor it made.
 */
const DATA_HEAVY = ['logsumexp', 'logistic', 'softmax-regression', 'nonlinear-equations-linear'];

async function backend(): Promise<TfjsBackend> {
  return tfjsBackend(await tfjsRuntime());
}

function instances(family: string, count: number, seed: number): Instance[] {
  const f = familyById(family);
  if (!f) throw new Error(family);
  const out: Instance[] = [];
  for (const name of fc.sample(f.arbitrary({ maxDim: 12 }), { seed, numRuns: 3 * count })) {
    try {
      out.push(buildInstance(name));
    } catch (e) {
      if (!(e instanceof InstanceError)) throw e;
    }
    if (out.length === count) break;
  }
  return out;
}

/** m·n of the data behind a structured oracle: the length of the sums its derivatives are made of */
function dataSize(instance: Instance): number {
  const s = structureOf(instance.problem);
  if (!s || s.kind === 'scaled' || s.kind === 'affine') throw new Error('not a family structure');
  const a = 'A' in s ? s.A : s.features;
  return a.rows + a.cols;
}

describe('tfjs tensor oracles', () => {
  it('every data-heavy family is evaluated natively, and f, ∇f, ∇²f agree with float64 at the same float32 point', async () => {
    const be = await backend();
    let compared = 0;
    for (const family of DATA_HEAVY) {
      for (const instance of instances(family, 6, 91)) {
        const bound = be.bindOracle(instance.problem);
        expect(bound.native, family).toBe(true);
        expect(bound.evaluates(instance.problem.oracle)).toBe(true);
        const v = be.vector(instance.x0);
        const point: BackendPoint<tf.Tensor1D> = { v, x: be.toFloat64(v) };
        const tol = 64 * dataSize(instance) * FLOAT32_UNIT_ROUNDOFF;
        const o = instance.problem.oracle;
        const f = bound.f(point);
        const g = bound.grad(point);
        const h = bound.hess(point);
        const label = `${family} n=${o.dim}`;
        expect(relativeDifference([f], [o.f(point.x)]), label).toBeLessThan(tol);
        expect(relativeDifference(g.g, o.grad(point.x)), label).toBeLessThan(tol);
        expect(relativeDifference(be.toFloat64(g.v), g.g), label).toBe(0);
        const hess = be.matrixToFloat64(h);
        expect(relativeDifference(hess.data, o.hess(point.x).data), label).toBeLessThan(tol);
        for (let i = 0; i < hess.rows; i++) for (let j = 0; j < i; j++) expect(hess.data[i * hess.cols + j]).toBe(hess.data[j * hess.cols + i]);
        tf.dispose([v, g.v, h]);
        bound.release();
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(20);
  });

  it('counts its calls on the problem, and a non-finite x gives NaN as the float64 oracle does', async () => {
    const be = await backend();
    const instance = buildInstance('logsumexp/mu=1,rows=30/n=6/seed=4');
    instance.problem.resetCounts();
    const bound = be.bindOracle(instance.problem);
    const v = be.vector(instance.x0);
    const p = { v, x: be.toFloat64(v) };
    bound.f(p);
    tf.dispose([bound.grad(p).v, bound.hess(p)]);
    expect(instance.problem.counts).toMatchObject({ f: 1, grad: 1, hess: 1 });
    const nan = be.vector(instance.x0.map((x, i) => (i === 2 ? Infinity : x)));
    const q = { v: nan, x: be.toFloat64(nan) };
    expect(bound.f(q)).toBeNaN();
    expect(Array.from(bound.grad(q).g).every(Number.isNaN)).toBe(true);
    expect(Array.from(be.matrixToFloat64(bound.hess(q)).data).every(Number.isNaN)).toBe(true);
    bound.release();
  });

  it('a wrapper of an oracle is another function: evaluated by its own float64 code unless it states its structure (c·f)', async () => {
    const be = await backend();
    const instance = buildInstance('logistic/rho=0.1,samples=40/n=5/seed=2');
    const o = instance.problem.oracle;
    const shifted = counted({ ...o, f: (x: Float64Array) => o.f(x) + 1 });
    expect(be.bindOracle(shifted).native).toBe(false);
    expect(be.bindOracle(instance.problem).evaluates(shifted)).toBe(false);
    const scaled = scaledInstance(instance, 4).problem;
    const bound = be.bindOracle(scaled);
    expect(bound.native).toBe(true);
    expect(bound.evaluates(instance.problem)).toBe(false);
    const v = be.vector(instance.x0);
    const p = { v, x: be.toFloat64(v) };
    expect(bound.f(p)).toBe(4 * be.bindOracle(instance.problem).f(p));
    expect(relativeDifference(bound.grad(p).g, scaled.grad(p.x))).toBeLessThan(64 * 45 * FLOAT32_UNIT_ROUNDOFF);
  });

  it('a GNS run on tensors frees every tensor it made, and its Hessians were formed on the device', async () => {
    const be = await backend();
    for (const name of ['logsumexp/mu=0.5,rows=30/n=8/seed=3', 'logistic/rho=0.01,samples=50/n=6/seed=1', 'softmax-regression/classes=3,samples=40/n=9/seed=2', 'nonlinear-equations-linear/p=3,rows=20/n=8/seed=5']) {
      const instance = buildInstance(name);
      const family = name.split('/')[0];
      const before = tf.memory().numTensors;
      instance.problem.resetCounts();
      const { records } = runToEnd(runMethod({ method: 'gns', hessian: 'exact', mode: 'strict', maxIters: 6 }, instance, be));
      expect(tf.memory().numTensors, family).toBe(before);
      expect(records.length).toBeGreaterThan(0);
      expect(instance.problem.counts.hess, family).toBe(records.length);
    }
  }, 60_000);
});
