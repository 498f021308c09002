/**
 * The drone service as a node runs it, on each store backend: the TAK TCP listener feeds the same
 * pipeline as HTTP, the allow-list silences authorised drones, the release policy decides whether
 * an incident reaches the partner, stale tracks close their incident, unacknowledged alerts
 * escalate, and a restarted node rebuilds its incidents and alerts from the store.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { offLine } from './border/test-points.js';
import { DroneService } from './service.js';
import { cotXml } from './simulator/cot-xml.js';
import { forEachNodeBackend, pinPeers, startTestNode, type TestNode } from '../test-support/nodes.js';
import { waitFor } from '../sync/testing.js';

const NOGALES = { lat: 31.3326, lon: -110.9432 };

/** A hostile drone `offsetM` from the line near Nogales (negative: Mexico), as CoT. */
function cot(uid: string, offsetM: number, t: number, o: { stale?: number; remoteId?: string } = {}): string {
  const p = offLine(NOGALES, offsetM, 1500);
  return cotXml({
    uid,
    type: 'a-h-A-M-H-Q',
    how: 'm-r',
    time: t,
    stale: t + (o.stale ?? 20_000),
    lat: p.lat,
    lon: p.lon,
    hae: 1300,
    ce: 10,
    le: 10,
    speedMps: 10,
    courseDeg: 0,
    callsign: uid,
    pilot: null,
  });
}

/** Flies `uid` from 900 m inside Mexico across the line, one CoT event a second, through `send`. */
function crossing(uid: string, t0: number): string[] {
  return Array.from({ length: 10 }, (_, i) => cot(uid, -900 + i * 150, t0 + i * 1000));
}

