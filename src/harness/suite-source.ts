import { ALL_PROPERTIES } from '../../properties/index.js';
import type { Property } from '../../properties/property.js';
import { PAPER_SUITE, SUITES, suiteByName } from '../../suites/index.js';
import { PAPER_EXPERIMENTS, type PaperExperiment } from '../../suites/paper.js';
import { InputError } from '../input-error.js';
import { readJsonObject } from './json-file.js';
import { mixSeed } from '../random/prng.js';
import { findProperty } from './property-lookup.js';
import type { SolverRequest } from './solver-under-test.js';
import type { Capability } from '../methods/step-record.js';
import { parseCapabilities } from '../solver-process/declared-capabilities.js';
import { type ProblemSource, readProblemSources } from './suite-problems.js';

/** One property as a run plans it; `defective` runs the property's broken variant as the subject. */
export interface PlannedEntry {
  readonly property: Property;
  readonly cases: number;
  readonly powerCases: number;
  readonly seed: number;
  readonly subject: 'solver' | 'defective';
  /**
   * the user problems the entry's scenarios draw their instance from (ids, with or without `user:`):
   * as a suite file names them, then (run-suite.ts) the registered family ids; absent: the property's own instances
   */
  readonly problems?: readonly string[];
}

export interface ResolvedSuite {
  readonly name: string;
  readonly description: string;
  readonly timeBudgetSeconds: number;
  readonly entries: readonly PlannedEntry[];
  /** the experiments the suite runs beside its properties (solver comparisons and rate diagnostics; reported, not gated) */
  readonly experiments: readonly PaperExperiment[];
  /** a solver process to check in place of the methods the scenarios name (the file's `solver`) */
  readonly solver: SolverRequest | null;
  /** the problems users bring (the file's `problems`, paths made absolute); empty for a named suite */
  readonly problems: readonly ProblemSource[];
}

const SUITE_FILE = 'ratecheck-suite/1';
/** The fields of a suite file, and of each of its entries: any other is an error (a misspelling is never ignored). */
const SUITE_FIELDS = ['schema', 'name', 'description', 'timeBudgetSeconds', 'entries', 'solver', 'problems'];
const SOLVER_FIELDS = ['command', 'capabilities', 'options'];
const ENTRY_FIELDS = ['property', 'cases', 'powerCases', 'seed', 'subject', 'problems'];

/** Every named suite, in the order `list` shows them (the paper suite last). */
export const SUITE_NAMES: readonly string[] = [...SUITES.map((s) => s.name), PAPER_SUITE.name];

/**
 * A suite by name (SUITE_NAMES) or from a JSON suite file:
 *   { "schema": "ratecheck-suite/1", "name": "…", "description"?: "…", "timeBudgetSeconds"?: n,
 *     "entries": [{ "property": "<id>", "cases"?: n, "powerCases"?: n, "seed"?: n, "subject"?: "solver" | "defective",
 *                   "problems"?: ["<id>", …] }],
 *     "solver"?: { "command": "…", "capabilities"?: ["…"], "options"?: { … } },
 *     "problems"?: [{ "file": "p.json" } | { "module": "m.mjs", "export"?: "name" }, …] }
 * `solver` names a solver process (docs/solver-protocol.md) run in place of the methods the scenarios name.
 * `problems` names problems users bring (paths relative to the suite file; suite-problems.ts,
 * docs/api.md §3): every entry's scenarios then draw their instance from them (an entry's own
 * `problems` picks some by id); its power checks keep the property's own instances.
 * `seed` replaces every entry's seed by mixSeed(seed, its position): independent streams, so the
 * runs of seeds N and N + 1 share no entry seed. Any other field, at the top or in an
 * entry, is an error naming it and the allowed ones.
 */
export function resolveSuite(nameOrFile: string, seed: number | undefined): ResolvedSuite {
  const reseed = (entries: readonly PlannedEntry[]) => (seed === undefined ? entries : entries.map((e, i) => ({ ...e, seed: mixSeed(seed, i) })));
  if (nameOrFile === PAPER_SUITE.name) return { ...PAPER_SUITE, entries: [], experiments: PAPER_EXPERIMENTS, solver: null, problems: [] };
  const named = suiteByName(nameOrFile);
  if (named) {
    const entries = named.entries(ALL_PROPERTIES).map((e) => ({ ...e, subject: 'solver' as const }));
    return { name: named.name, description: named.description, timeBudgetSeconds: named.timeBudgetSeconds, entries: reseed(entries), experiments: named.experiments ?? [], solver: null, problems: [] };
  }
  if (!nameOrFile.endsWith('.json')) {
    throw new InputError(`unknown suite '${nameOrFile}' (one of ${SUITE_NAMES.join(', ')}, or a suite file ending in .json)`);
  }
  const fromFile = readSuiteFile(nameOrFile);
  return { ...fromFile, entries: reseed(fromFile.entries) };
}

