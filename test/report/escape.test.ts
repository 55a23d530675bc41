import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeXmlAttribute, escapeXmlText } from '../../src/report/escape.js';
import { html, Markup } from '../../src/report/markup.js';

describe('escaping', () => {
  it('escapes the five HTML markup characters', () => {
    expect(escapeHtml(`<script>alert("1" & '2')</script>`)).toBe('&lt;script&gt;alert(&quot;1&quot; &amp; &#39;2&#39;)&lt;/script&gt;');
    expect(escapeHtml('δ_k ≤ E_k, ‖g‖')).toBe('δ_k ≤ E_k, ‖g‖');
  });

  it('keeps XML well formed: control characters and lone surrogates become U+FFFD', () => {
    expect(escapeXmlText('a\u0000b\u0007c\td\ne\rf')).toBe('a\uFFFDb\uFFFDc\td\ne\rf');
    expect(escapeXmlText('x\uD800y\uDC00z\uD83D\uDE00')).toBe('x\uFFFDy\uFFFDz\uD83D\uDE00');
    expect(escapeXmlText('\uFFFE<&>')).toBe('\uFFFD&lt;&amp;&gt;');
  });

  it('keeps tabs and line breaks in XML attributes as character references', () => {
    expect(escapeXmlAttribute('a\tb\nc\rd"')).toBe('a&#9;b&#10;c&#13;d&quot;');
  });
});

describe('the html template tag', () => {
  it('escapes interpolated strings but not markup', () => {
    const name = '<b>&</b>';
    const inner = html`<i>${name}</i>`;
    expect(html`<p title="${name}">${inner}</p>`.text).toBe('<p title="&lt;b&gt;&amp;&lt;/b&gt;"><i>&lt;b&gt;&amp;&lt;/b&gt;</i></p>');
  });

  it('prints numbers, joins arrays and drops null, undefined and false', () => {
    expect(html`${[1, 'a<', new Markup('<br>')]}|${null}${undefined}${false}|${0}`.text).toBe('1a&lt;<br>||0');
  });
});
