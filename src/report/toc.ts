import { html, Markup } from './markup.js';

/** A link of the table of contents: `id` is the id of its target element in the page. */
export interface TocEntry {
  readonly id: string;
  /** a string is escaped; Markup is already */
  readonly title: string | Markup;
  /** shown on hover */
  readonly hint?: string;
}

/** A section of the report as it is shown, with its entry in the table of contents and the links listed under it (e.g. each theorem under "Theorems"). */
export interface RenderedSection {
  readonly markup: Markup;
  readonly entry: TocEntry | null;
  readonly children: readonly TocEntry[];
}

const FIRST_H2 = /<h2 id="([^"]+)"[^>]*>([\s\S]*?)<\/h2>/;

/** The entry of a section's first `<h2 id>`: its id and its text (null when the section has none to link to). */
export function headingEntry(section: Markup): TocEntry | null {
  const m = FIRST_H2.exec(section.text);
  return m === null ? null : { id: m[1], title: new Markup(m[2].replace(/<[^>]*>/g, '').trim()) };
}

const link = (e: TocEntry): Markup => html`<a href="#${e.id}"${e.hint !== undefined && html` title="${e.hint}"`}>${e.title}</a>`;

/** The table of contents: one link per section with a heading, in page order, with its children listed under it (nothing when no section is shown). */
export function tableOfContents(sections: readonly RenderedSection[]): Markup {
  const listed = sections.flatMap((s) => (s.entry === null ? [] : [{ entry: s.entry, children: s.children }]));
  if (listed.length === 0) return html``;
  return html`<nav class="toc" aria-label="contents"><ol>${listed.map(
    (s) =>
      s.children.length === 0
        ? html`<li>${link(s.entry)}</li>`
        : html`<li class="with-children">${link(s.entry)}<ol class="toc-children">${s.children.map((c) => html`<li>${link(c)}</li>`)}</ol></li>`,
  )}</ol></nav>`;
}
