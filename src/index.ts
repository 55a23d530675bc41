/**
 * The library API of ratecheck (the CLI lives in `cli/`): check your own method (a `Method`, or
 * `float64Method` from one step function) on the properties that apply to it with `checkMethod` /
 * `assertMethod`, on the catalog's problems or on your own objective with the certificate you claim
 * (verified before it is trusted); replay a violation from its string. docs/api.md walks through it.
 */
export * from './linalg/index.js';
export * from './backends/index.js';

// methods
export type { Method, MethodInput, MethodOptions } from './methods/method.js';
export { CAPABILITIES } from './methods/step-record.js';
export type { AdaptiveSearchFields, Capability, RegularizedStepFields, SearchTrial, StepRecord, StepSizeFields } from './methods/step-record.js';
export { float64Method } from './methods/float64-method.js';
export type { Float64MethodSpec, StepInput, StepOutput } from './methods/float64-method.js';
export { METHODS, methodById, registerMethod } from './methods/registry.js';
export { gnsIdealMethod, gnsMethod } from './methods/gns.js';
export { cubicNewtonMethod, dampedNewtonMethod, gradientMethodMethod, superNewtonMethod } from './methods/baselines.js';
export type { SolverStatus, SolverSummary, StoppingRule } from './solvers/iteration-record.js';
export { solverProcess } from './solver-process/process-method.js';
export { SolverFault } from './solver-process/solver-fault.js';

// problems
export { FAMILIES, buildInstance, familyById } from './problems/registry.js';
export type { Instance, InstanceName, MetricSpec } from './problems/instance.js';
export type { Certificate, ClassId, Convexity, Membership } from './problems/certificate.js';
export type { Oracle } from './problems/oracle.js';
export { FalseClaimError, userInstanceNames, userProblem, verifyUserProblem } from './problems/user-problem.js';
export type { ClaimedCertificate, ClaimedMembership, UserFamily, UserProblemResult, UserProblemSpec, VerifyOptions } from './problems/user-problem.js';

// Hessian models
export { HESSIAN_NAMES, applicableHessians, hessianModelFor } from './hessians/catalog.js';
export type { HessianName, Perturbation } from './hessians/catalog.js';
export type { HessianCertificate, HessianModel, HessianValue } from './hessians/hessian-model.js';

// scenarios, theorems, properties
export { runScenario, scenarioLabel, methodLabel } from './scenarios/scenario.js';
export type { MethodChoice, Scenario, ScenarioOutcome, ScenarioRun } from './scenarios/scenario.js';
export { THEOREMS } from './theory/index.js';
export type { Assumption, Theorem, Verdict } from './theory/index.js';
export { ALL_PROPERTIES, EVERY_PROPERTY } from '../properties/index.js';
export { checkProperty, checkRun } from '../properties/property.js';
export type { Property, PowerCheck } from '../properties/property.js';

// checking a method
export { assertMethod, checkMethod, describeCheck, propertiesFor } from './api/check-method.js';
export type { CheckMethodOptions, MethodCheck, PropertyCheck, TheoremTally, Violation } from './api/check-method.js';
export { replayCase } from './api/replay-case.js';
export type { ReplayedCase } from './api/replay-case.js';
