import { expect, it } from 'vitest';
import { backendAgreementProperty } from '../../properties/backend-agreement.js';
import { checkPower, checkProperty } from '../../properties/property.js';
import { judgePower } from '../../src/harness/power-judgement.js';
import { tfjsRuntime } from '../../src/backends/tfjs/runtime.js';
import { type TfjsBackend, tfjsBackend } from '../../src/backends/tfjs/tfjs-backend.js';
import { backendAgreement, backendTrajectories } from '../../src/theory/backend-agreement.js';

/**
 * The differential property on the tfjs backend this machine has (float32, oracles of the data-heavy
 * families on tensors) against the float64 cpu reference: the verdicts agree and the trajectories
 * agree until the float32 floor on at least 200 random instances; its power check (the float32 run
 * passed off as float64) is caught; and a float32 path with a real defect that the verdicts cannot
 * see — a device gradient off by 1% of its norm along one coordinate, used consistently by the
 * solver, so that A1–A3, A6 and A7 hold — is shown by the trajectory diagnostic parting above the
 * floor (shown, not gating: the parting rule's allowances are chosen, not derived).
 */
function withBiasedGradient(backend: TfjsBackend): TfjsBackend {
  return {
    ...backend,
    bindOracle(problem) {
      const bound = backend.bindOracle(problem);
      return {
        ...bound,
        grad(p) {
          const { g } = bound.grad(p);
          const norm = Math.hypot(...g);
          const biased = g.map((v, i) => (i === 0 ? v + 0.01 * norm : v));
          return { g: Float64Array.from(backend.toFloat64(backend.vector(biased))), v: backend.vector(biased) };
        },
      };
    },
  };
}

it('backend-agreement: ≥ 200 instances agree with float64 until the float32 floor; the power check and a biased device gradient are caught', async () => {
  const runtime = await tfjsRuntime();
  const backend = tfjsBackend(runtime);
  const r = checkProperty(backendAgreementProperty, backendAgreementProperty.cases, 5900, backend);
  const s = r.summary[backendAgreement.id];
  const violations = r.cases.flatMap((c) => (c.verdicts[backendAgreement.id]?.status === 'violated' ? [`${JSON.stringify(c.scenario)}: ${c.verdicts[backendAgreement.id].where}`] : []));
  const parted = r.cases.filter((c) => /part at the floor/.test(c.verdicts[backendTrajectories.id]?.where ?? '')).length;
  const above = r.cases.filter((c) => c.verdicts[backendTrajectories.id]?.status === 'violated').map((c) => c.verdicts[backendTrajectories.id].where);
  expect(above).toEqual([]);
  console.log(`backend-agreement on tfjs/${runtime.backend}: ${s.holds} hold, ${s.violated} violated, ${parted} part at the floor, ${r.cases.filter((c) => c.skipped).length} skipped`);
  expect(violations).toEqual([]);
  expect(s.holds).toBeGreaterThanOrEqual(200);

  const power = checkPower(backendAgreementProperty, 40, 5901, backend);
  console.log(`backend-agreement power (${backendAgreementProperty.power.description}): caught ${power.caught}/${power.applicable}`);
  expect(power.fraction).toBeGreaterThanOrEqual(backendAgreementProperty.power.minCaught);
  expect(judgePower(power.caught, power.applicable, backendAgreementProperty.power.minCaught).status).toBe('caught');

  const biased = checkProperty(backendAgreementProperty, 40, 5902, withBiasedGradient(backend));
  const caught = biased.cases.filter((c) => c.verdicts[backendTrajectories.id]?.status === 'violated');
  const applicable = biased.cases.filter((c) => c.verdicts[backendTrajectories.id] && c.verdicts[backendTrajectories.id].status !== 'not-applicable');
  console.log(`a biased device gradient: shown by the trajectory diagnostic in ${caught.length}/${applicable.length}, e.g. ${caught[0]?.verdicts[backendTrajectories.id].where}`);
  expect(caught.length).toBeGreaterThanOrEqual(applicable.length / 2);
  expect(caught.every((c) => c.verdicts[backendTrajectories.id].gating === false && /trajectories part above the floor/.test(c.verdicts[backendTrajectories.id].where ?? ''))).toBe(true);
}, 300_000);
