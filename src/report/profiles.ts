import type { ProfileRow } from '../harness/results.js';

/**
 * Performance profiles (Dolan & Moré 2002) and data profiles (Moré & Wild 2009) of a solver
 * comparison. The cost t_{p,s} of solver s on problem p is its gradient calls to the tolerance,
 * or its iterations where some solved run did not record gradient calls; null means not solved.
 */
export type ProfileMeasure = 'gradCalls' | 'iterations';

/** From `at` on (up to the next step) the profile has the value `fraction`. */
export interface ProfileStep {
  readonly at: number;
  readonly fraction: number;
}

export interface SolverProfile {
  readonly solver: string;
  readonly steps: readonly ProfileStep[];
}

/** Problems that the same solvers ran, with both profiles of those solvers. */
export interface SolverComparison {
  readonly solvers: readonly string[];
  readonly problems: readonly string[];
  readonly measure: ProfileMeasure;
  /** ρ_s(τ) = |{p : t_{p,s} ≤ τ·min_s t_{p,s}}| / |P| */
  readonly performance: readonly SolverProfile[];
  /** d_s(κ) = |{p : t_{p,s} ≤ κ·(n_p + 1)}| / |P| */
  readonly data: readonly SolverProfile[];
}

export function profileMeasure(rows: readonly ProfileRow[]): ProfileMeasure {
  return rows.every((r) => r.iterations === null || r.gradCalls !== null) ? 'gradCalls' : 'iterations';
}

/** The empirical distribution function of values over `total` problems; ∞ (unsolved) never counts. */
function distribution(values: readonly number[], total: number): ProfileStep[] {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  const steps: ProfileStep[] = [];
  finite.forEach((v, i) => {
    if (i + 1 < finite.length && finite[i + 1] === v) return;
    steps.push({ at: v, fraction: (i + 1) / total });
  });
  return steps;
}

/** rows by problem, then by solver (the first row of a pair counts) */
function costTable(rows: readonly ProfileRow[]): Map<string, Map<string, ProfileRow>> {
  const table = new Map<string, Map<string, ProfileRow>>();
  for (const r of rows) {
    const bySolver = table.get(r.problem) ?? new Map<string, ProfileRow>();
    if (!bySolver.has(r.solver)) bySolver.set(r.solver, r);
    table.set(r.problem, bySolver);
  }
  return table;
}

const costOf = (r: ProfileRow | undefined, measure: ProfileMeasure): number => r?.[measure] ?? Infinity;

/** Performance profiles of the rows' solvers over the rows' problems; a cost counts as at least 1 so that ratios exist. */
export function performanceProfiles(rows: readonly ProfileRow[], measure: ProfileMeasure): SolverProfile[] {
  const table = costTable(rows);
  const solvers = [...new Set(rows.map((r) => r.solver))];
  const ratios = new Map<string, number[]>(solvers.map((s) => [s, []]));
  for (const bySolver of table.values()) {
    const costs = solvers.map((s) => Math.max(costOf(bySolver.get(s), measure), 1));
    const best = Math.min(...costs);
    solvers.forEach((s, i) => ratios.get(s)?.push(costs[i] / best));
  }
  return solvers.map((solver) => ({ solver, steps: distribution(ratios.get(solver) ?? [], table.size) }));
}

/** Data profiles: the effort t_{p,s}/(n_p + 1) in simplex-gradient units, distributed over the problems. */
export function dataProfiles(rows: readonly ProfileRow[], measure: ProfileMeasure): SolverProfile[] {
  const table = costTable(rows);
  const solvers = [...new Set(rows.map((r) => r.solver))];
  return solvers.map((solver) => {
    const efforts = [...table.values()].map((bySolver) => {
      const r = bySolver.get(solver);
      return r ? costOf(r, measure) / (r.dim + 1) : Infinity;
    });
    return { solver, steps: distribution(efforts, table.size) };
  });
}

/**
 * Solvers are compared only on problems that all of them ran: problems are grouped by the set of
 * solvers that ran them, largest group first, and each group of at least two solvers gets its own
 * profiles (a profile of one solver compares nothing).
 */
export function compareSolvers(rows: readonly ProfileRow[]): SolverComparison[] {
  const groups = new Map<string, ProfileRow[]>();
  for (const [, bySolver] of costTable(rows)) {
    const key = JSON.stringify([...bySolver.keys()].sort());
    groups.set(key, [...(groups.get(key) ?? []), ...bySolver.values()]);
  }
  return [...groups.values()]
    .map((group) => {
      const measure = profileMeasure(group);
      return {
        solvers: [...new Set(group.map((r) => r.solver))],
        problems: [...new Set(group.map((r) => r.problem))],
        measure,
        performance: performanceProfiles(group, measure),
        data: dataProfiles(group, measure),
      };
    })
    .filter((c) => c.solvers.length > 1)
    .sort((a, b) => b.problems.length - a.problems.length);
}
