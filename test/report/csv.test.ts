import { describe, expect, it } from 'vitest';
import type { PaperRunRow, Results } from '../../src/harness/results.js';
import { csvFiles, toCsv } from '../../src/report/csv.js';
import { HOSTILE_REPLAY, syntheticResults } from './fixture.js';

const PAPER_RUN: PaperRunRow = {
  experiment: 'fig4-rosenbrock',
  what: 'Rosenbrock',
  instance: 'rosenbrock-2d',
  run: 'GNS exact, B',
  status: 'success',
  iterations: 2,
  to: [1, 2, null],
  error: 'f-gap',
  qLinearTail: null,
  logLogOrder: null,
  gammaRange: null,
  series: { error: [4, 1e-5, null], gradCalls: [1, 3, 6] },
};
const withPaperRun = (r: Results): Results => ({ ...r, paperRuns: [PAPER_RUN] });

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  const field = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r\n)/y;
  let record: string[] = [];
  while (field.lastIndex < text.length) {
    const m = field.exec(text);
    if (!m) throw new Error(`not RFC 4180 at ${field.lastIndex}`);
    record.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
    if (m[2] === '\r\n') {
      records.push(record);
      record = [];
    }
  }
  return records;
}

describe('CSV', () => {
  it('quotes fields with commas, quotes or line breaks and ends lines with CRLF', () => {
    const text = toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', 'plain'], [1.5, null], [NaN, -Infinity]]);
    expect(text).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",plain\r\n1.5,\r\nNaN,-Infinity\r\n');
    expect(parseCsv(text)).toEqual([['a', 'b'], ['x,y', 'say "hi"'], ['line\nbreak', 'plain'], ['1.5', ''], ['NaN', '-Infinity']]);
  });

  it('writes one file per chart kind, each a rectangle of fields', () => {
    const files = csvFiles(withPaperRun(syntheticResults()));
    expect(files.map((f) => f.name)).toEqual(['summary.csv', 'methods.csv', 'ratios.csv', 'envelopes.csv', 'tightness.csv', 'gamma-traces.csv', 'profiles.csv', 'paper-series.csv']);
    for (const f of files) {
      const records = parseCsv(f.text);
      expect(records.length).toBeGreaterThan(1);
      for (const r of records) expect(r).toHaveLength(records[0].length);
    }
  });

  it('carries the plotted series and the replay strings verbatim', () => {
    const files = new Map(csvFiles(syntheticResults()).map((f) => [f.name, parseCsv(f.text)]));
    const summary = files.get('summary.csv') ?? [];
    expect(summary).toContainEqual(['envelope-qsc', 'gates', 'all', '6', '1', '0', '3.5', 'envelope-qsc/case/6', HOSTILE_REPLAY]);
    expect(summary).toContainEqual(['envelope-qsc', 'gates', 'logsumexp', '3', '1', '0', '', '', '']);
    const methods = files.get('methods.csv') ?? [];
    expect(methods[0]).toEqual(['theorem', 'gate', 'method', 'family', 'holds', 'violated', 'not_applicable', 'worst_ratio', 'worst_case']);
    const ratio = (i: number) => String(0.1 + 0.1 * i); // the fixture's ratio of envelope-qsc/case/i
    expect(methods.slice(1).filter((r) => r[0] === 'envelope-qsc')).toEqual([
      ['envelope-qsc', 'gates', 'gns-reference', 'logsumexp', '2', '1', '0', '3.5', 'envelope-qsc/case/6'],
      ['envelope-qsc', 'gates', 'gns-reference', 'quadratic', '2', '0', '0', ratio(3), 'envelope-qsc/case/3'],
      ['envelope-qsc', 'gates', 'gradient', 'logsumexp', '1', '0', '0', ratio(2), 'envelope-qsc/case/2'],
      ['envelope-qsc', 'gates', 'gradient', 'quadratic', '1', '0', '0', ratio(5), 'envelope-qsc/case/5'],
    ]);
    expect(methods.filter((r) => r[0] === 'class-lower-bound')).toContainEqual(['class-lower-bound', 'gates', 'gns-reference', 'logsumexp', '1', '0', '1', '0', 'lemma1/case/0']);
    const envelopes = files.get('envelopes.csv') ?? [];
    expect(envelopes).toContainEqual(['envelope-qsc', 'envelope-qsc/case/0', 'delta', '1', '0.5']);
    expect(envelopes.filter((r) => r[2] === 'ratio_median').length).toBeGreaterThan(5);
    const ratios = files.get('ratios.csv') ?? [];
    expect(ratios.filter((r) => r[0] === 'class-lower-bound')).toHaveLength(2);
    expect(files.get('profiles.csv')).toContainEqual(['1', 'performance', 'gradCalls', 'gradient', '4', '0.5']);
    expect(files.get('gamma-traces.csv')?.[1]).toEqual(['envelope-qsc', 'envelope-qsc/case/0', '0', '', '0.05', '2']);
  });

  it('writes every iterate of each paper run: its error (empty where not finite) and gradient evaluations', () => {
    const rows = parseCsv(csvFiles(withPaperRun(syntheticResults())).find((f) => f.name === 'paper-series.csv')?.text ?? '');
    expect(rows).toEqual([
      ['experiment', 'instance', 'run', 'error_kind', 'k', 'grad_calls', 'error'],
      ['fig4-rosenbrock', 'rosenbrock-2d', 'GNS exact, B', 'f-gap', '0', '1', '4'],
      ['fig4-rosenbrock', 'rosenbrock-2d', 'GNS exact, B', 'f-gap', '1', '3', '0.00001'],
      ['fig4-rosenbrock', 'rosenbrock-2d', 'GNS exact, B', 'f-gap', '2', '6', ''],
    ]);
  });

  it('writes the iterations predicted/observed of each case and target', () => {
    const r = syntheticResults();
    const tightness = { 'envelope-qsc': { bitingRatio: 0.25, bitingAt: 3, targets: [{ target: 0.1, predicted: 8, observed: 2 }, { target: 0.01, predicted: null, observed: 5 }] } };
    const withTightness = { ...r, cases: r.cases.map((c, i) => (i === 0 ? { ...c, tightness } : c)) };
    const rows = parseCsv(csvFiles(withTightness).find((f) => f.name === 'tightness.csv')?.text ?? '');
    const c = withTightness.cases[0];
    expect(rows[0]).toEqual(['theorem', 'case', 'method', 'family', 'biting_ratio', 'biting_at', 'target', 'k_bound', 'k_observed', 'factor']);
    expect(rows.filter((row) => row[1] === c.key)).toEqual([
      ['envelope-qsc', c.key, c.method, c.family, '0.25', '3', '0.1', '8', '2', '4'],
      ['envelope-qsc', c.key, c.method, c.family, '0.25', '3', '0.01', '', '5', ''],
    ]);
  });
});
