import { describe, expect, it } from 'vitest';
import { runScenario, type Scenario } from '../../src/scenarios/scenario.js';
import { checkOptimumBound } from '../../src/theory/optimum-bound.js';

const lse: Scenario = {
  instance: { family: 'logsumexp', params: { mu: 1, rows: 12 }, dim: 6, seed: 3 },
  hessian: 'exact',
  perturbations: [],
  mode: 'strict',
  gamma0: 1,
  maxIters: 40,
  gradTolRelative: 1e-12,
};

describe('optimum-bound', () => {
  it('holds with the certified f*, and catches an f* claimed 1e-6 too high (which δ-based checks skip as past the floor)', () => {
    const out = runScenario(lse);
    if (!out.ok) throw new Error(out.skipped);
    const run = out.run;
    expect(checkOptimumBound(run).status).toBe('holds');
    const fStar = run.instance.certificate.fStar as number;
    const wrong = { ...run, instance: { ...run.instance, certificate: { ...run.instance.certificate, fStar: fStar + 1e-6 * Math.max(1, Math.abs(fStar)) } } };
    const v = checkOptimumBound(wrong);
    expect(v.status).toBe('violated');
    expect(v.where).toMatch(/f = .* vs f\* = /);
  });
});
