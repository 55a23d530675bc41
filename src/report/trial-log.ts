import type { AdaptiveSearchFields, RegularizedStepFields, SearchTrial, StepRecord, StepSizeFields } from '../methods/step-record.js';
import { formatNumber } from './format.js';
import { html, type Markup } from './markup.js';
import type { ViolationMark } from './violation-marks.js';

/** tables longer than this are folded into a <details> */
const UNFOLDED_ROWS = 40;

const num = (x: number | undefined | null): Markup => html`<td class="num">${x === undefined || x === null ? '—' : formatNumber(x)}</td>`;

/** the two sides of a test, with enough digits to see which is larger */
const side = (x: number | undefined): Markup => html`<td class="num">${x === undefined ? '—' : Number.isFinite(x) ? x.toPrecision(6) : formatNumber(x)}</td>`;

const searchOf = (r: StepRecord): AdaptiveSearchFields | null => {
  const trials = (r as Partial<AdaptiveSearchFields>).trials;
  return Array.isArray(trials) ? (r as StepRecord & AdaptiveSearchFields) : null;
};

/** the records carry the trials of a search (capability `adaptive-search` or `ideal-gamma`), so the log has a row per trial */
export function logsTrials(records: readonly StepRecord[]): boolean {
  return records.length > 0 && searchOf(records[0]) !== null;
}

const OUTCOME: Readonly<Record<SearchTrial['outcome'], string>> = {
  accepted: 'accepted',
  rejected: 'rejected: failed the test',
  'not-positive-definite': 'rejected: H + λB not positive definite',
  'non-finite': 'rejected: f(x⁺) or ‖∇f(x⁺)‖_* not finite',
};

const OUTCOME_CLASS: Readonly<Record<SearchTrial['outcome'], string>> = { accepted: 'holds', rejected: 'outside', 'not-positive-definite': 'na', 'non-finite': 'violated' };

/** What the last trial of an exhausted search led to. */
function exhaustedNote(r: StepRecord): string {
  return r.stepTaken ? '; search exhausted: the last evaluated trial was taken' : '; search exhausted: no step';
}

function marked(marks: readonly ViolationMark[], k: number, trial: number | null): boolean {
  return marks.some((m) => m.k === k && (trial === null || m.trial === null || m.trial === trial));
}

/**
 * One row per trial of the search: γ, λ = ‖∇f_k‖_* / γ (+ε in reference mode), the outcome, f and
 * ‖∇f‖_* at x⁺, and the two sides of Lemma 1's test f_k − f(x⁺) ≥ ‖∇f(x⁺)‖²_* / (8λ).
 */
function trialRows(r: StepRecord, search: AdaptiveSearchFields, marks: readonly ViolationMark[]): Markup[] {
  return search.trials.map((t, i) => {
    const last = i === search.trials.length - 1;
    const decrease = t.fNext === undefined ? undefined : r.f - t.fNext;
    const required = t.gradNormNext === undefined ? undefined : (t.gradNormNext * t.gradNormNext) / (8 * t.lambda);
    const at = marked(marks, r.k, i) ? 'num violated' : 'num';
    return html`<tr><td class="${at}">${r.k}</td><td class="${at}">${i}</td>${num(t.gamma)}${num(t.lambda)}<td class="${OUTCOME_CLASS[t.outcome]}">${OUTCOME[t.outcome]}${last && search.exhausted ? exhaustedNote(r) : ''}</td>${num(t.fNext)}${num(t.gradNormNext)}${side(decrease)}${side(required)}</tr>`;
  });
}

const TRIAL_HEAD = html`<thead><tr><th>k</th><th>trial</th><th>γ</th><th>λ</th><th>outcome</th><th>f(x⁺)</th><th>‖∇f(x⁺)‖_*</th><th>f_k − f(x⁺)</th><th>‖∇f(x⁺)‖²_*/(8λ)</th></tr></thead>`;

function stepRow(r: StepRecord, fStar: number | undefined, columns: readonly ExtraColumn[], marks: readonly ViolationMark[]): Markup {
  return html`<tr><td class="${marked(marks, r.k, null) ? 'num violated' : 'num'}">${r.k}</td>${num(r.f)}${fStar === undefined ? null : num(r.f - fStar)}${num(r.gradNorm)}${num(r.stepTaken ? r.stepNorm : null)}<td>${r.stepTaken ? (r.accepted ? 'taken' : 'taken (not accepted)') : 'none'}</td>${columns.map((c) => num(c.value(r)))}</tr>`;
}

