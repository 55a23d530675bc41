import type { SolverUnderTest } from './solver-under-test.js';
/**
 * The results of a harness run: the versioned schema of `results.json` (documented in
 * docs/results-schema.md). Everything a report, a merge or a baseline reads is here; summaries are a
 * pure function of the cases (src/harness/summarize.ts), so sharded runs merge exactly.
 */
import type { Scenario } from '../scenarios/scenario.js';
import type { Verdict } from '../theory/verdict.js';
import type { CoverageSummary } from '../coverage/coverage-summary.js';

export const RESULTS_SCHEMA = 'ratecheck-results/1';

/**
 * How a case's run was produced:
 * - `case`: a random scenario of the property, run with the real solver (a violation fails the gate);
 * - `corpus`: a past counterexample or near-miss from the corpus, replayed first (judged like `case`);
 * - `target`: a near-miss kept by the targeted search (judged like `case`);
 * - `power`: the property's deliberately broken variant — expected to be caught (counts toward power);
 * - `defect`: the broken variant run as the subject under test (suite files with `"subject": "defective"`),
 *   judged like `case`, so that a broken solver makes the gate fail.
 */
export type CaseKind = 'case' | 'corpus' | 'target' | 'power' | 'defect';

/** holds: every applicable theorem holds; violated: one is violated (for `power`: the defect was caught). */
export type CaseStatus = 'holds' | 'violated' | 'error' | 'skipped';

/** Per-iteration series of one run, kept for plotting (see keepTrace in the runner). */
export interface CaseTrace {
  /** f(x_k) − f* (null where f* is not certified) */
  readonly fGap: readonly (number | null)[];
  readonly gradNorm: readonly number[];
  /** accepted γ_k (null where no step was accepted) */
  readonly gamma: readonly (number | null)[];
  /** the certified class lower bound π(‖g_k‖) (null where no class bound is certified) */
  readonly pi: readonly (number | null)[];
  /** f − f* envelope theorems: observed δ_k and the bound E_k */
  readonly envelopes: readonly { readonly theorem: string; readonly delta: readonly number[]; readonly bound: readonly number[] }[];
}

/** K_bound(ε) and K_observed(ε): the first iteration k at which the bound, resp. the observed sequence, is ≤ ε (null: not within the run). */
export interface TargetIterations {
  readonly target: number;
  readonly predicted: number | null;
  readonly observed: number | null;
}

/** How tight a theorem with a per-iteration bound was on one run (src/harness/case-tightness.ts). */
export interface CaseTightness {
  /** the largest observed/bound ratio once the bound bites (see case-tightness.ts); null when it never does within the run */
  readonly bitingRatio: number | null;
  /** the iteration k of bitingRatio */
  readonly bitingAt: number | null;
  /** the targets ε_j = s_0·10^{−j} the observed sequence s reached, with the iterations each side needed */
  readonly targets: readonly TargetIterations[];
}

export interface ShrinkResult {
  /** what changed, e.g. "dim 4 → 1, maxIters 15 → 3, C1 0.5 → 0" */
  readonly summary: string;
  readonly scenario: Scenario;
  readonly replay: string;
  /** candidate scenarios tried, and how many kept the violation */
  readonly tried: number;
  readonly accepted: number;
  readonly worstRatio: number;
}

export interface CaseResult {
  /** unique within a run: `${property}/${kind}/${index}` */
  readonly key: string;
  readonly property: string;
  readonly kind: CaseKind;
  readonly index: number;
  /** hash of generator version + scenario + backend (corpus and baseline key) */
  readonly hash: string;
  readonly scenario: Scenario;
  readonly label: string;
  /**
   * the method the case is filed under (methodLabel in src/scenarios/scenario.ts); results written
   * before it existed get it from their scenario when read (results-io.ts)
   */
  readonly method: string;
  readonly family: string;
  readonly hessian: string;
  readonly dim: number;
  readonly status: CaseStatus;
  /** why the case is an error or was skipped */
  readonly reason?: string;
  readonly verdicts: Readonly<Record<string, Verdict>>;
  /** the largest worst ratio over the applicable theorems (NaN-free; 0 when none applied) */
  readonly worstRatio: number;
  readonly iterations: number | null;
  /** iterations until ‖∇f‖_* ≤ 1e-6·‖∇f(x0)‖_* (null: not reached) */
  readonly iterationsToTolerance: number | null;
  readonly oracleCalls: { readonly f: number; readonly grad: number; readonly hess: number } | null;
  readonly solverStatus: string | null;
  /** sha-256 of the trace's bits (x_k, f_k, ‖g_k‖, γ_k): replay must reproduce it */
  readonly digest: string | null;
  readonly replay: string;
  readonly trace?: CaseTrace;
  /** per theorem with a per-iteration bound (Theorem.series) that applied: how tight it was */
  readonly tightness?: Readonly<Record<string, CaseTightness>>;
  readonly shrunk?: ShrinkResult;
  /** wall-clock seconds (ignored when runs are compared) */
  readonly seconds: number;
}

