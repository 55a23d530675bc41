import type { Family } from './family.js';
import { InstanceError } from './family.js';
import { asymmetricMatrixFactorizationFamily } from './families/asymmetric-matrix-factorization.js';
import { chebyshevFamily } from './families/chebyshev-residual.js';
import { holderPowerSum } from './families/holder-power-sum.js';
import { huberFamily } from './families/huber.js';
import { l0l1Family } from './families/l0-l1-family.js';
import { nonlinearEquationsLinearFamily } from './families/linear-residual.js';
import { logisticFamily } from './families/logistic.js';
import { logSumExpFamily } from './families/logsumexp.js';
import { matrixFactorizationFamily } from './families/matrix-factorization.js';
import { mlpMixtureFamily } from './families/mlp-mixture.js';
import { pDifferenceChainFamily } from './families/p-difference-chain.js';
import { phaseRetrievalFamily } from './families/phase-retrieval.js';
import { polytopeFeasibilityFamily } from './families/polytope-feasibility.js';
import { quadraticFamily } from './families/quadratic.js';
import { quarticNegativeControlFamily } from './families/quartic-negative-control.js';
import { quarticSaddleFamily } from './families/quartic-saddle.js';
import { nleRosenbrockFamily } from './families/rosenbrock-residual.js';
import { rosenbrockFamily } from './families/rosenbrock.js';
import { softmaxRegressionFamily } from './families/softmax-regression.js';
import { thirdOrderPowerSum } from './families/third-order-power-sum.js';
import { twoLayerReluFamily } from './families/two-layer-relu.js';
import type { Instance, InstanceName } from './instance.js';
import { formatName, parseName } from './instance.js';

/** Every problem family, by id. */
export const FAMILIES: readonly Family[] = [
  logSumExpFamily,
  nonlinearEquationsLinearFamily,
  chebyshevFamily,
  nleRosenbrockFamily,
  rosenbrockFamily,
  polytopeFeasibilityFamily,
  pDifferenceChainFamily,
  logisticFamily,
  softmaxRegressionFamily,
  quadraticFamily,
  phaseRetrievalFamily,
  matrixFactorizationFamily,
  asymmetricMatrixFactorizationFamily,
  holderPowerSum,
  thirdOrderPowerSum,
  l0l1Family,
  huberFamily,
  quarticSaddleFamily,
  quarticNegativeControlFamily,
  twoLayerReluFamily,
  mlpMixtureFamily,
];

/** Families registered at run time (a user's own problem, `user:<id>`), by id; never part of FAMILIES. */
const USER_FAMILIES = new Map<string, Family>();

/** The prefix of every run-time family's id, which no catalog family uses. */
export const USER_FAMILY_PREFIX = 'user:';

/**
 * Makes a family built at run time (src/problems/user-problem.ts) buildable by name in this process
 * (worker threads have their own registry). Registering the same family object again does nothing;
 * another family under a registered id is an error.
 */
export function registerUserFamily(family: Family): void {
  if (!family.id.startsWith(USER_FAMILY_PREFIX)) throw new Error(`registerUserFamily: id '${family.id}' does not start with '${USER_FAMILY_PREFIX}'`);
  const registered = USER_FAMILIES.get(family.id);
  if (registered === family) return;
  if (registered) throw new Error(`registerUserFamily: a different problem is already registered as '${family.id}'`);
  USER_FAMILIES.set(family.id, family);
}

export function familyById(id: string): Family | undefined {
  return FAMILIES.find((f) => f.id === id) ?? USER_FAMILIES.get(id);
}

/** Rebuild an instance from its name (a tuple or its text form); unknown families are an InstanceError. */
export function buildInstance(name: InstanceName | string): Instance {
  const parsed = typeof name === 'string' ? parseName(name) : name;
  if ('error' in parsed) throw new InstanceError('name', parsed.error);
  const family = familyById(parsed.family);
  if (!family) throw new InstanceError('family', `unknown family '${parsed.family}' in '${formatName(parsed)}' (known: ${[...FAMILIES.map((f) => f.id), ...USER_FAMILIES.keys()].join(', ')})`);
  return family.build(parsed);
}
