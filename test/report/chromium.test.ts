import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/write-report.js';
import { type OpenedPage, openInChromium } from '../support/chromium.js';
import { HOSTILE_SUITE, syntheticResults } from './fixture.js';

/** Every test fails (none skips) where Chromium cannot start: it is the build inside the @sparticuz/chromium devDependency (npm ci installs it). */
describe('index.html in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ratecheck-report-browser-'));
  let opened: OpenedPage | undefined;
  let openError: unknown;

  beforeAll(async () => {
    writeReport(syntheticResults(), dir);
    try {
      opened = await openInChromium(join(dir, 'index.html'));
    } catch (e) {
      openError = e;
    }
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function report(): OpenedPage {
    if (!opened) throw openError;
    return opened;
  }

  it('runs the Chromium unpacked from the @sparticuz/chromium devDependency, not a system browser', () => {
    console.log(`[report] Chromium: ${report().executablePath}`);
    expect(report().executablePath).toMatch(/\/ratecheck-chromium-[\d.]+-\d+\/chromium$/);
  });

  it('loads without console errors, page errors or dialogs', () => {
    expect(report().consoleErrors).toEqual([]);
  });

  it('shows the summary table, at least three visible charts (a theorem\'s once its details are opened) and a bound overlay', async () => {
    const page = report().page;
    expect(await page.locator('table#summary').isVisible()).toBe(true);
    expect(await page.locator('table#summary tbody tr').count()).toBe(3);
    for (const summary of await page.locator('details.theorem-detail > summary').all()) await summary.click();
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 3; i++) {
      expect(await charts.nth(i).isVisible()).toBe(true);
      expect((await charts.nth(i).boundingBox())?.width).toBeGreaterThan(100);
    }
    expect(await page.locator('svg.chart .bound-overlay').count()).toBeGreaterThan(0);
  });

  it('shows the methods table within the page column, and a theorem\'s split by family when opened', async () => {
    const page = report().page;
    const table = page.locator('table#methods-table');
    expect(await table.isVisible()).toBe(true);
    expect(await page.locator('table#methods-table tbody tr').count()).toBe(3);
    const [containerBox, mainBox] = [await table.locator('xpath=..').boundingBox(), await page.locator('main').boundingBox()];
    expect(containerBox?.width).toBeLessThanOrEqual(mainBox?.width ?? 0);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    const detail = page.locator('details#methods-envelope-qsc');
    expect(await detail.locator('table').isVisible()).toBe(false);
    await detail.locator('summary').click();
    expect(await detail.locator('table').isVisible()).toBe(true);
    expect(await detail.locator('tbody tr').count()).toBe(2);
  });

  it('shows a <script> suite name as text and runs no injected script', async () => {
    const { page, consoleErrors } = report();
    expect(await page.title()).toContain(HOSTILE_SUITE);
    expect(await page.locator('h1').textContent()).toContain('<script>alert(1)</script>');
    expect(await page.locator('script').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
