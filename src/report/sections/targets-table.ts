import type { Results } from '../../harness/results.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';

/** The targeted search's worst ratio against plain random generation with the same number of runs. */
export function targetsSection(r: Results): Markup {
  const tight = new Set(r.theorems.filter((t) => t.tight).map((t) => t.id));
  const rows = r.targets.map(
    (t) =>
      html`<tr class="${t.error ? 'bad' : ''}"><td>${t.property}</td><td><a href="#theorem-${t.theorem}">${t.theorem}</a>${tight.has(t.theorem) && html` <span class="tag">tight</span>`}</td><td class="num">${t.budget}</td><td class="num">${formatNumber(t.randomWorst)}</td><td class="num">${formatNumber(t.targetedWorst)}</td><td>${t.replay === null ? '—' : html`<details class="replay"><summary>replay</summary><code>${t.replay}</code></details>`}</td><td>${t.error ?? ''}</td></tr>`,
  );
  return html`<section><h2 id="targets">Targeted search</h2>
<p>Hill-climbing on the observed/bound ratio of each gating theorem against random generation with the same number of runs. For a <em>tight</em> theorem the bound is attained, so the worst ratio is the fraction of the worst case reached: for <code>gradient-method-exact-worst-case</code>, of Drori and Teboulle's exact worst case L‖x_0 − x*‖²/(4kh + 2) of the constant-step gradient method.</p>
${r.targets.length === 0 ? html`<p>No targeted search in this run.</p>` : html`<table id="targets-table"><thead><tr><th>property</th><th>theorem</th><th>runs</th><th>random worst</th><th>targeted worst</th><th>targeted worst case</th><th>error</th></tr></thead><tbody>${rows}</tbody></table>`}
</section>`;
}