/** One theorem's verdicts on the judged cases of one method and one instance family. */
export interface MethodFamilyCell {
  readonly method: string;
  readonly family: string;
  readonly holds: number;
  readonly violated: number;
  readonly notApplicable: number;
  /** the largest worst ratio over the applicable verdicts (0 while none applied) */
  readonly worstRatio: number;
  /** its case key (null while none applied) */
  readonly worstCase: string | null;
}

/** A theorem's tightness over the judged cases: the biting ratio, and the factor K_bound(ε)/K_observed(ε) over (case, target) pairs. */
export interface TheoremTightness {
  /** judged cases with a series */
  readonly cases: number;
  readonly worstBitingRatio: number | null;
  readonly worstBitingCase: string | null;
  /** (case, target) pairs where both the bound and the run reached the target */
  readonly factors: number;
  readonly medianFactor: number | null;
  /** the smallest factor: the case where the bound predicted the run's effort most closely */
  readonly tightestFactor: number | null;
  readonly tightestFactorCase: string | null;
  /** pairs where the run reached the target and the bound did not within the run (the factor exceeds run length / K_observed) */
  readonly boundNotReached: number;
}

export interface TheoremSummary {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly statement: string;
  readonly tight: boolean;
  /** false for a diagnostic: its `violated` count is "outside the diagnostic's margin" and never fails the gate */
  readonly gating: boolean;
  /** why it gates, or why it is a diagnostic */
  readonly gatingReason: string;
  readonly assumptions: readonly string[];
  readonly holds: number;
  readonly violated: number;
  readonly notApplicable: number;
  readonly worstRatio: number;
  readonly worstCase: string | null;
  readonly worstReplay: string | null;
  readonly worstWhere: string | null;
  readonly slack: string | null;
  readonly pastFloor: number;
  /** the verdicts by method × instance family (method, then family, in code-point order); cells add up to the counts above */
  readonly byMethodFamily: readonly MethodFamilyCell[];
  /** null for a theorem without a per-iteration bound, or none of whose cases had one */
  readonly tightness: TheoremTightness | null;
}

export interface PowerSummary {
  readonly description: string;
  readonly theorem: string;
  readonly caught: number;
  readonly applicable: number;
  readonly fraction: number;
  /** the promised catch rate p₀ (PowerCheck.minCaught) */
  readonly minCaught: number;
  /** caught: compatible with p₀; failed: P(X ≤ caught | applicable, p₀) < 1e-6; too-few: not judged (see power-judgement.ts) */
  readonly status: 'caught' | 'failed' | 'too-few';
  /** P(X ≤ caught) for X ~ Binomial(applicable, p₀) */
  readonly pValue: number;
  /** the fewest catches that pass at this sample size */
  readonly minCatches: number;
  /** the fewest applicable cases that can be judged */
  readonly minApplicable: number;
  /** status ≠ failed */
  readonly ok: boolean;
}

export interface PropertySummary {
  readonly id: string;
  readonly title: string;
  readonly theorems: readonly string[];
  readonly cases: number;
  readonly holds: number;
  readonly violated: number;
  readonly errors: number;
  readonly skipped: number;
  readonly power: PowerSummary | null;
}

/** A rate fitted per instance and combined by a bootstrap interval over instances (a diagnostic). */
export interface RateFit {
  readonly property: string;
  readonly kind: 'algebraic-order' | 'q-linear' | 'coc';
  readonly instances: number;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  /** the rate the theory predicts, in words and (where a number) as a value */
  readonly theory: string;
  readonly theoryValue: number | null;
}

