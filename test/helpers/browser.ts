import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

import { buildWeb } from '../../src/cli/buildWeb.js';
import { projectRoot } from '../../src/database/projectRoot.js';

/**
 * A real headless Chromium for the end-to-end tests, driven by playwright-core (which
 * downloads nothing). Which Chromium: CHROMIUM_PATH when set, else a system one at the usual
 * paths (Debian's `chromium` package), else the one that `npm install` brought in the
 * registry package @sparticuz/chromium (unpacked to the temporary folder on first use), so
 * the README's `npm test` needs no system browser. WebGL (sigma.js) runs on SwiftShader,
 * Chromium's software renderer; the background-networking flags keep it from calling out
 * of a machine with a closed network.
 */
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
export const SCREENSHOTS = join(projectRoot, 'test-results');

export async function chromiumPath(): Promise<{ path: string; origin: string }> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is ${configured}, where there is no file.`);
    return { path: configured, origin: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return { path: system, origin: 'system' };
  const { default: packaged } = await import('@sparticuz/chromium');
  return { path: await packaged.executablePath(), origin: '@sparticuz/chromium' };
}

export async function launchChromium(): Promise<Browser> {
  const { path } = await chromiumPath();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: path,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A page that records its errors and every request leaving the server under test. */
export async function openPage(browser: Browser, origin: string): Promise<{ page: Page; problems: string[]; outside: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const problems: string[] = [];
  const outside: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  return { page, problems, outside };
}

/**
 * The explorer for a test file: the web pages built and Chromium launched before its tests,
 * closed after them. `open` loads the explorer at a query string (e.g. `?lang=fr`) in a new page
 * and waits for its map to be ready; `newPage` gives a recording page of the server (openPage).
 */
export function useExplorer(api: { current: { url: string } }): {
  open(search?: string): Promise<{ page: Page; problems: string[]; outside: string[] }>;
  newPage(): Promise<{ page: Page; problems: string[]; outside: string[] }>;
} {
  let browser: Browser | undefined;
  beforeAll(async () => {
    await buildWeb();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });
  const newPage = () => openPage(browser!, api.current.url);
  return {
    newPage,
    async open(search = '') {
      const opened = await newPage();
      await opened.page.goto(`${api.current.url}/explore${search}`);
      // Generous: software WebGL on a loaded 2-core machine stalls for seconds now and then.
      try {
        await opened.page.waitForSelector('#map[data-state=ready]', { timeout: 45_000 });
      } catch (error) {
        // Say what the page showed: a map that failed to load reads differently from one still laying out.
        const shown = await opened.page.evaluate(() => ({ state: document.querySelector<HTMLElement>('#map')?.dataset.state, status: document.querySelector('#status')?.textContent }));
        throw new Error(`The explorer at ${search || '/'} was not ready: map ${shown.state ?? 'absent'}, status "${shown.status ?? ''}"; page problems: ${opened.problems.join(' | ') || 'none'}`, { cause: error });
      }
      return opened;
    },
  };
}
