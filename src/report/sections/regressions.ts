import type { Results } from '../../harness/results.js';
import { html, type Markup } from '../markup.js';

const shown = (v: number | string | null): string => (v === null ? '—' : String(v));

/** What got worse than the baseline (shown only when something did). */
export function regressionsSection(r: Results): Markup | null {
  if (r.regressions.length === 0) return null;
  return html`<section><h2 id="regressions">Baseline regressions (${r.regressions.length})</h2>
<ul>${r.regressions.map((g) => html`<li><code>${g.key}</code>: ${g.what} (baseline ${shown(g.baseline)}, now ${shown(g.now)})</li>`)}</ul>
</section>`;
}
