import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The compiled CLI, as `npx ratecheck` runs it (`npm test` builds dist/ first). */
const cli = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

function ratecheck(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ratecheck CLI', () => {
  it('run: says that no suites exist yet, on one line, with exit code 2', () => {
    const r = ratecheck('run');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no suites yet/);
  });

  it('list: names the backends and the wasm Cholesky kernel', () => {
    const r = ratecheck('list', '--json');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as { backends: { name: string }[]; choleskyKernel: string };
    expect(parsed.backends.map((b) => b.name)).toEqual(['cpu', 'decimal', 'tfjs']);
    expect(parsed.choleskyKernel).toBe('wasm');
    expect(ratecheck('list').stdout).toMatch(/cholesky kernel: wasm/);
  });

  it('help and version', () => {
    expect(ratecheck('--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/usage: ratecheck/) });
    expect(ratecheck('run', '--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/ratecheck run/) });
    expect(ratecheck('--version').stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it.each([[['bogus']], [['list', '--frobnicate']], [['list', 'extra']], [[]]])('bad usage %j: exit 2, no stack trace', (args) => {
    const r = ratecheck(...args);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
  });
});
