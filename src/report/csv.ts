import type { Results } from '../harness/results.js';
import { isJudged } from '../harness/summarize.js';
import { hasGammaTrace } from './gamma-traces.js';
import { compareSolvers } from './profiles.js';
import { quantileBand } from './quantile-band.js';
import { applicableRatios, envelopeRuns, normalizedEnvelope } from './theorem-cases.js';
import { verdictGrid } from './verdict-grid.js';

/** a number as JavaScript prints it (full precision, NaN, Infinity); null prints nothing */
export type CsvValue = string | number | null;

function field(v: CsvValue): string {
  if (v === null) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: CRLF line ends; a field with a comma, a quote or a line break is quoted, quotes doubled. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}

export interface CsvFile {
  readonly name: string;
  readonly text: string;
}

function summaryCsv(r: Results): string {
  const grid = verdictGrid(r);
  const rows: CsvValue[][] = [];
  for (const t of r.theorems) {
    const gate = t.gating ? 'gates' : 'diagnostic';
    for (const [family, n] of grid.cells.get(t.id) ?? []) rows.push([t.id, gate, family, n.holds, n.violated, n.notApplicable, null, null, null]);
    rows.push([t.id, gate, 'all', t.holds, t.violated, t.notApplicable, t.worstCase === null ? null : t.worstRatio, t.worstCase, t.worstReplay]);
  }
  return toCsv(['theorem', 'gate', 'family', 'holds', 'violated', 'not_applicable', 'worst_ratio', 'worst_case', 'worst_replay'], rows);
}

/** One row per theorem × method × instance family (TheoremSummary.byMethodFamily). */
function methodsCsv(r: Results): string {
  const rows = r.theorems.flatMap((t) =>
    t.byMethodFamily.map((c) => [t.id, t.gating ? 'gates' : 'diagnostic', c.method, c.family, c.holds, c.violated, c.notApplicable, c.worstCase === null ? null : c.worstRatio, c.worstCase]),
  );
  return toCsv(['theorem', 'gate', 'method', 'family', 'holds', 'violated', 'not_applicable', 'worst_ratio', 'worst_case'], rows);
}

function ratiosCsv(r: Results): string {
  const rows = r.theorems.flatMap((t) =>
    applicableRatios(r.cases, t.id).map(({ caseResult: c, ratio }) => [t.id, c.key, c.property, c.family, c.verdicts[t.id].status, ratio, c.verdicts[t.id].where]),
  );
  return toCsv(['theorem', 'case', 'property', 'family', 'status', 'worst_ratio', 'where'], rows);
}

function envelopesCsv(r: Results): string {
  const rows: CsvValue[][] = [];
  for (const t of r.theorems) {
    const runs = envelopeRuns(r.cases, t.id);
    for (const { caseResult: c, envelope: e } of runs) {
      e.delta.forEach((d, k) => rows.push([t.id, c.key, 'delta', k, d]));
      e.bound.forEach((b, k) => rows.push([t.id, c.key, 'bound', k, b]));
    }
    for (const p of quantileBand(runs.map((run) => normalizedEnvelope(run.envelope)))) {
      rows.push([t.id, null, 'ratio_q10', p.k, p.low], [t.id, null, 'ratio_median', p.k, p.median], [t.id, null, 'ratio_q90', p.k, p.high]);
    }
  }
  return toCsv(['theorem', 'case', 'series', 'k', 'value'], rows);
}

/** One row per judged case × theorem with a per-iteration bound × target: K_bound(ε), K_observed(ε) and their ratio (the ECDFs' data). */
function tightnessCsv(r: Results): string {
  const rows: CsvValue[][] = [];
  for (const c of r.cases) {
    if (!isJudged(c) || !c.tightness) continue;
    for (const [theorem, t] of Object.entries(c.tightness)) {
      if (t.targets.length === 0) rows.push([theorem, c.key, c.method, c.family, t.bitingRatio, t.bitingAt, null, null, null, null]);
      for (const x of t.targets) {
        const factor = x.predicted !== null && x.observed !== null && x.observed > 0 ? x.predicted / x.observed : null;
        rows.push([theorem, c.key, c.method, c.family, t.bitingRatio, t.bitingAt, x.target, x.predicted, x.observed, factor]);
      }
    }
  }
  return toCsv(['theorem', 'case', 'method', 'family', 'biting_ratio', 'biting_at', 'target', 'k_bound', 'k_observed', 'factor'], rows);
}

function gammaTracesCsv(r: Results): string {
  const rows: CsvValue[][] = [];
  for (const c of r.cases) {
    if (!isJudged(c) || !c.trace || !hasGammaTrace(c)) continue;
    const t = c.trace;
    t.gamma.forEach((gamma, k) => rows.push([c.property, c.key, k, gamma, t.pi[k] ?? null, t.gradNorm[k] ?? null]));
  }
  return toCsv(['property', 'case', 'k', 'gamma', 'pi', 'grad_norm'], rows);
}

function profilesCsv(r: Results): string {
  const rows: CsvValue[][] = [];
  compareSolvers(r.profiles).forEach((c, i) => {
    for (const [profile, curves] of [['performance', c.performance], ['data', c.data]] as const) {
      for (const curve of curves) for (const s of curve.steps) rows.push([i + 1, profile, c.measure, curve.solver, s.at, s.fraction]);
    }
  });
  return toCsv(['comparison', 'profile', 'measure', 'solver', 'at', 'fraction'], rows);
}

/** Each paper run's error and gradient evaluations at every iterate: the series its figures draw (before thinning). */
function paperSeriesCsv(r: Results): string {
  const rows: CsvValue[][] = [];
  for (const p of r.paperRuns ?? []) p.series?.error.forEach((e, k) => rows.push([p.experiment, p.instance, p.run, p.error, k, p.series?.gradCalls[k] ?? null, e]));
  return toCsv(['experiment', 'instance', 'run', 'error_kind', 'k', 'grad_calls', 'error'], rows);
}

/** One CSV per chart kind, with every series the report plots (and the per-instance data behind the aggregates). */
export function csvFiles(r: Results): CsvFile[] {
  return [
    { name: 'summary.csv', text: summaryCsv(r) },
    { name: 'methods.csv', text: methodsCsv(r) },
    { name: 'ratios.csv', text: ratiosCsv(r) },
    { name: 'envelopes.csv', text: envelopesCsv(r) },
    { name: 'tightness.csv', text: tightnessCsv(r) },
    { name: 'gamma-traces.csv', text: gammaTracesCsv(r) },
    { name: 'profiles.csv', text: profilesCsv(r) },
    { name: 'paper-series.csv', text: paperSeriesCsv(r) },
  ];
}
