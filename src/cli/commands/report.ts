import { dirname } from 'node:path';
import { readResults } from '../../harness/results-io.js';
import { writeReport } from '../../report/write-report.js';
import { parseOptions } from '../options.js';
import { InputError } from '../../input-error.js';

export const REPORT_HELP = `usage: ratecheck report RESULTS.json [--out DIR]

Rebuilds index.html, junit.xml and the CSV files from a results file (default: next to it).`;

export function report(args: readonly string[]): number {
  const { values, positionals } = parseOptions(args, { out: { type: 'string' } }, { min: 1, max: 1, what: 'results file' });
  const results = readResults(positionals[0]);
  const dir = values.out ?? dirname(positionals[0]);
  let written: string[];
  try {
    written = writeReport(results, dir);
  } catch (e) {
    throw new InputError(`cannot write the report to ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  process.stdout.write(`${written.join('\n')}\n`);
  return 0;
}
