import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { CoverageSummary } from '../../src/coverage/coverage-summary.js';

/** A module with a branch the drivers below never take unless told to (x < 0), and a function never called. */
const TINY = `export function sign(x: number): string {
  if (x > 0) {
    return 'positive';
  }
  if (x < 0) {
    return 'negative';
  }
  return 'zero';
}

export function never(): number {
  return 1;
}
`;

const dist = (path: string) => pathToFileURL(join(import.meta.dirname, '../../dist/src/coverage', path)).href;

/**
 * Compiles TINY with its source map into a fresh folder, calls sign(x) for `inWorker` in a worker
 * thread and for `inMain` in the main thread under ThreadCoverage (compiled, in a child process: the
 * inspector's coverage is per process, and vitest's own coverage must not be reset), and returns the summary.
 */
function coverTiny(inWorker: number[], inMain: number[]): CoverageSummary {
  const root = mkdtempSync(join(tmpdir(), 'ratecheck-coverage-'));
  const out = join(root, 'out');
  mkdirSync(out);
  const compiled = ts.transpileModule(TINY, { fileName: 'tiny.ts', compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, sourceMap: true } });
  writeFileSync(join(out, 'tiny.ts'), TINY);
  writeFileSync(join(out, 'tiny.js'), compiled.outputText);
  writeFileSync(join(out, 'tiny.js.map'), compiled.sourceMapText ?? '');
  const tiny = pathToFileURL(join(out, 'tiny.js')).href;
  writeFileSync(join(root, 'driver.mjs'), `import { parentPort, workerData } from 'node:worker_threads';\nconst { sign } = await import(${JSON.stringify(tiny)});\nparentPort.postMessage(workerData.map(sign));\n// alive until ended, as the pool's workers are\nparentPort.on('message', () => {});\n`);
  writeFileSync(
    join(root, 'main.mjs'),
    `import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { ThreadCoverage } from ${JSON.stringify(dist('thread-coverage.js'))};
import { summarizeCoverage } from ${JSON.stringify(dist('summarize-coverage.js'))};
const coverage = new ThreadCoverage((url) => url.startsWith(${JSON.stringify(pathToFileURL(out).href)}));
await coverage.start();
const worker = new Worker(new URL('./driver.mjs', import.meta.url), { workerData: ${JSON.stringify(inWorker)} });
await once(worker, 'message');
await coverage.takeFrom(worker);
await worker.terminate();
const { sign } = await import(${JSON.stringify(tiny)});
${JSON.stringify(inMain)}.map(sign);
const named = [
  { name: 'positive', file: 'out/tiny.ts', line: 'if (x > 0) {', code: '{' },
  { name: 'negative', file: 'out/tiny.ts', line: 'if (x < 0) {', code: '{' },
  { name: 'gone', file: 'out/tiny.ts', line: 'if (x === 7) {', code: '{' },
];
process.stdout.write(JSON.stringify(summarizeCoverage(await coverage.finish(), { compiledDir: ${JSON.stringify(out)}, label: 'out/', root: ${JSON.stringify(root)} }, named)));
`,
  );
  const r = spawnSync(process.execPath, [join(root, 'main.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as CoverageSummary;
}

describe('coverage of a tiny compiled module', () => {
  it('names the branch no call reached, with its TypeScript line, function and text, and the function never called', () => {
    const c = coverTiny([1, 0], []);
    expect(c.threads).toBe(2);
    expect(c.lostThreads).toBe(0);
    expect(c.unreached.map(({ file, line, function: f, text, kind }) => ({ file, line, function: f, text, kind }))).toEqual([
      { file: 'out/tiny.ts', line: 5, function: 'sign', text: 'if (x < 0) {', kind: 'block' },
      { file: 'out/tiny.ts', line: 11, function: 'never', text: 'export function never(): number {', kind: 'function' },
    ]);
    expect(c.named).toEqual([
      { name: 'positive', file: 'out/tiny.ts', line: 2, status: 'reached', count: 1 },
      { name: 'negative', file: 'out/tiny.ts', line: 5, status: 'unreached', count: 0 },
      { name: 'gone', file: 'out/tiny.ts', line: null, status: 'missing', count: 0 },
    ]);
    const [file] = c.files;
    expect(file.file).toBe('out/tiny.ts');
    // lines 1–9 and 11–13 hold code; 6–7 (the block of x < 0) and 12–13 (never's body) did not run
    expect(file.lines).toMatchObject({ total: 12, covered: 8 });
    expect(file.branches.covered).toBeLessThan(file.branches.total);
  });

  it('merges the threads: a branch only the main thread took is reached', () => {
    const c = coverTiny([1, 0], [-1]);
    expect(c.unreached.map((u) => u.line)).toEqual([11]);
    expect(c.named.find((n) => n.name === 'negative')).toMatchObject({ status: 'reached', count: 1 });
    expect(c.named.find((n) => n.name === 'positive')).toMatchObject({ status: 'reached', count: 1 });
  });
});
