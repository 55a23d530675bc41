import { html, type Markup } from './markup.js';
import type { VerdictCounts } from './verdict-grid.js';

/**
 * A table cell "holds / violated / not applicable", coloured by its worst verdict (a diagnostic's
 * "violated" is "outside its margin", never red); `detail` is added to its hover text.
 */
export function countsCell(counts: VerdictCounts | undefined, gating: boolean, detail?: string): Markup {
  if (!counts) return html`<td class="na">—</td>`;
  const className = counts.violated > 0 ? (gating ? 'violated' : 'outside') : counts.holds > 0 ? 'holds' : 'na';
  const title = gating ? 'holds / violated / not applicable' : 'diagnostic: within / outside its margin / not applicable (never gating)';
  return html`<td class="num ${className}" title="${title}${detail === undefined ? '' : `; ${detail}`}">${counts.holds} / ${counts.violated} / ${counts.notApplicable}</td>`;
}