/** The targeted search against plain random generation with the same number of runs. */
export interface TargetSummary {
  readonly property: string;
  readonly theorem: string;
  readonly budget: number;
  readonly randomWorst: number;
  readonly targetedWorst: number;
  readonly replay: string | null;
  /** the search did not finish (timed out, worker died): counts as an error of the run */
  readonly error?: string;
}

/** One row of a solver comparison (paper suite): effort to reach the tolerance, null = never. */
export interface ProfileRow {
  readonly problem: string;
  readonly solver: string;
  readonly iterations: number | null;
  readonly gradCalls: number | null;
  readonly dim: number;
}

/** One run of a paper experiment with its rate diagnostics (the `paper` suite; reported, not gated). */
export interface PaperRunRow {
  readonly experiment: string;
  readonly what: string;
  readonly instance: string;
  readonly run: string;
  readonly status: string;
  readonly iterations: number;
  /** iterations to an error below 1e-4, 1e-6, 1e-8 (null: not reached) */
  readonly to: readonly (number | null)[];
  /** the error sequence: f − f*, ‖∇f‖_*, or the loss f itself (f ≥ 0, f* unknown: the networks) */
  readonly error: 'f-gap' | 'grad-norm' | 'loss';
  readonly qLinearTail: number | null;
  readonly logLogOrder: number | null;
  readonly gammaRange: readonly [number, number] | null;
  /** which fit describes the tail (`src/rates/convergence-regime.ts`); floorAt: first iterate at the precision floor */
  readonly regime?: { readonly kind: 'superlinear' | 'linear' | 'sublinear' | 'undetermined'; readonly floorAt: number | null };
  /** the rate the theory predicts for this run, and why */
  readonly theory?: { readonly rate: string; readonly because: string };
  /**
   * the error at every iterate (4 significant digits, null where not finite), the gradient evaluations
   * counted so far (x_0's included; a minibatch of B rows out of N counts B/N), and, where the experiment
   * plots it too, ‖∇f‖_* at every iterate
   */
  readonly series?: { readonly error: readonly (number | null)[]; readonly gradCalls: readonly number[]; readonly gradNorm?: readonly (number | null)[] };
}

export interface RunConfig {
  readonly suite: string;
  readonly suiteDescription: string;
  readonly seed: number;
  readonly backend: string;
  /** where the arithmetic ran, e.g. "cpu, float64" or "tfjs/wasm (CPU, WebAssembly SIMD), float32" */
  readonly arithmetic: string;
  readonly precision: { readonly name: string; readonly unitRoundoff: number };
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly timeBudgetSeconds: number | null;
  readonly caseTimeoutSeconds: number;
  readonly target: boolean;
  readonly corpus: string | null;
  readonly baseline: string | null;
  /** the solver process checked (docs/solver-protocol.md), and the suite's properties left out because none of their theorems can apply to it */
  readonly solver?: (SolverUnderTest & { readonly leftOut: readonly string[] }) | null;
}

export interface Environment {
  readonly ratecheck: string;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpus: number;
  readonly workers: number;
}

export interface BaselineRegression {
  readonly key: string;
  readonly what: string;
  readonly baseline: number | string | null;
  readonly now: number | string | null;
}

export interface Results {
  readonly schema: typeof RESULTS_SCHEMA;
  readonly runId: string;
  readonly createdAt: string;
  /** false while running, after SIGINT, or when the time budget ran out (`notRun` says how many) */
  readonly complete: boolean;
  readonly notRun: number;
  readonly config: RunConfig;
  readonly environment: Environment;
  readonly properties: readonly PropertySummary[];
  readonly theorems: readonly TheoremSummary[];
  readonly cases: readonly CaseResult[];
  readonly rateFits: readonly RateFit[];
  readonly targets: readonly TargetSummary[];
  readonly profiles: readonly ProfileRow[];
  readonly paperRuns: readonly PaperRunRow[];
  /** N clean instances and the 95% bound 1 − 0.05^{1/N} on the violation probability */
  readonly violationBound: { readonly instances: number; readonly bound95: number };
  readonly regressions: readonly BaselineRegression[];
  /** as `run` exits (see EXIT_CODES in summarize.ts): 0 pass, 1 fail, 3 incomplete */
  readonly exitCode: 0 | 1 | 3;
  readonly seconds: number;
  /** with `run --coverage`: the lines and branches of src/solvers/ the run reached, and those it did not */
  readonly coverage?: CoverageSummary;
}
