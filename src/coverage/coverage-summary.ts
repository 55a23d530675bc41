/** Covered out of total, and the percentage (null when there is nothing to cover). */
export interface CoverageCount {
  readonly covered: number;
  readonly total: number;
  readonly percent: number | null;
}

export interface FileCoverage {
  /** the TypeScript file, relative to the package root */
  readonly file: string;
  /** false when no thread loaded it: none of its lines ran */
  readonly loaded: boolean;
  readonly lines: CoverageCount;
  /** every function and every block V8 counted apart from the code around it (as c8 counts branches) */
  readonly branches: CoverageCount;
}

/** A branch no scenario reached, whose surroundings ran: a blind spot of the generators. */
export interface UnreachedBranch {
  readonly file: string;
  /** 1-based line of the TypeScript source where the branch starts */
  readonly line: number;
  /** the function it is in (an anonymous one named by the function around it) */
  readonly function: string;
  /** the source line, trimmed */
  readonly text: string;
  /** the compiled code where the branch starts (which of several branches on one line) */
  readonly at: string;
  /** a function never called, a block never entered, or a module no thread loaded */
  readonly kind: 'function' | 'block' | 'module';
}

/** A branch a reader asks about by name (src/coverage/named-branches.ts) and whether the suite reached it. */
export interface NamedBranchStatus {
  readonly name: string;
  readonly file: string;
  /** null when the code it names is not in the source (the name's pattern is out of date) */
  readonly line: number | null;
  readonly status: 'reached' | 'unreached' | 'missing';
  /** how many times it ran, over all threads */
  readonly count: number;
}

/** Which lines and branches of the method under test the run's scenarios reached (`run --coverage`). */
export interface CoverageSummary {
  /** the folder measured, e.g. src/solvers/ */
  readonly scope: string;
  /** threads whose counts were merged (the workers and the main thread) */
  readonly threads: number;
  /** worker threads that ended before their counts were taken (a crash): what they ran is missing */
  readonly lostThreads: number;
  readonly lines: CoverageCount;
  readonly branches: CoverageCount;
  readonly files: readonly FileCoverage[];
  readonly unreached: readonly UnreachedBranch[];
  readonly named: readonly NamedBranchStatus[];
}

export function coverageCount(covered: number, total: number): CoverageCount {
  return { covered, total, percent: total === 0 ? null : (100 * covered) / total };
}
