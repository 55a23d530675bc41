import { compareWithBaseline, DEFAULT_TOLERANCE, readBaseline, readTolerance, writeBaseline } from '../../harness/baseline.js';
import { readResults } from '../../harness/results-io.js';
import { parseOptions } from '../options.js';
import { InputError } from '../../input-error.js';

export const BASELINE_HELP = `usage: ratecheck baseline write [RESULTS.json] --out FILE [--update]
       ratecheck baseline compare [RESULTS.json] --baseline FILE [--tolerance FILE]

write: records, per scenario, the iterations and gradient calls to tolerance and the bound ratios of
  a run (default reports/latest/results.json). Replacing an existing baseline needs --update; a run
  with no scenario to record (no cases, or only power checks and skipped cases) exits 2.
compare: exits 1 and prints every regression beyond the tolerance (default: iterations and gradient
  calls +10% + a little, bound ratios +0.05, a missing case), 0 when there is none.`;

const DEFAULT_RESULTS = 'reports/latest/results.json';

export function baseline(args: readonly string[]): number {
  const [action, ...rest] = args;
  if (action === 'write') {
    const { values, positionals } = parseOptions(rest, { out: { type: 'string' }, update: { type: 'boolean' } }, { min: 0, max: 1, what: 'results file' });
    if (!values.out) throw new InputError('baseline write needs --out FILE');
    const path = positionals[0] ?? DEFAULT_RESULTS;
    const n = writeBaseline(readResults(path), values.out, values.update ?? false, `results file ${path}`);
    process.stdout.write(`baseline: ${n} scenarios written to ${values.out}\n`);
    return 0;
  }
  if (action === 'compare') {
    const { values, positionals } = parseOptions(rest, { baseline: { type: 'string' }, tolerance: { type: 'string' } }, { min: 0, max: 1, what: 'results file' });
    if (!values.baseline) throw new InputError('baseline compare needs --baseline FILE');
    const results = readResults(positionals[0] ?? DEFAULT_RESULTS);
    const regressions = compareWithBaseline(results, readBaseline(values.baseline), values.tolerance ? readTolerance(values.tolerance) : DEFAULT_TOLERANCE);
    for (const g of regressions) process.stdout.write(`regression ${g.key}: ${g.what}: ${g.baseline} → ${g.now}\n`);
    process.stdout.write(`baseline: ${regressions.length} regressions\n`);
    return regressions.length > 0 ? 1 : 0;
  }
  throw new InputError(`baseline needs 'write' or 'compare'${action ? `, got '${action}'` : ''}`);
}
