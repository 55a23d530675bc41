import { describe, expect, it } from 'vitest';
import { mathStatement, texToMathMl } from '../../src/report/math.js';
import { THEOREMS } from '../../src/theory/index.js';

describe('theorem statements as MathML', () => {
  it('every theorem of src/theory/index.ts renders without a temml error', () => {
    const failed = THEOREMS.flatMap((t) => {
      const r = texToMathMl(t.statement);
      return r.ok ? [] : [`${t.id}: ${r.error}`];
    });
    expect(failed).toEqual([]);
    for (const t of THEOREMS) expect(texToMathMl(t.statement)).toMatchObject({ ok: true, mathml: expect.stringMatching(/^<math>.*<\/math>$/s) });
  });

  it('writes a fraction as mfrac and escapes the markup characters it copies', () => {
    const r = texToMathMl(String.raw`\frac{a}{b} < c \;\&\; \text{<b>"x"</b>}`);
    if (!r.ok) throw new Error(r.error);
    expect(r.mathml).toContain('<mfrac><mi>a</mi><mi>b</mi></mfrac>');
    expect(r.mathml).toContain('<mo>&lt;</mo>');
    expect(r.mathml).toContain('&amp;');
    expect(r.mathml).not.toMatch(/<b>|<\/b>/);
  });

  it('takes Unicode as written (a statement may mix TeX and Unicode)', () => {
    expect(texToMathMl(String.raw`\text{é} γ_k ≤ π(‖g‖), x^{′}`)).toMatchObject({ ok: true, mathml: expect.stringContaining('<mtext>é</mtext>') });
  });

  it('shows a statement temml cannot parse as its escaped source with a note, and never trusts \\href', () => {
    expect(texToMathMl(String.raw`\frac{1}{`).ok).toBe(false);
    const broken = mathStatement(String.raw`\frac{1}{<b>`).text;
    expect(broken).not.toContain('<math');
    expect(broken).toContain('<pre>\\frac{1}{&lt;b&gt;</pre>');
    expect(broken).toMatch(/<p class="note">TeX source shown: it could not be rendered \([^<]*Unexpected end of input[^<]*\)\.<\/p>/);
    const link = mathStatement(String.raw`\href{javascript:alert(1)}{x}`).text;
    expect(link).not.toContain('<a');
    expect(link).not.toContain('href=');
    expect(link).toContain('class="statement unrendered"');
  });
});
