import { EVERY_PROPERTY } from '../../../properties/index.js';
import { PAPER_SUITE, SUITES } from '../../../suites/index.js';
import { BACKENDS } from '../../backends/index.js';
import { smoothnessClasses } from '../../classes/index.js';
import { choleskyKernel } from '../../linalg/cholesky.js';
import { FAMILIES } from '../../problems/registry.js';
import { HESSIAN_NAMES, METHOD_NAMES } from '../../solvers/method-config.js';
import { THEOREMS } from '../../theory/index.js';
import { parseOptions } from '../options.js';

export const LIST_HELP = `usage: ratecheck list [--json]

Lists what this build provides: theorems (id, source, assumptions, tight), properties with their
power checks, smoothness classes, problem families, solvers, Hessian models, arithmetic backends,
suites, and the Cholesky kernel in use.`;

export function list(args: readonly string[]): number {
  const { values } = parseOptions(args, { json: { type: 'boolean' } }, { min: 0, max: 0, what: '' });
  const listing = {
    theorems: THEOREMS.map((t) => ({ id: t.id, title: t.title, source: t.source, assumptions: t.assumptions.map((a) => a.statement), tight: t.tight })),
    properties: EVERY_PROPERTY.map((p) => ({ id: p.id, theorems: p.theorems.map((t) => t.id), cases: p.cases, power: p.power.description })),
    classes: smoothnessClasses.map((c) => ({ id: c.id, title: c.title, source: c.source })),
    families: FAMILIES.map((f) => ({ id: f.id, classes: f.classes, description: f.description })),
    solvers: METHOD_NAMES,
    hessians: HESSIAN_NAMES,
    backends: BACKENDS,
    suites: [...SUITES, PAPER_SUITE].map((s) => ({ name: s.name, description: s.description, timeBudgetSeconds: s.timeBudgetSeconds })),
    choleskyKernel: choleskyKernel('auto').name,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(listing)}\n`);
    return 0;
  }
  const out: string[] = ['theorems:'];
  for (const t of listing.theorems) out.push(`  ${t.id.padEnd(30)} ${t.tight ? '[tight] ' : ''}${t.title} — ${t.source}${t.assumptions.length ? ` (assumes ${t.assumptions.join('; ')})` : ''}`);
  out.push('properties:');
  for (const p of listing.properties) out.push(`  ${p.id.padEnd(30)} ${p.cases} cases; power check: ${p.power}`);
  out.push('classes:');
  for (const c of listing.classes) out.push(`  ${c.id.padEnd(30)} ${c.title}`);
  out.push('families:');
  for (const f of listing.families) out.push(`  ${f.id.padEnd(30)} ${f.description}`);
  out.push(`solvers: ${listing.solvers.join(', ')}`, `hessians: ${listing.hessians.join(', ')}`, 'backends:');
  for (const b of BACKENDS) out.push(`  ${b.name.padEnd(8)} ${b.precision.padEnd(32)} ${b.available ? '' : '(unavailable) '}${b.description}`);
  out.push('suites:');
  for (const s of listing.suites) out.push(`  ${s.name.padEnd(8)} ${s.description}`);
  out.push(`cholesky kernel: ${listing.choleskyKernel}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
