import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null | undefined;

/**
 * The folder of ratecheck's package.json, found by walking up from this module, so that code runs the
 * same from src/ (under vitest) and from dist/src/ (compiled). Null when it cannot be found.
 */
export function packageRoot(): string | null {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'ratecheck') return (cached = dir);
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return (cached = null);
    dir = parent;
  }
}

/** shared/ beside the checkout (the reference instances and data sets), as the project's machines have it. */
export function sharedDir(): string | null {
  const root = packageRoot();
  return root === null ? null : join(root, '..', 'shared');
}

/** ratecheck's version from its package.json ('unknown' when the package cannot be found). */
export function packageVersion(): string {
  const root = packageRoot();
  if (root === null) return 'unknown';
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
