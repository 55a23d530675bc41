/**
 * A12 (spec §3.4, §8.2): on nonlinear-equations-linear instances f = (1/p)‖Ax − b‖^p, p ∈ {3, 4, 6},
 * the Sherman–Morrison step of the rank-one Fisher-term model H = α·vvᵀ (regularizedStep's rank-one
 * path) equals the dense Cholesky solve of (H + λB)h = −g with the same H expanded (toDense), and the
 * closed form −B⁻¹g/(λ + (p−2)a²/‖u‖^p), in the B-norm, relative. Cases: x0, random points near it,
 * and the iterates of a strict fisher-term GNS run, at the run's λ_k and at log-uniform λ ∈ a·[1e-4, 1e4].
 *
 * Tolerance: the spec's 1e-10 is a rounding allowance, and it is NOT attainable when X = (p−2)a²/‖u‖^p
 * dominates λ on the ill-conditioned NE metric (B = AᵀA + 1e-8·I, κ ≈ 1e8–1e9): all three vectors are
 * formed through the factor L of B (κ(L) = √κ(B)), and the part of h along B⁻¹v is the difference of
 * two such terms scaled by λ/(λ + X), so relative errors of size u·√κ(B) are amplified by (λ + X)/λ.
 * Stated model: τ = max(1e-10, 4·n·u·√κ(B)·(1 + X/λ)). The cases where the literal 1e-10 fails are
 * counted and printed (a finding on the spec tolerance, not on the solver: the three methods disagree
 * pairwise by the same amount). Power: Sherman–Morrison with the sign of its correction flipped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BackendMetric } from '../../../src/backends/backend.js';
import { cpuBackend } from '../../../src/backends/cpu.js';
import { toDense } from '../../../src/hessians/dense-hessian.js';
import { fisherTerm } from '../../../src/hessians/fisher-term.js';
import type { HessianValue } from '../../../src/hessians/hessian-model.js';
import { norm2 } from '../../../src/linalg/vector.js';
import { nonlinearEquationsLinearFamily } from '../../../src/problems/families/linear-residual.js';
import type { NonlinearEquationsOracle } from '../../../src/problems/families/nonlinear-equations.js';
import type { Instance, InstanceName } from '../../../src/problems/instance.js';
import { metricOf } from '../../../src/problems/metric.js';
import { gaussian, rng } from '../../../src/random/prng.js';
import { backendMetric } from '../../../src/solvers/metric-spec.js';
import { backendHessian, regularizedStep } from '../../../src/solvers/regularized-step.js';
import { checkRankOneStep, metricCondition, runWith, UNIT_ROUNDOFF, WorstCase } from '../../support/solver-scenarios.js';
import { flippedShermanMorrison } from '../../../properties/power/defective-parts.js';

const REL_TOL = 1e-10;
const cpu = cpuBackend();

type Case = { where: string; sm: Float64Array; dense: Float64Array; closed: Float64Array; tol: number };
type SmImpl = (value: Extract<HessianValue, { kind: 'rank-one' }>, lambda: number, metric: BackendMetric<Float64Array>, g: Float64Array) => Float64Array;

const realSm: SmImpl = (value, lambda, metric, g) => {
  const r = regularizedStep(cpu, backendHessian(cpu, value), lambda, metric, g);
  if (!r.ok) throw new Error('rank-one step failed');
  return r.h;
};

/** the power checks' defect: (B⁻¹g + c·B⁻¹v)/λ instead of (B⁻¹g − c·B⁻¹v)/λ */
const wrongSignSm: SmImpl = (value, lambda, metric, g) => {
  const r = flippedShermanMorrison(cpu, backendHessian(cpu, value), metric, g, { k: 0, previousStep: null }).at(lambda);
  if (!r.ok) throw new Error('rank-one step failed');
  return r.h;
};

