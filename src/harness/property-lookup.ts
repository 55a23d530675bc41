import { ALL_PROPERTIES, BACKEND_PROPERTIES } from '../../properties/index.js';
import type { Property } from '../../properties/property.js';
import { UsageError } from '../cli/usage-error.js';

export function propertyById(id: string): Property {
  const p = [...ALL_PROPERTIES, ...BACKEND_PROPERTIES].find((q) => q.id === id);
  if (!p) throw new UsageError(`unknown property '${id}' (see: ratecheck list properties)`);
  return p;
}
