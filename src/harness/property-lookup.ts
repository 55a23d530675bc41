import { ALL_PROPERTIES, BACKEND_PROPERTIES } from '../../properties/index.js';
import type { Property } from '../../properties/property.js';
import { UsageError } from '../cli/usage-error.js';

/** Every property a suite or a replay string may name: the cpu ones and the backend-comparing ones. */
export function findProperty(id: unknown): Property | undefined {
  return [...ALL_PROPERTIES, ...BACKEND_PROPERTIES].find((q) => q.id === id);
}

export function propertyById(id: string): Property {
  const p = findProperty(id);
  if (!p) throw new UsageError(`unknown property '${id}' (see: ratecheck list properties)`);
  return p;
}
