/**
 * The branches of the method under test a reader asks about by name (issue 15): each found by the
 * source line that holds it (`line`, a substring) and the code its block starts with there (`code`,
 * its last occurrence on that line: V8 starts an if's block at its `{`, the right operand of `&&` at the
 * operator, a conditional's branch at its `?` or `:`).
 */
export interface NamedBranch {
  readonly name: string;
  /** relative to the package root */
  readonly file: string;
  readonly line: string;
  readonly code: string;
}

export const NAMED_BRANCHES: readonly NamedBranch[] = [
  { name: 'not-positive-definite trial', file: 'src/solvers/adaptive-search.ts', line: 'if (!step.ok) {', code: '{' },
  { name: 'B-orthogonal split of the rank-one step', file: 'src/solvers/regularized-step.ts', line: 'if (alpha * vbv > limit * lambda) {', code: '{' },
  { name: 'non-finite trial', file: 'src/solvers/adaptive-search.ts', line: 'if (!Number.isFinite(trial.fNext) || !Number.isFinite(trial.aNext)) {', code: '{' },
  { name: 'exhausted search', file: 'src/solvers/adaptive-search.ts', line: 'taken: exhausted && !rule.reference ? null : taken', code: '&& !rule.reference' },
  { name: 'exhausted strict search (no step taken)', file: 'src/solvers/adaptive-search.ts', line: 'taken: exhausted && !rule.reference ? null : taken', code: '? null' },
];
