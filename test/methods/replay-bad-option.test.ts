import { describe, expect, it } from 'vitest';
import { decodeReplay, encodeReplay } from '../../src/harness/replay-string.js';
import type { Scenario } from '../../src/scenarios/scenario.js';

const scenario = (method: Scenario['method']): Scenario => ({ instance: { family: 'quadratic', params: {}, dim: 2, seed: 1 }, hessian: 'zero', perturbations: [], mode: 'strict', gamma0: 1, maxIters: 5, gradTolRelative: 1e-9, method });

describe('a replay string with a bad method option', () => {
  it('fails in one line naming the option, without the list of known methods', () => {
    const bad = encodeReplay({ property: 'descent', kind: 'case', scenario: scenario({ id: 'ring', options: { batch: 2e8 } }) });
    expect(() => decodeReplay(bad)).toThrow(/^replay string: method 'ring': batch must be an integer in \[0, 2²⁰\], got 200000000$/);
    const unknown = encodeReplay({ property: 'descent', kind: 'case', scenario: scenario({ id: 'nope' }) });
    expect(() => decodeReplay(unknown)).toThrow(/^replay string: unknown method 'nope' \(known methods: gns, /);
  });
});
