import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatName, parseName } from '../../src/problems/instance.js';
import { buildInstance, FAMILIES } from '../../src/problems/registry.js';

describe('every instance is rebuilt from its name', () => {
  it.each(FAMILIES.map((f) => [f.id, f] as const))('%s: name → text → name → identical arithmetic', (_, family) => {
    for (const name of fc.sample(family.arbitrary({ maxDim: 12 }), { seed: 5, numRuns: 10 })) {
      const text = formatName(name);
      expect(parseName(text)).toEqual(name);
      const a = family.build(name);
      const b = buildInstance(text);
      expect(b.name).toEqual(a.name);
      expect(Array.from(b.x0)).toEqual(Array.from(a.x0));
      expect(b.problem.f(b.x0)).toBe(a.problem.f(a.x0));
      expect(Array.from(b.problem.grad(b.x0))).toEqual(Array.from(a.problem.grad(a.x0)));
      expect(b.certificate.memberships).toEqual(a.certificate.memberships);
    }
  });

  it('family ids are unique, and unknown families and malformed names are InstanceErrors', () => {
    expect(new Set(FAMILIES.map((f) => f.id)).size).toBe(FAMILIES.length);
    expect(() => buildInstance('nope/x=1/n=2/seed=3')).toThrow(/unknown family 'nope'/);
    expect(() => buildInstance('garbage')).toThrow(/not family\/params/);
  });

  it('counts oracle calls', () => {
    const inst = buildInstance(fc.sample(FAMILIES[0].arbitrary({ maxDim: 3 }), { seed: 1, numRuns: 1 })[0]);
    inst.problem.f(inst.x0);
    inst.problem.grad(inst.x0);
    inst.problem.grad(inst.x0);
    expect(inst.problem.counts).toMatchObject({ f: 1, grad: 2, hess: 0 });
    inst.problem.resetCounts();
    expect(inst.problem.counts.grad).toBe(0);
  });
});
