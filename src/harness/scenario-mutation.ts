import fc from 'fast-check';
import { methodById } from '../methods/registry.js';
import type { Scenario } from '../scenarios/scenario.js';

/**
 * A random neighbour of a scenario for the targeted search: one setting moved a little (γ0 by a
 * power of two and the mode for Algorithm 1, the options drawn anew for a named method (or one of its
 * neighbourOptions), the
 * iteration budget, a perturbation constant, an instance seed, the
 * dimension by one, a numeric instance parameter by up to 25%). Neighbours that leave a family's
 * parameter ranges are skipped when they run, so no range knowledge is needed here.
 */
export function mutateScenario(s: Scenario, next: () => number): Scenario {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const factor = (spread: number) => Math.exp((2 * next() - 1) * Math.log(spread));
  const numericParams = Object.entries(s.instance.params).filter(([, v]) => typeof v === 'number');
  const budget = () => ({ ...s, maxIters: Math.max(1, s.maxIters + pick([-5, -2, -1, 1, 2, 5])) });
  const seed = () => ({ ...s, instance: { ...s.instance, seed: Math.floor(next() * 2 ** 31) } });
  const dim = () => ({ ...s, instance: { ...s.instance, dim: Math.max(1, s.instance.dim + pick([-1, 1])) } });
  const named = s.method;
  const method = named ? methodById(named.id) : undefined;
  const neighbours = method?.neighbourOptions?.(named?.options ?? method.defaults);
  const optionMove = (): Scenario => ({
    ...s,
    method: { id: named?.id ?? '', options: neighbours ? pick(neighbours) : fc.sample((method as NonNullable<typeof method>).options, { seed: Math.floor(next() * 2 ** 31), numRuns: 1 })[0] },
  });
  const moves: (() => Scenario)[] = named
    ? [...(method && (!neighbours || neighbours.length > 0) ? [optionMove] : []), budget, seed, dim]
    : [() => ({ ...s, gamma0: s.gamma0 * 2 ** pick([-3, -2, -1, 1, 2, 3]) }), budget, () => ({ ...s, mode: s.mode === 'strict' ? 'reference' : 'strict' }), seed, dim];
  if (numericParams.length > 0) {
    moves.push(() => {
      const [key, value] = pick(numericParams);
      return { ...s, instance: { ...s.instance, params: { ...s.instance.params, [key]: Number(((value as number) * factor(1.25)).toPrecision(6)) } } };
    });
  }
  if (s.perturbations.length > 0) {
    moves.push(() => {
      const i = Math.floor(next() * s.perturbations.length);
      const q = s.perturbations[i] as unknown as Record<string, unknown>;
      const fields = Object.entries(q).filter(([, v]) => typeof v === 'number');
      if (fields.length === 0) return s;
      const [field, value] = pick(fields);
      const moved = field === 'seed' ? Math.floor(next() * 1000) : field === 'beta' ? Math.min(1, Math.max(0, (value as number) + 0.25 * (2 * next() - 1))) : (value as number) * factor(2);
      return { ...s, perturbations: s.perturbations.map((p, j) => (j === i ? { ...p, [field]: moved } : p)) };
    });
  }
  return pick(moves)();
}
