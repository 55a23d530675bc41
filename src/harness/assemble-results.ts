import os from 'node:os';
import type { Property } from '../../properties/property.js';
import { packageVersion } from '../package-root.js';
import { compareCases } from './plan.js';
import { rateFits } from './rate-fits.js';
import { type Environment, RESULTS_SCHEMA, type Results } from './results.js';
import { EXIT_CODES, judgedCount, runVerdictOf, summarizeProperties, summarizeTheorems, violationBound } from './summarize.js';

/** What a run records; everything else in Results is computed from it. */
export type ResultsParts = Omit<Results, 'schema' | 'environment' | 'properties' | 'theorems' | 'rateFits' | 'violationBound' | 'exitCode'> & {
  readonly workers: number;
  readonly properties: readonly Property[];
};

export function environment(workers: number): Environment {
  return { ratecheck: packageVersion(), node: process.version, platform: process.platform, arch: process.arch, cpus: os.availableParallelism(), workers };
}

/** Results from the cases alone (summaries, fits, bound and exit code are recomputed), in canonical order. */
export function assembleResults(p: ResultsParts): Results {
  const cases = [...p.cases].sort(compareCases(p.properties.map((q) => q.id)));
  const properties = summarizeProperties(p.properties, cases);
  return {
    schema: RESULTS_SCHEMA,
    runId: p.runId,
    createdAt: p.createdAt,
    complete: p.complete,
    notRun: p.notRun,
    config: p.config,
    environment: environment(p.workers),
    properties,
    theorems: summarizeTheorems(p.properties, cases),
    cases,
    rateFits: rateFits(cases, p.config.seed, p.config.precision.unitRoundoff),
    targets: [...p.targets].sort((a, b) => (a.property + a.theorem < b.property + b.theorem ? -1 : 1)),
    profiles: p.profiles,
    paperRuns: p.paperRuns,
    violationBound: violationBound(cases),
    regressions: p.regressions,
    exitCode: EXIT_CODES[
      runVerdictOf({ properties, regressions: p.regressions.length, targetErrors: p.targets.filter((t) => t.error).length, complete: p.complete, judged: judgedCount(cases), experiments: p.paperRuns.length })
    ],
    seconds: p.seconds,
  };
}
