import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '../cli/run-cli.js';

export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `ratecheck-${prefix}-`));
}

/** The one run folder a `run --out dir` wrote. */
export function runDir(out: string): string {
  const dirs = readdirSync(out).filter((d) => d !== 'latest');
  if (dirs.length !== 1) throw new Error(`expected one run in ${out}, found ${dirs.join(', ')}`);
  return join(out, dirs[0]);
}

export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** results.json without what may differ between equal runs: ids, dates, environment, timings. */
export function comparable(results: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(results), (key, value: unknown) => (['runId', 'createdAt', 'environment', 'seconds'].includes(key) ? undefined : value));
}

/** Runs the CLI asynchronously (so that several can run at once, and a test can signal one). */
export function ratecheckAsync(args: readonly string[]): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}
