/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), and one browser window
 * on a node's console: what the browser tests and the load benchmark share.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { TestNode } from '../../test-support/nodes.js';

export const CHROMIUM = process.env.ENLACE_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** The repository, from dist/console/browser/ where this file runs compiled. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
export const CONSOLE_INDEX = join(REPO_ROOT, 'dist', 'console', 'index.html');
export const SCREENSHOT_DIR = process.env.ENLACE_SCREENSHOT_DIR ?? join(REPO_ROOT, 'docs', 'screenshots');

/** The two languages of the console, as the language switch names them. */
export const LANGUAGES = ['en', 'es-MX'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Laptop screen: the smaller of the two sizes the console must work at. */
export const LAPTOP = { width: 1366, height: 768 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** One browser window on one node's console, remembering what it should never do. */
export interface ConsoleWindow {
  node: TestNode;
  context: BrowserContext;
  page: Page;
  /** Every request the page made to anything but its node's own origin. */
  foreignRequests: string[];
  /** Uncaught errors in the page's scripts. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openConsole(browser: Browser, node: TestNode, o: { locale?: string } = {}): Promise<ConsoleWindow> {
  const context = await browser.newContext({ baseURL: node.url, locale: o.locale ?? 'en-US', viewport: LAPTOP });
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  const origin = new URL(node.url).origin;
  context.on('request', (r) => {
    const url = r.url();
    // data: and blob: URLs are made in the page itself; nothing leaves the machine for them.
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreignRequests.push(url);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { node, context, page, foreignRequests, pageErrors, close: () => context.close() };
}

export const byTestId = (page: Page, id: string): Locator => page.getByTestId(id);

/** Signs in through the sign-in page and waits for the console's navigation. */
export async function signIn(win: ConsoleWindow, username: string, password = `${username}-password`): Promise<void> {
  const { page } = win;
  await page.goto('/console/');
  await byTestId(page, 'signin-username').fill(username);
  await byTestId(page, 'signin-password').fill(password);
  await byTestId(page, 'signin-submit').click();
  await byTestId(page, 'nav-overview').waitFor({ state: 'visible' });
}
