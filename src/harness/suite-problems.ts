/**
 * The problems a suite file brings (`"problems"`, docs/api.md §3): problem files and ES modules
 * exporting a UserProblemSpec, verified (verifyUserProblem) and registered as `user:<id>` families in
 * this thread. The sources are plain data (absolute paths), so that a case job carries them to a
 * worker thread and a replay (`ratecheck replay --problems <suite file>`) loads them in a fresh
 * process: each registers them once per source before it runs a case.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../input-error.js';
import { InstanceError } from '../problems/family.js';
import { readProblemFile } from '../problems/files/problem-file.js';
import { ProblemFileError } from '../problems/files/problem-file-error.js';
import { familyById, registerUserFamily, USER_FAMILY_PREFIX } from '../problems/registry.js';
import { FalseClaimError, type UserFamily, type UserProblemSpec, verifyUserProblem } from '../problems/user-problem.js';
import { problemFileId, specFromProblemFile } from '../problems/user-problem/from-problem-file.js';

/** One problem of a suite file, its path made absolute (relative paths are relative to the suite file). */
export type ProblemSource = { readonly file: string } | { readonly module: string; readonly export?: string };

/** Several problems with false claims: every line of each one's FalseClaimError. */
export class FalseClaimsError extends FalseClaimError {
  constructor(readonly rejected: readonly FalseClaimError[]) {
    super(rejected[0].problemId, rejected[0].falseClaims);
    this.message = rejected.map((e) => e.message).join('\n');
  }
}

const SOURCE_FIELDS = ['file', 'module', 'export'];

function sourcePath(s: ProblemSource): string {
  return 'file' in s ? s.file : s.module;
}

/** `file /abs/p.json` or `module /abs/m.mjs` (export `name`) */
export function describeSource(s: ProblemSource): string {
  return 'file' in s ? `file ${s.file}` : `module ${s.module}${s.export ? ` (export '${s.export}')` : ''}`;
}

/**
 * The suite file's `"problems"`: a non-empty array of `{"file": "p.json"}` or `{"module": "m.mjs",
 * "export"?: "name"}`, each path resolved against the suite file's folder and required to exist.
 */
