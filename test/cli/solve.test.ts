import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblemFile } from '../../src/problems/files/problem-file.js';
import { buildInstance } from '../../src/problems/registry.js';
import { ratecheck } from './run-cli.js';

const reference = (file: string) => fileURLToPath(new URL(`../../../shared/reference/${file}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ratecheck-solve-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('ratecheck solve', () => {
  it('reproduces the authors’ Rosenbrock run as JSON, in their semantics', () => {
    const r = ratecheck('solve', reference('rosenbrock-2d.json'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { f: number[]; gradNorm: number[]; gammaStart: number[]; gradCalls: number[]; timing: { loadMs: number; solveMs: number } };
    expect(out).toMatchObject({ status: 'success', iterations: 51, method: 'gns', hessian: 'exact', mode: 'reference' });
    expect(out.f).toHaveLength(52);
    expect(out.gammaStart.slice(0, 5)).toEqual([1, 2, 4, 8, 2]);
    expect(out.gradCalls.slice(0, 5)).toEqual([1, 2, 3, 4, 8]);
    expect(out.timing.loadMs).toBeGreaterThanOrEqual(0);
    expect(out.timing.solveMs).toBeGreaterThan(0);
  });

  it('prints a readable trace by default, and --max-iters 0 evaluates at x0 only', () => {
    const r = ratecheck('solve', reference('chebyshev-50-p4.json'), '--hessian', 'gauss-newton');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/status success after 19 iterations/);
    const zero = JSON.parse(ratecheck('solve', reference('rosenbrock-2d.json'), '--max-iters', '0', '--json').stdout) as { iterations: number; f: number[]; gradCalls: number[] };
    expect(zero).toMatchObject({ iterations: 0, f: [409], gradCalls: [1] });
  });

  it('runs every method, perturbed Hessians, strict mode and a ratecheck-problem/1 file', () => {
    const lse = file('lse.json', formatProblemFile(buildInstance('logsumexp/mu=1,rows=12/n=6/seed=4')));
    for (const args of [
      ['--method', 'gradient'],
      ['--method', 'gns-gradient'],
      ['--method', 'super-newton', '--alpha', '0.5'],
      ['--method', 'cubic-newton'],
      ['--method', 'damped-newton'],
      ['--hessian', 'weighted-gauss-newton', '--mode', 'strict'],
      ['--perturb', 'additive,shape=psd,C1=0.1,C2=0.2,beta=0', '--perturb', 'stale,every=2'],
      ['--backend', 'decimal', '--max-iters', '3'],
    ]) {
      const r = ratecheck('solve', lse, '--f-tol', '1e-8', '--max-iters', '200', ...args, '--json');
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).status).toMatch(/success|iterations_exceeded/);
    }
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing file', ['nope.json'], /nope\.json: no such file/],
    ['malformed JSON', [file('bad.json', '{"format": ')], /bad\.json: is not valid JSON/],
    ['an unknown method', [reference('rosenbrock-2d.json'), '--method', 'newton'], /--method must be one of/],
    ['an unknown Hessian model', [reference('rosenbrock-2d.json'), '--hessian', 'bfgs'], /--hessian must be one of/],
    ['a Hessian model that does not fit the problem', [reference('rosenbrock-2d.json'), '--hessian', 'weighted-gauss-newton'], /needs a logsumexp problem/],
    ['NaN in x0', [file('nan.json', JSON.stringify({ format: 'ratecheck-problem/1', kind: 'rosenbrock', params: { a: 1, b: 100 }, x0: [1, 'NaN'], metric: 'identity' }))], /x0/],
    ['an indefinite metric B', [file('indef.json', JSON.stringify({ format: 'ratecheck-problem/1', kind: 'rosenbrock', params: { a: 1, b: 100 }, x0: [1, 2], metric: { B: [[1, 2], [2, 1]] } }))], /metric\.B: is not positive definite/],
    ['a negative tolerance', [reference('rosenbrock-2d.json'), '--f-tol=-1'], /--f-tol must be ≥ 0/],
    ['a tolerance that is not a number', [reference('rosenbrock-2d.json'), '--grad-tol', 'small'], /--grad-tol must be a number/],
    ['an unknown kind', [file('kind.json', JSON.stringify({ format: 'ratecheck-problem/1', kind: 'banana', x0: [1] }))], /kind/],
  ];
  it.each(bad)('%s: exit 2 with one line naming the problem', (_, args, pattern) => {
    const r = ratecheck('solve', ...args);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(r.stdout).toBe('');
  });
});
