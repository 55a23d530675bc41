import { describe, expect, it } from 'vitest';
import { type AdamMethodOptions, adamMethod, type LehiMethodOptions, lehiMethod } from '../../src/methods/diagonal-scaling.js';
import { buildInstance } from '../../src/problems/registry.js';

/** N = 20 rows */
const softmax = buildInstance('softmax-regression/classes=3,samples=20/n=6/seed=1');

describe('Adam and LEHI bound their batch', () => {
  it('validate refuses a batch above 2²⁰ in one line', () => {
    expect((adamMethod.validate as NonNullable<typeof adamMethod.validate>)({ ...adamMethod.defaults, batch: 2e8 })).toBe('batch must be an integer in [0, 2²⁰], got 200000000');
    expect((lehiMethod.validate as NonNullable<typeof lehiMethod.validate>)({ ...lehiMethod.defaults, batch: 2e8 })).toBe('batch must be an integer in [0, 2²⁰], got 200000000');
  });

  it('applies refuses a batch above 64·N with replacement and above N without', () => {
    const adamApplies = (o: Partial<AdamMethodOptions>) => adamMethod.applies(softmax, undefined as never, { ...adamMethod.defaults, ...o });
    const lehiApplies = (o: Partial<LehiMethodOptions>) => lehiMethod.applies(softmax, undefined as never, { ...lehiMethod.defaults, ...o });
    expect(adamApplies({ batch: 1281 })).toBe('with-replacement sampling needs batches of at most 64·N = 1280 rows, got 1281');
    expect(adamApplies({ batch: 1280 })).toBe(true);
    expect(lehiApplies({ batch: 1281 })).toBe('with-replacement sampling needs batches of at most 64·N = 1280 rows, got 1281');
    expect(lehiApplies({ batch: 21, sampling: 'without-replacement' })).toBe('without-replacement sampling needs batches of at most N = 20 rows, got 21');
  });
});
