import { writeFileSync } from 'node:fs';
import type { Certificate, Convexity, Membership } from '../certificate.js';
import { type Instance, type InstanceName, formatName, parseName } from '../instance.js';
import { counted, type Oracle } from '../oracle.js';
import { parseJsonDocument, readDocumentText } from './json-document.js';
import { JsonFields } from './json-fields.js';
import { type JsonValue, jsonText } from './json-text.js';
import { readMetric } from './metric-field.js';
import { ProblemFileError } from './problem-file-error.js';
import { PROBLEM_KINDS, describeOracle, readDefinition, readKind } from './problem-kinds.js';

/** `ratecheck-problem/1`: one problem instance as JSON (docs/problem-format.md). */
export const PROBLEM_FORMAT = 'ratecheck-problem/1';

const TOP_LEVEL_KEYS = ['format', 'instance', 'kind', 'params', 'data', 'x0', 'metric', 'fStar', 'certificate'];
const CONVEXITIES: readonly Convexity[] = ['strongly-convex', 'convex', 'nonconvex', 'unknown'];

/** The constants each membership class carries, and the range each must lie in. */
const MEMBERSHIP_CONSTANTS: Readonly<Record<Membership['class'], Readonly<Record<string, 'unit' | 'nonnegative' | 'finite'>>>> = {
  'holder-hessian': { nu: 'unit', L: 'nonnegative' },
  'lipschitz-gradient': { L: 'nonnegative' },
  'holder-third': { nu: 'unit', L: 'nonnegative' },
  'quasi-self-concordant': { M: 'nonnegative' },
  'l0-l1-smooth': { L0: 'nonnegative', L1: 'nonnegative' },
  'generalized-self-concordant': { nu: 'finite', M: 'nonnegative' },
};

/** Reads a problem file into an instance; anything malformed is a one-line `ProblemFileError`. */
export function readProblemFile(path: string): Instance {
  return parseProblemFile(readDocumentText(path), path);
}

export function parseProblemFile(text: string, file: string): Instance {
  const fields: JsonFields = new JsonFields(file);
  const root = fields.object(parseJsonDocument(text, file), '(top level)');
  const format = fields.required(root, 'format', 'format');
  if (format !== PROBLEM_FORMAT) fields.fail('format', `expected "${PROBLEM_FORMAT}", got ${JSON.stringify(format)}`);
  for (const key of Object.keys(root)) if (!TOP_LEVEL_KEYS.includes(key)) fields.fail(key, `is not a field of ${PROBLEM_FORMAT} (expected: ${TOP_LEVEL_KEYS.join(', ')})`);

  const kind = readKind(fields, fields.required(root, 'kind', 'kind'), 'kind', PROBLEM_KINDS);
  const { definition, oracle } = readDefinition(fields, kind, fields.required(root, 'params', 'params'), root.data, {
    params: 'params',
    data: 'data',
    strict: true,
  });
  const dim = oracle.dim;
  const x0 = fields.vector(fields.required(root, 'x0', 'x0'), 'x0');
  if (x0.length !== dim) fields.fail('x0', `has ${x0.length} entries, the problem has dimension ${dim}`);
  const metric = readMetric(fields, fields.required(root, 'metric', 'metric'), 'metric', dim);
  const fStar = root.fStar === undefined ? undefined : fields.number(root.fStar, 'fStar');
  const certificate = readCertificate(fields, root.certificate, dim, fStar);

  let name: InstanceName = { family: kind, params: { ...definition.params }, dim, seed: 0 };
  if (root.instance !== undefined) {
    const parsed = parseName(fields.string(root.instance, 'instance'));
    if ('error' in parsed) fields.fail('instance', parsed.error);
    if (parsed.dim !== dim) fields.fail('instance', `names dimension ${parsed.dim}, the problem has dimension ${dim}`);
    name = parsed;
  }
  return { name, problem: counted(oracle), metric, x0, certificate };
}

