import fc from 'fast-check';
import type { Certificate } from '../certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../family.js';
import { formatName, type Instance, type InstanceName, type MetricSpec } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import type { UserProblemDefinition } from './spec.js';

/** A family of one instance: a user's problem of fixed dimension, named `user:<id>//n=<dim>/seed=0`. */
export interface UserFamily extends Family {
  /** its only instance name */
  readonly name: InstanceName;
}

function copyCertificate(c: Certificate): Certificate {
  return { ...c, memberships: c.memberships.map((m) => ({ ...m })), ...(c.xStar ? { xStar: c.xStar.slice() } : {}) };
}

function copyMetric(m: MetricSpec): MetricSpec {
  return m.kind === 'identity' ? m : { kind: 'dense', B: { rows: m.B.rows, cols: m.B.cols, data: m.B.data.slice() } };
}

/** An instance of the definition with the given oracle (the user's own, or a guarded copy while it is verified). */
export function userInstance(def: UserProblemDefinition, oracle: Oracle): Instance {
  return {
    name: { family: def.familyId, params: {}, dim: def.dim, seed: 0 },
    problem: counted(oracle),
    metric: copyMetric(def.metric),
    x0: def.x0.slice(),
    certificate: copyCertificate(def.certificate),
  };
}

/**
 * The family of a verified definition. `build` accepts only its own name (another dimension, seed or
 * parameter is an InstanceError, which a scenario skips); `arbitrary` draws that name, and dimension
 * bounds that exclude it are a RangeError rather than an empty arbitrary.
 */
export function userFamily(def: UserProblemDefinition): UserFamily {
  const name: InstanceName = { family: def.familyId, params: {}, dim: def.dim, seed: 0 };
  return {
    id: def.familyId,
    description: `user problem '${def.id}' (n = ${def.dim}); its certificate was claimed and spot-checked, not proven`,
    classes: [...new Set(def.certificate.memberships.map((m) => m.class))],
    name,
    build(asked) {
      if (asked.family !== def.familyId) throw new InstanceError('family', `'${asked.family}' is not '${def.familyId}'`);
      if (asked.dim !== def.dim) throw new InstanceError('n', `${def.familyId} has dimension ${def.dim}, not ${asked.dim}`);
      if (asked.seed !== 0) throw new InstanceError('seed', `${def.familyId} has only seed 0, not ${asked.seed}`);
      const extra = Object.keys(asked.params);
      if (extra.length > 0) throw new InstanceError(extra[0], `${def.familyId} takes no parameters`);
      return userInstance(def, def.oracle);
    },
    arbitrary(options: FamilyArbitraryOptions = {}) {
      const lo = options.minDim ?? 1;
      const hi = options.maxDim ?? Infinity;
      if (def.dim < lo || def.dim > hi) throw new RangeError(`${formatName(name)}: dimension ${def.dim} is outside the ${lo}…${hi} asked for`);
      return fc.constant(name);
    },
  };
}
