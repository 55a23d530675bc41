import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/harness/results.js';
import { isJudged } from '../../src/harness/summarize.js';
import { ratecheck } from '../cli/run-cli.js';
import { readJson, runDir, tempDir } from '../harness/run-support.js';
import { type OpenedPage, openInChromium } from '../support/chromium.js';

const WIDTH = 1400;

/**
 * The ci suite's report as a reader opens it, at 1400 px in headless Chromium: the summary's worst
 * ratio on screen without horizontal scrolling, every statement as MathML, a table of contents whose
 * every link lands, and the bound drawn dashed on each envelope theorem's chart.
 * RATECHECK_SCREENSHOT_DIR, when set, receives ci-report.png (the first screen at 1400 px).
 */
describe('the ci report at a glance in headless Chromium', () => {
  const out = tempDir('reader-chromium');
  let results: Results;
  let opened: OpenedPage | undefined;

  beforeAll(async () => {
    const r = ratecheck('run', '--suite', 'ci', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    results = readJson<Results>(join(runDir(out), 'results.json'));
    opened = await openInChromium(join(runDir(out), 'index.html'));
    await opened.page.setViewportSize({ width: WIDTH, height: 1000 });
    const screenshots = process.env.RATECHECK_SCREENSHOT_DIR;
    if (screenshots) await opened.page.screenshot({ path: join(screenshots, 'ci-report.png') });
    console.log(`[report] ci report at ${WIDTH} px: ${await opened.page.evaluate('document.documentElement.scrollHeight')} px tall`);
  }, 120_000);

  afterAll(async () => {
    await opened?.close();
  });

  function report(): OpenedPage {
    if (!opened) throw new Error('the report did not open');
    return opened;
  }

  it('loads without console errors', () => {
    expect(report().consoleErrors).toEqual([]);
  });

  it('shows the summary without horizontal scrolling, its worst-ratio column inside the viewport', async () => {
    const { page } = report();
    const widths = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })')) as { scroll: number; inner: number };
    expect(widths.inner).toBe(WIDTH);
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    const boxes = await page.locator('table#summary th.worst, table#summary td.worst').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect()).map((b) => ({ left: b.left, right: b.right })));
    expect(boxes).toHaveLength(1 + results.theorems.length);
    for (const b of boxes) {
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(WIDTH);
    }
    expect(await page.locator('table#summary th.worst').textContent()).toBe('worst ratio');
  });

  it('renders every theorem statement as MathML: no TeX source on the page, even with every fold opened', async () => {
    const { page } = report();
    expect(results.theorems.length).toBeGreaterThan(20);
    for (const t of results.theorems) expect(await page.locator(`section#theorem-${t.id} div.statement math`).count(), t.id).toBe(1);
    expect(await page.locator('div.statement.unrendered').count()).toBe(0);
    const overflowing = await page.locator('div.statement').evaluateAll((boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.closest('section')?.id));
    expect(overflowing).toEqual([]);
    await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
    const text = (await page.evaluate('document.body.innerText')) as string;
    expect(text).not.toMatch(/\\(frac|le|\||nabla|gamma|delta|text)\b|\\\|/);
  });

  it('has a table of contents every link of which lands on an element of the page', async () => {
    const { page } = report();
    const targets = await page.locator('nav.toc a').evaluateAll((links) => links.map((a) => (a.getAttribute('href') ?? '').slice(1)));
    expect(targets).toEqual(expect.arrayContaining(['summary-heading', 'theorems', ...results.theorems.map((t) => `theorem-${t.id}`)]));
    const missing = await page.evaluate(`${JSON.stringify(targets)}.filter((id) => document.getElementById(id) === null)`);
    expect(missing).toEqual([]);
  });

  it('draws the bound of each envelope theorem as a dashed series on its chart', async () => {
    const { page } = report();
    const envelopes = new Set(results.cases.filter(isJudged).flatMap((c) => c.trace?.envelopes.map((e) => e.theorem) ?? []));
    expect(envelopes.size).toBeGreaterThanOrEqual(4);
    for (const id of envelopes) {
      const dashed = await page
        .locator(`section#theorem-${id} svg.chart g.series.bound-overlay`)
        .evaluateAll((groups) => groups.filter((g) => (g.getAttribute('stroke-dasharray') ?? '') !== '' && g.querySelector('path') !== null).length);
      expect(dashed, id).toBeGreaterThan(0);
    }
  });
});
