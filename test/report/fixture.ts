import { caseTightness, summarizeTightness } from '../../src/harness/case-tightness.js';
import type { CaseKind, CaseResult, CaseStatus, CaseTrace, ProfileRow, Results } from '../../src/harness/results.js';
import { summarizeByMethodFamily } from '../../src/harness/summarize.js';
import type { Scenario } from '../../src/scenarios/scenario.js';
import type { Verdict } from '../../src/theory/verdict.js';

/** A suite name that must come out as text, never as markup. */
export const HOSTILE_SUITE = 'ci <script>alert(1)</script>';
/** A replay string with every character HTML and XML escape. */
export const HOSTILE_REPLAY = `rc1:envelope-qsc:case:<b>&"'`;

/** Algorithm 1 in reference mode (filed under 'gns-reference'), or the registered method `method` with its defaults. */
function scenario(family: string, seed: number, method?: string): Scenario {
  return { instance: { family, params: { mu: 1 }, dim: 3, seed }, ...(method ? { method: { id: method } } : {}), hessian: 'exact', perturbations: [], mode: 'reference', gamma0: 1, maxIters: 12, gradTolRelative: 1e-8 };
}

const holds = (worstRatio: number, where = 'k=3'): Verdict => ({ status: 'holds', worstRatio, where, slack: 'ε_abs = 8·u·|f|', checked: 10, pastFloor: 1 });
const violated = (worstRatio: number, where = 'k=5 <trial 2>'): Verdict => ({ status: 'violated', worstRatio, where, slack: 'ε_abs = 8·u·|f|', checked: 10, pastFloor: 0 });
const notApplicable: Verdict = { status: 'not-applicable', worstRatio: NaN, where: null, slack: '', checked: 0, pastFloor: 0, note: 'f* unknown' };

/** A run of 12 iterations: δ_k = c·2^{−k} (one zero and one NaN on the way) under E_k = b·0.6^k (above δ_k when b ≥ c), γ_k above π. */
function trace(c: number, b: number, withEnvelope: boolean): CaseTrace {
  const k = Array.from({ length: 12 }, (_, i) => i);
  const delta = k.map((i) => (i === 10 ? 0 : i === 6 ? NaN : c * 0.5 ** i));
  return {
    fGap: delta.map((d) => (Number.isNaN(d) ? null : d)),
    gradNorm: k.map((i) => 2 * 0.6 ** i),
    gamma: k.map((i) => (i === 0 ? null : c * 0.1 * 1.3 ** i)),
    pi: k.map((i) => 0.05 * 1.2 ** i),
    envelopes: withEnvelope ? [{ theorem: 'envelope-qsc', delta, bound: k.map((i) => b * 0.6 ** i) }] : [],
  };
}

interface CaseSpec {
  readonly property: string;
  readonly kind: CaseKind;
  readonly index: number;
  readonly family: string;
  /** a registered method (default: Algorithm 1, 'gns-reference') */
  readonly method?: string;
  readonly status: CaseStatus;
  readonly verdicts: Readonly<Record<string, Verdict>>;
  readonly trace?: CaseTrace;
  readonly reason?: string;
  readonly replay?: string;
}

function caseResult(s: CaseSpec): CaseResult {
  const ratios = Object.values(s.verdicts).filter((v) => v.status !== 'not-applicable').map((v) => v.worstRatio);
  return {
    key: `${s.property}/${s.kind}/${s.index}`,
    property: s.property,
    kind: s.kind,
    index: s.index,
    hash: `hash-${s.property}-${s.kind}-${s.index}`,
    scenario: scenario(s.family, s.index, s.method),
    label: `${s.family}/mu=1/n=3/seed=${s.index} · exact`,
    method: s.method ?? 'gns-reference',
    family: s.family,
    hessian: 'exact',
    dim: 3,
    status: s.status,
    ...(s.reason ? { reason: s.reason } : {}),
    verdicts: s.verdicts,
    worstRatio: ratios.length === 0 ? 0 : Math.max(...ratios),
    iterations: 12,
    iterationsToTolerance: 9,
    oracleCalls: { f: 30, grad: 13, hess: 12 },
    solverStatus: 'converged',
    digest: 'abc',
    replay: s.replay ?? `rc1:${s.property}:${s.kind}:e30`,
    ...(s.trace ? { trace: s.trace } : {}),
    ...(s.trace && s.trace.envelopes.length > 0 ? { tightness: Object.fromEntries(s.trace.envelopes.map((e) => [e.theorem, caseTightness({ observed: e.delta, bound: e.bound })])) } : {}),
    seconds: 0.25,
  };
}

