import { join } from 'node:path';
import { mergeResults } from '../../harness/merge.js';
import { readResults, writeJsonAtomic } from '../../harness/results-io.js';
import { stamp } from '../../harness/run-suite.js';
import { writeReport } from '../../report/write-report.js';
import { parseOptions } from '../options.js';
import { InputError } from '../../input-error.js';
import { mkdirSync, realpathSync } from 'node:fs';

export const MERGE_HELP = `usage: ratecheck merge SHARD1/results.json SHARD2/results.json … --out DIR

Joins the results of the shards of one run (ratecheck run --shard I/N) into DIR/results.json and its
report; the result equals the unsharded run's, and every power check is judged on the whole. A file
named twice (e.g. through the <out>/latest link that a/*/results.json also matches) is read once.
Exit code as for run.`;

/**
 * The files once each: the shell glob of the README's recipe (a/STAR/results.json) also matches the
 * run folder through the <out>/latest link, which is the same file (noted on stderr and read once).
 */
function distinctFiles(paths: readonly string[]): string[] {
  const seen = new Map<string, string>();
  const notes: string[] = [];
  for (const p of paths) {
    let real: string;
    try {
      real = realpathSync(p);
    } catch {
      throw new InputError(`cannot read ${p}: no such file`);
    }
    const first = seen.get(real);
    if (first === undefined) seen.set(real, p);
    else notes.push(`ratecheck: ${p} is the same file as ${first} (a latest link): read once`);
  }
  if (seen.size < 2) throw new InputError(`merge needs the results of at least two shards: ${paths.join(' and ')} are one file`);
  for (const n of notes) process.stderr.write(`${n}\n`);
  return [...seen.values()];
}

export function merge(args: readonly string[]): number {
  const { values, positionals } = parseOptions(args, { out: { type: 'string' } }, { min: 2, max: 1000, what: 'results files (at least two)' });
  if (!values.out) throw new InputError('merge needs --out DIR');
  const merged = mergeResults(distinctFiles(positionals).map(readResults), `merged-${stamp(new Date())}`);
  try {
    mkdirSync(values.out, { recursive: true });
    writeJsonAtomic(join(values.out, 'results.json'), merged);
  } catch (e) {
    throw new InputError(`cannot write to ${values.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  writeReport(merged, values.out);
  process.stdout.write(`merged ${positionals.length} shards: ${merged.cases.length} cases → ${join(values.out, 'results.json')}\n`);
  return merged.exitCode;
}
