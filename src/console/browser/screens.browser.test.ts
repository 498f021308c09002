/**
 * Every screen of the console in Chromium, on nodes holding the demo's data: no data without a
 * session, a keyboard reaches the navigation, and a screenshot of each screen in both languages
 * goes to docs/screenshots/ (what the README links to).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  LANGUAGES,
  SCREENSHOT_DIR,
  browserTestsCanRun,
  byTestId,
  eventually,
  launchChromium,
  openConsole,
  screenshot,
  signIn,
  startNodePair,
  type ConsoleWindow,
  type NodePair,
} from './harness.js';

/** Console API paths that hold data; each must answer 401 without a session. */
const GUARDED = [
  '/console/api/session',
  '/console/api/overview',
  '/console/api/objects',
  '/console/api/accounts',
  '/api/v1/peers',
  '/api/v1/node',
];

describe('console in Chromium: every screen in both languages, the keyboard, and no data without a session', { timeout: 240_000 }, () => {
  if (!browserTestsCanRun()) return;

  let pair: NodePair;
  let browser: Browser;
  const windows: ConsoleWindow[] = [];
  const open = async (locale = 'en-US') => {
    const win = await openConsole(browser, pair.us, { locale });
    windows.push(win);
    return win;
  };

  before(async () => {
    pair = await startNodePair({ seedDemo: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await pair?.close();
  });

  it('signed out, every console address shows the sign-in page and the API answers 401', async () => {
    const { page, context } = await open();
    for (const path of ['/console/', '/console/intelligence', '/console/audit']) {
      await page.goto(path);
      await byTestId(page, 'signin-username').waitFor({ state: 'visible' });
      assert.equal(await byTestId(page, 'nav-overview').count(), 0, `${path} shows the console without a session`);
      assert.equal(await byTestId(page, 'object-row').count(), 0);
    }
    for (const path of GUARDED) {
      const res = await context.request.get(path);
      assert.equal(res.status(), 401, `${path} without a session`);
    }
    const home = await context.request.get('/', { maxRedirects: 0 });
    assert.ok(
      home.status() >= 300 && home.status() < 400 && /\/console\/$/.test(home.headers()['location'] ?? ''),
      'GET / redirects to /console/',
    );
  });

  it("the sign-in page follows the browser's language, and both are written to docs/screenshots", async () => {
    const texts: string[] = [];
    for (const lang of LANGUAGES) {
      const { page } = await open(lang === 'en' ? 'en-US' : 'es-MX');
      await page.goto('/console/');
      await byTestId(page, 'signin-submit').waitFor({ state: 'visible' });
      texts.push((await byTestId(page, 'signin-submit').innerText()).trim());
      await screenshot(page, 'sign-in', lang);
    }
    assert.notEqual(texts[0], texts[1], 'the sign-in button reads the same in English and Spanish');
  });

  it('a change without the CSRF token is refused, with it the session may sign out', async () => {
    const win = await open();
    await signIn(win, 'analyst');
    const { context } = win;
    const forged = await context.request.post('/console/api/objects', {
      data: {
        type: 'indicator',
        name: 'forged',
        pattern: "[ipv4-addr:value = '192.0.2.1']",
        pattern_type: 'stix',
        valid_from: new Date().toISOString(),
      },
    });
    assert.equal(forged.status(), 403);
    const session = (await (await context.request.get('/console/api/session')).json()) as { csrfToken: string };
    const out = await context.request.delete('/console/api/session', { headers: { 'x-csrf-token': session.csrfToken } });
    assert.equal(out.status(), 204);
    assert.equal((await context.request.get('/console/api/overview')).status(), 401);
  });

  it('the keyboard alone reaches the main navigation, with a visible focus, and opens a screen', async () => {
    const win = await open();
    await signIn(win, 'admin');
    const { page } = win;
    await page.goto('/console/');
    await byTestId(page, 'nav-overview').waitFor({ state: 'visible' });
    const focused = async () => String(await page.evaluate("document.activeElement?.getAttribute('data-testid') ?? ''"));
    let reached = '';
    for (let i = 0; i < 40 && !reached.startsWith('nav-'); i++) {
      await page.keyboard.press('Tab');
      reached = await focused();
    }
    assert.match(reached, /^nav-/, 'Tab never reached a navigation link');
    const ring = String(
      await page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? 'outline' : s.boxShadow !== 'none' ? 'shadow' : ''; })()",
      ),
    );
    assert.notEqual(ring, '', 'the focused navigation link shows no focus ring');
    for (let i = 0; i < 10 && (await focused()) !== 'nav-intelligence'; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'nav-intelligence');
    await page.keyboard.press('Enter');
    await byTestId(page, 'search-input').waitFor({ state: 'visible' });
  });

  it('every screen, in English and in Spanish, is written to docs/screenshots', async () => {
    const win = await open();
    await signIn(win, 'admin');
    const { page } = win;
    for (const lang of LANGUAGES) {
      await byTestId(page, 'lang-switch').selectOption(lang);
      await eventually(`the console is in ${lang}`, async () => (await page.evaluate('document.documentElement.lang')) === lang);
      await tour(page, lang);
    }
    // Leave the account as it was found.
    await byTestId(page, 'lang-switch').selectOption('en');
    console.log(`# screenshots written to ${SCREENSHOT_DIR}`);
  });

  it("nothing was fetched from anywhere but the node's own origin, and no script failed", () => {
    for (const win of windows) {
      assert.deepEqual(win.foreignRequests, [], 'the console fetched from another origin');
      assert.deepEqual(win.pageErrors, [], 'the console had uncaught errors');
    }
  });
});

/** Visits each screen the way a person would and photographs it once it has loaded. */
async function tour(page: Page, lang: (typeof LANGUAGES)[number]): Promise<void> {
  await goTo(page, 'nav-overview');
  await screenshot(page, 'overview', lang);

  await goTo(page, 'nav-intelligence');
  await byTestId(page, 'object-row').first().waitFor({ state: 'visible' });
  await screenshot(page, 'intelligence', lang);

  // A threat actor with relationships, notes and the partner's view: the richest object page.
  await byTestId(page, 'search-input').fill('Los Arcos network');
  await page.locator('[data-testid="object-row"]', { hasText: 'Los Arcos network' }).first().click();
  await byTestId(page, 'object-title').waitFor({ state: 'visible' });
  await screenshot(page, 'object', lang);

  await goTo(page, 'nav-release');
  await page.locator('[data-testid="release-item"][data-decision="withhold"]').first().waitFor({ state: 'visible' });
  await screenshot(page, 'release', lang);

  await goTo(page, 'nav-audit');
  await byTestId(page, 'audit-verify').click();
  await page.locator('[data-testid="audit-verdict"][data-ok="true"]').waitFor({ state: 'visible' });
  await screenshot(page, 'audit', lang);

  await goTo(page, 'nav-admin');
  await screenshot(page, 'administration', lang);
}

/** Follows a navigation link and waits until its screen is the current one. */
async function goTo(page: Page, navId: string): Promise<void> {
  await byTestId(page, navId).click();
  await eventually(`${navId} is the current screen`, async () => (await byTestId(page, navId).getAttribute('aria-current')) === 'page');
}
