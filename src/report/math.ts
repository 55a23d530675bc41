import temml from 'temml';
import { html, Markup } from './markup.js';

/** A TeX statement as MathML, or the reason temml could not parse it. */
export type RenderedMath = { readonly ok: true; readonly mathml: string } | { readonly ok: false; readonly error: string };

/**
 * TeX → MathML with temml, when the report is written: no script and no font file in the page.
 * `trust: false` refuses \href, \url, \html… (the statement may come from a results file), and temml
 * escapes every character it copies into the MathML; `wrap: 'tex'` groups the formula so that Firefox
 * may break it after a relation or operator as TeX would (Chromium does not break MathML: a statement
 * too long for one line carries its own `\\`).
 */
export function texToMathMl(tex: string): RenderedMath {
  try {
    return { ok: true, mathml: temml.renderToString(tex, { throwOnError: true, strict: false, trust: false, wrap: 'tex' }) };
  } catch (e) {
    // temml's message ends with the source underlined by combining characters: the first line is the reason
    const message = e instanceof Error ? e.message.trim().split('\n')[0] : String(e);
    return { ok: false, error: message.replace(/\s*at position \d+:?\s*$/, '') };
  }
}

/** A theorem statement shown as MathML; one temml cannot parse is shown as its escaped TeX source with a note saying so. */
export function mathStatement(tex: string): Markup {
  const rendered = texToMathMl(tex);
  if (rendered.ok) return html`<div class="statement">${new Markup(rendered.mathml)}</div>`;
  return html`<div class="statement unrendered"><pre>${tex}</pre><p class="note">TeX source shown: it could not be rendered (${rendered.error}).</p></div>`;
}
