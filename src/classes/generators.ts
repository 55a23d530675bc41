import fc from 'fast-check';
import { type ClassId, type Membership, membership } from '../problems/certificate.js';
import { type Family, type FamilyArbitraryOptions, InstanceError } from '../problems/family.js';
import type { Instance, InstanceName } from '../problems/instance.js';
import { holderPowerSum } from '../problems/families/holder-power-sum.js';
import { l0l1Family } from '../problems/families/l0-l1-family.js';
import { logisticFamily } from '../problems/families/logistic.js';
import { logSumExpFamily } from '../problems/families/logsumexp.js';
import { thirdOrderPowerSum } from '../problems/families/third-order-power-sum.js';

/** A random instance with one of its certified memberships in a class. */
export interface ClassCase<C extends ClassId> {
  readonly name: InstanceName;
  readonly instance: Instance;
  readonly membership: Extract<Membership, { class: C }>;
}

interface Source {
  readonly family: Family;
  readonly weight: number;
  /** fixes parameters so that the family certifies the class */
  readonly restrict?: (name: InstanceName) => InstanceName;
}

const oneSidedQuadratic = (name: InstanceName): InstanceName => ({ ...name, params: { ...name.params, nu: 0, kind: 'plus' } });

/**
 * Families whose certificates are tight enough that a quarter of the constant is refuted by a spot
 * check on most instances (power), for each class.
 */
const SOURCES: { readonly [C in ClassId]: readonly Source[] } = {
  'holder-hessian': [{ family: holderPowerSum, weight: 1 }],
  'lipschitz-gradient': [{ family: holderPowerSum, weight: 1, restrict: oneSidedQuadratic }],
  'holder-third': [{ family: thirdOrderPowerSum, weight: 1 }],
  'quasi-self-concordant': [
    { family: l0l1Family, weight: 2 },
    { family: logSumExpFamily, weight: 1 },
    { family: logisticFamily, weight: 1 },
  ],
  'l0-l1-smooth': [{ family: l0l1Family, weight: 1 }],
  'generalized-self-concordant': [
    { family: l0l1Family, weight: 2 },
    { family: logSumExpFamily, weight: 1 },
    { family: logisticFamily, weight: 1 },
  ],
};

export function classSources(cls: ClassId): readonly Family[] {
  return SOURCES[cls].map((s) => s.family);
}

/**
 * Random certified instances of a class (dimension 1…50 by default), each with one of its
 * memberships in that class. Names a family cannot build (InstanceError) are skipped.
 */
export function classCaseArbitrary<C extends ClassId>(cls: C, options: FamilyArbitraryOptions = {}): fc.Arbitrary<ClassCase<C>> {
  const names = fc.oneof(
    ...SOURCES[cls].map((s) => ({
      arbitrary: s.family.arbitrary(options).map((name) => ({ name: s.restrict ? s.restrict(name) : name, family: s.family })),
      weight: s.weight,
    })),
  );
  return fc
    .tuple(names, fc.nat())
    .map(([{ name, family }, pick]): ClassCase<C> | null => {
      let instance: Instance;
      try {
        instance = family.build(name);
      } catch (e) {
        if (e instanceof InstanceError) return null;
        throw e;
      }
      const ms = membership(instance.certificate, cls);
      if (ms.length === 0) return null;
      return { name, instance, membership: ms[pick % ms.length] };
    })
    .filter((c): c is ClassCase<C> => c !== null);
}
