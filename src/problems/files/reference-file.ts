import type { Instance, MetricSpec } from '../instance.js';
import { counted, type Problem } from '../oracle.js';
import { parseJsonDocument, readDocumentText } from './json-document.js';
import { JsonFields } from './json-fields.js';
import { readMetric } from './metric-field.js';
import { type ProblemKind, REFERENCE_KINDS, readDefinition, readKind } from './problem-kinds.js';

/**
 * A `ratecheck-reference/1` file (shared/reference/README.md): one instance with the outcome of the
 * authors' Python implementation on it.
 */
export const REFERENCE_FORMAT = 'ratecheck-reference/1';

export interface ReferenceSolverSettings {
  readonly gamma0: number;
  readonly eps: number;
  readonly gammaMin: number;
  readonly maxTrials: number;
  readonly fTol?: number;
  readonly maxIters?: number;
}

/** One run's history; entry k is recorded at the start of outer iteration k. */
export interface ReferenceRun {
  readonly label: string;
  readonly status: string;
  readonly iterations: number;
  readonly f: Float64Array;
  readonly gradNorm?: Float64Array;
  readonly gammaStart?: Float64Array;
  readonly gradCalls?: Float64Array;
  readonly note?: string;
}

export interface ReferenceProblem {
  readonly file: string;
  readonly name: string;
  readonly kind: ProblemKind;
  readonly params: Readonly<Record<string, number>>;
  readonly problem: Problem;
  readonly metric: MetricSpec;
  readonly x0: Float64Array;
  readonly fStar: number;
  readonly solver: ReferenceSolverSettings;
  readonly runs: readonly ReferenceRun[];
}

/** Reads a reference file; anything malformed is a one-line `ProblemFileError` naming file and field. */
export function readReferenceFile(path: string): ReferenceProblem {
  return parseReferenceFile(readDocumentText(path), path);
}

export function parseReferenceFile(text: string, file: string): ReferenceProblem {
  const fields: JsonFields = new JsonFields(file);
  const root = fields.object(parseJsonDocument(text, file), '(top level)');
  const format = fields.required(root, 'format', 'format');
  if (format !== REFERENCE_FORMAT) fields.fail('format', `expected "${REFERENCE_FORMAT}", got ${JSON.stringify(format)}`);
  const name = fields.string(fields.required(root, 'name', 'name'), 'name');

  const problem = fields.object(fields.required(root, 'problem', 'problem'), 'problem');
  const kind = readKind(fields, fields.required(problem, 'kind', 'problem.kind'), 'problem.kind', REFERENCE_KINDS);
  const { definition, oracle } = readDefinition(fields, kind, fields.required(problem, 'params', 'problem.params'), problem.data, {
    params: 'problem.params',
    data: 'problem.data',
    strict: false,
  });
  const x0 = fields.vector(fields.required(problem, 'x0', 'problem.x0'), 'problem.x0');
  if (x0.length !== oracle.dim) fields.fail('problem.x0', `has ${x0.length} entries, the problem has dimension ${oracle.dim}`);
  const metric = readMetric(fields, fields.required(problem, 'metric', 'problem.metric'), 'problem.metric', oracle.dim);
  const fStar = fields.number(fields.required(problem, 'fStar', 'problem.fStar'), 'problem.fStar');

  const solverObject = fields.object(fields.required(root, 'solver', 'solver'), 'solver');
  const solverNumber = (key: string) => fields.number(fields.required(solverObject, key, `solver.${key}`), `solver.${key}`);
  const optionalNumber = (key: string) => (solverObject[key] === undefined ? {} : { [key]: fields.number(solverObject[key], `solver.${key}`) });
  const solver: ReferenceSolverSettings = {
    gamma0: solverNumber('gamma0'),
    eps: solverNumber('eps'),
    gammaMin: solverNumber('gammaMin'),
    maxTrials: solverNumber('maxTrials'),
    ...optionalNumber('fTol'),
    ...optionalNumber('maxIters'),
  };

  const runsValue = fields.required(root, 'runs', 'runs');
  if (!Array.isArray(runsValue)) fields.fail('runs', 'must be an array of runs');
  const runs = runsValue.map((value, i): ReferenceRun => {
    const at = `runs[${i}]`;
    const run = fields.object(value, at);
    const history = (key: string) => (run[key] === undefined ? {} : { [key]: fields.vector(run[key], `${at}.${key}`) });
    return {
      label: fields.string(fields.required(run, 'label', `${at}.label`), `${at}.label`),
      status: fields.string(fields.required(run, 'status', `${at}.status`), `${at}.status`),
      iterations: fields.integer(fields.required(run, 'iterations', `${at}.iterations`), `${at}.iterations`, 0),
      f: fields.vector(fields.required(run, 'f', `${at}.f`), `${at}.f`),
      ...history('gradNorm'),
      ...history('gammaStart'),
      ...history('gradCalls'),
      ...(run.note === undefined ? {} : { note: fields.string(run.note, `${at}.note`) }),
    };
  });

  return { file, name, kind, params: definition.params, problem: counted(oracle), metric, x0, fStar, solver, runs };
}

const CONVEXITY_OF_KIND: Record<string, Pick<Instance['certificate'], 'convexity' | 'convexityHow'>> = {
  logsumexp: { convexity: 'convex', convexityHow: 'log-sum-exp of an affine map' },
  'nonlinear-equations-linear': { convexity: 'convex', convexityHow: '‖·‖^p/p (p ≥ 1) of an affine map' },
  rosenbrock: { convexity: 'nonconvex', convexityHow: 'the Hessian at (0, 1/b) is diag(−2, 2b)' },
  'nle-rosenbrock': { convexity: 'unknown', convexityHow: 'not established for this file' },
  chebyshev: { convexity: 'unknown', convexityHow: 'not established for this file' },
};

/**
 * The reference problem as an Instance: nothing is claimed about it beyond convexity by kind and f*
 * (the file states no certificate), and its name records the file's instance name under the family `reference`.
 */
export function referenceInstance(ref: ReferenceProblem): Instance {
  return {
    name: { family: 'reference', params: { name: ref.name, kind: ref.kind }, dim: ref.problem.dim, seed: 0 },
    problem: ref.problem,
    metric: ref.metric,
    x0: ref.x0,
    certificate: { ...CONVEXITY_OF_KIND[ref.kind], memberships: [], fStar: ref.fStar },
  };
}
