import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rosenbrockFamily } from '../../../src/problems/families/rosenbrock.js';
import { formatName, type Instance } from '../../../src/problems/instance.js';
import { counted } from '../../../src/problems/oracle.js';
import { formatProblemFile, parseProblemFile, readProblemFile, writeProblemFile } from '../../../src/problems/files/problem-file.js';
import { PROBLEM_KINDS } from '../../../src/problems/files/problem-kinds.js';
import { FAMILIES as ALL_FAMILIES } from '../../../src/problems/registry.js';
import { sampleInstances } from '../families/family-checks.js';
import { fileErrorMessage as message } from './file-error-message.js';

/** the families whose instances a problem file can hold */
const FAMILIES = ALL_FAMILIES.filter((f) => (PROBLEM_KINDS as readonly string[]).includes(f.id));

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

describe('ratecheck-problem/1 round trip', () => {
  it.each(FAMILIES.map((f) => [f.id, f] as const))('%s: write then read gives bit-identical f, ∇f, ∇²f at x0, the same metric and certificate', (_id, family) => {
    for (const inst of sampleInstances(family, 4, 211, { maxDim: 12 })) {
      const back = parseProblemFile(formatProblemFile(inst), 'round-trip.json');
      const label = formatName(inst.name);
      expect(back.problem.f(back.x0) === inst.problem.f(inst.x0), label).toBe(true);
      expect(sameBits(back.problem.grad(back.x0), inst.problem.grad(inst.x0)), label).toBe(true);
      expect(sameBits(back.problem.hess(back.x0).data, inst.problem.hess(inst.x0).data), label).toBe(true);
      expect(sameBits(back.x0, inst.x0)).toBe(true);
      expect(back.metric.kind).toBe(inst.metric.kind);
      if (back.metric.kind === 'dense' && inst.metric.kind === 'dense') expect(sameBits(back.metric.B.data, inst.metric.B.data)).toBe(true);
      expect(back.name).toEqual(inst.name);
      expect(back.certificate.convexity).toBe(inst.certificate.convexity);
      expect(back.certificate.memberships).toEqual(inst.certificate.memberships);
      expect(back.certificate.fStar).toBe(inst.certificate.fStar);
      expect(back.certificate.sublevelRadius).toBe(inst.certificate.sublevelRadius);
      if (inst.certificate.xStar) expect(sameBits(back.certificate.xStar!, inst.certificate.xStar)).toBe(true);
      else expect(back.certificate.xStar).toBeUndefined();
    }
  });

  it('keeps −0 and extreme floats (5e-324, 1.7976931348623157e308) exactly, through a file on disk', () => {
    const inst = rosenbrockFamily.build({ family: 'rosenbrock', params: { a: 1, b: 100 }, dim: 2, seed: 3 });
    const tricky: Instance = { ...inst, x0: Float64Array.of(-0, 5e-324) };
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-problem-'));
    const path = join(dir, 'rosenbrock.json');
    writeProblemFile(path, tricky);
    const back = readProblemFile(path);
    expect(Object.is(back.x0[0], -0)).toBe(true);
    expect(back.x0[1]).toBe(5e-324);
    expect(readFileSync(path, 'utf8')).toContain('"format": "ratecheck-problem/1"');
    const big = parseProblemFile(formatProblemFile({ ...inst, x0: Float64Array.of(1.7976931348623157e308, -1e-300) }), 'big.json');
    expect(Array.from(big.x0)).toEqual([1.7976931348623157e308, -1e-300]);
  });

  it('a file without certificate or instance name reads as convexity unknown, with the family named by its kind', () => {
    const text = JSON.stringify({ format: 'ratecheck-problem/1', kind: 'chebyshev', params: { n: 3, p: 4 }, x0: [0, 0, 0], metric: 'identity', fStar: 0 });
    const inst = parseProblemFile(text, 'plain.json');
    expect(inst.certificate).toEqual({ convexity: 'unknown', convexityHow: 'the problem file states no certificate', memberships: [], fStar: 0 });
    expect(inst.name).toEqual({ family: 'chebyshev', params: { n: 3, p: 4 }, dim: 3, seed: 0 });
    expect(inst.problem.f(inst.x0)).toBeCloseTo((0.25 + 1 + 1) ** 2 / 4, 14);
  });

  it('refuses to write an oracle of a kind the format cannot hold, with one line naming the file', () => {
    const inst = rosenbrockFamily.build({ family: 'rosenbrock', params: { a: 1, b: 100 }, dim: 2, seed: 3 });
    const { kind: _kind, ...anonymous } = inst.problem.oracle as unknown as Record<string, unknown>;
    const foreign: Instance = { ...inst, problem: counted(anonymous as unknown as Instance['problem']) };
    expect(message(() => formatProblemFile(foreign, 'out.json'))).toMatch(/^out\.json: kind: the instance rosenbrock\/a=1,b=100\/n=2\/seed=3 has an oracle that ratecheck-problem\/1 cannot hold$/);
  });
});

