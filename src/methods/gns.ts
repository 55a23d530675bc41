import fc from 'fast-check';
import { gns } from '../solvers/gns.js';
import type { GnsParts } from '../solvers/gns-parts.js';
import { idealGammaSearch, thetaProblem } from '../solvers/ideal-gamma.js';
import type { Method, MethodOptions } from './method.js';

/**
 * Algorithm 1's options: the search's mode (reference: λ = ‖g‖_* /(γ + ε), γ ≥ γ_min; strict: neither)
 * and γ_0; a reference file may set the authors' ε, γ_min and trial limit (`ratecheck solve`).
 */
export interface GnsOptions extends MethodOptions {
  readonly mode: 'reference' | 'strict';
  readonly gamma0: number;
  readonly eps?: number;
  readonly gammaMin?: number;
  readonly maxTrials?: number;
}


/** ' — swapped: …' naming the parts that are not Algorithm 1's own (src/solvers/gns-parts.ts), or '' */
function swapped(parts: Partial<GnsParts>): string {
  const names = Object.keys(parts);
  return names.length ? ` — swapped: ${names.join(', ')}` : '';
}

/** the id of Algorithm 1 with swapped parts: another method than the registered one ('gns+accepts') */
function partsId(id: string, parts: Partial<GnsParts>): string {
  const names = Object.keys(parts);
  return names.length ? `${id}+${names.join('+')}` : id;
}

const positive = (x: unknown): boolean => typeof x === 'number' && x > 0 && Number.isFinite(x);

function validateGns(o: GnsOptions): true | string {
  if (o.mode !== 'reference' && o.mode !== 'strict') return `mode must be 'reference' or 'strict', got '${String(o.mode)}'`;
  if (!positive(o.gamma0)) return `gamma0 must be a finite number > 0, got ${String(o.gamma0)}`;
  if (o.maxTrials !== undefined && !(Number.isInteger(o.maxTrials) && o.maxTrials >= 1)) return `maxTrials must be an integer ≥ 1, got ${o.maxTrials}`;
  for (const key of ['eps', 'gammaMin'] as const) {
    const v = o[key];
    if (v !== undefined && !(v >= 0 && Number.isFinite(v))) return `${key} must be a finite number ≥ 0, got ${v}`;
  }
  return true;
}

/** Algorithm 1 with the adaptive search (src/solvers/gns.ts): the registered method, or with `parts` swapped for its own (id 'gns+<parts>'). */
export function gnsMethod(parts: Partial<GnsParts> = {}): Method<GnsOptions> {
  return Object.keys(parts).length === 0 ? GNS : makeGnsMethod(parts);
}

function makeGnsMethod(parts: Partial<GnsParts>): Method<GnsOptions> {
  return {
    id: partsId('gns', parts),
    title: `Algorithm 1 (gradient-regularized Newton) with the adaptive search${swapped(parts)}`,
    capabilities: ['regularized-step', 'adaptive-search', 'descent'],
    options: fc.record({ mode: fc.constantFrom('strict' as const, 'reference' as const), gamma0: fc.constantFrom(1, 1e-3, 1e3, 0.25) }),
    defaults: { mode: 'strict', gamma0: 1 },
    simplerOptions: (o) => (o.gamma0 !== 1 ? [{ ...o, gamma0: 1 }] : []),
    validate: validateGns,
    applies: () => true,
    run(input, o) {
      return gns(
        input.problem,
        input.model,
        input.x0,
        {
          ...input.stop,
          mode: o.mode,
          metric: input.instance.metric,
          gamma0: o.gamma0,
          eps: o.eps,
          gammaMin: o.gammaMin,
          maxTrials: o.maxTrials,
          parts,
        },
        input.backend,
      );
    },
  };
}

/** Algorithm 1's ideal-γ options: γ_k = θ·γ(x_k). */
export interface GnsIdealOptions extends MethodOptions {
  readonly theta: number;
}

/** Algorithm 1 with the ideal regularization γ_k = θ·γ(x_k) and no search, in dimension 1 or 2 (src/solvers/ideal-gamma.ts): the registered method, or with `parts` swapped. */
export function gnsIdealMethod(parts: Partial<GnsParts> = {}): Method<GnsIdealOptions> {
  return Object.keys(parts).length === 0 ? GNS_IDEAL : makeGnsIdealMethod(parts);
}

function makeGnsIdealMethod(parts: Partial<GnsParts>): Method<GnsIdealOptions> {
  return {
    id: partsId('gns-ideal', parts),
    title: `Algorithm 1 with γ_k = θ·γ(x_k) (no search; n ≤ 2)${swapped(parts)}`,
    // no 'descent': the ideal rule has no acceptance test; Lemma 1's decrease is lemma1-chain's statement, under its premises (H_k ⪰ 0)
    capabilities: ['regularized-step', 'ideal-gamma'],
    options: fc.record({ theta: fc.constantFrom(1, 0.5) }),
    defaults: { theta: 1 },
    simplerOptions: (o) => (o.theta !== 1 ? [{ theta: 1 }] : []),
    validate: (o) => thetaProblem(o.theta),
    // γ(x_k) is computed in float64 on the grid; the run stays in float64 whatever the case's backend
    float64Only: true,
    applies: (instance) => (instance.problem.dim <= 2 ? true : 'ideal-γ runs need dimension 1 or 2'),
    run(input, o) {
      return gns(input.problem, input.model, input.x0, { ...input.stop, mode: 'strict', metric: input.instance.metric, search: idealGammaSearch({ theta: o.theta }), parts }, input.backend);
    },
  };
}

/** the registered methods (`src/methods/registry.ts`) */
const GNS = makeGnsMethod({});
const GNS_IDEAL = makeGnsIdealMethod({});