function readCertificate(fields: JsonFields, value: unknown, dim: number, fStar: number | undefined): Certificate {
  const withOptimum = fStar === undefined ? {} : { fStar };
  if (value === undefined) return { convexity: 'unknown', convexityHow: 'the problem file states no certificate', memberships: [], ...withOptimum };
  const obj = fields.object(value, 'certificate');
  const convexity = fields.string(fields.required(obj, 'convexity', 'certificate.convexity'), 'certificate.convexity');
  if (!(CONVEXITIES as readonly string[]).includes(convexity)) fields.fail('certificate.convexity', `must be one of ${CONVEXITIES.join(', ')}, got "${convexity}"`);
  const convexityHow = fields.string(fields.required(obj, 'convexityHow', 'certificate.convexityHow'), 'certificate.convexityHow');
  const list = obj.memberships ?? [];
  if (!Array.isArray(list)) fields.fail('certificate.memberships', 'must be an array');
  const memberships = list.map((m, i) => readMembership(fields, m, `certificate.memberships[${i}]`));
  const xStar = obj.xStar === undefined ? {} : { xStar: fields.vector(obj.xStar, 'certificate.xStar', dim) };
  let radius = {};
  if (obj.sublevelRadius !== undefined) {
    const r = fields.number(obj.sublevelRadius, 'certificate.sublevelRadius');
    if (!(r >= 0)) fields.fail('certificate.sublevelRadius', `must be ≥ 0, got ${r}`);
    const how = fields.string(fields.required(obj, 'sublevelRadiusHow', 'certificate.sublevelRadiusHow'), 'certificate.sublevelRadiusHow');
    radius = { sublevelRadius: r, sublevelRadiusHow: how };
  }
  return { convexity: convexity as Convexity, convexityHow, memberships, ...withOptimum, ...xStar, ...radius };
}

function readMembership(fields: JsonFields, value: unknown, at: string): Membership {
  const obj = fields.object(value, at);
  const cls = fields.string(fields.required(obj, 'class', `${at}.class`), `${at}.class`);
  if (!(cls in MEMBERSHIP_CONSTANTS)) fields.fail(`${at}.class`, `unknown class "${cls}" (known: ${Object.keys(MEMBERSHIP_CONSTANTS).join(', ')})`);
  const constants = MEMBERSHIP_CONSTANTS[cls as Membership['class']];
  const out: Record<string, string | number> = { class: cls };
  for (const [key, range] of Object.entries(constants)) {
    const v = fields.number(fields.required(obj, key, `${at}.${key}`), `${at}.${key}`);
    if (range === 'unit' && !(v >= 0 && v <= 1)) fields.fail(`${at}.${key}`, `must lie in [0, 1], got ${v}`);
    if (range === 'nonnegative' && !(v >= 0)) fields.fail(`${at}.${key}`, `must be ≥ 0, got ${v}`);
    out[key] = v;
  }
  out.how = fields.string(fields.required(obj, 'how', `${at}.how`), `${at}.how`);
  for (const key of Object.keys(obj)) if (!(key in out)) fields.fail(`${at}.${key}`, `is not a field of a ${cls} membership`);
  return out as unknown as Membership;
}

/** The raw oracle behind a counted problem. */
function rawOracle(instance: Instance): Oracle {
  return (instance.problem as { oracle?: Oracle }).oracle ?? instance.problem;
}

/** The JSON text of `instance`; `file` names the destination in errors (an oracle kind no file can hold). */
export function formatProblemFile(instance: Instance, file = '(problem file)'): string {
  const definition = describeOracle(rawOracle(instance));
  if (!definition) throw new ProblemFileError(file, 'kind', `the instance ${formatName(instance.name)} has an oracle that ${PROBLEM_FORMAT} cannot hold`);
  const c = instance.certificate;
  const doc: Record<string, JsonValue | undefined> = {
    format: PROBLEM_FORMAT,
    instance: formatName(instance.name),
    kind: definition.kind,
    params: { ...definition.params },
    data: Object.keys(definition.data).length === 0 ? undefined : { ...definition.data },
    x0: instance.x0,
    metric: instance.metric.kind === 'identity' ? 'identity' : { B: instance.metric.B },
    fStar: c.fStar,
    certificate: {
      convexity: c.convexity,
      convexityHow: c.convexityHow,
      memberships: c.memberships.map((m) => ({ ...m })),
      xStar: c.xStar,
      sublevelRadius: c.sublevelRadius,
      sublevelRadiusHow: c.sublevelRadius === undefined ? undefined : (c.sublevelRadiusHow ?? 'not stated'),
    },
  };
  return `${jsonText(doc)}\n`;
}

export function writeProblemFile(path: string, instance: Instance): void {
  const text = formatProblemFile(instance, path);
  try {
    writeFileSync(path, text);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new ProblemFileError(path, null, `cannot be written (${typeof code === 'string' ? code : String(e)})`);
  }
}
