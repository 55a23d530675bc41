import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PAPER_SUITE, SUITES } from '../../suites/index.js';
import { ratecheck } from './run-cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every `ratecheck <command> …` that an error message in src/, properties/ or suites/ tells the user to type. */
function suggestedCommands(): { command: string[]; where: string }[] {
  const out: { command: string[]; where: string }[] = [];
  for (const file of ['src', 'properties', 'suites'].flatMap(sources)) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (/^\s*(\/\/|\*|\/\*)/.test(line) || !/throw |Error\(|\bbad\(|\.fail\(/.test(line)) return;
      for (const m of line.matchAll(/\bratecheck ((?:[a-z][a-z0-9-]*)(?: [a-z][a-z0-9-]*)*)/g)) out.push({ command: m[1].split(' '), where: `${file.slice(root.length)}:${i + 1}` });
    });
  }
  return out;
}

describe('commands named in messages', () => {
  const suggested = suggestedCommands();

  it('finds the suggestions in error messages (e.g. the unknown-property hint)', () => {
    expect(suggested.map((s) => s.command.join(' '))).toContain('list properties');
    expect(suggested.length).toBeGreaterThanOrEqual(3);
  });

  it.each(suggested.map((s) => [s.command.join(' '), s.where]))('`ratecheck %s` (%s) parses: it runs, or asks only for the argument left to the user', (command) => {
    const r = ratecheck(...command.split(' '));
    if (r.code !== 0) expect(r.stderr).toMatch(/^ratecheck: missing /);
  });

  it('list takes a section: `ratecheck list properties` lists the properties only; an unknown section is exit 2', () => {
    const r = ratecheck('list', 'properties');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^properties:\n  \S+ +\d+ cases; power check: /);
    expect(r.stdout).toMatch(/\n  step-bound +\d+ cases/);
    expect(r.stdout).not.toMatch(/theorems:|families:|cholesky kernel/);
    const json = JSON.parse(ratecheck('list', 'suites', '--json').stdout) as Record<string, { name: string }[]>;
    expect(Object.keys(json)).toEqual(['suites']);
    expect(json.suites.map((s) => s.name)).toEqual([...SUITES.map((s) => s.name), PAPER_SUITE.name]);
    const methods = ratecheck('list', 'methods');
    expect(methods.stdout).toMatch(/\n  gradient +gradient method .*\[step-size, descent\]/);
    const bad = ratecheck('list', 'propertys');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ratecheck: list: unknown section 'propertys' \(one of theorems, properties, methods, classes, families, solvers, hessians, backends, suites\)\n$/);
  });
});

describe('ratecheck run --help', () => {
  it('the --suite line names every suite of the registry', () => {
    const r = ratecheck('run', '--help');
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith('--suite'));
    expect(line).toBe(`  --suite NAME|FILE   ${[...SUITES.map((s) => s.name), PAPER_SUITE.name].join(' | ')}, or a suite file (ratecheck-suite/1 JSON) (default ci)`);
    for (const name of ['gpu', 'gpu-large', 'paper']) expect(line).toContain(` ${name}`);
  });
});
