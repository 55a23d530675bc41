import { BACKENDS } from '../../backends/index.js';
import { choleskyKernel } from '../../linalg/cholesky.js';
import { FAMILIES } from '../../problems/registry.js';
import { HESSIAN_NAMES, METHOD_NAMES } from '../../solvers/method-config.js';
import { parseOptions } from '../options.js';

export const LIST_HELP = `usage: ratecheck list [--json]

Lists what this build provides: problem families, solvers, Hessian models, arithmetic backends and
the Cholesky kernel in use.`;

export function list(args: readonly string[]): number {
  const { values } = parseOptions(args, { json: { type: 'boolean' } }, { min: 0, max: 0, what: '' });
  const listing = {
    families: FAMILIES.map((f) => ({ id: f.id, classes: f.classes, description: f.description })),
    methods: METHOD_NAMES,
    hessians: HESSIAN_NAMES,
    backends: BACKENDS,
    choleskyKernel: choleskyKernel('auto').name,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(listing)}\n`);
    return 0;
  }
  const out: string[] = ['families:'];
  for (const f of listing.families) out.push(`  ${f.id.padEnd(28)} ${f.description}`);
  out.push(`methods: ${listing.methods.join(', ')}`, `hessians: ${listing.hessians.join(', ')}`, 'backends:');
  for (const b of BACKENDS) out.push(`  ${b.name.padEnd(8)} ${b.precision.padEnd(32)} ${b.available ? '' : '(unavailable) '}${b.description}`);
  out.push(`cholesky kernel: ${listing.choleskyKernel}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
