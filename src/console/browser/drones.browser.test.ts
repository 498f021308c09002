/**
 * The Drones screen in Chromium against two real nodes: a hostile drone flies from Tijuana across
 * the line into San Ysidro, reported by a sensor as GeoJSON; the U.S. console draws it, raises the
 * alert at the top of the screen, and an officer acknowledges it there. The Mexico console shows
 * who acknowledged it. Nothing is loaded from anywhere but the node.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestNode } from '../../test-support/nodes.js';
import {
  browserTestsCanRun,
  byTestId,
  eventually,
  launchChromium,
  openConsole,
  signIn,
  startNodePair,
  type ConsoleWindow,
  type NodePair,
} from './harness.js';

/** South of the line in Tijuana to north of it at San Ysidro, one fix every two seconds, ending now. */
function crossingFlight(uid: string, now: number): unknown {
  const fixes = 14;
  const features = Array.from({ length: fixes }, (_, i) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [-117.03, 32.528 + i * 0.0025] },
    properties: { uid, time: new Date(now - (fixes - 1 - i) * 2000).toISOString(), sensor: 'radar-tj-1', classification: 'hostile' },
  }));
  return { type: 'FeatureCollection', features };
}

async function ingest(node: TestNode, body: unknown): Promise<void> {
  const res = await fetch(`${node.url}/api/v1/drones/detections`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/geo+json',
      Authorization: `Basic ${Buffer.from('admin:admin-password').toString('base64')}`,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.status >= 200 && res.status < 300, `POST /api/v1/drones/detections: HTTP ${res.status} ${text.slice(0, 300)}`);
}

async function attr(win: ConsoleWindow, testId: string, name: string): Promise<string | null> {
  return byTestId(win.page, testId).first().getAttribute(name);
}

describe('console in Chromium: a drone crosses at San Ysidro and both consoles see it', { timeout: 240_000 }, () => {
  if (!browserTestsCanRun()) return;

  let pair: NodePair;
  let browser: Browser;
  let us: ConsoleWindow;
  let mx: ConsoleWindow;
  const uid = `bt-drone-${randomBytes(4).toString('hex')}`;

  before(async () => {
    pair = await startNodePair();
    browser = await launchChromium();
    us = await openConsole(browser, pair.us);
    mx = await openConsole(browser, pair.mx, { locale: 'es-MX' });
  });
  after(async () => {
    await browser?.close();
    await pair?.close();
  });

  it('an analyst opens the Drones screen: the live picture connects and the sky is empty', async () => {
    await signIn(us, 'analyst');
    await byTestId(us.page, 'nav-drones').click();
    await eventually('the live picture is connected', async () => (await attr(us, 'drone-connection', 'data-status')) === 'live', 20_000);
    await eventually('the map has drawn', async () => (await attr(us, 'drone-map', 'data-track-count')) === '0');
    assert.equal(await byTestId(us.page, 'drone-alert').count(), 0);
  });

  it('a hostile track crossing from Tijuana into San Ysidro appears on the map and in the list', async () => {
    await ingest(pair.us, crossingFlight(uid, Date.now()));
    await eventually('the map holds the track', async () => Number(await attr(us, 'drone-map', 'data-track-count')) >= 1);
    await eventually('the list names it', async () => (await byTestId(us.page, 'drone-track').count()) >= 1);
    assert.equal(await attr(us, 'drone-track', 'data-classification'), 'hostile');
    await byTestId(us.page, 'drone-track').first().click();
    const panel = byTestId(us.page, 'drone-track-panel');
    await panel.waitFor({ state: 'visible' });
    assert.match(await panel.innerText(), /San Ysidro/);
  });

  it('the crossing raises an alert at the top of the screen, announced at once, and the navigation counts it', async () => {
    const alert = us.page.locator('[data-testid="drone-alert"][data-state="open"]');
    await eventually('an open alert is shown', async () => (await alert.count()) >= 1, 20_000);
    assert.match(await alert.first().innerText(), /crossed the border/i);
    assert.equal((await us.page.locator('[aria-live="assertive"]').count()) >= 1, true);
    await eventually('the navigation counts the open alert', async () => Number(await attr(us, 'nav-drone-alerts', 'data-count')) >= 1);
  });

  it('acknowledging it works, and says who acknowledged it from which country', async () => {
    const alert = us.page.locator('[data-testid="drone-alert"][data-state="open"]').first();
    const id = await alert.getAttribute('data-alert-id');
    assert.ok(id);
    await alert.getByTestId('drone-alert-acknowledge').click();
    const done = us.page.locator(`[data-testid="drone-alert"][data-alert-id="${id}"]`);
    await eventually('the alert is acknowledged', async () => (await done.getAttribute('data-state')) === 'acknowledged');
    const ack = await done.getByTestId('drone-alert-ack').innerText();
    assert.match(ack, /analyst/);
    assert.match(ack, /US/);
  });

  it('the keyboard moves the map and the incident opens with its timeline, replay and evidence', async () => {
    const map = byTestId(us.page, 'drone-map');
    await map.focus();
    const before = Number(await map.getAttribute('data-zoom'));
    await us.page.keyboard.press('+');
    await eventually('the map zoomed in', async () => Number(await map.getAttribute('data-zoom')) > before);
    await byTestId(us.page, 'drone-incident').first().click();
    const detail = byTestId(us.page, 'drone-incident-detail');
    await detail.waitFor({ state: 'visible' });
    assert.match(us.page.url(), /\/console\/drones\?incident=/);
    assert.ok((await byTestId(us.page, 'drone-timeline').locator('li').count()) >= 1);
    const report = await byTestId(us.page, 'drone-evidence-report').getAttribute('href');
    assert.match(report ?? '', /\/evidence\?format=report&lang=en$/);
    const slider = byTestId(us.page, 'drone-replay-slider');
    await slider.focus();
    await us.page.keyboard.press('Home');
    await eventually('the timeline shows the future dimmed', async () => (await detail.locator('.drone-timeline-future').count()) >= 1);
  });

  it('the Mexico console shows the same alert in Spanish, acknowledged by the U.S. officer', async () => {
    await pair.sync();
    await signIn(mx, 'analyst');
    await byTestId(mx.page, 'nav-drones').click();
    await eventually('the Mexico picture is connected', async () => (await attr(mx, 'drone-connection', 'data-status')) === 'live', 20_000);
    const alert = mx.page.locator('[data-testid="drone-alert"]');
    await eventually(
      "the partner's alert reaches Mexico",
      async () => {
        if ((await alert.count()) > 0) return true;
        await pair.sync();
        return false;
      },
      30_000,
    );
    await eventually(
      'it shows as acknowledged in the U.S.',
      async () => (await mx.page.locator('[data-testid="drone-alert"][data-state="acknowledged"]').count()) >= 1,
      30_000,
    );
    const text = await mx.page.locator('[data-testid="drone-alert"][data-state="acknowledged"]').first().innerText();
    assert.match(text, /cruzó la frontera/i);
    assert.match(text, /Recibo acusado por analyst/);
  });

  it('no request left the nodes and no script failed', () => {
    assert.deepEqual(us.foreignRequests, []);
    assert.deepEqual(mx.foreignRequests, []);
    assert.deepEqual(us.pageErrors, []);
    assert.deepEqual(mx.pageErrors, []);
  });
});
