import { gnsRecords } from '../../src/theory/method-capabilities.js';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { linearSolveProperty } from '../../properties/linear-solve.js';
import { tfjsRuntime } from '../../src/backends/tfjs/runtime.js';
import { tfjsBackend } from '../../src/backends/tfjs/tfjs-backend.js';
import { runScenario } from '../../src/scenarios/scenario.js';
import { metricCondition } from '../../src/theory/check-result.js';
import { checkLinearSolve, linearSolve, linearSolveTolerance } from '../../src/theory/linear-solve.js';

/**
 * The slack matters: on float32 runs (tfjs, (H + λB)h = −g by CG) the A1 check with the backend's
 * unit roundoff and the residual the solve vouched for holds, while the same check with float64-only
 * allowances (u = 2⁻⁵³, no iterative residual) reports false violations.
 */
it('A1 on tfjs runs: holds with the backend’s slack; a float64-only tolerance gives false violations', async () => {
  const backend = tfjsBackend(await tfjsRuntime());
  const scenarios = fc.sample(linearSolveProperty.scenarios, { seed: 424242, numRuns: 80 });
  let runs = 0;
  let falseViolations = 0;
  for (const s of scenarios) {
    const out = runScenario(s, undefined, backend);
    if (!out.ok || !out.run.records.some((r) => r.stepTaken)) continue;
    runs++;
    const run = out.run;
    expect(run.unitRoundoff).toBe(2 ** -24);
    const verdict = linearSolve.check(run);
    expect(verdict.status, `${run.label}: ${verdict.where}`).toBe('holds');
    const float64Only = checkLinearSolve(gnsRecords(run), run.hessians, run.metric, linearSolveTolerance(run.instance.problem.dim, metricCondition(run.instance.metric)));
    if (!float64Only.ok) falseViolations++;
  }
  console.log(`A1 on ${runs} tfjs runs: 0 violations with the float32 slack, ${falseViolations} false violations with float64-only allowances`);
  expect(runs).toBeGreaterThan(20);
  expect(falseViolations).toBeGreaterThan(runs / 2);
}, 120_000);
