import type { CoverageRange, FunctionCoverage, ScriptCoverage } from './v8-coverage.js';

/** A function of a script over all threads: its calls and each block's count, summed. */
export interface MergedFunction {
  readonly name: string;
  readonly range: CoverageRange;
  readonly blocks: readonly CoverageRange[];
  /** false when a thread ran it without counting its blocks (compiled before coverage began there): its blocks are not known */
  readonly blockDetail: boolean;
}

export interface MergedScript {
  readonly url: string;
  readonly functions: readonly MergedFunction[];
}

const rangeKey = (r: { startOffset: number; endOffset: number }): string => `${r.startOffset}:${r.endOffset}`;

/**
 * A script's body runs once in each thread that loaded it (an ES module is compiled to be evaluated);
 * where coverage began after that (the main thread), V8 counts it 0.
 */
function isScriptBody(f: FunctionCoverage): boolean {
  return f.functionName === '' && f.ranges[0].startOffset === 0;
}

/**
 * How often one thread ran the code of `block`: the count of the innermost of the function's ranges
 * around it (V8 leaves out a block that ran as often as that range). V8's ranges of one function nest,
 * across threads too (they are blocks of the same source), so the innermost is the shortest.
 */
function countIn(f: FunctionCoverage, block: CoverageRange): number {
  let best: CoverageRange | null = null;
  for (const r of f.ranges) {
    if (r.startOffset <= block.startOffset && block.endOffset <= r.endOffset && (!best || r.endOffset - r.startOffset < best.endOffset - best.startOffset)) best = r;
  }
  if (!best) return 0;
  return best === f.ranges[0] && isScriptBody(f) ? Math.max(best.count, 1) : best.count;
}

/** The coverage of every thread, merged script by script and function by function. */
export function mergeCoverage(threads: readonly (readonly ScriptCoverage[])[]): MergedScript[] {
  const byUrl = new Map<string, Map<string, FunctionCoverage[]>>();
  for (const scripts of threads) {
    for (const script of scripts) {
      const functions = byUrl.get(script.url) ?? new Map<string, FunctionCoverage[]>();
      byUrl.set(script.url, functions);
      for (const f of script.functions) {
        const key = rangeKey(f.ranges[0]);
        functions.set(key, [...(functions.get(key) ?? []), f]);
      }
    }
  }
  return [...byUrl].map(([url, functions]) => ({
    url,
    functions: [...functions.values()].map((reports) => {
      const range = reports[0].ranges[0];
      const blocks = new Map<string, CoverageRange>();
      for (const f of reports) for (const b of f.ranges.slice(1)) blocks.set(rangeKey(b), b);
      const sum = (r: CoverageRange) => reports.reduce((n, f) => n + countIn(f, r), 0);
      return {
        name: reports[0].functionName,
        range: { startOffset: range.startOffset, endOffset: range.endOffset, count: sum(range) },
        blocks: [...blocks.values()].map((b) => ({ startOffset: b.startOffset, endOffset: b.endOffset, count: sum(b) })).sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset),
        blockDetail: reports.every((f) => f.isBlockCoverage || countIn(f, range) === 0 || isScriptBody(f)),
      };
    }),
  }));
}
