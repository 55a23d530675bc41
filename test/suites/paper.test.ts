import { describe, expect, it } from 'vitest';
import { PAPER_EXPERIMENTS, runPaperExperiment } from '../../suites/paper.js';

/**
 * The paper suite (RATECHECK_SUITE=paper): the paper's experiments with rate diagnostics, reported
 * and not gated — a run must finish without an error; the numbers are printed for the reader.
 */
const run = process.env.RATECHECK_SUITE === 'paper';

describe.runIf(run)('suite paper', () => {
  it.each(PAPER_EXPERIMENTS.map((e) => [e.id, e] as const))('%s', (_, experiment) => {
    const rows = runPaperExperiment(experiment);
    const fmt = (v: number | null, digits = 3) => (v === null || !Number.isFinite(v) ? '—' : v.toPrecision(digits));
    const lines = [`${experiment.id}: ${experiment.what}`, '  instance | run | status | iterations | to 1e-4/1e-6/1e-8 | theory | observed tail | Q-linear tail | log–log order | γ range'];
    for (const r of rows) {
      lines.push(`  ${r.instance} | ${r.run} | ${r.status} | ${r.iterations} | ${r.to.map((t) => t ?? '—').join('/')} | ${r.theory.rate} | ${r.regime.kind} | ${fmt(r.qLinearTail)} | ${fmt(r.logLogOrder)} | ${r.gammaRange ? `${fmt(r.gammaRange[0])}…${fmt(r.gammaRange[1])}` : '—'}`);
    }
    console.log(lines.join('\n'));
    expect(rows.length).toBe(experiment.instances().length * experiment.runs.length);
  });
});