export function readProblemSources(raw: unknown, suiteFile: string, bad: (what: string) => InputError): ProblemSource[] {
  if (!Array.isArray(raw) || raw.length === 0) throw bad('"problems" must be a non-empty array of {"file": …} or {"module": …, "export"?: …}');
  const folder = dirname(resolve(suiteFile));
  return raw.map((item, i): ProblemSource => {
    const at = `problems[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw bad(`${at} must be an object: {"file": …} or {"module": …, "export"?: …}`);
    const o = item as Record<string, unknown>;
    const unknown = Object.keys(o).find((k) => !SOURCE_FIELDS.includes(k));
    if (unknown !== undefined) throw bad(`${at}: unknown field ${JSON.stringify(unknown)} (allowed: ${SOURCE_FIELDS.join(', ')})`);
    if ((o.file === undefined) === (o.module === undefined)) throw bad(`${at} must have exactly one of "file" (a ratecheck-problem/1 file) and "module" (an ES module exporting a UserProblemSpec)`);
    const key = o.file !== undefined ? 'file' : 'module';
    const given = o[key];
    if (typeof given !== 'string' || given.trim() === '') throw bad(`${at}.${key} must be a non-empty path`);
    if (o.export !== undefined && (key !== 'module' || typeof o.export !== 'string' || o.export === '')) throw bad(`${at}.export must be a non-empty string, with "module"`);
    const path = resolve(folder, given);
    if (!existsSync(path)) throw bad(`${at}.${key}: no such file ${path}`);
    return key === 'file' ? { file: path } : { module: path, ...(o.export !== undefined ? { export: o.export as string } : {}) };
  });
}

async function moduleSpec(s: { readonly module: string; readonly export?: string }): Promise<UserProblemSpec> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(s.module).href)) as Record<string, unknown>;
  } catch (e) {
    throw new InputError(`cannot be imported: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const name = s.export ?? 'default';
  const value = mod[name];
  const exported = Object.keys(mod).join(', ') || 'none';
  if (value === undefined) throw new InputError(`has no ${s.export ? `export '${s.export}'` : 'default export'} (its exports: ${exported})`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`its ${s.export ? `export '${s.export}'` : 'default export'} is not a UserProblemSpec object (got ${Array.isArray(value) ? 'an array' : typeof value})`);
  return value as UserProblemSpec;
}

/** The spec of a source: a problem file as a spec (its certificate is its claim), or a module's export. */
async function specOf(s: ProblemSource): Promise<UserProblemSpec> {
  return 'file' in s ? specFromProblemFile(readProblemFile(s.file), problemFileId(s.file)) : moduleSpec(s);
}

/** a source's spec, verified: its family, or its false claims; any other fault a one-line InputError naming the source */
async function verifiedSource(s: ProblemSource): Promise<{ family: UserFamily } | { rejected: FalseClaimError }> {
  const fail = (e: unknown): never => {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new InputError(`problem ${describeSource(s)}: ${e instanceof InstanceError ? `malformed UserProblemSpec: ${message}` : message}`);
  };
  let spec: UserProblemSpec;
  try {
    spec = await specOf(s);
  } catch (e) {
    if (e instanceof InputError || e instanceof ProblemFileError) return fail(e);
    throw e;
  }
  let result: ReturnType<typeof verifyUserProblem>;
  try {
    result = verifyUserProblem(spec);
  } catch (e) {
    // a malformed spec (InstanceError), or the user's code failing outside the guarded evaluations
    return fail(e);
  }
  return result.ok ? { family: result.family } : { rejected: new FalseClaimError(String(spec.id), result.falseClaims) };
}

/** per thread: each source's family once loaded, verified and registered (by its absolute path and export) */
const registered = new Map<string, UserFamily>();

function sourceKey(s: ProblemSource): string {
  return JSON.stringify(['file' in s ? 'file' : 'module', sourcePath(s), 'file' in s ? null : (s.export ?? null)]);
}

/**
 * Loads, verifies and registers the problems, once per source in this thread (worker threads call it
 * before each case; a replay before its case), and returns their families in order. A false claim is
 * a FalseClaimError — with several problems, a FalseClaimsError with every line of each — thrown
 * before any problem is registered; a missing file, a module that cannot be imported or exports no
 * spec, a malformed spec, two problems with one id are InputErrors naming the source.
 */
export async function registerProblemSources(sources: readonly ProblemSource[]): Promise<UserFamily[]> {
  const keys = sources.map(sourceKey);
  const fresh = sources.filter((_, i) => !registered.has(keys[i]) && keys.indexOf(keys[i]) === i);
  const outcomes = await Promise.all(fresh.map(verifiedSource));
  const rejected = outcomes.flatMap((o) => ('rejected' in o ? [o.rejected] : []));
  if (rejected.length > 0) throw rejected.length === 1 ? rejected[0] : new FalseClaimsError(rejected);
  const loaded = new Map(outcomes.map((o, i) => [sourceKey(fresh[i]), (o as { family: UserFamily }).family]));
  const families = keys.map((k) => (registered.get(k) ?? loaded.get(k)) as UserFamily);
  families.forEach((f, i) => {
    const first = families.findIndex((g) => g.id === f.id);
    if (first !== i) throw new InputError(`problems ${describeSource(sources[first])} and ${describeSource(sources[i])} are both '${f.id}' (a problem file is named by its file name, a module's spec by its id)`);
  });
  for (const [key, f] of loaded) {
    if (familyById(f.id)) throw new InputError(`problem ${describeSource(sources[keys.indexOf(key)])}: '${f.id}' is already registered in this process by another source`);
  }
  for (const [key, f] of loaded) {
    registerUserFamily(f);
    registered.set(key, f);
  }
  return families;
}

/**
 * The family ids an entry draws from: every problem of the suite, or those its `"problems"` names (ids
 * with or without `user:`); an unknown id is an InputError listing the suite's problems.
 */
export function entryProblemIds(families: readonly UserFamily[], restriction: readonly string[] | undefined, where: string): string[] {
  const ids = families.map((f) => f.id);
  if (restriction === undefined) return ids;
  return restriction.map((r) => {
    const id = r.startsWith(USER_FAMILY_PREFIX) ? r : `${USER_FAMILY_PREFIX}${r}`;
    if (!ids.includes(id)) throw new InputError(`${where}: unknown problem '${r}' (the suite's problems: ${ids.map((i) => i.slice(USER_FAMILY_PREFIX.length)).join(', ')})`);
    return id;
  });
}

/** whether an instance family is a user problem (built only where its source is registered) */
export function isUserFamily(family: string): boolean {
  return family.startsWith(USER_FAMILY_PREFIX);
}
