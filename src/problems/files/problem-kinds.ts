import type { Matrix } from '../../linalg/matrix.js';
import { InstanceError } from '../family.js';
import { chebyshevResidual } from '../families/chebyshev-residual.js';
import { type LinearResidual, linearResidualPower } from '../families/linear-residual.js';
import { type LogSumExpOracle, logSumExp } from '../families/logsumexp.js';
import { type NonlinearEquationsOracle, nonlinearEquations } from '../families/nonlinear-equations.js';
import { type PDifferenceChainOracle, pDifferenceChain } from '../families/p-difference-chain.js';
import { type PolytopeFeasibilityOracle, polytopeFeasibility } from '../families/polytope-feasibility.js';
import { type RosenbrockResidual, rosenbrockResidual } from '../families/rosenbrock-residual.js';
import { type RosenbrockOracle, rosenbrock } from '../families/rosenbrock.js';
import type { Oracle } from '../oracle.js';
import type { JsonFields } from './json-fields.js';

/** The problem kinds a file can name: those of `ratecheck-reference/1`, then two more of ours. */
export const REFERENCE_KINDS = ['logsumexp', 'nonlinear-equations-linear', 'rosenbrock', 'nle-rosenbrock', 'chebyshev'] as const;
export const PROBLEM_KINDS = [...REFERENCE_KINDS, 'polytope-feasibility', 'p-difference-chain'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

type DataValue = Matrix | Float64Array;

/** What a file stores of a problem: its kind, numeric parameters and data arrays. */
export interface ProblemDefinition {
  readonly kind: ProblemKind;
  readonly params: Readonly<Record<string, number>>;
  readonly data: Readonly<Record<string, DataValue>>;
}

interface KindSpec {
  readonly params: readonly string[];
  readonly data: Readonly<Record<string, 'matrix' | 'vector'>>;
  build(params: Record<string, number>, data: Record<string, DataValue>): Oracle;
}

const matrixAndVector = { A: 'matrix', b: 'vector' } as const;

const KINDS: Readonly<Record<ProblemKind, KindSpec>> = {
  logsumexp: { params: ['mu'], data: matrixAndVector, build: (p, d) => logSumExp(d.A as Matrix, d.b as Float64Array, p.mu) },
  'nonlinear-equations-linear': {
    params: ['p'],
    data: matrixAndVector,
    build: (p, d) => linearResidualPower(d.A as Matrix, d.b as Float64Array, p.p),
  },
  rosenbrock: { params: ['a', 'b'], data: {}, build: (p) => rosenbrock(p.a, p.b) },
  'nle-rosenbrock': { params: ['a', 'b', 'p'], data: {}, build: (p) => nonlinearEquations(rosenbrockResidual(p.a, p.b), p.p) },
  chebyshev: { params: ['n', 'p'], data: {}, build: (p) => nonlinearEquations(chebyshevResidual(p.n), p.p) },
  'polytope-feasibility': { params: ['p'], data: matrixAndVector, build: (p, d) => polytopeFeasibility(d.A as Matrix, d.b as Float64Array, p.p) },
  'p-difference-chain': { params: ['n', 'a', 'p'], data: {}, build: (p) => pDifferenceChain(p.n, p.a, p.p) },
};

export function readKind(fields: JsonFields, value: unknown, field: string, allowed: readonly ProblemKind[]): ProblemKind {
  const kind = fields.string(value, field);
  if (!(allowed as readonly string[]).includes(kind)) fields.fail(field, `unknown kind '${kind}' (known: ${allowed.join(', ')})`);
  return kind as ProblemKind;
}

export interface DefinitionPlaces {
  /** field paths of the params and data objects, e.g. `problem.params` */
  readonly params: string;
  readonly data: string;
  /** reject parameters and data the kind does not use */
  readonly strict: boolean;
}

/** Reads the params and data of `kind` and builds its oracle; a bad value is named by its field path. */
export function readDefinition(
  fields: JsonFields,
  kind: ProblemKind,
  paramsValue: unknown,
  dataValue: unknown,
  places: DefinitionPlaces,
): { readonly definition: ProblemDefinition; readonly oracle: Oracle } {
  const spec = KINDS[kind];
  const paramsObject = fields.object(paramsValue ?? {}, places.params);
  const params: Record<string, number> = {};
  for (const key of spec.params) params[key] = fields.number(fields.required(paramsObject, key, `${places.params}.${key}`), `${places.params}.${key}`);
  const dataNames = Object.keys(spec.data);
  if (dataNames.length > 0 && dataValue === undefined) fields.fail(places.data, `is missing (kind '${kind}' needs ${dataNames.join(' and ')})`);
  const dataObject = dataValue === undefined ? {} : fields.object(dataValue, places.data);
  const data: Record<string, DataValue> = {};
  for (const key of dataNames) {
    const field = `${places.data}.${key}`;
    const raw = fields.required(dataObject, key, field);
    data[key] = spec.data[key] === 'matrix' ? fields.matrix(raw, field) : fields.vector(raw, field);
  }
  if (places.strict) {
    for (const key of Object.keys(paramsObject)) if (!spec.params.includes(key)) fields.fail(`${places.params}.${key}`, `is not a parameter of kind '${kind}' (expected: ${spec.params.join(', ')})`);
    for (const key of Object.keys(dataObject)) if (!(key in spec.data)) fields.fail(`${places.data}.${key}`, `is not data of kind '${kind}'`);
  }
  try {
    return { definition: { kind, params, data }, oracle: spec.build(params, data) };
  } catch (e) {
    if (!(e instanceof InstanceError)) throw e;
    const place = spec.params.includes(e.field) ? `${places.params}.${e.field}` : e.field in spec.data ? `${places.data}.${e.field}` : places.params;
    const message = e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message;
    return fields.fail(place, message);
  }
}

/** The definition a file needs to rebuild `oracle` with the same arithmetic; null for kinds files cannot hold. */
export function describeOracle(oracle: Oracle): ProblemDefinition | null {
  const kind = (oracle as { kind?: unknown }).kind;
  switch (kind) {
    case 'logsumexp': {
      const o = oracle as LogSumExpOracle;
      return { kind, params: { mu: o.mu }, data: { A: o.A, b: o.b } };
    }
    case 'rosenbrock': {
      const o = oracle as RosenbrockOracle;
      return { kind, params: { a: o.a, b: o.b }, data: {} };
    }
    case 'polytope-feasibility': {
      const o = oracle as PolytopeFeasibilityOracle;
      return { kind, params: { p: o.p }, data: { A: o.A, b: o.b } };
    }
    case 'p-difference-chain': {
      const o = oracle as PDifferenceChainOracle;
      return { kind, params: { n: o.dim, a: o.a, p: o.p }, data: {} };
    }
    case 'nonlinear-equations': {
      const o = oracle as NonlinearEquationsOracle;
      const residual = o.residual;
      if (residual.kind === 'linear') {
        const r = residual as LinearResidual;
        return { kind: 'nonlinear-equations-linear', params: { p: o.p }, data: { A: r.A, b: r.b } };
      }
      if (residual.kind === 'chebyshev') return { kind: 'chebyshev', params: { n: residual.dim, p: o.p }, data: {} };
      if (residual.kind === 'rosenbrock') {
        const r = residual as RosenbrockResidual;
        return { kind: 'nle-rosenbrock', params: { a: r.a, b: r.b, p: o.p }, data: {} };
      }
      return null;
    }
    default:
      return null;
  }
}
