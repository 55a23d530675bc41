import { InstanceError } from '../family.js';
import type { InstanceName } from '../instance.js';

/** A numeric parameter of a family: its default when the name omits it, and the closed range it must lie in. */
export interface NumberParam {
  readonly kind: 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
}

/** A parameter chosen from a fixed list of words. */
export interface ChoiceParam<C extends string = string> {
  readonly kind: 'choice';
  readonly default: C;
  readonly choices: readonly C[];
}

export type ParamSpec = NumberParam | ChoiceParam;

export type ParamValues<S extends Record<string, ParamSpec>> = {
  readonly [K in keyof S]: S[K] extends ChoiceParam<infer C> ? C : number;
};

/**
 * The parameters of `name` read against a family's specification: missing ones take their default,
 * unknown keys, wrong types and out-of-range values raise an InstanceError naming the key. The family
 * id, the dimension (an integer in [1, maxDim]) and the seed (an integer) are checked too.
 */
export function readParams<S extends Record<string, ParamSpec>>(familyId: string, name: InstanceName, specs: S, maxDim = 10_000): ParamValues<S> {
  if (name.family !== familyId) throw new InstanceError('family', `'${name.family}' is not '${familyId}'`);
  if (!Number.isInteger(name.dim) || name.dim < 1 || name.dim > maxDim) {
    throw new InstanceError('dim', `must be an integer in [1, ${maxDim}], got ${name.dim}`);
  }
  if (!Number.isSafeInteger(name.seed)) throw new InstanceError('seed', `must be an integer, got ${name.seed}`);
  for (const key of Object.keys(name.params)) {
    if (!(key in specs)) throw new InstanceError(key, `unknown parameter of '${familyId}' (known: ${Object.keys(specs).join(', ')})`);
  }
  const out: Record<string, number | string> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const raw = name.params[key] ?? spec.default;
    if (spec.kind === 'choice') {
      if (typeof raw !== 'string' || !spec.choices.includes(raw)) {
        throw new InstanceError(key, `must be one of ${spec.choices.join(', ')}, got ${String(raw)}`);
      }
      out[key] = raw;
    } else {
      if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < spec.min || raw > spec.max || (spec.integer === true && !Number.isInteger(raw))) {
        throw new InstanceError(key, `must be ${spec.integer ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}], got ${String(raw)}`);
      }
      out[key] = raw;
    }
  }
  return out as ParamValues<S>;
}
