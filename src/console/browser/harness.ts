/**
 * What the browser tests share: two real nodes that serve the built console, a gate that skips or
 * fails without Chromium, and helpers for what a person does in the console.
 * The tests build nothing: `npm test` builds the console (Vite) before it runs them.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { MX_RELEASE_POLICY, US_RELEASE_POLICY, mxObjects, usObjects } from '../../demo/scenario.js';
import { pinPeers, startTestNode, taxiiClient, type TestNode } from '../../test-support/nodes.js';
import { CHROMIUM, CONSOLE_INDEX, SCREENSHOT_DIR, type Language } from './chromium.js';

export * from './chromium.js';

/**
 * Inside a describe block: true when Chromium and the built console are there. Otherwise registers
 * a test that says why — Chromium missing: skipped with a clear line, or failing under CI=true, where
 * it is required; console not built: always failing, since `npm test` builds it.
 */
export function browserTestsCanRun(): boolean {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') {
      it('Chromium is installed', () => {
        throw new Error(`Chromium is required under CI=true but ${CHROMIUM} is missing (apt-get install chromium; .ci/run does it)`);
      });
    } else {
      it(
        `Chromium not found at ${CHROMIUM}: browser tests skipped (apt-get install chromium, or set ENLACE_CHROMIUM)`,
        { skip: true },
        () => undefined,
      );
    }
    return false;
  }
  if (!existsSync(CONSOLE_INDEX)) {
    it('the console is built', () => {
      throw new Error(`${CONSOLE_INDEX} is missing: run "npm run build" (it builds the console with Vite) before the browser tests`);
    });
    return false;
  }
  return true;
}

/** A U.S. node and a Mexico node, pinned to each other, with the demo's release policies. */
export interface NodePair {
  us: TestNode;
  mx: TestNode;
  /** Both nodes exchange with each other, twice, so that what the first pass set off (audit heads, answers) arrives too. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export async function startNodePair(o: { seedDemo?: boolean } = {}): Promise<NodePair> {
  const us = await startTestNode({ name: 'us', country: 'US', backend: 'sqlite', releasePolicy: { ...US_RELEASE_POLICY } });
  const mx = await startTestNode({ name: 'mx', country: 'MX', backend: 'sqlite', releasePolicy: { ...MX_RELEASE_POLICY } });
  await pinPeers(us, mx);
  const sync = async () => {
    for (let i = 0; i < 2; i++) {
      await us.engine.syncNow();
      await mx.engine.syncNow();
    }
  };
  if (o.seedDemo) {
    const nodes = { usIdentity: us.ctx.config.node.identityId, mxIdentity: mx.ctx.config.node.identityId };
    await seed(us, usObjects(nodes));
    await seed(mx, mxObjects(nodes));
    await sync();
  }
  return {
    us,
    mx,
    sync,
    async close() {
      await us.close();
      await mx.close();
    },
  };
}

async function seed(node: TestNode, objects: unknown[]): Promise<void> {
  const res = await taxiiClient(node, 'analyst').post(`/enlace/collections/${node.collectionId}/objects/`, { objects });
  const status = res.json as { failure_count?: number; failures?: unknown[] } | null;
  if (res.status !== 202 || (status?.failure_count ?? 0) > 0) {
    throw new Error(`seeding ${node.name} failed: HTTP ${res.status} ${JSON.stringify(status?.failures ?? res.text).slice(0, 500)}`);
  }
}

/** Chooses the option whose value or label is `wanted` (ignoring case and a "TLP:" prefix). */
export async function selectLoosely(select: Locator, wanted: string): Promise<void> {
  const norm = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/^tlp:\s*/, '');
  const options = await select
    .locator('option')
    .evaluateAll((els) => els.map((e) => ({ value: (e as unknown as { value: string }).value, label: (e.textContent ?? '').trim() })));
  const hit = options.find((o) => norm(o.value) === norm(wanted)) ?? options.find((o) => norm(o.label) === norm(wanted));
  if (!hit) throw new Error(`no option "${wanted}" among ${JSON.stringify(options)}`);
  await select.selectOption(hit.value);
}

/**
 * Waits until the page has stopped loading data, so a screenshot shows the screen, not a spinner:
 * nothing marked aria-busy (the console's loading states are) twice in a row, a moment apart, since
 * a click renders its loading state a little after it returns.
 */
export async function settle(page: Page): Promise<void> {
  const busy = async () => Boolean(await page.evaluate('document.querySelector(\'[aria-busy="true"]\') !== null'));
  let quiet = 0;
  const end = Date.now() + 15_000;
  while (quiet < 2 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 150));
    quiet = (await busy()) ? 0 : quiet + 1;
  }
  await page.waitForLoadState('networkidle');
}

export async function screenshot(page: Page, screen: string, lang: Language): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await settle(page);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${screen}.${lang}.png`) });
}

/** Retries `check` until it returns true or the time runs out (what the UI shows may lag a click). */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
