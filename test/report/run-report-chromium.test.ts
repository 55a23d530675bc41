import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ratecheck } from '../cli/run-cli.js';
import { fixture, runDir, tempDir } from '../harness/run-support.js';
import { openInChromium } from '../support/chromium.js';

it('the report of `ratecheck run` opens in headless Chromium: no console errors, the summary, ≥ 3 charts, the bound overlay, and a suite name with <script> shown escaped', async () => {
  const out = tempDir('chromium-run');
  const r = ratecheck('run', '--suite', fixture('script-name.suite.json'), '--out', out);
  expect(r.code, r.stderr).toBe(0);
  const opened = await openInChromium(join(runDir(out), 'index.html'));
  try {
    const { page, consoleErrors } = opened;
    expect(await page.locator('#summary').count()).toBe(1);
    expect(await page.locator('#summary tr').count()).toBeGreaterThan(2);
    expect(await page.locator('#methods-table tbody tr').count()).toBeGreaterThan(2);
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('svg.chart .bound-overlay').count()).toBeGreaterThan(0);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain("<script>alert('suite name')</script> report check");
    expect(consoleErrors).toEqual([]);
  } finally {
    await opened.close();
  }
}, 120_000);
