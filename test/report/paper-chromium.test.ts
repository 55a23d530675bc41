import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/harness/results.js';
import { ratecheck } from '../cli/run-cli.js';
import { readJson, runDir, tempDir } from '../harness/run-support.js';
import { type OpenedPage, openInChromium } from '../support/chromium.js';

/**
 * The paper suite's report (the whole suite, ~10 s on 2 cores) at 1400 px in headless Chromium: every
 * experiment drawn as a figure with its runs overlaid, and no algebraic order printed for a linear run.
 * RATECHECK_SCREENSHOT_DIR, when set, receives paper-report.png (the section's start at 1400 px) and four experiments' blocks.
 */
describe('the paper report in headless Chromium', () => {
  const out = tempDir('paper-chromium');
  let results: Results;
  let opened: OpenedPage | undefined;

  beforeAll(async () => {
    const r = ratecheck('run', '--suite', 'paper', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    results = readJson<Results>(join(runDir(out), 'results.json'));
    opened = await openInChromium(join(runDir(out), 'index.html'));
    await opened.page.setViewportSize({ width: 1400, height: 1000 });
  }, 180_000);

  afterAll(async () => {
    await opened?.close();
  });

  function page() {
    if (!opened) throw new Error('the report did not open');
    return opened.page;
  }

  it('loads without console errors', () => {
    expect(opened?.consoleErrors).toEqual([]);
  });

  it('draws each experiment as a figure with at least two runs overlaid, on every instance', async () => {
    const experiments = [...new Set(results.paperRuns.map((p) => p.experiment))];
    expect(experiments.length).toBeGreaterThanOrEqual(9);
    for (const id of experiments) {
      const block = page().locator(`div.paper-experiment[data-experiment="${id}"]`);
      expect(await block.count(), id).toBe(1);
      const instances = new Set(results.paperRuns.filter((p) => p.experiment === id).map((p) => p.instance));
      expect(await block.locator('div.paper-figure').count(), id).toBe(instances.size);
      const drawn: number[] = await block.locator('svg.chart').evaluateAll((charts) => charts.map((c) => c.querySelectorAll('g.series:has(path, circle)').length));
      expect(drawn.length, id).toBe(2 * instances.size);
      expect(Math.max(...drawn), `${id}: series drawn per chart ${drawn.join(', ')}`).toBeGreaterThanOrEqual(2);
    }
    const first = page().locator('div.paper-figure svg.chart').first();
    expect(await first.isVisible()).toBe(true);
    expect((await first.boundingBox())?.width).toBeGreaterThan(400);
    expect(await first.locator('.axes text').allTextContents()).toContain('f − f* (log axis)');
  });

  it('prints no log–log order for a run whose tail is linear, and the fitted q beside it', async () => {
    const linear = page().locator('table.paper-runs tr[data-regime="linear"]');
    const count = await linear.count();
    expect(count).toBe(results.paperRuns.filter((p) => p.regime?.kind === 'linear').length);
    expect(count).toBeGreaterThan(0);
    for (const text of await linear.locator('td.log-log').allTextContents()) expect(text).toBe('— (linear rate: no algebraic order)');
    for (const text of await linear.locator('td.q-linear').allTextContents()) expect(text).toMatch(/^0\.\d+$|^\d\.\d+e-\d+$/);
    const sublinear = page().locator('table.paper-runs tr[data-regime="sublinear"] td.log-log');
    for (const text of await sublinear.allTextContents()) expect(text).toMatch(/\d/);
    expect(await page().locator('table.paper-runs td.theory-rate').first().textContent()).toBe('linear');
  });

  it('has the section under a stable id, linked from the table of contents with each experiment under it, and a screenshot of it at 1400 px', async () => {
    const heading = page().locator('h2#paper-runs');
    expect(await heading.count()).toBe(1);
    const links = await page().locator('nav.toc a[href^="#paper-"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const experiments = [...new Set(results.paperRuns.map((p) => p.experiment))];
    expect(links).toEqual(['#paper-runs', ...experiments.map((id) => `#paper-${id}`)]);
    for (const href of links) expect(await page().locator(href).count(), href).toBe(1);
    await heading.scrollIntoViewIfNeeded();
    const dir = process.env.RATECHECK_SCREENSHOT_DIR;
    if (dir) {
      await page().screenshot({ path: join(dir, 'paper-report.png') });
      for (const id of ['fig1-2-logsumexp', 'fig3-nonlinear-equations', 'fig4-rosenbrock', 'phase-diagram']) await page().locator(`div.paper-experiment[data-experiment="${id}"]`).screenshot({ path: join(dir, `paper-${id}.png`) });
    }
    expect(await page().evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
  });
});
