import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkMethod, describeCheck, replayCase, runScenario, type Scenario, solverProcess } from '../../src/index.js';
import { encodeReplay } from '../../src/harness/replay-string.js';
import { fromBase64, toBase64 } from '../../src/solver-process/wire.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/solvers/${name}`, import.meta.url));
const quadratic: Scenario = { instance: { family: 'quadratic', params: { logCond: 1, scale: 1, metric: 'identity' }, dim: 4, seed: 7 }, hessian: 'exact', perturbations: [], mode: 'strict', gamma0: 1, maxIters: 20, gradTolRelative: 1e-9 };

describe('a solver process as a Method (src/solver-process)', () => {
  it('checkMethod runs the JavaScript example through its process: the properties its capabilities meet hold, and a case replays from its string', () => {
    const method = solverProcess({ command: 'node examples/gradient_solver.mjs', capabilities: ['step-size', 'descent'] });
    const check = checkMethod(method, { properties: ['descent', 'gradient-method-rate'], cases: 6, seed: 3 });
    expect(check.ok, describeCheck(check)).toBe(true);
    expect(check.judged).toBeGreaterThan(0);
    const scenario: Scenario = { ...quadratic, method: { id: method.id, options: method.defaults } };
    const replayed = replayCase(encodeReplay({ property: 'descent', kind: 'case', scenario }));
    expect(replayed.verdicts.descent.status).toBe('holds');
    expect(replayed.violated).toEqual([]);
  });

  it('serves and reads base64 payloads: the records are those of the JSON protocol, the calls counted', () => {
    const scenario: Scenario = { ...quadratic, maxIters: 6, method: { id: 'solver-process', options: { command: `node ${fixture('binary_solver.mjs')}` } } };
    const out = runScenario(scenario);
    if (!out.ok) throw new Error(out.skipped);
    expect(out.run.records).toHaveLength(6);
    expect(out.run.records.every((r, k) => r.k === k && r.stepTaken && r.fNext < r.f)).toBe(true);
    // one evaluation per iteration message: k = 0…5 and k = 6, which the harness answers with stop
    expect(out.run.instance.problem.counts).toMatchObject({ grad: 7, hess: 7, f: 0 });
  });

  it.skipIf(spawnSync('python3', ['--version']).status !== 0)("docs/solver-protocol.md's minimal solver, copied from the page, runs under the protocol", () => {
    const page = readFileSync(fileURLToPath(new URL('../../docs/solver-protocol.md', import.meta.url)), 'utf8');
    const code = /## 6\. A minimal solver[\s\S]*?```python\n([\s\S]*?)```/.exec(page)?.[1];
    expect(code).toBeDefined();
    const file = join(mkdtempSync(join(tmpdir(), 'ratecheck-minimal-')), 'minimal.py');
    writeFileSync(file, code as string);
    const check = checkMethod(solverProcess({ command: `python3 ${file}` }), { properties: ['envelope-lipschitz-gradient'], cases: 4, seed: 2 });
    expect(check.errors).toEqual([]);
    expect(check.judged).toBeGreaterThan(0);
  });

  it('base64 carries float64 values bit for bit, and refuses a length that is not 8n bytes', () => {
    const v = Float64Array.from([0.1, -0, Number.MIN_VALUE, -1e308, Math.PI]);
    const back = fromBase64(toBase64(v), v.length);
    expect(back && Array.from(back).every((x, i) => Object.is(x, v[i]))).toBe(true);
    expect(fromBase64(toBase64(v), v.length + 1)).toBeNull();
  });
});

