import { EVERY_PROPERTY } from '../../properties/index.js';
import type { Property } from '../../properties/property.js';
import { InputError } from '../input-error.js';

/** The property a suite or a replay string names. */
export function findProperty(id: unknown): Property | undefined {
  return EVERY_PROPERTY.find((q) => q.id === id);
}

export function propertyById(id: string): Property {
  const p = findProperty(id);
  if (!p) throw new InputError(`unknown property '${id}' (see: ratecheck list properties)`);
  return p;
}
