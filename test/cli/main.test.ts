import { describe, expect, it } from 'vitest';
import { ratecheck } from './run-cli.js';

describe('ratecheck CLI', () => {
  it('list: names theorems, properties, classes, families, solvers, Hessian models, backends, suites and the wasm kernel', () => {
    const r = ratecheck('list', '--json');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as {
      backends: { name: string }[];
      families: { id: string }[];
      solvers: string[];
      theorems: { id: string; source: string; assumptions: string[]; tight: boolean }[];
      properties: { id: string; power: string }[];
      classes: { id: string }[];
      suites: { name: string }[];
      choleskyKernel: string;
    };
    expect(parsed.backends.map((b) => b.name)).toEqual(['cpu', 'decimal', 'tfjs']);
    expect(parsed.families.map((f) => f.id)).toContain('logsumexp');
    expect(parsed.solvers).toContain('cubic-newton');
    expect(parsed.theorems.find((t) => t.id === 'lemma1-decrease')).toMatchObject({ tight: true, source: expect.stringMatching(/Lemma 1/) });
    expect(parsed.properties.every((p) => p.power.length > 0)).toBe(true);
    expect(parsed.classes).toHaveLength(6);
    expect(parsed.suites.map((s) => s.name)).toEqual(['smoke', 'ci', 'audit', 'gpu', 'gpu-large', 'peers', 'paper']);
    expect(parsed.choleskyKernel).toBe('wasm');
    expect(ratecheck('list').stdout).toMatch(/cholesky kernel: wasm/);
  });

  it('help and version', () => {
    expect(ratecheck('--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/usage: ratecheck/) });
    expect(ratecheck('run', '--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/ratecheck run/) });
    expect(ratecheck('solve', '--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/--hessian/) });
    expect(ratecheck('--version').stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it.each([[['bogus']], [['list', '--frobnicate']], [['list', 'extra']], [[]]])('bad usage %j: exit 2, one line, no stack trace', (args) => {
    const r = ratecheck(...args);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
  });
});
