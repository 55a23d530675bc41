import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../../src/backends/cpu.js';
import { readReferenceFile, referenceInstance } from '../../src/problems/files/reference-file.js';
import { runToEnd } from '../../src/solvers/gns.js';
import type { GnsSummary } from '../../src/solvers/gns-record.js';
import type { HessianName } from '../../src/hessians/catalog.js';
import { runMethod } from '../../src/solvers/method-config.js';

/**
 * Reference mode reproduces the authors' implementation on the instances in shared/reference/
 * (README there): iteration count within ±1 (±2% on long runs) and f − f* within 1e-5 relative over
 * the first 80% of the iterations, stopping earlier once f − f* is within 1e3 machine epsilons of its
 * floor max(1, |f*|)·u.
 */
const referenceDir = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));
const GNS_RUNS: Record<string, HessianName> = {
  'gns-exact': 'exact',
  'gns-weighted-gauss-newton': 'weighted-gauss-newton',
  'gns-gauss-newton': 'gauss-newton',
  'gns-fisher-term-rank-one': 'fisher-term',
};
const files = readdirSync(referenceDir).filter((f) => f.endsWith('.json'));

describe('agreement with the authors’ implementation (reference mode)', () => {
  it('finds the five reference files', () => {
    expect(files).toHaveLength(5);
  });

  const cases = files.flatMap((file) => {
    const ref = readReferenceFile(referenceDir + file);
    return ref.runs.filter((r) => r.label in GNS_RUNS).map((run) => [`${file} ${run.label}`, file, run.label] as const);
  });

  it.each(cases)('%s', (_, file, label) => {
    const ref = readReferenceFile(referenceDir + file);
    const run = ref.runs.find((r) => r.label === label)!;
    const instance = referenceInstance(ref);
    const { summary } = runToEnd(
      runMethod(
        {
          method: 'gns',
          hessian: GNS_RUNS[label],
          mode: 'reference',
          gamma0: ref.solver.gamma0,
          eps: ref.solver.eps,
          gammaMin: ref.solver.gammaMin,
          maxTrials: ref.solver.maxTrials,
          maxIters: ref.solver.maxIters ?? 1000,
          fStar: ref.fStar,
          fTol: ref.solver.fTol,
        },
        instance,
        cpuBackend(),
      ),
    );
    const ours = summary as GnsSummary;
    const long = run.iterations > 50;
    expect(Math.abs(ours.iterations - run.iterations)).toBeLessThanOrEqual(long ? Math.max(1, Math.ceil(0.02 * run.iterations)) : 1);
    const floor = 1e3 * 2 ** -52 * Math.max(1, Math.abs(ref.fStar));
    const upto = Math.floor(0.8 * Math.min(run.iterations, ours.iterations));
    let worst = 0;
    for (let k = 0; k <= upto; k++) {
      const theirs = run.f[k] - ref.fStar;
      if (theirs <= floor) break;
      worst = Math.max(worst, Math.abs(ours.history.f[k] - ref.fStar - theirs) / theirs);
    }
    expect(worst).toBeLessThanOrEqual(1e-5);
  });
});
