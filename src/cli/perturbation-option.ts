import type { Perturbation } from '../hessians/catalog.js';
import { numberOption } from './options.js';
import { InputError } from '../input-error.js';

export const PERTURBATION_HELP = `  --perturb SPEC   perturb the Hessian model (repeatable, applied in order):
                     additive,shape=psd|indefinite,C1=…,C2=…,beta=…[,seed=…]
                     spectral,delta=…[,seed=…]   sketch,rank=…[,seed=…]
                     stale,every=…               float32`;

const KEYS: Record<Perturbation['kind'], readonly string[]> = {
  additive: ['shape', 'C1', 'C2', 'beta', 'seed'],
  spectral: ['delta', 'seed'],
  sketch: ['rank', 'seed'],
  stale: ['every'],
  float32: [],
};

/** `kind,key=value,…` → a perturbation; anything unknown or out of range is a usage error. */
export function parsePerturbation(text: string): Perturbation {
  const [kind, ...pairs] = text.split(',');
  if (!(kind in KEYS)) throw new InputError(`--perturb: unknown kind '${kind}' (known: ${Object.keys(KEYS).join(', ')})`);
  const allowed = KEYS[kind as Perturbation['kind']];
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (eq < 0 || !allowed.includes(key)) throw new InputError(`--perturb ${kind}: '${pair}' is not one of ${allowed.map((k) => `${k}=…`).join(', ') || '(no parameters)'}`);
    values[key] = pair.slice(eq + 1);
  }
  const num = (key: string, range: Parameters<typeof numberOption>[2], fallback?: number): number => {
    const v = numberOption(`--perturb ${kind} ${key}`, values[key], range) ?? fallback;
    if (v === undefined) throw new InputError(`--perturb ${kind}: ${key}=… is required`);
    return v;
  };
  const seed = () => num('seed', { integer: true }, 1);
  switch (kind as Perturbation['kind']) {
    case 'additive': {
      const shape = values.shape ?? 'indefinite';
      if (shape !== 'psd' && shape !== 'indefinite') throw new InputError(`--perturb additive shape must be psd|indefinite, got '${shape}'`);
      const beta = num('beta', { min: 0 }, 0);
      if (beta > 1) throw new InputError(`--perturb additive beta must lie in [0, 1], got ${beta}`);
      return { kind: 'additive', shape, C1: num('C1', { min: 0 }, 0), C2: num('C2', { min: 0 }, 0), beta, seed: seed() };
    }
    case 'spectral': {
      const delta = num('delta', { min: 0 });
      if (delta >= 1) throw new InputError(`--perturb spectral delta must lie in [0, 1), got ${delta}`);
      return { kind: 'spectral', delta, seed: seed() };
    }
    case 'sketch':
      return { kind: 'sketch', rank: num('rank', { min: 1, integer: true }), seed: seed() };
    case 'stale':
      return { kind: 'stale', every: num('every', { min: 1, integer: true }) };
    case 'float32':
      return { kind: 'float32' };
  }
}
