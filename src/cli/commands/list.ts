import { EVERY_PROPERTY } from '../../../properties/index.js';
import { PAPER_SUITE, SUITES } from '../../../suites/index.js';
import { BACKENDS } from '../../backends/index.js';
import { ANISOTROPIC_SMOOTHNESS, smoothnessClasses } from '../../classes/index.js';
import { choleskyKernel } from '../../linalg/cholesky.js';
import { wasmVariant } from '../../linalg/wasm/linalg-module.js';
import { FAMILIES } from '../../problems/registry.js';
import { HESSIAN_NAMES } from '../../hessians/catalog.js';
import { METHOD_NAMES } from '../../solvers/method-config.js';
import { METHODS } from '../../methods/registry.js';
import { THEOREMS } from '../../theory/index.js';
import { parseOptions } from '../options.js';
import { InputError } from '../../input-error.js';

/** The parts of the listing that `ratecheck list SECTION` shows alone. */
export const LIST_SECTIONS = ['theorems', 'properties', 'methods', 'classes', 'families', 'solvers', 'hessians', 'backends', 'suites'] as const;
type Section = (typeof LIST_SECTIONS)[number];

export const LIST_HELP = `usage: ratecheck list [SECTION] [--json]

Lists what this build provides: theorems (id, whether a violation gates or the theorem is a
diagnostic and why, source, assumptions, tight), properties with their
power checks, smoothness classes, problem families, solvers, Hessian models, arithmetic backends,
suites, and the Cholesky kernel in use. SECTION (${LIST_SECTIONS.join('|')}) lists only that part,
e.g. ratecheck list properties.`;

export function list(args: readonly string[]): number {
  const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } }, { min: 0, max: 1, what: '' });
  const only = positionals[0];
  if (only !== undefined && !(LIST_SECTIONS as readonly string[]).includes(only)) {
    throw new InputError(`list: unknown section '${only}' (one of ${LIST_SECTIONS.join(', ')})`);
  }
  const shown = (section: Section) => only === undefined || only === section;
  const listing = {
    theorems: THEOREMS.map((t) => ({ id: t.id, title: t.title, source: t.source, assumptions: t.assumptions.map((a) => a.statement), tight: t.tight, gating: t.gating, gatingReason: t.gatingReason })),
    properties: EVERY_PROPERTY.map((p) => ({ id: p.id, theorems: p.theorems.map((t) => t.id), cases: p.cases, power: p.power.description, powerTheorem: p.power.theorem.id, promisedCatchRate: p.power.minCaught, calibration: p.power.calibration })),
    classes: smoothnessClasses.map((c) => ({ id: c.id, title: c.title, source: c.source })),
    anisotropicSmoothness: ANISOTROPIC_SMOOTHNESS,
    families: FAMILIES.map((f) => ({ id: f.id, classes: f.classes, description: f.description })),
    methods: METHODS.map((m) => ({ id: m.id, title: m.title, capabilities: m.capabilities, defaults: m.defaults })),
    solvers: METHOD_NAMES,
    hessians: HESSIAN_NAMES,
    backends: BACKENDS,
    suites: [...SUITES, PAPER_SUITE].map((s) => ({ name: s.name, description: s.description, timeBudgetSeconds: s.timeBudgetSeconds })),
    choleskyKernel: choleskyKernel('auto').name,
    wasmBuild: wasmVariant(),
  };
  if (values.json) {
    const part = only === 'classes' ? { classes: listing.classes, anisotropicSmoothness: listing.anisotropicSmoothness } : { [only as Section]: listing[only as Section] };
    process.stdout.write(`${JSON.stringify(only === undefined ? listing : part)}\n`);
    return 0;
  }
  const out: string[] = [];
  if (shown('theorems')) {
    out.push('theorems:');
    for (const t of listing.theorems) {
      out.push(`  ${t.id.padEnd(30)} ${t.gating ? '[gates]' : '[diagnostic]'} ${t.tight ? '[tight] ' : ''}${t.title} — ${t.source}${t.assumptions.length ? ` (assumes ${t.assumptions.join('; ')})` : ''}`);
      out.push(`  ${''.padEnd(30)} ${t.gating ? 'gates' : 'diagnostic'}: ${t.gatingReason}`);
    }
  }
  if (shown('properties')) {
    out.push('properties:');
    for (const p of listing.properties) {
      const c = p.calibration;
      out.push(`  ${p.id.padEnd(30)} ${p.cases} cases; power check: ${p.power} — ${p.powerTheorem} promises a catch rate ≥ ${p.promisedCatchRate} (measured ${c.caught}/${c.applicable})`);
    }
  }
  if (shown('methods')) {
    out.push('methods (what a scenario names; capabilities decide which theorems apply):');
    for (const m of listing.methods) out.push(`  ${m.id.padEnd(30)} ${m.title} [${m.capabilities.join(', ') || 'core only'}]`);
  }
  if (shown('classes')) {
    out.push('classes:');
    for (const c of listing.classes) out.push(`  ${c.id.padEnd(30)} ${c.title}`);
    const a = listing.anisotropicSmoothness;
    out.push(`  ${a.id.padEnd(30)} ${a.title}`, `  ${''.padEnd(30)} constants: ${a.constants}`);
  }
  if (shown('families')) {
    out.push('families:');
    for (const f of listing.families) out.push(`  ${f.id.padEnd(30)} ${f.description}`);
  }
  if (shown('solvers')) out.push(`solvers (ratecheck solve --method): ${listing.solvers.join(', ')}`);
  if (shown('hessians')) out.push(`hessians: ${listing.hessians.join(', ')}`);
  if (shown('backends')) {
    out.push('backends:');
    for (const b of BACKENDS) out.push(`  ${b.name.padEnd(8)} ${b.precision.padEnd(32)} ${b.available ? '' : '(unavailable) '}${b.description}`);
  }
  if (shown('suites')) {
    out.push('suites:');
    for (const s of listing.suites) out.push(`  ${s.name.padEnd(8)} ${s.description}`);
  }
  if (only === undefined) out.push(`cholesky kernel: ${listing.choleskyKernel}${listing.wasmBuild === null ? '' : ` (${listing.wasmBuild} build)`}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
