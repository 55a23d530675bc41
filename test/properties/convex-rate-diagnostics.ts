import fc from 'fast-check';
import type { Property } from '../../properties/property.js';
import { algebraicOrder } from '../../src/rates/algebraic-order.js';
import { bootstrapInterval, median } from '../../src/rates/bootstrap.js';
import { computationalOrder } from '../../src/rates/coc.js';
import { gapFloor } from '../../src/rates/floor.js';
import { linearRate } from '../../src/rates/linear-rate.js';
import { violationProbabilityBound } from '../../src/rates/rule-of-three.js';
import { runScenario } from '../../src/scenarios/scenario.js';

/**
 * Prints, once per property, the fitted rates of δ_k = f(x_k) − f* over its cases (per-instance fits
 * combined by a seeded 95% percentile bootstrap of the median) and the rule-of-three bound on the
 * violation probability for the number of clean cases.
 */
export function printRateDiagnostics(p: Property, seed: number): void {
  const scenarios = fc.sample(p.scenarios, { seed, numRuns: p.cases });
  const orders: number[] = [];
  const rates: number[] = [];
  const cocs: number[] = [];
  let clean = 0;
  for (const s of scenarios) {
    const o = runScenario(s);
    if (!o.ok || o.run.instance.certificate.fStar === undefined) continue;
    clean++;
    const fStar = o.run.instance.certificate.fStar;
    const d = o.run.records.map((r) => r.f - fStar);
    const floor = gapFloor(o.run.unitRoundoff, fStar);
    const ord = algebraicOrder(d, { floor });
    const lr = linearRate(d, { floor });
    const coc = computationalOrder(d, { floor });
    if (ord) orders.push(ord.order);
    if (lr) rates.push(lr.tail);
    if (coc) cocs.push(coc.median);
  }
  const fmt = (v: number[]): string => {
    const b = bootstrapInterval(v, { statistic: median, seed });
    return `median ${b.estimate.toPrecision(3)} [${b.lower.toPrecision(3)}, ${b.upper.toPrecision(3)}] (n = ${b.n})`;
  };
  console.log(
    `[${p.id}] rates of δ_k over ${clean} runs: log–log order ${fmt(orders)}; Q-linear tail rate ${fmt(rates)}; COC ${fmt(cocs)}; ` +
      `violation probability < ${violationProbabilityBound(clean).toPrecision(3)} (95%, rule of three)`,
  );
}
