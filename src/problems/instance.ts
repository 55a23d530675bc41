import type { Matrix } from '../linalg/matrix.js';
import type { Certificate } from './certificate.js';
import type { Problem } from './oracle.js';

/**
 * Every instance is named by a reproducible tuple (family, parameters, dimension, seed), as COCO
 * names its instances: `buildInstance(name)` rebuilds the same arithmetic from the name alone.
 */
export interface InstanceName {
  readonly family: string;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly dim: number;
  readonly seed: number;
}

/** The metric B of ‖h‖ = ⟨Bh, h⟩^½: the identity or a dense SPD matrix. */
export type MetricSpec = { readonly kind: 'identity' } | { readonly kind: 'dense'; readonly B: Matrix };

export interface Instance {
  readonly name: InstanceName;
  readonly problem: Problem;
  readonly metric: MetricSpec;
  readonly x0: Float64Array;
  readonly certificate: Certificate;
}

/** `family/k1=v1,k2=v2/n=3/seed=12`, parameters in key order; numbers printed so they round-trip exactly. */
export function formatName(name: InstanceName): string {
  const params = Object.keys(name.params)
    .sort()
    .map((k) => `${k}=${String(name.params[k])}`)
    .join(',');
  return `${name.family}/${params}/n=${name.dim}/seed=${name.seed}`;
}

export function parseName(text: string): InstanceName | { error: string } {
  const parts = text.split('/');
  if (parts.length !== 4) return { error: `instance name '${text}' is not family/params/n=N/seed=S` };
  const [family, paramText, dimText, seedText] = parts;
  const dim = /^n=(\d+)$/.exec(dimText);
  const seed = /^seed=(-?\d+)$/.exec(seedText);
  if (!family || !dim || !seed) return { error: `instance name '${text}' is not family/params/n=N/seed=S` };
  const params: Record<string, number | string | boolean> = {};
  for (const kv of paramText === '' ? [] : paramText.split(',')) {
    const eq = kv.indexOf('=');
    if (eq <= 0) return { error: `instance name '${text}': parameter '${kv}' is not key=value` };
    const key = kv.slice(0, eq);
    const raw = kv.slice(eq + 1);
    params[key] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return { family, params, dim: Number(dim[1]), seed: Number(seed[1]) };
}
