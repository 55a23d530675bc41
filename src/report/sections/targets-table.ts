import type { Results } from '../../harness/results.js';
import { formatNumber } from '../format.js';
import { html, type Markup } from '../markup.js';

/** The targeted search's worst ratio against plain random generation with the same number of runs. */
export function targetsSection(r: Results): Markup {
  const rows = r.targets.map(
    (t) =>
      html`<tr class="${t.error ? 'bad' : ''}"><td>${t.property}</td><td><a href="#theorem-${t.theorem}">${t.theorem}</a></td><td class="num">${t.budget}</td><td class="num">${formatNumber(t.randomWorst)}</td><td class="num">${formatNumber(t.targetedWorst)}</td><td>${t.replay === null ? '—' : html`<code>${t.replay}</code>`}</td><td>${t.error ?? ''}</td></tr>`,
  );
  return html`<section><h2 id="targets">Targeted search</h2>
${r.targets.length === 0 ? html`<p>No targeted search in this run.</p>` : html`<table id="targets-table"><thead><tr><th>property</th><th>theorem</th><th>runs</th><th>random worst</th><th>targeted worst</th><th>targeted worst case (replay)</th><th>error</th></tr></thead><tbody>${rows}</tbody></table>`}
</section>`;
}
