// Drives the built workbench in the machine's Chromium through playwright-core (no browser is
// downloaded): used by its tests (tests/playground/) and by `npm run screenshot`.
import { spawnSync } from 'node:child_process';
import { chromium as playwright } from 'playwright-core';

/** The Chromium command's full path (playwright-core starts it by path). */
export function executable(name = 'chromium') {
  if (name.includes('/')) return name;
  const r = spawnSync('sh', ['-c', `command -v "${name}"`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : name;
}

/** Headless Chromium. */
export function launch(name) {
  return playwright.launch({ executablePath: executable(name), headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
}

/**
 * The workbench at `url` in a fresh browser context (its own local storage), once it is ready.
 * Errors thrown in the page fail the caller: they are collected and thrown at the next call.
 */
export async function openWorkbench(browser, url, { width = 1400, height = 900 } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
  if (errors.length) throw new Error(`the page threw: ${errors.join('\n')}`);
  return { page, context, errors };
}
