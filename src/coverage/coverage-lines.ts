import type { CoverageCount, CoverageSummary } from './coverage-summary.js';

const percent = (c: CoverageCount): string => (c.percent === null ? 'n/a' : `${c.percent.toFixed(1)}% (${c.covered}/${c.total})`);

/** The coverage as `run` prints it: the figures, the named branches, and every unreached branch by name. */
export function coverageLines(c: CoverageSummary): string[] {
  return [
    `coverage of ${c.scope}: branches ${percent(c.branches)}, lines ${percent(c.lines)}, over ${c.threads} thread${c.threads === 1 ? '' : 's'}${c.lostThreads > 0 ? ` (${c.lostThreads} worker threads ended before their counts were taken: what they ran is missing)` : ''}`,
    ...c.named.map((n) => `  ${n.name}: ${n.status === 'reached' ? `reached (${n.count}×)` : n.status === 'unreached' ? 'NOT REACHED' : 'not found in the source'}${n.line === null ? ` (${n.file})` : ` at ${n.file}:${n.line}`}`),
    `unreached branches (${c.unreached.length}):`,
    ...c.unreached.map((u) => `  ${u.file}:${u.line} ${u.function}: ${u.text}${u.kind === 'block' && u.at && !u.text.startsWith(u.at) ? `  [at ${u.at}]` : ''}`),
  ];
}
