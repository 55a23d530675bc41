/**
 * Escaping for every markup the report writes. Everything that comes from a run (suite names,
 * labels, replay strings, where-strings, theorem titles and statements) goes through here.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML (and inline SVG) text and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** characters XML 1.0 cannot carry: C0 controls other than tab, LF, CR; unpaired surrogates; U+FFFE, U+FFFF */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** XML text content: markup characters escaped, characters XML cannot carry replaced by U+FFFD. */
export function escapeXmlText(text: string): string {
  return escapeHtml(text.replace(NOT_XML_CHAR, '\uFFFD'));
}

/** An XML attribute value: as text, and tab, LF and CR as character references (a parser would turn them into spaces). */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}
