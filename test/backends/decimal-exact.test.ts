import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalContext, exactDecimal } from '../../src/backends/decimal/exact.js';

describe('exact float64 → decimal conversion', () => {
  it('gives the exact binary value, not the shortest decimal', () => {
    expect(exactDecimal(0.1).toString()).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(exactDecimal(-3).toString()).toBe('-3');
    expect(exactDecimal(2 ** 60).toString()).toBe('1152921504606846976');
    expect(exactDecimal(5e-324).toNumber()).toBe(5e-324);
    expect(exactDecimal(-0).isNeg()).toBe(true);
    expect(exactDecimal(Infinity).isFinite()).toBe(false);
  });

  it('round-trips every double and keeps its digits in a low-precision context', () => {
    const D = decimalContext(20);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const d = exactDecimal(x, D);
        return d.toNumber() === x && (x === 0 || d.minus(exactDecimal(x, D)).isZero());
      }),
      { seed: 3, numRuns: 2000 },
    );
  });

  it('rejects a precision below float64', () => {
    expect(() => decimalContext(10)).toThrow(/digits/);
  });
});
