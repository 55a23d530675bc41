import type { CoverageCount } from '../../coverage/coverage-summary.js';
import type { Results } from '../../harness/results.js';
import { html, type Markup } from '../markup.js';

const percent = (c: CoverageCount): string => (c.percent === null ? '—' : `${c.percent.toFixed(1)}% (${c.covered}/${c.total})`);

/** Which lines and branches of the method under test the scenarios reached (`run --coverage`); shown only when counted. */
export function coverageSection(r: Results): Markup | null {
  const c = r.coverage;
  if (!c) return null;
  const named = c.named.map(
    (n) =>
      html`<tr${n.status !== 'reached' && html` class="bad"`}><td>${n.name}</td><td><code>${n.line === null ? n.file : `${n.file}:${n.line}`}</code></td><td>${n.status === 'reached' ? 'reached' : n.status === 'unreached' ? 'not reached' : 'not found in the source'}</td><td class="num">${n.count}</td></tr>`,
  );
  const files = c.files.map((f) => html`<tr><td><code>${f.file}</code></td><td class="num">${f.loaded ? percent(f.lines) : 'not loaded'}</td><td class="num">${percent(f.branches)}</td></tr>`);
  // files named inside the scope, which the heading names
  const inScope = (file: string): string => (file.startsWith(c.scope) ? file.slice(c.scope.length) : file);
  const unreached = c.unreached.map(
    (u) => html`<tr><td><code>${inScope(u.file)}:${u.line}</code></td><td><code>${u.function}</code></td><td>${u.kind}</td><td><code>${u.text}</code>${u.kind === 'block' && u.at !== '' && !u.text.startsWith(u.at) && html`<br>at <code>${u.at}</code>`}</td></tr>`,
  );
  return html`<section><h2 id="coverage">What the suite exercised</h2>
<p>V8 block coverage of <code>${c.scope}</code>, merged over ${c.threads} threads (the workers and the main thread), mapped to the TypeScript lines through the source maps: branches ${percent(c.branches)}, lines ${percent(c.lines)}.${c.lostThreads > 0 && ` ${c.lostThreads} worker threads ended before their counts were taken: what they ran is missing.`} A branch is a function or a block V8 counts apart from the code around it; an unreached branch below is one no scenario entered although the code around it ran.</p>
<table id="coverage-named"><thead><tr><th>branch</th><th>where</th><th>this run</th><th>times</th></tr></thead><tbody>${named}</tbody></table>
<details class="coverage-files"><summary>Per file</summary>
<div class="wide"><table id="coverage-files"><thead><tr><th>file</th><th>lines</th><th>branches</th></tr></thead><tbody>${files}</tbody></table></div>
</details>
<h3>Unreached branches in <code>${c.scope}</code> (${c.unreached.length})</h3>
${c.unreached.length === 0 ? html`<p>Every branch was reached.</p>` : html`<div class="wide"><table id="coverage-unreached"><thead><tr><th>where</th><th>function</th><th>kind</th><th>source line</th></tr></thead><tbody>${unreached}</tbody></table></div>`}
</section>`;
}
