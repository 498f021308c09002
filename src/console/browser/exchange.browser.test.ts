/**
 * The console's promise, in a real browser against two real nodes: what a U.S. officer creates
 * reaches the Mexico console when its marking allows and never when it does not; a person can
 * switch to Spanish, see why an object stays home, and verify the audit log with one click.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  browserTestsCanRun,
  byTestId,
  eventually,
  launchChromium,
  openConsole,
  selectLoosely,
  signIn,
  startNodePair,
  type ConsoleWindow,
  type NodePair,
} from './harness.js';

interface ListItem {
  id: string;
  name: string | null;
  tlp: string | null;
}

describe('console in Chromium: an object travels from the U.S. console to the Mexico console', { timeout: 240_000 }, () => {
  if (!browserTestsCanRun()) return;

  let pair: NodePair;
  let browser: Browser;
  let us: ConsoleWindow;
  let mx: ConsoleWindow;
  // One word both names share, so one search shows both (or shows that one is missing).
  const tag = `bt${randomBytes(4).toString('hex')}`;
  const made = {
    green: { name: `Courier route ${tag} GREEN`, pattern: "[ipv4-addr:value = '198.51.100.23']", id: '' },
    red: { name: `Informant contact ${tag} RED`, pattern: "[ipv4-addr:value = '203.0.113.99']", id: '' },
  };

  before(async () => {
    pair = await startNodePair();
    browser = await launchChromium();
    us = await openConsole(browser, pair.us);
    mx = await openConsole(browser, pair.mx);
  });
  after(async () => {
    await browser?.close();
    await pair?.close();
  });

  /** The objects a signed-in window's node lists for a search, through the console API. */
  async function listed(win: ConsoleWindow, q: string): Promise<ListItem[]> {
    const res = await win.page.request.get(`/console/api/objects?q=${encodeURIComponent(q)}`);
    assert.equal(res.status(), 200, await res.text());
    return ((await res.json()) as { items: ListItem[] }).items;
  }

  it('an administrator signs in on the U.S. console and creates a GREEN and a RED indicator', async () => {
    const { page } = us;
    await signIn(us, 'admin');
    for (const [marking, object] of Object.entries(made)) {
      await byTestId(page, 'nav-intelligence').click();
      await byTestId(page, 'create-object').click();
      await selectLoosely(byTestId(page, 'create-type'), 'indicator');
      await byTestId(page, 'create-name').fill(object.name);
      await byTestId(page, 'create-pattern').fill(object.pattern);
      await selectLoosely(byTestId(page, 'create-marking'), marking);
      await byTestId(page, 'create-submit').click();
      await eventually(`the U.S. node holds "${object.name}"`, async () => {
        const hit = (await listed(us, object.name)).find((i) => i.name === object.name);
        if (hit) object.id = hit.id;
        return hit !== undefined;
      });
      const item = (await listed(us, object.name)).find((i) => i.id === object.id);
      assert.equal(item?.tlp, marking, `"${object.name}" was created with marking ${marking}`);
    }
  });

  it('after a sync, the Mexico console shows the GREEN indicator and not the RED one', async () => {
    await pair.sync();
    const { page } = mx;
    await signIn(mx, 'analyst');
    await byTestId(page, 'nav-intelligence').click();
    await byTestId(page, 'search-input').fill(tag);
    await page.locator(`[data-testid="object-row"][data-id="${made.green.id}"]`).waitFor({ state: 'visible' });
    // The list has answered this search: the RED one is simply not there.
    assert.equal(await page.locator(`[data-testid="object-row"][data-id="${made.red.id}"]`).count(), 0);
    assert.doesNotMatch(await page.locator('body').innerText(), new RegExp(made.red.name));
    const mexicoHolds = await listed(mx, tag);
    assert.deepEqual(
      mexicoHolds.map((i) => i.id),
      [made.green.id],
    );
    const direct = await page.request.get(`/console/api/objects/${made.red.id}`);
    assert.equal(direct.status(), 404, 'Mexico does not hold the RED indicator at all');
  });

  it('switching to Spanish changes the console at once, and it stays Spanish after a reload and at the next sign-in', async () => {
    const { page } = mx;
    const nav = byTestId(page, 'nav-intelligence');
    const english = (await nav.innerText()).trim();
    await byTestId(page, 'lang-switch').selectOption('es-MX');
    await eventually('the navigation is in Spanish', async () => (await nav.innerText()).trim() !== english);
    const spanish = (await nav.innerText()).trim();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'es-MX');

    await page.reload();
    await nav.waitFor({ state: 'visible' });
    assert.equal(await byTestId(page, 'lang-switch').inputValue(), 'es-MX');
    assert.equal((await nav.innerText()).trim(), spanish);

    // Remembered for the person, not the browser: a fresh browser in English still opens in Spanish.
    const fresh = await openConsole(browser, pair.mx, { locale: 'en-US' });
    try {
      await signIn(fresh, 'analyst');
      const session = (await (await fresh.page.request.get('/console/api/session')).json()) as { user: { locale: string | null } };
      assert.equal(session.user.locale, 'es-MX', 'the account remembers the language');
      await eventually(
        "the console opens in the account's language",
        async () => (await byTestId(fresh.page, 'nav-intelligence').innerText()).trim() === spanish,
      );
      assert.deepEqual(fresh.foreignRequests, []);
    } finally {
      await fresh.close();
    }
  });

  it("opening the partner's indicator shows its page", async () => {
    const { page } = mx;
    await byTestId(page, 'nav-intelligence').click();
    await byTestId(page, 'search-input').fill(tag);
    await page.locator(`[data-testid="object-row"][data-id="${made.green.id}"]`).click();
    await eventually('the object page shows the indicator', async () =>
      (
        await byTestId(page, 'object-title')
          .innerText()
          .catch(() => '')
      ).includes(made.green.name),
    );
  });

  it('the Release screen of the U.S. console shows the RED indicator withheld from Mexico, and why', async () => {
    const { page } = us;
    await byTestId(page, 'nav-release').click();
    const redItem = page.locator(`[data-testid="release-item"][data-id="${made.red.id}"]`).first();
    await redItem.waitFor({ state: 'visible' });
    assert.equal(await redItem.getAttribute('data-decision'), 'withhold');
    // The reason is the policy's, in words: TLP:RED never leaves the node.
    assert.match(await redItem.innerText(), /RED/);
    const greenItem = page.locator(`[data-testid="release-item"][data-id="${made.green.id}"]`).first();
    assert.equal(await greenItem.getAttribute('data-decision'), 'release');
  });

  it('one click verifies the audit log against Mexico, and the verdict passes', async () => {
    const { page } = us;
    await byTestId(page, 'nav-audit').click();
    await byTestId(page, 'audit-verify').click();
    const verdict = byTestId(page, 'audit-verdict');
    await verdict.waitFor({ state: 'visible' });
    await eventually('a verdict', async () => (await verdict.getAttribute('data-ok')) !== null);
    assert.equal(await verdict.getAttribute('data-ok'), 'true', await verdict.innerText());
  });

  it("nothing was fetched from anywhere but each node's own origin, and no script failed", () => {
    for (const win of [us, mx]) {
      assert.deepEqual(win.foreignRequests, [], `${win.node.name} console fetched from another origin`);
      assert.deepEqual(win.pageErrors, [], `${win.node.name} console had uncaught errors`);
    }
  });
});
