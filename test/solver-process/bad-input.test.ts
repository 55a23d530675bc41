import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ratecheck } from '../cli/run-cli.js';
import { tempDir } from '../harness/run-support.js';

const SOLVER = 'node examples/gradient_solver.mjs';

/** one line on stderr naming the problem, exit code 2, no run folder */
function expectRefused(args: string[], message: RegExp): void {
  const out = tempDir('bad-solver-input');
  const r = ratecheck(...args, '--out', out);
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

describe('bad input about a solver process is one line and exit code 2, before any case runs', () => {
  it('refuses bad flags: options that are not an object or set a drawn option, unknown or unsupported capabilities, capabilities the hello does not declare, a paper suite, a method family', () => {
    expectRefused(['run', '--solver-cmd', SOLVER, '--solver-options', '[1, 2]'], /--solver-options: solver options must be a JSON object/);
    expectRefused(['run', '--solver-cmd', SOLVER, '--solver-options', '{"gamma0": 2}'], /cannot set 'gamma0'/);
    expectRefused(['run', '--solver-cmd', SOLVER, '--solver-capabilities', 'descent,warp-drive'], /unknown capability 'warp-drive'/);
    expectRefused(['run', '--solver-cmd', SOLVER, '--solver-capabilities', 'ideal-gamma'], /cannot declare 'ideal-gamma'/);
    expectRefused(['run', '--solver-cmd', SOLVER, '--solver-capabilities', 'regularized-step,adaptive-search'], /does not declare \(step-size, descent\)/);
    expectRefused(['run', '--solver-capabilities', 'descent'], /need --solver-cmd/);
    expectRefused(['run', '--suite', 'paper', '--solver-cmd', SOLVER], /takes no solver process/);
    expectRefused(['run', '--method', 'solver-process'], /--solver-cmd/);
    expectRefused(['run', '--method', 'newton-raphson-9000'], /unknown method 'newton-raphson-9000'/);
  });

  it('refuses a suite file whose solver is malformed, naming the field', () => {
    const dir = tempDir('bad-solver-suite');
    const suite = join(dir, 'suite.json');
    for (const [solver, message] of [
      [{ command: 3 }, /solver\.command must be a non-empty string/],
      [{ command: SOLVER, capabilities: 'descent' }, /solver\.capabilities must be an array of strings/],
      [{ command: SOLVER, flavour: 'mint' }, /solver: unknown field "flavour"/],
      [{ command: SOLVER, options: [] }, /solver\.options must be an object/],
    ] as const) {
      writeFileSync(suite, JSON.stringify({ schema: 'ratecheck-suite/1', name: 'bad', entries: [{ property: 'descent', cases: 1 }], solver }));
      expectRefused(['run', '--suite', suite], message);
    }
  });

  it('replay --solver-cmd refuses a case that runs no solver process', () => {
    const replay = 'rc1:harmonic-mean:case:eyJpbnN0YW5jZSI6eyJmYW1pbHkiOiJsb2dzdW1leHAiLCJwYXJhbXMiOnsibXUiOjAuMSwicm93cyI6M30sImRpbSI6MSwic2VlZCI6MTM1NzM1MzUxN30sImhlc3NpYW4iOiJ3ZWlnaHRlZC1nYXVzcy1uZXd0b24iLCJwZXJ0dXJiYXRpb25zIjpbXSwibW9kZSI6InJlZmVyZW5jZSIsImdhbW1hMCI6MC4wMTU2MjUsIm1heEl0ZXJzIjoxMiwiZ3JhZFRvbFJlbGF0aXZlIjoxZS05fQ';
    const r = ratecheck('replay', replay, '--solver-cmd', SOLVER);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--solver-cmd: this case does not run a solver process/);
  });
});