forEachNodeBackend('the drone service of a node', (backend) => {
  let us: TestNode;
  let mx: TestNode;

  before(async () => {
    us = await startTestNode({ name: 'us', country: 'US', backend });
    mx = await startTestNode({ name: 'mx', country: 'MX', backend });
    await pinPeers(us, mx);
    await us.engine.start();
    await mx.engine.start();
  });
  after(async () => {
    await us?.close();
    await mx?.close();
  });

  it('takes CoT streamed over the TAK TCP listener into the same picture, and counts what it refuses', async () => {
    us.ctx.config.drones.tcp = { host: '127.0.0.1', port: 0, sensor: 'tak-gateway' };
    const svc = new DroneService(us.ctx);
    await svc.start();
    try {
      const port = svc.tcpPort;
      assert.ok(port !== null && port > 0);
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((r) => socket.once('connect', () => r()));
      const t0 = Date.now() - 3000;
      // Two events in one write and one split across two writes: a TCP stream has no message bounds.
      const a = cot('tcp-1', -2000, t0),
        b = cot('tcp-1', -1990, t0 + 1000),
        c = cot('tcp-1', -1980, t0 + 2000);
      socket.write(a + b + c.slice(0, 40));
      socket.write(c.slice(40));
      await waitFor(
        async () => svc.tracks.live().find((t) => t.uids.includes('tcp-1') && t.history.length === 3),
        3000,
        'three fixes of the TCP track',
      );
      assert.deepEqual(svc.tracks.live().find((t) => t.uids.includes('tcp-1'))?.sensors, ['tak-gateway']);
      socket.write('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><event/>');
      await waitFor(async () => socket.destroyed || socket.readyState === 'closed' || null, 3000, 'the listener closes a hostile stream');
      const rejected = svc.stats().ingest.rejected.cot ?? {};
      assert.ok(Object.values(rejected).reduce((n, x) => n + x, 0) >= 1, JSON.stringify(rejected));
      socket.destroy();
    } finally {
      await svc.stop();
      delete us.ctx.config.drones.tcp;
    }
  });

  it('an authorised drone on the allow-list crosses without an incident or an alert', async () => {
    const svc = new DroneService({
      ...us.ctx,
      config: { ...us.ctx.config, drones: { ...us.ctx.config.drones, allowList: [{ uid: 'cbp-patrol-1', note: 'CBP Air and Marine' }] } },
    });
    const t0 = Date.now() - 12_000;
    for (const xml of crossing('cbp-patrol-1', t0))
      assert.equal(svc.ingestPayload('application/cot+xml', Buffer.from(xml), 'us-radar').accepted, 1);
    await svc.settled();
    assert.equal(svc.incidents.open().length, 0);
    assert.equal(svc.stats().suppressedByAllowList, 10);
    for (const xml of crossing('intruder-1', t0)) svc.ingestPayload('application/cot+xml', Buffer.from(xml), 'us-radar');
    assert.equal(svc.incidents.open().length, 1, 'the same flight by a drone not on the list opens one');
    await svc.stop();
  });

  it("an incident goes to the partner only as the originator's release policy allows", async () => {
    const t0 = Date.now() - 12_000;
    // Mexico shares nothing but TLP:CLEAR with the U.S. for now; its incidents are TLP:AMBER.
    await mx.ctx.release.save(
      { unmarked_as: 'amber', default: { allow_green: false, allow_amber: false, ceiling: 'clear', allow_third_party: false }, peers: {} },
      'admin',
    );
    for (const xml of crossing('withheld-1', t0)) mx.drones!.ingestPayload('application/cot+xml', Buffer.from(xml), 'mx-radar');
    await mx.drones!.settled();
    const held = mx.drones!.shared.incidents().find((i) => i.tracks.some((t) => t.uids.includes('withheld-1')));
    assert.ok(held, 'Mexico holds its incident');
    await mx.engine.syncNow();
    assert.equal(us.drones!.shared.incident(held.id), undefined, 'the U.S. node never received it');
    assert.equal(us.drones!.alerts.list().filter((a) => a.incidentId === held.id).length, 0);
    // Once Mexico's administrators release AMBER to the U.S., its next version goes.
    await mx.ctx.release.save(
      { unmarked_as: 'amber', default: { allow_green: true, allow_amber: true, ceiling: 'amber', allow_third_party: false }, peers: {} },
      'admin',
    );
    mx.drones!.ingestPayload('application/cot+xml', Buffer.from(cot('withheld-1', 700, Date.now() - 1000)), 'mx-radar');
    await mx.drones!.settled();
    await mx.engine.syncNow();
    await waitFor(async () => us.drones!.shared.incident(held.id), 3000, 'the incident on the U.S. node');
  });

  it('a track gone stale closes its incident, and the partner sees it closed', async () => {
    const t0 = Date.now() - 12_000;
    const svc = us.drones!;
    for (const xml of crossing('short-lived', t0).map((x) =>
      x.replace(/stale="[^"]+"/, `stale="${new Date(Date.now() + 1500).toISOString()}"`),
    )) {
      svc.ingestPayload('application/cot+xml', Buffer.from(xml), 'us-radar');
    }
    const id = svc.incidents.open().find((i) => i.tracks.some((t) => t.uids.includes('short-lived')))?.id;
    assert.ok(id);
    await waitFor(async () => svc.shared.incident(id)?.status === 'closed' || null, 6000, 'the incident closed after its track went stale');
    await waitFor(async () => mx.drones!.shared.incident(id)?.status === 'closed' || null, 3000, 'closed on the partner too');
  });

  it('an alert nobody acknowledges escalates, level by level', async () => {
    let now = Date.now();
    const svc = new DroneService(
      { ...mx.ctx, config: { ...mx.ctx.config, drones: { ...mx.ctx.config.drones, escalateAfterSeconds: 60 } } },
      { now: () => now, tickMs: 20 },
    );
    await svc.start();
    try {
      const open = svc.alerts.list({ state: 'open' });
      assert.ok(open.length > 0, 'alerts rebuilt from the stored incidents at start');
      const levels = () => new Set(svc.alerts.list({ state: 'open' }).map((a) => a.level));
      now += 10 * 60_000;
      await waitFor(async () => (levels().has(3) && !levels().has(1)) || null, 2000, 'every open alert at level 3');
    } finally {
      await svc.stop();
    }
  });

  it('a restarted service rebuilds the same incidents and alerts, acknowledgements included, from the store', async () => {
    const before = us.drones!;
    const open = before.alerts.list({ state: 'open' })[0];
    assert.ok(open);
    await before.acknowledge(open.id, 'analyst', 'seen');
    const again = new DroneService(us.ctx);
    await again.start();
    try {
      assert.deepEqual(
        again.shared
          .incidents()
          .map((i) => `${i.id}@${i.version}`)
          .sort(),
        before.shared
          .incidents()
          .map((i) => `${i.id}@${i.version}`)
          .sort(),
      );
      const strip = (a: { level: number }) => ({ ...a, level: 0 });
      assert.deepEqual(again.alerts.list().map(strip), before.alerts.list().map(strip));
      assert.equal(again.alert(open.id).state, 'acknowledged');
    } finally {
      await again.stop();
    }
  });
});