describe('malformed ratecheck-problem/1 files give one line naming the file and the field', () => {
  const good = {
    format: 'ratecheck-problem/1',
    kind: 'logsumexp',
    params: { mu: 0.5 },
    data: { A: [[1, 0], [0, 1], [1, 1]], b: [0, 0, 0] },
    x0: [1, -1],
    metric: { B: [[2, 1], [1, 2]] },
    fStar: 0,
    certificate: { convexity: 'convex', convexityHow: 'lse of affine', memberships: [{ class: 'quasi-self-concordant', M: 2.8, how: 'test' }] },
  };
  type Doc = typeof good & Record<string, unknown>;
  const edit = (change: (doc: Doc) => void): string => {
    const doc = structuredClone(good) as Doc;
    change(doc);
    return JSON.stringify(doc, null, 2);
  };
  const cases: [string, string, RegExp][] = [
    ['bad JSON', '{ "format": "ratecheck-problem/1", \n "kind": "logsumexp",, }', /^p\.json: is not valid JSON \(.*\)$/],
    ['not an object', '[1, 2]', /^p\.json: \(top level\): must be an object, got an array$/],
    ['wrong format tag', edit((d) => (d.format = 'ratecheck-reference/1')), /^p\.json: format: expected "ratecheck-problem\/1", got "ratecheck-reference\/1"$/],
    ['missing format', edit((d) => delete (d as Partial<Doc>).format), /^p\.json: format: is missing$/],
    ['unknown top-level field', edit((d) => (d.fstar = 0)), /^p\.json: fstar: is not a field of ratecheck-problem\/1 \(expected: .*\)$/],
    ['unknown kind', edit((d) => (d.kind = 'quartic')), /^p\.json: kind: unknown kind 'quartic' \(known: logsumexp, .*p-difference-chain\)$/],
    ['negative μ', edit((d) => (d.params.mu = -0.5)), /^p\.json: params\.mu: must be > 0, got -0\.5$/],
    ['μ = 0', edit((d) => (d.params.mu = 0)), /^p\.json: params\.mu: must be > 0, got 0$/],
    ['μ a string', edit((d) => ((d.params as Record<string, unknown>).mu = '1')), /^p\.json: params\.mu: must be a number, got the string "1"$/],
    ['unknown parameter', edit((d) => ((d.params as Record<string, unknown>).p = 2)), /^p\.json: params\.p: is not a parameter of kind 'logsumexp' \(expected: mu\)$/],
    ['ragged A', edit((d) => (d.data.A[2] = [1])), /^p\.json: data\.A\[2\]: has 1 entries, expected 2$/],
    ['non-finite data (1e999 reads as Infinity)', edit((d) => (d.data.b[1] = 12345)).replace('12345', '1e999'), /^p\.json: data\.b\[1\]: must be finite, got Infinity$/],
    ['b of the wrong length', edit((d) => d.data.b.pop()), /^p\.json: data\.b: has 2 entries, expected 3$/],
    ['missing data', edit((d) => delete (d as Partial<Doc>).data), /^p\.json: data: is missing \(kind 'logsumexp' needs A and b\)$/],
    ['x0 of the wrong dimension', edit((d) => d.x0.push(0)), /^p\.json: x0: has 3 entries, the problem has dimension 2$/],
    ['B of the wrong size', edit((d) => (d.metric = { B: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] })), /^p\.json: metric\.B: is 3×3, the problem has dimension 2$/],
    ['B indefinite', edit((d) => (d.metric = { B: [[1, 3], [3, 1]] })), /^p\.json: metric\.B: is not positive definite \(Cholesky pivot 1 fails\)$/],
    ['p < 2', JSON.stringify({ format: 'ratecheck-problem/1', kind: 'polytope-feasibility', params: { p: 1 }, data: { A: [[1]], b: [0] }, x0: [0], metric: 'identity' }), /^p\.json: params\.p: must be ≥ 2, got 1$/],
    ['p-difference n = 0', JSON.stringify({ format: 'ratecheck-problem/1', kind: 'p-difference-chain', params: { n: 0, a: 1, p: 2 }, x0: [], metric: 'identity' }), /^p\.json: params\.n: must be an integer ≥ 1, got 0$/],
    ['Rosenbrock b < 0', JSON.stringify({ format: 'ratecheck-problem/1', kind: 'rosenbrock', params: { a: 1, b: -100 }, x0: [0, 0], metric: 'identity' }), /^p\.json: params\.b: must be > 0, got -100$/],
    ['fStar not a number', edit((d) => ((d as Record<string, unknown>).fStar = 'zero')), /^p\.json: fStar: must be a number, got the string "zero"$/],
    ['unknown convexity', edit((d) => (d.certificate.convexity = 'concave')), /^p\.json: certificate\.convexity: must be one of strongly-convex, convex, nonconvex, unknown, got "concave"$/],
    ['unknown class', edit((d) => (d.certificate.memberships[0].class = 'self-concordant')), /^p\.json: certificate\.memberships\[0\]\.class: unknown class "self-concordant"/],
    ['negative constant', edit((d) => (d.certificate.memberships[0].M = -1)), /^p\.json: certificate\.memberships\[0\]\.M: must be ≥ 0, got -1$/],
    ['Hölder exponent above 1', edit((d) => (d.certificate.memberships[0] = { class: 'holder-hessian', nu: 2, L: 1, how: 'x' } as never)), /^p\.json: certificate\.memberships\[0\]\.nu: must lie in \[0, 1\], got 2$/],
    ['bad instance name', edit((d) => (d.instance = 'logsumexp')), /^p\.json: instance: instance name 'logsumexp' is not family\/params\/n=N\/seed=S$/],
  ];
  it.each(cases)('%s', (_label, text, expected) => {
    const m = message(() => parseProblemFile(text, 'p.json'));
    expect(m).toMatch(expected);
    expect(m).not.toContain('\n');
  });

  it('the unedited document reads', () => {
    expect(parseProblemFile(JSON.stringify(good), 'p.json').problem.dim).toBe(2);
  });

  it('a missing file and a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-problem-'));
    expect(message(() => readProblemFile(join(dir, 'absent.json')))).toBe(`${join(dir, 'absent.json')}: no such file`);
    expect(message(() => readProblemFile(dir))).toBe(`${dir}: is a directory, not a file`);
    writeFileSync(join(dir, 'empty.json'), '');
    expect(message(() => readProblemFile(join(dir, 'empty.json')))).toMatch(/^.*empty\.json: is not valid JSON \(.*\)$/);
  });
});
