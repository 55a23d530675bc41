/**
 * A strict parser for the subset of XML that junit.xml uses (declaration, elements, double-quoted
 * attributes, text, character and the five predefined entity references); it throws on anything
 * malformed, so a test that parses a file shows that the file is well formed.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`raw '<' at ${where}`);
  return raw.replace(/&([^;]*);|&/g, (m, body: string | undefined) => {
    if (body === undefined) throw new Error(`bare '&' at ${where}`);
    if (body in ENTITIES) return ENTITIES[body];
    const n = /^#x([0-9a-f]+)$/i.exec(body) ? parseInt(body.slice(2), 16) : /^#(\d+)$/.exec(body) ? parseInt(body.slice(1), 10) : NaN;
    if (!Number.isFinite(n) || NOT_XML_CHAR.test(String.fromCodePoint(n))) throw new Error(`bad reference ${m} at ${where}`);
    return String.fromCodePoint(n);
  });
}

export function parseXml(text: string): XmlElement {
  if (NOT_XML_CHAR.test(text)) throw new Error('a character XML 1.0 cannot carry');
  let i = 0;
  const declaration = /^<\?xml [^?]*\?>\s*/.exec(text);
  if (declaration) i = declaration[0].length;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)>/y;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const top = stack[stack.length - 1];
    const chunk = text.slice(i, lt === -1 ? text.length : lt);
    if (stack.length === 1 && chunk.trim() !== '') throw new Error(`text outside the root element at ${i}`);
    top.text += decode(chunk, i);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(text);
    if (!m) throw new Error(`malformed tag at ${lt}: ${text.slice(lt, lt + 40)}`);
    const [all, closing, name, attrs, selfClosing] = m;
    i = lt + all.length;
    if (closing) {
      if (top.name !== name || attrs || selfClosing) throw new Error(`</${name}> closes <${top.name}> at ${lt}`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of attrs.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (a[1] in attributes) throw new Error(`duplicate attribute ${a[1]} at ${lt}`);
      attributes[a[1]] = decode(a[2], lt);
    }
    if (stack.length === 1 && root.children.length > 0) throw new Error('a second root element');
    const element: XmlElement = { name, attributes, children: [], text: '' };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0];
}

export function descendants(e: XmlElement, name: string): XmlElement[] {
  return e.children.flatMap((c) => [...(c.name === name ? [c] : []), ...descendants(c, name)]);
}