function cases(): CaseResult[] {
  const out: CaseResult[] = [];
  const families = ['logsumexp', 'quadratic'];
  for (let i = 0; i < 6; i++) {
    out.push(caseResult({ property: 'envelope-qsc', kind: 'case', index: i, family: families[i % 2], ...(i % 3 === 2 ? { method: 'gradient' } : {}), status: 'holds', verdicts: { 'envelope-qsc': holds(0.1 + 0.1 * i) }, trace: trace(1 + i, 2 + 2 * i, true) }));
  }
  out.push(caseResult({ property: 'envelope-qsc', kind: 'case', index: 6, family: 'logsumexp', status: 'violated', verdicts: { 'envelope-qsc': violated(3.5) }, trace: trace(9, 3, true), replay: HOSTILE_REPLAY }));
  out.push(caseResult({ property: 'envelope-qsc', kind: 'power', index: 0, family: 'logsumexp', status: 'violated', verdicts: { 'envelope-qsc': violated(12) } }));
  out.push(caseResult({ property: 'envelope-qsc', kind: 'power', index: 1, family: 'quadratic', status: 'violated', verdicts: { 'envelope-qsc': violated(4) } }));
  for (let i = 0; i < 3; i++) {
    out.push(caseResult({ property: 'lemma1', kind: 'case', index: i, family: families[i % 2], ...(i === 1 ? { method: 'damped-newton' } : {}), status: 'holds', verdicts: { 'lemma1-decrease': holds(0.5 + 0.2 * i), 'class-lower-bound': i === 2 ? notApplicable : holds(0) }, trace: trace(2, 2, false) }));
  }
  out.push(caseResult({ property: 'lemma1', kind: 'case', index: 3, family: 'quadratic', status: 'error', verdicts: {}, reason: 'worker died: <signal & abort>' }));
  out.push(caseResult({ property: 'lemma1', kind: 'case', index: 4, family: 'quadratic', status: 'skipped', verdicts: {}, reason: 'instance not positive definite' }));
  out.push(caseResult({ property: 'lemma1', kind: 'power', index: 0, family: 'logsumexp', status: 'holds', verdicts: { 'lemma1-decrease': holds(0.9) } }));
  const v = out[6];
  out[6] = { ...v, shrunk: { summary: 'dim 3 → 1, maxIters 12 → 4', scenario: scenario('logsumexp', 1), replay: 'rc1:envelope-qsc:case:shrunk<1>', tried: 40, accepted: 6, worstRatio: 2.5 } };
  return out;
}

const PROFILES: readonly ProfileRow[] = [
  { problem: 'fig1/a', solver: 'GNS exact', iterations: 5, gradCalls: 10, dim: 4 },
  { problem: 'fig1/a', solver: 'gradient', iterations: 40, gradCalls: 40, dim: 4 },
  { problem: 'fig1/b', solver: 'GNS exact', iterations: 6, gradCalls: 12, dim: 4 },
  { problem: 'fig1/b', solver: 'gradient', iterations: null, gradCalls: null, dim: 4 },
];

export interface FixtureOptions {
  readonly suite?: string;
  readonly profiles?: readonly ProfileRow[];
}

