import type { Scenario } from '../scenarios/scenario.js';

/**
 * A random neighbour of a scenario for the targeted search: one setting moved a little (γ0 by a
 * power of two, the iteration budget, the mode, a perturbation constant, an instance seed, the
 * dimension by one, a numeric instance parameter by up to 25%). Neighbours that leave a family's
 * parameter ranges are skipped when they run, so no range knowledge is needed here.
 */
export function mutateScenario(s: Scenario, next: () => number): Scenario {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const factor = (spread: number) => Math.exp((2 * next() - 1) * Math.log(spread));
  const numericParams = Object.entries(s.instance.params).filter(([, v]) => typeof v === 'number');
  const moves: (() => Scenario)[] = [
    () => ({ ...s, gamma0: s.gamma0 * 2 ** pick([-3, -2, -1, 1, 2, 3]) }),
    () => ({ ...s, maxIters: Math.max(1, s.maxIters + pick([-5, -2, -1, 1, 2, 5])) }),
    () => ({ ...s, mode: s.mode === 'strict' ? 'reference' : 'strict' }),
    () => ({ ...s, instance: { ...s.instance, seed: Math.floor(next() * 2 ** 31) } }),
    () => ({ ...s, instance: { ...s.instance, dim: Math.max(1, s.instance.dim + pick([-1, 1])) } }),
  ];
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
