import type { RateFit } from '../../harness/results.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';

const KIND_NAMES: Readonly<Record<RateFit['kind'], string>> = {
  'algebraic-order': 'log–log order',
  'q-linear': 'Q-linear factor',
  coc: 'computational order',
};

/** Fitted rates (median over instances, bootstrap interval) beside the rate the theory predicts: diagnostics, never gated. */
export function rateFitsTable(fits: readonly RateFit[]): Markup | null {
  if (fits.length === 0) return null;
  return html`<table class="rate-fits"><caption>Fitted rates (diagnostics, never gated)</caption><thead><tr><th>property</th><th>fit</th><th>instances</th><th>estimate</th><th>bootstrap interval</th><th>theory</th></tr></thead><tbody>${fits.map(
    (f) =>
      html`<tr><td>${f.property}</td><td>${KIND_NAMES[f.kind] ?? f.kind}</td><td class="num">${f.instances}</td><td class="num">${formatNumber(f.estimate)}</td><td class="num">[${formatNumber(f.low)}, ${formatNumber(f.high)}]</td><td>${f.theory}${f.theoryValue !== null && ` (${formatNumber(f.theoryValue)})`}</td></tr>`,
  )}</tbody></table>`;
}
