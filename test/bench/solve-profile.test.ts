import { describe, expect, it } from 'vitest';
import { breakdown, cpuKernelFlags, DEFAULT_REGIONS, PHASES, PhaseClock, PROFILE_REGIONS, zeroPhaseTimes } from '../../bench/solve-profile.js';

/** A clock whose time advances only when the test says so. */
function manualTime(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('PhaseClock', () => {
  it('counts each millisecond once, in the innermost region or kernel report', () => {
    const time = manualTime();
    const clock = new PhaseClock(PROFILE_REGIONS, time.now);
    clock.run('hessian', () => {
      time.advance(2); // the model's own code
      clock.run('oracle', () => time.advance(3)); // a nested oracle call
      time.advance(5); // the rank-k kernel runs…
      clock.add('rank-k', 5); // …and reports its time
    });
    clock.run('shiftedSolve', () => {
      time.advance(7);
      clock.add('factor', 6);
      time.advance(4);
      clock.add('triangular', 4);
    });
    clock.run('metric', () => {
      time.advance(3);
      clock.add('triangular', 2);
    });
    expect(clock.ms).toEqual({ factor: 6, triangular: 4, oracle: 3, hessian: 2, rankK: 5, metric: 3, overhead: 1 });
  });

  it('attributes kernel time outside every region to the kernel phase (products to overhead)', () => {
    const clock = new PhaseClock(PROFILE_REGIONS, manualTime().now);
    clock.add('factor', 1);
    clock.add('products', 2);
    clock.add('rank-k', 4);
    expect(clock.ms).toEqual({ ...zeroPhaseTimes(), factor: 1, rankK: 4, overhead: 2 });
  });

  it('keeps its stack when a region throws', () => {
    const time = manualTime();
    const clock = new PhaseClock(PROFILE_REGIONS, time.now);
    clock.run('hessian', () => {
      expect(() =>
        clock.run('oracle', () => {
          time.advance(2);
          throw new Error('boom');
        }),
      ).toThrow('boom');
      time.advance(1);
    });
    clock.add('factor', 8);
    expect(clock.ms).toEqual({ ...zeroPhaseTimes(), oracle: 2, hessian: 1, factor: 8 });
  });

  it("without kernel reports, the default regions give the default table's fact = H + λB solves and factoring B", () => {
    const time = manualTime();
    const clock = new PhaseClock(DEFAULT_REGIONS, time.now);
    clock.run('metricFactor', () => time.advance(2));
    clock.run('prepare', () => time.advance(1));
    clock.run('shiftedSolve', () => time.advance(5));
    clock.run('metric', () => time.advance(3));
    expect(clock.ms).toEqual({ ...zeroPhaseTimes(), factor: 8, metric: 3 });
  });
});

describe('breakdown', () => {
  it('gives overhead as the rest, so that the phases sum to the total and the shares to 1', () => {
    const named = { factor: 3, triangular: 1, oracle: 2.5, hessian: 0.5, rankK: 1, metric: 2 };
    const { ms, share } = breakdown(12, named);
    expect(ms.overhead).toBe(2);
    expect(PHASES.reduce((s, p) => s + ms[p], 0)).toBe(12);
    expect(PHASES.reduce((s, p) => s + share[p], 0)).toBeCloseTo(1, 15);
    expect(share.factor).toBe(0.25);
  });

  it('never makes overhead negative; the shares still sum to 1 when the timed phases exceed the total', () => {
    const { ms, share } = breakdown(9, { factor: 5, triangular: 0, oracle: 5, hessian: 0, rankK: 0, metric: 0 });
    expect(ms.overhead).toBe(0);
    expect(share.factor).toBe(0.5);
    expect(PHASES.reduce((s, p) => s + share[p], 0)).toBe(1);
  });

  it('gives zero shares for an empty solve', () => {
    const { share } = breakdown(0, { factor: 0, triangular: 0, oracle: 0, hessian: 0, rankK: 0, metric: 0 });
    expect(PHASES.every((p) => share[p] === 0)).toBe(true);
  });
});

describe('cpuKernelFlags', () => {
  it('reads the model and the kernel flags of the first CPU', () => {
    const info = 'processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu sse4_2 avx avx2 fma bmi2\n\nprocessor\t: 1\nmodel name\t: other\nflags\t\t: avx512f\n';
    expect(cpuKernelFlags(info)).toEqual({ model: 'AMD EPYC 7B13', flags: ['sse4_2', 'avx', 'avx2', 'fma'] });
  });

  it('gives none where the flags line is missing', () => {
    expect(cpuKernelFlags('processor\t: 0\n')).toEqual({ model: null, flags: [] });
  });
});
