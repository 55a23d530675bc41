import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError } from '../input-error.js';
import { packageRoot } from '../package-root.js';
import type { CoverageSummary } from './coverage-summary.js';
import { NAMED_BRANCHES } from './named-branches.js';
import { type CoverageScope, summarizeCoverage } from './summarize-coverage.js';
import { ThreadCoverage } from './thread-coverage.js';

/** the method under test: the solvers compiled beside this module (dist/src/solvers/) */
const SOLVERS = new URL('../solvers/', import.meta.url);

function solverScope(): CoverageScope {
  return { compiledDir: fileURLToPath(SOLVERS), label: 'src/solvers/', root: packageRoot() ?? process.cwd() };
}

/** Starts counting what this thread and the workers it starts run of src/solvers/ (`run --coverage`). */
export async function startSolverCoverage(): Promise<ThreadCoverage> {
  if (!process.features.inspector) throw new InputError('--coverage: this node was built without the inspector, which collects the coverage');
  const coverage = new ThreadCoverage((url) => url.startsWith(pathToFileURL(fileURLToPath(SOLVERS)).href));
  await coverage.start();
  return coverage;
}

/** Ends counting and summarizes src/solvers/: lines, branches, the unreached branches and the named ones. */
export async function finishSolverCoverage(coverage: ThreadCoverage): Promise<CoverageSummary> {
  return summarizeCoverage(await coverage.finish(), solverScope(), NAMED_BRANCHES);
}
