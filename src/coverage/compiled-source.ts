import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';

/** One line of compiled JavaScript with code on it: its offsets and the TypeScript line it came from. */
export interface CompiledLine {
  /** offsets of its first and last non-blank characters in the compiled script */
  readonly start: number;
  readonly end: number;
  /** 1-based line of the source, null where the map names none */
  readonly sourceLine: number | null;
}

/** A compiled script beside its source map (tsc's `sourceMap`: x.js.map next to x.js), read back to its source. */
export interface CompiledSource {
  readonly code: string;
  /** the TypeScript file the map names (absolute) */
  readonly sourcePath: string;
  readonly sourceLines: readonly string[];
  readonly lines: readonly CompiledLine[];
  /** the source line of a compiled offset, or null */
  sourceLineAt(offset: number): number | null;
}

/** a line holding only a comment, or nothing: not code */
const NOT_CODE = /^(\/\/|\/\*|\*|$)/;

/** The compiled script at `jsPath` with its source, or null when its map or source is missing. */
export function readCompiledSource(jsPath: string): CompiledSource | null {
  const mapPath = `${jsPath}.map`;
  if (!existsSync(jsPath) || !existsSync(mapPath)) return null;
  const payload = JSON.parse(readFileSync(mapPath, 'utf8')) as SourceMapPayload;
  const source = payload.sources[0];
  if (payload.sources.length !== 1 || source === undefined) return null;
  const sourcePath = resolve(dirname(mapPath), payload.sourceRoot ?? '', source);
  if (!existsSync(sourcePath)) return null;
  const map = new SourceMap(payload);
  const code = readFileSync(jsPath, 'utf8');
  const starts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) starts.push(i + 1);
  /** 0-based compiled line and column of an offset */
  const position = (offset: number): [number, number] => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo, offset - starts[lo]];
  };
  const sourceLineAt = (offset: number): number | null => {
    const entry = map.findEntry(...position(offset));
    return 'originalLine' in entry ? entry.originalLine + 1 : null;
  };
  const lines: CompiledLine[] = [];
  starts.forEach((lineStart, i) => {
    const text = code.slice(lineStart, i + 1 < starts.length ? starts[i + 1] - 1 : code.length);
    const trimmed = text.trim();
    if (NOT_CODE.test(trimmed) || trimmed.startsWith('import ') || trimmed.startsWith('export {')) return;
    const start = lineStart + (text.length - text.trimStart().length);
    lines.push({ start, end: lineStart + text.trimEnd().length - 1, sourceLine: sourceLineAt(start) });
  });
  // the source as compiled where the map carries it (tsc's inlineSources), else as it is now
  const sourceText = payload.sourcesContent?.[0] ?? readFileSync(sourcePath, 'utf8');
  return { code, sourcePath, sourceLines: sourceText.split('\n'), lines, sourceLineAt };
}

