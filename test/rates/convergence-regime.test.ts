import { describe, expect, it } from 'vitest';
import { algebraicOrder } from '../../src/rates/algebraic-order.js';
import { convergenceRegime } from '../../src/rates/convergence-regime.js';
import { rng } from '../../src/random/prng.js';

const seq = (n: number, f: (k: number) => number): number[] => Array.from({ length: n }, (_, k) => f(k));
const FLOOR = 1e-13;

describe('convergence regime of a tail', () => {
  it('calls a geometric sequence linear, though an algebraic order fitted to it is large', () => {
    const e = seq(80, (k) => 3 * 0.6 ** k);
    const r = convergenceRegime(e, { floor: FLOOR });
    expect(r.kind).toBe('linear');
    expect(r.r2Linear).toBeCloseTo(1, 12);
    expect(r.r2Algebraic).toBeLessThan(0.99);
    expect(r.acceleration).toBeCloseTo(1, 12);
    expect(r.floorAt).toBe(61);
    expect(algebraicOrder(e, { floor: FLOOR })?.order).toBeGreaterThan(10);
  });

  it('calls c·k^{-2} sublinear', () => {
    const r = convergenceRegime(seq(400, (k) => 5 * Math.max(k, 1) ** -2), { floor: FLOOR });
    expect(r.kind).toBe('sublinear');
    expect(r.r2Algebraic).toBeCloseTo(1, 12);
    expect(r.r2Linear).toBeLessThan(0.99);
    expect(r.floorAt).toBeNull();
  });

  it('calls c·k^{-2} with 2% multiplicative noise sublinear, and 0.9^k with the same noise linear', () => {
    const next = rng(11);
    const noise = () => 1 + 0.02 * (next() - 0.5);
    expect(convergenceRegime(seq(400, (k) => Math.max(k, 1) ** -2 * noise()), { floor: FLOOR }).kind).toBe('sublinear');
    expect(convergenceRegime(seq(200, (k) => 0.9 ** k * noise()), { floor: FLOOR }).kind).toBe('linear');
  });

  it('calls quadratic convergence e_{k+1} = e_k² superlinear, stopped before the floor or run into it', () => {
    // e_k = 0.9^(2^k): 0.9, 0.81, 0.66, 0.43, 0.19, 0.034, 1.2e-3, 1.4e-6, 1.9e-12, then below the floor
    const quadratic = seq(12, (k) => 0.9 ** (2 ** k));
    const stopped = convergenceRegime(quadratic.slice(0, 9), { floor: FLOOR });
    expect(stopped.kind).toBe('superlinear');
    expect(stopped.floorAt).toBeNull();
    expect(stopped.acceleration).toBeCloseTo(4, 10);
    const floored = convergenceRegime(quadratic, { floor: FLOOR });
    expect(floored.kind).toBe('superlinear');
    expect(floored.floorAt).toBe(9);
  });

  it('calls a run that is at the floor after three iterations undetermined, with no fit, and says where it got there', () => {
    const r = convergenceRegime([10, 1e-2, 1e-9, 1e-17, 0, 0, 0], { floor: FLOOR });
    expect(r).toEqual({ kind: 'undetermined', floorAt: 3, r2Linear: null, r2Algebraic: null, acceleration: null });
    expect(convergenceRegime([1, 0.5, -1e-16, 0], { floor: FLOOR })).toMatchObject({ kind: 'undetermined', floorAt: 2 });
  });

  it('calls a slow linear phase followed by a faster linear one linear (it does not accelerate at the end)', () => {
    const e = seq(80, (k) => (k < 40 ? 0.97 ** k : 0.97 ** 40 * 0.6 ** (k - 40)));
    const r = convergenceRegime(e, { floor: FLOOR });
    expect(r.kind).toBe('linear');
    expect(r.acceleration).toBeCloseTo(1, 10);
  });

  it('is undetermined with too few points and no floor, at a plateau, or where the window ends higher than it starts', () => {
    expect(convergenceRegime([1, 0.5, 0.25], { floor: FLOOR }).kind).toBe('undetermined');
    expect(convergenceRegime(seq(30, (k) => 1 + 0.01 * k), { floor: FLOOR }).kind).toBe('undetermined');
    const rise = convergenceRegime([1, 0.5, 0.3, 0.2, 0.1, 0.05, 0.9], { floor: FLOOR });
    expect(rise.kind).toBe('undetermined');
    expect(rise.r2Linear).not.toBeNull();
  });
});
