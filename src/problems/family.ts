import type fc from 'fast-check';
import type { ClassId } from './certificate.js';
import type { Instance, InstanceName } from './instance.js';

/**
 * A problem family: builds an instance (oracle + metric + x0 + certificate) from its name, and
 * generates random names. `build` is deterministic in the name; parameters it cannot accept raise an
 * `InstanceError` naming the parameter.
 */
export interface Family {
  readonly id: string;
  readonly description: string;
  /** the classes whose membership this family's certificates state */
  readonly classes: readonly ClassId[];
  build(name: InstanceName): Instance;
  /** random instance names; dimension 1…50 by default */
  arbitrary(options?: FamilyArbitraryOptions): fc.Arbitrary<InstanceName>;
  /**
   * false: drawn only by the properties that name it, not by a scenario arbitrary over every family
   * (the networks, added after those properties' power checks were calibrated on the other families)
   */
  readonly drawnByDefault?: boolean;
}

export interface FamilyArbitraryOptions {
  readonly minDim?: number;
  readonly maxDim?: number;
}

/** A parameter or data value an instance cannot be built from; `field` names it. */
export class InstanceError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InstanceError';
  }
}
