import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CompiledSource, readCompiledSource } from './compiled-source.js';
import { coverageCount, type CoverageSummary, type FileCoverage, type NamedBranchStatus, type UnreachedBranch } from './coverage-summary.js';
import { type MergedFunction, type MergedScript, mergeCoverage } from './merge-coverage.js';
import type { NamedBranch } from './named-branches.js';
import type { CollectedCoverage } from './thread-coverage.js';

/** The code measured: the compiled folder, its name for a reader (src/solvers/), and the package root its sources are named relative to. */
export interface CoverageScope {
  readonly compiledDir: string;
  readonly label: string;
  readonly root: string;
}

/** A function or a block of one script, with its merged count and the function it belongs to. */
interface Counted {
  readonly start: number;
  readonly end: number;
  readonly count: number;
  readonly kind: 'function' | 'block';
  readonly owner: MergedFunction;
}

const isScriptBody = (f: MergedFunction): boolean => f.name === '' && f.range.startOffset === 0;

/** the shortest of `ranges` holding [start, end), other than `self` */
function innermost(ranges: readonly Counted[], start: number, end: number, self: Counted | null = null): Counted | null {
  let best: Counted | null = null;
  for (const r of ranges) {
    if (r !== self && r.start <= start && end <= r.end && (!best || r.end - r.start < best.end - best.start)) best = r;
  }
  return best;
}

/** a function's name; an anonymous one is named by the function around it */
function functionLabel(f: MergedFunction, functions: readonly MergedFunction[]): string {
  if (isScriptBody(f)) return '(module)';
  if (f.name !== '') return f.name;
  const around = functions
    .filter((g) => g !== f && g.name !== '' && g.range.startOffset <= f.range.startOffset && f.range.endOffset <= g.range.endOffset)
    .sort((a, b) => a.range.endOffset - a.range.startOffset - (b.range.endOffset - b.range.startOffset))[0];
  return `(anonymous in ${around ? around.name : 'module'})`;
}

function countedRanges(script: MergedScript): Counted[] {
  return script.functions.flatMap((f) => [
    { start: f.range.startOffset, end: f.range.endOffset, count: f.range.count, kind: 'function' as const, owner: f },
    // a function some thread ran without counting its blocks: their counts are not known
    ...(f.blockDetail ? f.blocks.map((b) => ({ start: b.startOffset, end: b.endOffset, count: b.count, kind: 'block' as const, owner: f })) : []),
  ]);
}

function fileCoverage(file: string, source: CompiledSource, script: MergedScript | undefined): { coverage: FileCoverage; unreached: UnreachedBranch[] } {
  const sourceLines = new Set(source.lines.flatMap((l) => (l.sourceLine === null ? [] : [l.sourceLine])));
  if (!script) {
    const unreached: UnreachedBranch = { file, line: 1, function: '(module)', text: 'no thread loaded this module', at: '', kind: 'module' };
    return { coverage: { file, loaded: false, lines: coverageCount(0, sourceLines.size), branches: coverageCount(0, 0) }, unreached: sourceLines.size > 0 ? [unreached] : [] };
  }
  const ranges = countedRanges(script);
  const reachedLines = new Set<number>();
  for (const l of source.lines) if (l.sourceLine !== null && (innermost(ranges, l.start, l.end + 1)?.count ?? 0) > 0) reachedLines.add(l.sourceLine);
  const branches = ranges.filter((r) => !(r.kind === 'function' && isScriptBody(r.owner)));
  const unreached = branches
    .filter((b) => b.count === 0 && (innermost(ranges, b.start, b.end, b)?.count ?? 0) > 0)
    .map((b): UnreachedBranch => {
      const at = b.start + (source.code.slice(b.start).length - source.code.slice(b.start).trimStart().length);
      const line = source.sourceLineAt(at) ?? 0;
      const lineEnd = source.code.indexOf('\n', at);
      return { file, line, function: functionLabel(b.owner, script.functions), text: (source.sourceLines[line - 1] ?? '').trim(), at: source.code.slice(at, Math.min(lineEnd < 0 ? source.code.length : lineEnd, at + 40)), kind: b.kind };
    });
  return {
    coverage: { file, loaded: true, lines: coverageCount(reachedLines.size, sourceLines.size), branches: coverageCount(branches.filter((b) => b.count > 0).length, branches.length) },
    unreached,
  };
}

/** How often the code a named branch points at ran: located in the source, counted in the compiled script. */
function namedStatus(spec: NamedBranch, source: CompiledSource | undefined, script: MergedScript | undefined): NamedBranchStatus {
  const missing: NamedBranchStatus = { name: spec.name, file: spec.file, line: null, status: 'missing', count: 0 };
  const index = source?.sourceLines.findIndex((l) => l.includes(spec.line)) ?? -1;
  if (!source || index < 0) return missing;
  const line = index + 1;
  const offsets = source.lines
    .filter((l) => l.sourceLine === line)
    .flatMap((l) => {
      const i = source.code.slice(l.start, l.end + 1).lastIndexOf(spec.code);
      return i < 0 ? [] : [l.start + i];
    });
  if (offsets.length === 0) return missing;
  const count = script ? (innermost(countedRanges(script), offsets[0], offsets[0] + 1)?.count ?? 0) : 0;
  return { name: spec.name, file: spec.file, line, status: count > 0 ? 'reached' : 'unreached', count };
}

/**
 * What the threads ran of the compiled scripts in `scope`: per TypeScript file its lines (a line
 * counts where the innermost range holding all its code ran, as c8 counts) and branches, the branches
 * no scenario reached whose surroundings ran, and the named branches' status.
 */
export function summarizeCoverage(collected: CollectedCoverage, scope: CoverageScope, named: readonly NamedBranch[]): CoverageSummary {
  const scripts = new Map(mergeCoverage(collected.threads).map((s) => [s.url, s]));
  const files: FileCoverage[] = [];
  const unreached: UnreachedBranch[] = [];
  const sources = new Map<string, { source: CompiledSource; script: MergedScript | undefined }>();
  const names = (readdirSync(scope.compiledDir, { recursive: true }) as string[]).filter((n) => n.endsWith('.js')).sort();
  for (const name of names) {
    const jsPath = join(scope.compiledDir, name);
    const source = readCompiledSource(jsPath);
    if (!source) continue; // a stale output whose source is gone
    const file = relative(scope.root, source.sourcePath).split(sep).join('/');
    const script = scripts.get(pathToFileURL(jsPath).href);
    sources.set(file, { source, script });
    const one = fileCoverage(file, source, script);
    files.push(one.coverage);
    unreached.push(...one.unreached);
  }
  const sum = (pick: (f: FileCoverage) => { covered: number; total: number }) => coverageCount(files.reduce((n, f) => n + pick(f).covered, 0), files.reduce((n, f) => n + pick(f).total, 0));
  return {
    scope: scope.label,
    threads: collected.threads.length,
    lostThreads: collected.lost,
    lines: sum((f) => f.lines),
    branches: sum((f) => f.branches),
    files,
    unreached: unreached.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    named: named.map((spec) => namedStatus(spec, sources.get(spec.file)?.source, sources.get(spec.file)?.script)),
  };
}
