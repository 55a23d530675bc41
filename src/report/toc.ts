import { html, type Markup } from './markup.js';

/** A link of the table of contents: `id` is the id of its target element in the page. */
export interface TocEntry {
  readonly id: string;
  readonly title: string;
  /** shown on hover */
  readonly hint?: string;
}

/** A section of the report as it is shown: its markup carries an element (its `<h2>`) with the entry's id. */
export interface RenderedSection {
  readonly entry: TocEntry;
  readonly markup: Markup;
  /** links listed under the section's own (e.g. each theorem under "Theorems") */
  readonly children: readonly TocEntry[];
}

const link = (e: TocEntry): Markup => html`<a href="#${e.id}"${e.hint !== undefined && html` title="${e.hint}"`}>${e.title}</a>`;

/** The table of contents: one link per section shown, in page order, with its children listed under it. */
export function tableOfContents(sections: readonly RenderedSection[]): Markup {
  return html`<nav class="toc" aria-label="contents"><ol>${sections.map(
    (s) => html`<li>${link(s.entry)}${s.children.length > 0 && html`<ol class="toc-children">${s.children.map((c) => html`<li>${link(c)}</li>`)}</ol>`}</li>`,
  )}</ol></nav>`;
}