/** A small run with everything the report shows: holds, violations (shrunk), an error, a skip, power cases, envelopes, γ traces, fits, targets, profiles, a regression. */
export function syntheticResults(o: FixtureOptions = {}): Results {
  const all = cases();
  const byMethodFamily = summarizeByMethodFamily(all);
  const statement = String.raw`\delta_k \le E_k = (1 - \tfrac{1}{M})^k \delta_0 \quad \text{for } a < b \;\&\; c > d`;
  return {
    schema: 'ratecheck-results/1',
    runId: '2025-01-01T00-00-00Z-abcd',
    createdAt: '2025-01-01T00:00:00.000Z',
    complete: false,
    notRun: 3,
    config: {
      suite: o.suite ?? HOSTILE_SUITE,
      suiteDescription: 'synthetic <fixture> for the report tests',
      arithmetic: 'cpu, float64',
      seed: 42,
      backend: 'cpu',
      precision: { name: 'float64', unitRoundoff: 2 ** -53 },
      shard: { index: 1, count: 2 },
      timeBudgetSeconds: null,
      caseTimeoutSeconds: 60,
      target: true,
      corpus: null,
      baseline: 'baseline.json',
    },
    environment: { ratecheck: '0.1.0', node: 'v20.0.0', platform: 'linux', arch: 'x64', cpus: 2, workers: 2 },
    properties: [
      { id: 'envelope-qsc', title: 'QSC envelope', theorems: ['envelope-qsc'], cases: 7, holds: 6, violated: 1, errors: 0, skipped: 0, power: { description: 'wrong constant <M/2>', theorem: 'envelope-qsc', caught: 2, applicable: 2, fraction: 1, minCaught: 0.5, status: 'too-few', pValue: 1, minCatches: 0, minApplicable: 20, ok: true } },
      { id: 'lemma1', title: 'Lemma 1 & class bound', theorems: ['lemma1-decrease', 'class-lower-bound'], cases: 5, holds: 3, violated: 0, errors: 1, skipped: 1, power: { description: 'sign flipped', theorem: 'lemma1-decrease', caught: 0, applicable: 25, fraction: 0, minCaught: 0.5, status: 'failed', pValue: 2.98e-8, minCatches: 3, minApplicable: 20, ok: false } },
    ],
    theorems: [
      { id: 'envelope-qsc', title: 'f − f* envelope <QSC>', source: 'spec §6.2', statement, tight: false, gating: true, gatingReason: "derived <from the statement>", assumptions: ['f convex', 'x* known & certified'], holds: 6, violated: 1, notApplicable: 0, worstRatio: 3.5, worstCase: 'envelope-qsc/case/6', worstReplay: HOSTILE_REPLAY, worstWhere: 'k=5 <trial 2>', slack: 'ε_abs = 8·u·|f|', pastFloor: 6 },
      { id: 'lemma1-decrease', title: 'Lemma 1 decrease', source: 'Semenov, Jaggi & Doikov 2025, Lemma 1', statement: 'f(x_{k+1}) \\le f(x_k)', tight: true, gating: true, gatingReason: "derived <from the statement>", assumptions: [], holds: 3, violated: 0, notApplicable: 0, worstRatio: 0.9, worstCase: 'lemma1/case/2', worstReplay: 'rc1:lemma1:case:e30', worstWhere: 'k=3', slack: 'none', pastFloor: 3 },
      { id: 'class-lower-bound', title: 'class lower bound on γ', source: 'spec §5', statement: '\\gamma_k \\ge \\pi(\\|g_k\\|)', tight: false, gating: true, gatingReason: "derived <from the statement>", assumptions: ['class certified'], holds: 2, violated: 0, notApplicable: 1, worstRatio: 0, worstCase: 'lemma1/case/0', worstReplay: 'rc1:lemma1:case:e30', worstWhere: 'k=3', slack: 'none', pastFloor: 2 },
    ].map((t) => ({ ...t, byMethodFamily: byMethodFamily.get(t.id) ?? [], tightness: summarizeTightness(t.id, all) })),
    cases: all,
    rateFits: [{ property: 'envelope-qsc', kind: 'q-linear', instances: 6, estimate: 0.5, low: 0.45, high: 0.55, theory: 'linear (Q-factor < 1)', theoryValue: null }],
    targets: [{ property: 'envelope-qsc', theorem: 'envelope-qsc', budget: 50, randomWorst: 0.6, targetedWorst: 0.95, replay: 'rc1:envelope-qsc:target:<x>' }],
    profiles: o.profiles ?? PROFILES,
    paperRuns: [],
    violationBound: { instances: 9, bound95: 1 - 0.05 ** (1 / 9) },
    regressions: [{ key: 'envelope-qsc/case/6', what: 'worst ratio grew', baseline: 0.9, now: 3.5 }],
    exitCode: 1,
    seconds: 12.5,
  };
}