function readSuiteFile(path: string): ResolvedSuite {
  const o = readJsonObject(path, 'suite file');
  const bad = (what: string) => new InputError(`suite file ${path}: ${what}`);
  const unknownField = Object.keys(o).find((k) => !SUITE_FIELDS.includes(k));
  if (unknownField !== undefined) throw bad(`unknown field ${JSON.stringify(unknownField)} (allowed: ${SUITE_FIELDS.join(', ')})`);
  if (o.schema !== SUITE_FILE) throw bad(`"schema" must be "${SUITE_FILE}"`);
  if (typeof o.name !== 'string' || o.name.trim() === '') throw bad('"name" must be a non-empty string');
  if (o.description !== undefined && typeof o.description !== 'string') throw bad('"description" must be a string');
  const budget = o.timeBudgetSeconds ?? 300;
  if (typeof budget !== 'number' || !(budget > 0)) throw bad('"timeBudgetSeconds" must be a positive number');
  if (!Array.isArray(o.entries) || o.entries.length === 0) throw bad('"entries" must be a non-empty array');
  const count = (v: unknown, field: string, i: number, fallback: number): number => {
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1e6) throw bad(`entries[${i}].${field} must be an integer in [0, 1e6]`);
    return v;
  };
  const entries = o.entries.map((raw, i): PlannedEntry => {
    if (typeof raw !== 'object' || raw === null) throw bad(`entries[${i}] must be an object`);
    const e = raw as Record<string, unknown>;
    const unknown = Object.keys(e).find((k) => !ENTRY_FIELDS.includes(k));
    if (unknown !== undefined) throw bad(`entries[${i}]: unknown field ${JSON.stringify(unknown)} (allowed: ${ENTRY_FIELDS.join(', ')})`);
    const property = findProperty(e.property);
    if (!property) throw bad(`entries[${i}].property: unknown property ${JSON.stringify(e.property)} (see: ratecheck list properties)`);
    const subject = e.subject ?? 'solver';
    if (subject !== 'solver' && subject !== 'defective') throw bad(`entries[${i}].subject must be "solver" or "defective"`);
    if (e.problems !== undefined) {
      if (o.problems === undefined) throw bad(`entries[${i}].problems: the suite file names no "problems"`);
      if (!Array.isArray(e.problems) || e.problems.length === 0 || e.problems.some((p) => typeof p !== 'string' || p === '')) throw bad(`entries[${i}].problems must be a non-empty array of problem ids`);
    }
    return {
      property,
      cases: count(e.cases, 'cases', i, property.cases),
      powerCases: count(e.powerCases, 'powerCases', i, subject === 'defective' ? 0 : (property.powerCases ?? property.cases)),
      seed: count(e.seed, 'seed', i, 2000 + i),
      subject,
      ...(e.problems !== undefined ? { problems: e.problems as string[] } : {}),
    };
  });
  const problems = o.problems === undefined ? [] : readProblemSources(o.problems, path, bad);
  return { name: o.name, description: (o.description as string | undefined) ?? `suite file ${path}`, timeBudgetSeconds: budget, entries, experiments: [], solver: o.solver === undefined ? null : readSolver(o.solver, bad), problems };
}

/** The problems a suite file names (for `ratecheck replay --problems`): the whole file is read and checked; none is an InputError. */
export function suiteFileProblems(path: string): readonly ProblemSource[] {
  const problems = readSuiteFile(path).problems;
  if (problems.length === 0) throw new InputError(`suite file ${path} names no "problems"`);
  return problems;
}

/** the suite file's `solver`: { "command": "…", "capabilities"?: ["…"], "options"?: { … } } */
function readSolver(raw: unknown, bad: (what: string) => InputError): SolverRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('"solver" must be an object');
  const s = raw as Record<string, unknown>;
  const unknown = Object.keys(s).find((k) => !SOLVER_FIELDS.includes(k));
  if (unknown !== undefined) throw bad(`solver: unknown field ${JSON.stringify(unknown)} (allowed: ${SOLVER_FIELDS.join(', ')})`);
  if (typeof s.command !== 'string' || s.command.trim() === '') throw bad('solver.command must be a non-empty string');
  let capabilities: Capability[] | undefined;
  if (s.capabilities !== undefined) {
    if (!Array.isArray(s.capabilities) || s.capabilities.some((c) => typeof c !== 'string')) throw bad('solver.capabilities must be an array of strings');
    const parsed = parseCapabilities(s.capabilities.join(','));
    if (typeof parsed === 'string') throw bad(`solver.capabilities: ${parsed}`);
    capabilities = parsed;
  }
  if (s.options !== undefined && (typeof s.options !== 'object' || s.options === null || Array.isArray(s.options))) throw bad('solver.options must be an object');
  return { command: s.command, ...(capabilities ? { capabilities } : {}), ...(s.options ? { options: s.options as Record<string, unknown> } : {}) };
}
