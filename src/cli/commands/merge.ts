import { join } from 'node:path';
import { mergeResults } from '../../harness/merge.js';
import { readResults, writeJsonAtomic } from '../../harness/results-io.js';
import { stamp } from '../../harness/run-suite.js';
import { writeReport } from '../../report/write-report.js';
import { parseOptions } from '../options.js';
import { UsageError } from '../usage-error.js';
import { mkdirSync } from 'node:fs';

export const MERGE_HELP = `usage: ratecheck merge SHARD1/results.json SHARD2/results.json … --out DIR

Joins the results of the shards of one run (ratecheck run --shard I/N) into DIR/results.json and its
report; the result equals the unsharded run's. Exit code as for run.`;

export function merge(args: readonly string[]): number {
  const { values, positionals } = parseOptions(args, { out: { type: 'string' } }, { min: 2, max: 1000, what: 'results files (at least two)' });
  if (!values.out) throw new UsageError('merge needs --out DIR');
  const merged = mergeResults(positionals.map(readResults), `merged-${stamp(new Date())}`);
  try {
    mkdirSync(values.out, { recursive: true });
    writeJsonAtomic(join(values.out, 'results.json'), merged);
  } catch (e) {
    throw new UsageError(`cannot write to ${values.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  writeReport(merged, values.out);
  process.stdout.write(`merged ${positionals.length} shards: ${merged.cases.length} cases → ${join(values.out, 'results.json')}\n`);
  return merged.exitCode;
}
