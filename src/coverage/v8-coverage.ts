/**
 * V8's precise block coverage of one script, as the inspector's Profiler.takePreciseCoverage returns
 * it (callCount and detailed on). Offsets are UTF-16 offsets into the script's source; a function's
 * ranges[0] is the function itself, the others its blocks, whose count V8 reports only where it
 * differs from the innermost range around them (a block missing from the list ran as often as that range).
 */
export interface CoverageRange {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly count: number;
}

export interface FunctionCoverage {
  readonly functionName: string;
  readonly ranges: readonly CoverageRange[];
  /** false for a function compiled before coverage began: its calls are counted, its blocks are not */
  readonly isBlockCoverage: boolean;
}

export interface ScriptCoverage {
  readonly scriptId: string;
  readonly url: string;
  readonly functions: readonly FunctionCoverage[];
}
