import { describe, expect, it } from 'vitest';
import { mergeCoverage } from '../../src/coverage/merge-coverage.js';
import type { FunctionCoverage, ScriptCoverage } from '../../src/coverage/v8-coverage.js';

const script = (functions: FunctionCoverage[]): ScriptCoverage => ({ scriptId: '1', url: 'file:///m.js', functions });
const body = (count: number, isBlockCoverage = true): FunctionCoverage => ({ functionName: '', ranges: [{ startOffset: 0, endOffset: 100, count }], isBlockCoverage });
/** f spans [10, 50); its block [20, 30) is listed only where its count differs from f's */
const f = (calls: number, block: number | null, isBlockCoverage = true): FunctionCoverage => ({
  functionName: 'f',
  ranges: [{ startOffset: 10, endOffset: 50, count: calls }, ...(block === null ? [] : [{ startOffset: 20, endOffset: 30, count: block }])],
  isBlockCoverage,
});

describe('mergeCoverage', () => {
  it('sums a block over threads, reading a block a thread left out as the count of the range around it', () => {
    const [merged] = mergeCoverage([[script([body(1), f(3, 0)])], [script([body(1), f(4, null)])]]);
    const fn = merged.functions.find((g) => g.name === 'f');
    expect(fn?.range.count).toBe(7);
    expect(fn?.blocks).toEqual([{ startOffset: 20, endOffset: 30, count: 4 }]);
    expect(fn?.blockDetail).toBe(true);
  });

  it('keeps a block no thread entered at 0', () => {
    const [merged] = mergeCoverage([[script([body(1), f(3, 0)])], [script([body(1), f(2, 0)])]]);
    expect(merged.functions.find((g) => g.name === 'f')?.blocks[0].count).toBe(0);
  });

  it('counts a function a thread never reported as not run there', () => {
    const [merged] = mergeCoverage([[script([body(1), f(3, 1)])], [script([body(1)])]]);
    const fn = merged.functions.find((g) => g.name === 'f');
    expect(fn?.range.count).toBe(3);
    expect(fn?.blocks[0].count).toBe(1);
  });

  it('counts a script body evaluated before coverage began (V8 says 0) as run once', () => {
    const [merged] = mergeCoverage([[script([body(0, false)])], [script([body(1)])]]);
    expect(merged.functions[0].range.count).toBe(2);
  });

  it('marks a function one thread ran without counting its blocks: its blocks are not known', () => {
    const [merged] = mergeCoverage([[script([body(1), f(3, 0)])], [script([body(0, false), f(2, null, false)])]]);
    expect(merged.functions.find((g) => g.name === 'f')?.blockDetail).toBe(false);
    const [uncalled] = mergeCoverage([[script([body(1), f(3, 0)])], [script([body(0, false), f(0, null, false)])]]);
    expect(uncalled.functions.find((g) => g.name === 'f')?.blockDetail).toBe(true);
  });
});
