import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROPERTIES, BACKEND_PROPERTIES, EVERY_PROPERTY, LARGE_DATA_PROPERTIES } from '../properties/index.js';
import { runSuite } from '../src/harness/run-suite.js';
import { applicableToJudge, CALIBRATION_MARGIN } from '../src/harness/power-judgement.js';
import { clopperPearsonLower } from '../src/rates/binomial.js';

/**
 * Measures every property's power-check catch rate on a large sample drawn with seeds no suite uses
 * (CALIBRATION_SEED + position), the numbers each property records as `power.calibration`; prints
 * the measured rate, its one-sided 99.9% Clopper–Pearson lower bound, the promised rate p₀ and
 * whether p₀ sits at least CALIBRATION_MARGIN below that bound (src/harness/power-judgement.ts).
 * `-- --scale N` draws N times each property's default case count (default 20); `-- --backend tfjs`
 * calibrates the differential and large-data properties; `-- --property ID` one property;
 * `-- --json` prints one JSON line at the end.
 */

const CALIBRATION_SEED = 700_000;
const argv = process.argv.slice(2);
const scale = argv.includes('--scale') ? Number(argv[argv.indexOf('--scale') + 1]) : 20;
const only = argv.includes('--property') ? argv[argv.indexOf('--property') + 1] : null;
const json = argv.includes('--json');
const backend = argv.includes('--backend') ? argv[argv.indexOf('--backend') + 1] : 'cpu';

// the differential and large-data properties need a lower-precision backend (`-- --backend tfjs`)
const onBackend = backend === 'cpu' ? ALL_PROPERTIES : [...BACKEND_PROPERTIES, ...LARGE_DATA_PROPERTIES];
const properties = onBackend.filter((p) => only === null || p.id === only);
const dir = mkdtempSync(join(tmpdir(), 'ratecheck-power-calibration-'));
const suiteFile = join(dir, 'calibration.suite.json');
const emptyCorpus = join(dir, 'corpus.json');
writeFileSync(emptyCorpus, JSON.stringify({ schema: 'ratecheck-corpus/1', entries: [] }));
writeFileSync(
  suiteFile,
  JSON.stringify({
    schema: 'ratecheck-suite/1',
    name: 'power-calibration',
    description: `every power check on ${scale}× its default cases, seeds ${CALIBRATION_SEED} + position`,
    entries: properties.map((p) => ({ property: p.id, cases: 0, powerCases: scale * p.cases, seed: CALIBRATION_SEED + EVERY_PROPERTY.indexOf(p) })),
  }),
);

const started = performance.now();
const outcome = await runSuite(
  {
    suite: suiteFile,
    out: join(dir, 'reports'),
    backend,
    workers: availableParallelism(),
    shard: null,
    timeBudgetSeconds: null,
    caseTimeoutSeconds: 600,
    target: false,
    targetBudget: 40,
    resume: null,
    corpus: emptyCorpus,
    updateCorpus: false,
    baseline: null,
    tolerance: null,
    requireGpu: false,
  },
  (p) => process.stderr.write(`\rpower calibration: ${p.done}/${p.total}`),
  new Promise<void>(() => {}),
);
process.stderr.write('\n');

const rows = outcome.results.properties.map((s) => {
  const p = properties.find((q) => q.id === s.id)!;
  const power = s.power!;
  const drawn = outcome.results.cases.filter((c) => c.property === s.id && c.kind === 'power').length;
  const lower = clopperPearsonLower(power.caught, power.applicable, 0.999);
  return {
    property: s.id,
    drawn,
    applicable: power.applicable,
    caught: power.caught,
    rate: power.fraction,
    lower999: lower,
    promised: p.power.minCaught,
    wellBelow: p.power.minCaught <= lower - CALIBRATION_MARGIN,
    minApplicable: applicableToJudge(p.power.minCaught),
    seed: CALIBRATION_SEED + EVERY_PROPERTY.indexOf(p),
  };
});
console.log(`power calibration: ${scale}× the default cases, seeds ${CALIBRATION_SEED} + position, ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(`${'property'.padEnd(30)} ${'caught/applicable (drawn)'.padEnd(28)} ${'rate'.padEnd(7)} ${'99.9% LB'.padEnd(9)} ${'p₀'.padEnd(6)} p₀ ≤ LB − ${CALIBRATION_MARGIN}`);
for (const r of rows) {
  console.log(`${r.property.padEnd(30)} ${`${r.caught}/${r.applicable} (${r.drawn})`.padEnd(28)} ${r.rate.toFixed(3).padEnd(7)} ${r.lower999.toFixed(3).padEnd(9)} ${String(r.promised).padEnd(6)} ${r.wellBelow ? 'yes' : 'NO'}`);
}
if (json) console.log(JSON.stringify(rows));
rmSync(dir, { recursive: true, force: true });