interface ExtraColumn {
  readonly head: string;
  value(r: StepRecord): number | undefined;
}

/** the columns a record carries beyond the StepRecord core */
function extraColumns(records: readonly StepRecord[]): ExtraColumn[] {
  const first = records[0] as Partial<StepSizeFields & RegularizedStepFields> | undefined;
  const columns: ExtraColumn[] = [];
  if (first?.stepSize !== undefined) columns.push({ head: 'step size t', value: (r) => (r as Partial<StepSizeFields>).stepSize });
  if (first?.L !== undefined) columns.push({ head: 'L_k', value: (r) => (r as Partial<StepSizeFields>).L });
  if (first?.lambda !== undefined) columns.push({ head: 'λ_k', value: (r) => (r as Partial<RegularizedStepFields>).lambda });
  // a method's own count of line-search trials (e.g. the gradient method's backtracking on L)
  if (typeof (first as { trials?: unknown } | undefined)?.trials === 'number') columns.push({ head: 'line-search trials', value: (r) => (r as unknown as { trials: number }).trials });
  return columns;
}

function folded(summary: string, rows: readonly Markup[], table: (rows: readonly Markup[]) => Markup): Markup {
  return rows.length > UNFOLDED_ROWS ? html`<details class="trial-log"><summary>${summary}</summary>${table(rows)}</details>` : html`<p>${summary}</p>${table(rows)}`;
}

/**
 * The trial log of a run: for a method with a search (records with `trials`: capability
 * `adaptive-search` or `ideal-gamma`) one row per trial of every iteration; for other methods one
 * row per iteration. The iteration a violated theorem names is marked (its k, and its trial where
 * named), and it and the iteration before it are shown once more above the folded table.
 */
export function trialLog(records: readonly StepRecord[], fStar: number | undefined, marks: readonly ViolationMark[]): Markup {
  if (records.length === 0) return html`<p>The run recorded no iteration.</p>`;
  const markedIterations = [...new Set(marks.flatMap((m) => (m.k === null ? [] : [m.k])))].sort((a, b) => a - b);
  // a theorem's k names x_k, made by iteration k − 1, or iteration k itself: both are shown
  const around = new Set(markedIterations.flatMap((k) => [k - 1, k]));
  const atViolations = (rowsOf: (r: StepRecord) => Markup[], table: (rows: readonly Markup[]) => Markup): Markup | null => {
    const rows = records.filter((r) => around.has(r.k)).flatMap(rowsOf);
    return rows.length === 0 ? null : html`<p>Iterations k − 1 and k of each violation at k = ${markedIterations.join(', ')} (iteration k − 1 made x_k; the k of iteration k itself is marked):</p>${table(rows)}`;
  };
  if (logsTrials(records)) {
    const rowsOf = (r: StepRecord): Markup[] => {
      const search = searchOf(r);
      return search ? trialRows(r, search, marks) : [];
    };
    const table = (rows: readonly Markup[]) => html`<div class="wide"><table class="trial-log">${TRIAL_HEAD}<tbody>${rows}</tbody></table></div>`;
    const rows = records.flatMap(rowsOf);
    return html`${atViolations(rowsOf, table)}${folded(`${rows.length} trial${rows.length === 1 ? '' : 's'} over ${records.length} iteration${records.length === 1 ? '' : 's'}; the test is Lemma 1's, f_k − f(x⁺) ≥ ‖∇f(x⁺)‖²_*/(8λ)`, rows, table)}`;
  }
  const columns = extraColumns(records);
  const head = html`<thead><tr><th>k</th><th>f_k</th>${fStar === undefined ? null : html`<th>f_k − f*</th>`}<th>‖∇f_k‖_*</th><th>‖h_k‖</th><th>step</th>${columns.map((c) => html`<th>${c.head}</th>`)}</tr></thead>`;
  const table = (rows: readonly Markup[]) => html`<div class="wide"><table class="trial-log">${head}<tbody>${rows}</tbody></table></div>`;
  const rowOf = (r: StepRecord) => [stepRow(r, fStar, columns, marks)];
  return html`${atViolations(rowOf, table)}${folded(`${records.length} iteration${records.length === 1 ? '' : 's'}`, records.flatMap(rowOf), table)}`;
}