function casesFor(inst: Instance, sm: SmImpl, seed: number): Case[] {
  const oracle = inst.problem.oracle as NonlinearEquationsOracle;
  const n = oracle.dim;
  const p = oracle.p;
  const m = backendMetric(cpu, inst.metric, n);
  if (!m.ok) throw new Error('metric');
  const metric = m.metric;
  const model = fisherTerm(oracle, inst.metric);
  const rootKappa = Math.sqrt(metricCondition(inst.metric));
  const next = rng(seed);
  const points: { x: Float64Array; lambdas: number[]; tag: string }[] = [];
  const randomLambdas = (a: number) => [0, 1, 2].map(() => a * 10 ** (8 * next() - 4));
  const ga = (x: Float64Array) => metric.dualNorm(oracle.grad(x));
  points.push({ x: inst.x0, lambdas: randomLambdas(ga(inst.x0)), tag: 'x0' });
  for (let i = 0; i < 3; i++) {
    const x = inst.x0.map((v) => v + 10 ** (-2 * next()) * gaussian(next));
    points.push({ x, lambdas: randomLambdas(ga(x)), tag: `x0+δ${i}` });
  }
  const run = runWith(inst, model, { mode: 'strict', metric: inst.metric, maxIters: 12, gradTol: 1e-9 * ga(inst.x0) });
  for (const r of run.records) if (r.stepTaken) points.push({ x: r.x, lambdas: [r.lambda], tag: `iterate k=${r.k}` });
  const out: Case[] = [];
  for (const { x, lambdas, tag } of points) {
    const value = model.at(x, 0);
    if (value.kind !== 'rank-one') continue; // u = 0
    const g = oracle.grad(x);
    const a = metric.dualNorm(g);
    const u = oracle.residual.value(x);
    const un = norm2(u);
    const dense = toDense(value, n);
    for (const lambda of lambdas) {
      const d = regularizedStep(cpu, { kind: 'dense', matrix: dense }, lambda, metric, g);
      if (!d.ok) throw new Error(`dense solve of H + λB failed at ${tag}`);
      const closedScale = -1 / (lambda + ((p - 2) * a * a) / un ** p);
      const closed = metric.solve(g).map((v) => v * closedScale);
      const X = ((p - 2) * a * a) / un ** p;
      const tol = Math.max(REL_TOL, 4 * n * UNIT_ROUNDOFF * rootKappa * (1 + X / lambda));
      out.push({ where: `${tag} λ=${lambda.toExponential(2)} X/λ=${(X / lambda).toExponential(2)} √κ(B)=${rootKappa.toExponential(2)} τ=${tol.toExponential(2)}`, sm: sm(value, lambda, metric, g), dense: d.h, closed, tol });
    }
  }
  return out;
}

const names: fc.Arbitrary<InstanceName> = fc
  .tuple(nonlinearEquationsLinearFamily.arbitrary({ maxDim: 12 }), fc.constantFrom(3, 4, 6))
  .map(([name, p]) => ({ ...name, params: { ...name.params, p } }));

describe('A12: rank-one Fisher step = dense solve = closed form', () => {
  it('on nonlinear-equations-linear instances with p ∈ {3, 4, 6}', () => {
    const dense = new WorstCase();
    const closed = new WorstCase();
    let instances = 0;
    let illConditioned = 0;
    let literalFailures = 0;
    let literalWorst = 0;
    let literalIterateFailures = 0;
    let iterateCases = 0;
    let cases = 0;
    fc.assert(
      fc.property(names, fc.nat(), (name, seed) => {
        const inst = nonlinearEquationsLinearFamily.build(name);
        instances++;
        if (metricCondition(inst.metric) > 1e4) illConditioned++;
        const cs = casesFor(inst, realSm, seed);
        cases += cs.length;
        const metric = metricOf(inst.metric, inst.problem.dim);
        const r = checkRankOneStep(cs, () => metric, REL_TOL);
        // the spec's literal 1e-10 on every case (reported, not asserted: see the tolerance note)
        for (const c of cs) {
          const literal = checkRankOneStep([{ ...c, tol: REL_TOL }], () => metric, REL_TOL);
          if (!literal.ok) literalFailures++;
          if (!literal.ok && c.where.startsWith('iterate')) literalIterateFailures++;
          if (c.where.startsWith('iterate')) iterateCases++;
          literalWorst = Math.max(literalWorst, literal.worst);
        }
        dense.merge(r.parts.dense, `${name.params.p}/${name.params.rows}/n=${name.dim}/seed=${name.seed}`);
        closed.merge(r.parts.closed, `${name.params.p}/${name.params.rows}/n=${name.dim}/seed=${name.seed}`);
        expect(r.ok, `p=${name.params.p} rows=${name.params.rows} n=${name.dim} seed=${name.seed}: ${r.where}`).toBe(true);
      }),
      { seed: 0xa12, numRuns: 150 },
    );
    console.log(`A12: literal 1e-10 fails on ${literalFailures}/${cases} cases (${literalIterateFailures}/${iterateCases} at GNS iterates with their own λ_k), worst relative difference ${(literalWorst * REL_TOL).toExponential(3)}`);
    console.log(`A12: ${instances} instances (${illConditioned} with κ(B) > 1e4), ${dense.checked} (x, λ) cases; worst SM-vs-dense ratio ${dense.worst.toExponential(3)} (${dense.where}); worst SM-vs-closed-form ratio ${closed.worst.toExponential(3)} (${closed.where})`);
  });

  it('power: catches the Sherman–Morrison correction with the wrong sign', () => {
    let tried = 0;
    let caught = 0;
    for (const [i, name] of fc.sample(names, { seed: 0xa121, numRuns: 30 }).entries()) {
      const inst = nonlinearEquationsLinearFamily.build(name);
      const cases = casesFor(inst, wrongSignSm, i);
      if (cases.length === 0) continue;
      tried++;
      const metric = metricOf(inst.metric, inst.problem.dim);
      if (!checkRankOneStep(cases, () => metric, REL_TOL).ok) caught++;
    }
    console.log(`A12 power (wrong sign): caught ${caught}/${tried}`);
    expect(tried).toBeGreaterThan(10);
    expect(caught).toBe(tried);
  });
});
