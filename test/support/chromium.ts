import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

/** Debian's chromium package; playwright-core drives it, no browser download. */
export const CHROMIUM = '/usr/bin/chromium';

/** flags that keep the browser off the network and out of the user's profile */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface OpenedPage {
  readonly page: Page;
  /** console messages of type error, uncaught page errors and dialogs the page opened (a static page opens none), in order */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

function toUrl(fileUrlOrPath: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(fileUrlOrPath)) return fileUrlOrPath;
  return pathToFileURL(isAbsolute(fileUrlOrPath) ? fileUrlOrPath : resolve(fileUrlOrPath)).href;
}

/** Opens a page (a file: URL or a path) in headless Chromium with a fresh profile, collecting errors from the start; fails when Chromium is missing. */
export async function openInChromium(fileUrlOrPath: string): Promise<OpenedPage> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the browser tests need Debian's chromium package (apt-get install chromium)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'ratecheck-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      consoleErrors.push(`${d.type()} dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(toUrl(fileUrlOrPath), { waitUntil: 'load' });
    return { page, consoleErrors, close };
  } catch (e) {
    await close();
    throw e;
  }
}
