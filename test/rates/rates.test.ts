import { describe, expect, it } from 'vitest';
import { algebraicOrder } from '../../src/rates/algebraic-order.js';
import { bootstrapInterval, median } from '../../src/rates/bootstrap.js';
import { computationalOrder } from '../../src/rates/coc.js';
import { gapFloor, usablePrefix } from '../../src/rates/floor.js';
import { iterationsTo } from '../../src/rates/iterations-to.js';
import { linearRate } from '../../src/rates/linear-rate.js';
import { violationProbabilityBound } from '../../src/rates/rule-of-three.js';
import { tailWindow } from '../../src/rates/tail-window.js';
import { rng } from '../../src/random/prng.js';

const seq = (n: number, f: (k: number) => number): number[] => Array.from({ length: n }, (_, k) => f(k));
const U = 2 ** -53;

describe('precision floor and tail window', () => {
  it('cuts at the floor, at stagnation and at non-positive values', () => {
    const e = seq(60, (k) => Math.max(2 ** -k, 1e-14));
    expect(usablePrefix(e, { floor: 1e-12 })).toEqual({ end: 40, reason: 'floor' });
    const plateau = seq(30, (k) => (k < 10 ? 2 ** -k : 2 ** -10 * (1 + 1e-6 * Math.sin(k))));
    const cut = usablePrefix(plateau, { floor: 0 });
    expect(cut.reason).toBe('stagnation');
    expect(cut.end).toBeGreaterThanOrEqual(10);
    expect(cut.end).toBeLessThanOrEqual(12);
    expect(usablePrefix([1, 0.5, 0, 0.1], { floor: 0 })).toEqual({ end: 2, reason: 'non-positive' });
    expect(gapFloor(U, 7)).toBeCloseTo(7e3 * U, 20);
  });
  it('drops a burn-in quarter and keeps at least minLength points', () => {
    expect(tailWindow(seq(40, (k) => 2 ** -k), { floor: 0 })).toEqual({ start: 10, end: 40, cut: 'end-of-run' });
    expect(tailWindow([1, 0.5, 0.25], { floor: 0 })).toBeNull();
  });
});

describe('algebraic order (log–log slope over the tail)', () => {
  it.each([1, 2, 3, 0.5])('recovers p for c·k^{-p}, p = %s', (p) => {
    const e = seq(200, (k) => 3 * Math.max(k, 1) ** -p);
    const r = algebraicOrder(e, { floor: 0 });
    expect(r?.order).toBeCloseTo(p, 10);
    expect(r?.fit.r2).toBeCloseTo(1, 10);
  });
  it('is robust to multiplicative noise and stops at the floor', () => {
    const next = rng(7);
    const e = seq(1000, (k) => Math.max(5 * Math.max(k, 1) ** -2 * (1 + 0.02 * (next() - 0.5)), 1e-5));
    const r = algebraicOrder(e, { floor: 1e-5 * 1.0001 });
    expect(r?.window.cut).toBe('floor');
    expect(r?.order).toBeGreaterThan(1.95);
    expect(r?.order).toBeLessThan(2.05);
  });
});

describe('Q-linear rate', () => {
  it('recovers q for c·q^k, and the worst window finds a plateau', () => {
    const r = linearRate(seq(50, (k) => 2 * 0.7 ** k), { floor: 0 });
    expect(r?.tail).toBeCloseTo(0.7, 12);
    expect(r?.worstWindow).toBeCloseTo(0.7, 12);
    const slow = seq(60, (k) => (k < 20 ? 0.5 ** k : 0.5 ** 20 * 0.95 ** (k - 20)));
    const s = linearRate(slow, { floor: 0, windowLength: 5 });
    expect(s?.worstWindow).toBeCloseTo(0.95, 10);
    expect(s?.worstAt).toBeGreaterThanOrEqual(20);
  });
  it('ignores the rounding plateau after the floor', () => {
    const e = seq(80, (k) => Math.max(0.5 ** k, 3e-13) + (k > 45 ? 1e-16 * Math.sin(k) : 0));
    const r = linearRate(e, { floor: gapFloor(U, 1) });
    expect(r?.window.cut).toBe('stagnation');
    expect(r?.window.end).toBeLessThanOrEqual(43);
    expect(r?.tail).toBeCloseTo(0.5, 1);
  });
});

describe('computational order of convergence', () => {
  it('is 2 for e_{k+1} = e_k², 1 for a linear sequence, 1.618 for the secant recursion', () => {
    const quad = [0.5];
    for (let k = 0; k < 8; k++) quad.push(quad[k] * quad[k]);
    expect(computationalOrder(quad, { floor: 1e-300 })?.last).toBeCloseTo(2, 10);
    expect(computationalOrder(seq(30, (k) => 0.3 ** k), { floor: 0 })?.median).toBeCloseTo(1, 10);
    const sec = [0.5, 0.4];
    for (let k = 1; k < 9; k++) sec.push(sec[k] * sec[k - 1]);
    expect(computationalOrder(sec, { floor: 1e-300 })?.last).toBeCloseTo((1 + Math.sqrt(5)) / 2, 2);
  });
});

describe('combining instances', () => {
  it('bootstrap interval: seeded, contains the true mean for a known sample, shrinks with n', () => {
    const next = rng(3);
    const small = seq(20, () => 2 + (next() - 0.5));
    const big = seq(400, () => 2 + (next() - 0.5));
    const a = bootstrapInterval(small, { seed: 1 });
    expect(bootstrapInterval(small, { seed: 1 })).toEqual(a);
    expect(a.lower).toBeLessThan(2.1);
    expect(a.upper).toBeGreaterThan(1.9);
    const b = bootstrapInterval(big, { seed: 1, statistic: median });
    expect(b.lower).toBeLessThanOrEqual(b.estimate);
    expect(b.upper).toBeGreaterThanOrEqual(b.estimate);
    expect(b.upper - b.lower).toBeLessThan(a.upper - a.lower);
    expect(bootstrapInterval([NaN, 1, 1], { seed: 1 })).toMatchObject({ estimate: 1, lower: 1, upper: 1, n: 2 });
  });
  it('rule of three: 1 − 0.05^{1/N} ≈ 3/N', () => {
    expect(violationProbabilityBound(0)).toBe(1);
    expect(violationProbabilityBound(1)).toBeCloseTo(0.95, 12);
    expect(violationProbabilityBound(100)).toBeCloseTo(1 - 0.05 ** 0.01, 14);
    expect(violationProbabilityBound(1000) * 1000).toBeCloseTo(3, 0);
  });
  it('iterations to ε: log growth for linear, ε^{-1/p} for k^{-p}', () => {
    const lin = iterationsTo(seq(100, (k) => 0.5 ** k), 100, 10);
    for (let i = 1; i < lin.k.length; i++) expect(lin.k[i] - lin.k[i - 1]).toBeLessThanOrEqual(lin.k[1] - lin.k[0] + 1);
    const sub = iterationsTo(seq(10000, (k) => 1 / (k + 1) ** 2), 10000, 6);
    const last = sub.k.length - 1;
    expect(Math.log(sub.k[last] / sub.k[last - 1]) / Math.log(sub.eps[last - 1] / sub.eps[last])).toBeCloseTo(0.5, 1);
  });
});
