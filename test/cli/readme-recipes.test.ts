/**
 * The README's commands run exactly as written, in order, in the repository root — where a user of
 * the clone types them: the quick start's main job (`npx ratecheck run`, after its `npm ci`), then
 * every line of the recipes block. The long suites (audit, gpu: minutes) are started verbatim and
 * stopped with Ctrl-C — a SIGINT to their process group, as a terminal sends it — and resumed as the
 * README's comment says; their full runs are the false-alarm benchmark's (audit) and a manual check
 * (gpu). Everything the commands write lands in reports/ and is removed afterwards.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { comparable, readJson } from '../harness/run-support.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const reports = join(root, 'reports');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The lines of the first ```sh block after `marker`, without blank lines and comment-only lines. */
function commands(marker: string): string[] {
  const at = readme.indexOf(marker);
  const open = readme.indexOf('```sh\n', at);
  const close = readme.indexOf('```', open + 6);
  return readme
    .slice(open + 6, close)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** A command line without its trailing `# comment` (outside quotes). */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && /\s/.test(line[i - 1] ?? ' ')) return line.slice(0, i).trim();
  }
  return line.trim();
}

interface Ran {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command line with bash in the repository root; `interruptAfterMs` sends SIGINT to its process
 * group, sooner once its output matches `interruptWhen` (e.g. the first case done, however long the planning took).
 */
function sh(line: string, interruptAfterMs?: number, interruptWhen?: RegExp): Promise<Ran> {
  const child = spawn('bash', ['-c', line], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  const interrupt = () => {
    if (interrupted) return;
    interrupted = true;
    process.kill(-child.pid!, 'SIGINT');
  };
  const watch = () => {
    if (interruptWhen && interruptWhen.test(stdout + stderr)) interrupt();
  };
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    watch();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    watch();
  });
  const timer = interruptAfterMs === undefined ? null : setTimeout(interrupt, interruptAfterMs);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

const reportFolder = (r: Ran): string => {
  const m = /report: (\S+)\/index\.html/.exec(r.stdout);
  if (!m) throw new Error(`no report line in: ${r.stdout}\n${r.stderr}`);
  return join(root, m[1]);
};

const before = new Set(existsSync(reports) ? readdirSync(reports) : []);
const latestBefore = existsSync(join(reports, 'latest')) && lstatSync(join(reports, 'latest')).isSymbolicLink() ? readlinkSync(join(reports, 'latest')) : null;

afterAll(() => {
  for (const entry of readdirSync(reports)) if (!before.has(entry)) rmSync(join(reports, entry), { recursive: true, force: true });
  rmSync(join(reports, 'latest'), { force: true });
  if (latestBefore !== null) symlinkSync(latestBefore, join(reports, 'latest'));
});

describe("the README's commands, verbatim", () => {
  const quickStart = commands('## Quick start');
  const recipes = commands('Three ways to use it');
  const runs = new Map<string, Ran>();

  it('the quick start: `npm ci && npx ratecheck run` (the run after the install) passes with the ci suite', async () => {
    const main = quickStart.find((l) => l.includes('npx ratecheck run'))!;
    const r = await sh(withoutComment(main).replace(/^npm ci && /, ''));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ratecheck: PASS — suite ci:/m);
    runs.set('main', r);
  }, 600_000);

  it('has the recipes the README promises', () => {
    expect(recipes.length).toBeGreaterThanOrEqual(12);
  });

  for (const [index, line] of commands('Three ways to use it').entries()) {
    const command = withoutComment(line);
    it(`recipe ${index + 1}: ${command.length > 110 ? `${command.slice(0, 107)}…` : command}`, async () => {
      if (/--suite (audit|gpu) /.test(`${command} `)) {
        // the long suites: started verbatim and stopped with Ctrl-C ("then run --resume reports/<run-id>");
        // ratecheck writes an INCOMPLETE report and exits 3 — npx itself may end with the signal (130)
        // stopped once some case is done (the audit plans ~10⁵ cases first), at the latest after 60 s
        const someCaseDone = /ratecheck: [1-9]\d*\/\d+ cases/;
        const first = await sh(command, 60_000, someCaseDone);
        expect(first.code === 3 || first.code === 130 || first.signal === 'SIGINT', `${first.code} ${first.signal} ${first.stderr}`).toBe(true);
        expect(first.stdout).toMatch(/^ratecheck: INCOMPLETE — /m);
        const dir = reportFolder(first);
        expect(readJson<{ complete: boolean; exitCode: number }>(join(dir, 'results.json'))).toMatchObject({ complete: false, exitCode: 3 });
        const resumed = await sh(`npx ratecheck run --resume ${dir.slice(root.length)}`, 60_000, someCaseDone);
        expect(resumed.stdout).toMatch(/^ratecheck: INCOMPLETE — /m);
        expect(readJson<{ complete: boolean; exitCode: number; cases: unknown[] }>(join(dir, 'results.json')).cases.length).toBeGreaterThan(0);
        return;
      }
      const r = await sh(command);
      if (command.includes('--require-gpu')) {
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^ratecheck: --require-gpu: no GPU-backed backend is active/m);
        return;
      }
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      if (command.startsWith('npx ratecheck merge')) {
        // the merged shards equal the unsharded run of the quick start
        const main = runs.get('main');
        expect(main).toBeDefined();
        expect(comparable(readJson(join(reports, 'merged', 'results.json')))).toEqual(comparable(readJson(join(reportFolder(main!), 'results.json'))));
      }
      if (command.startsWith('npx ratecheck list theorems')) expect(r.stdout).toMatch(/\[diagnostic\]/);
    }, 600_000);
  }
});
