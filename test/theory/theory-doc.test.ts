import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { checkProperty } from '../../properties/property.js';
import { THEOREMS } from '../../src/theory/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const THEORY_DOC = readFileSync(join(ROOT, 'docs', 'theory.md'), 'utf8');

/** GitHub's heading anchor: lower case, punctuation other than - and _ dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-');
}

const ANCHORS = new Set([...THEORY_DOC.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1])));

/** Documents a user of the repository does not have; a published book's section (Nocedal & Wright, §3.1) is a citation, not one of them. */
function outsideReference(text: string): string | null {
  const m = text.replace(/Nocedal & Wright, §[\d.]+/g, '').match(/gns\.md|gns-validation|peers\.md|\bspec\b|shared\/|design\.md|§/i);
  return m ? m[0] : null;
}

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

describe('docs/theory.md and the theorem strings', () => {
  it('every theorem has a "### <id>" section, listed in the contents, and its source links to it', () => {
    for (const t of THEOREMS) {
      expect(THEORY_DOC, t.id).toContain(`\n### ${t.id}\n`);
      expect(THEORY_DOC, `contents entry of ${t.id}`).toContain(`| [\`${t.id}\`](#${t.id}) |`);
      expect(t.source, t.id).toContain(`docs/theory.md#${t.id}`);
    }
  });

  it('no theorem string names a document outside the repository', () => {
    for (const t of THEOREMS) {
      const strings = { title: t.title, source: t.source, gatingReason: t.gatingReason, ...Object.fromEntries(t.assumptions.map((a) => [`assumption ${a.id}`, a.statement])) };
      for (const [field, text] of Object.entries(strings)) expect(outsideReference(text), `${t.id} ${field}: ${text}`).toBeNull();
    }
  });

  it('no power-check description names a document outside the repository', () => {
    for (const p of ALL_PROPERTIES) expect(outsideReference(p.power.description), `${p.id}: ${p.power.description}`).toBeNull();
  });

  it('the verdicts of real runs state their slack without naming a document outside the repository', () => {
    const ids = ['lemma1-decrease', 'convex-step-certified', 'envelope-qsc', 'scale-invariance', 'affine-invariance', 'lemma1-chain', 'gradient-method-rate', 'theorem1-sum'];
    const judged = new Set<string>();
    for (const id of ids) {
      const p = ALL_PROPERTIES.find((q) => q.id === id);
      if (!p) throw new Error(`no property ${id}`);
      for (const c of checkProperty(p, 2, 7).cases) {
        for (const [theorem, v] of Object.entries(c.verdicts)) {
          if (v.status === 'not-applicable') continue;
          judged.add(theorem);
          for (const text of [v.slack, v.note ?? '']) expect(outsideReference(text), `${theorem}: ${text}`).toBeNull();
        }
      }
    }
    // the runs must have judged something, or the check above proves nothing
    expect(judged.size).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('every docs/theory.md#… anchor named in src/, properties/ and docs/ exists', () => {
    const files = [...filesUnder(join(ROOT, 'src'), '.ts'), ...filesUnder(join(ROOT, 'properties'), '.ts'), ...filesUnder(join(ROOT, 'docs'), '.md')];
    let seen = 0;
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/theory\.md#([\p{L}\p{N}_-]+)/gu)) {
        seen++;
        expect(ANCHORS.has(m[1]), `${file}: #${m[1]}`).toBe(true);
      }
    }
    for (const m of THEORY_DOC.matchAll(/\]\(#([^)]+)\)/g)) expect(ANCHORS.has(m[1]), `docs/theory.md link #${m[1]}`).toBe(true);
    expect(seen).toBeGreaterThan(THEOREMS.length);
  });
});
