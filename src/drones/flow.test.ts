/**
 * Issue 5 end to end, on two real nodes over loopback HTTP, each store backend: a drone launched
 * near Tijuana and seen only by a Mexican sensor crosses into the United States; the alert is on
 * the U.S. node's stream within a second; the incident carries the pilot; acknowledging it on the
 * U.S. side shows on the Mexican side; evidence exports are recorded in the audit log.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { offLine } from './border/test-points.js';
import type { Alert, IncidentView, StreamEvent } from './model.js';
import { cotXml } from './simulator/cot-xml.js';
import { basicAuth, followStream, type StreamFollower } from './stream-client.js';
import { forEachNodeBackend, pinPeers, startTestNode, type TestNode } from '../test-support/nodes.js';
import { waitFor } from '../sync/testing.js';

const SAN_YSIDRO = { lat: 32.5423, lon: -117.0298 };

/** One CoT event of a hostile rotary-wing drone `offsetM` from the line (negative: Mexico). */
function cotAt(uid: string, offsetM: number, t: number, withPilot: boolean): string {
  const p = offLine(SAN_YSIDRO, offsetM, 2000);
  const pilot = offLine(SAN_YSIDRO, -700, 2000);
  return cotXml({
    uid,
    type: 'a-h-A-M-H-Q',
    how: 'm-r',
    time: t,
    stale: t + 20_000,
    lat: p.lat,
    lon: p.lon,
    hae: 120,
    ce: 15,
    le: 10,
    speedMps: 12,
    courseDeg: 0,
    callsign: 'X-1',
    pilot: withPilot ? { ...pilot, kind: 'takeoff' } : null,
  });
}

async function post(
  node: TestNode,
  contentType: string,
  body: string | Uint8Array,
  user = 'sensor',
): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${node.url}/api/v1/drones/detections`, {
    method: 'POST',
    headers: { authorization: basicAuth(user, `${user}-password`), 'content-type': contentType, 'x-enlace-sensor': 'mx-tj-rf-1' },
    body,
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

async function get<T>(node: TestNode, path: string, user = 'analyst'): Promise<T> {
  const r = await fetch(node.url + path, { headers: { authorization: basicAuth(user, `${user}-password`) } });
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  return (await r.json()) as T;
}

forEachNodeBackend('border drones between two nodes', (backend) => {
  let us: TestNode;
  let mx: TestNode;
  const usEvents: Array<{ e: StreamEvent; at: number }> = [];
  const mxEvents: Array<{ e: StreamEvent; at: number }> = [];
  const streams: StreamFollower[] = [];
  let crossingAlert: Alert;
  let heardAt = 0;

  before(async () => {
    us = await startTestNode({ name: 'us', country: 'US', backend });
    mx = await startTestNode({ name: 'mx', country: 'MX', backend });
    await pinPeers(us, mx);
    await us.engine.start();
    await mx.engine.start();
    streams.push(followStream(us.url, basicAuth('analyst', 'analyst-password'), (e, at) => usEvents.push({ e, at })));
    streams.push(followStream(mx.url, basicAuth('analyst', 'analyst-password'), (e, at) => mxEvents.push({ e, at })));
    await Promise.all(streams.map((s) => s.ready));
  });
  after(async () => {
    for (const s of streams) s.close();
    await us?.close();
    await mx?.close();
  });

  it('a crossing seen only by a Mexican sensor is an alert on the U.S. stream within a second', async () => {
    const t0 = Date.now() - 8000;
    // South to north at 150 m a second, one event a second: 4 fixes in Mexico, then across.
    for (let i = 0; i < 9; i++) {
      const r = await post(mx, 'application/cot+xml', cotAt('mx-rf-1.track-7', -600 + i * 150, t0 + i * 1000, i === 0));
      assert.equal(r.status, 200, JSON.stringify(r.json));
      if (i === 8) heardAt = Date.now();
    }
    const found = await waitFor(
      async () => usEvents.find((x) => x.e.type === 'alert' && x.e.alert.rule === 'crossing'),
      3000,
      'the crossing alert on the U.S. stream',
      5,
    );
    assert.equal(found.e.type, 'alert');
    if (found.e.type !== 'alert') return;
    crossingAlert = found.e.alert;
    assert.equal(crossingAlert.origin, 'mx', 'the alert says which node detected it');
    assert.equal(crossingAlert.originCountry, 'MX');
    assert.equal(crossingAlert.params.to, 'US');
    const receivedAt = Number(crossingAlert.params.receivedAt);
    assert.ok(found.at - receivedAt < 1000, `alert ${found.at - receivedAt} ms after the Mexican node heard the crossing`);
    assert.ok(found.at - heardAt < 1000);
  });

  it("the U.S. node holds the incident Mexico signed, with the drone's trail and its pilot", async () => {
    const incident = await get<IncidentView>(us, `/api/v1/drones/incidents/${encodeURIComponent(crossingAlert.incidentId)}`);
    assert.equal(incident.origin, 'mx');
    assert.ok(incident.rules.includes('crossing'));
    const track = incident.tracks[0];
    assert.ok(track && track.trail.length >= 5);
    assert.equal(track.classification, 'hostile');
    assert.equal(track.airframe, 'rotary-wing');
    assert.ok(track.pilot, 'the pilot position travelled with the incident');
    assert.ok(Math.abs(track.pilot.lat - offLine(SAN_YSIDRO, -700, 2000).lat) < 1e-5);
    assert.ok(incident.evidence.length >= 1 && incident.evidence.every((e) => /^[0-9a-f]{64}$/.test(e.raw.sha256)));
    const picture = await get<{ tracks: Array<{ id: string; origin: string }> }>(us, '/api/v1/drones/picture');
    assert.ok(
      picture.tracks.some((t) => t.id === track.trackId && t.origin === 'mx'),
      "the partner's track is on the U.S. map with its origin",
    );
  });

  it('acknowledging on the U.S. side shows on the Mexican side, and escalation stops on both', async () => {
    const r = await fetch(`${us.url}/api/v1/drones/alerts/${encodeURIComponent(crossingAlert.id)}/ack`, {
      method: 'POST',
      headers: { authorization: basicAuth('analyst', 'analyst-password'), 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'CBP unit dispatched' }),
    });
    assert.equal(r.status, 200);
    const acked = (await r.json()) as Alert;
    assert.equal(acked.state, 'acknowledged');
    assert.deepEqual(acked.acknowledgedBy, { account: 'analyst', country: 'US' });
    const onMx = await waitFor(
      async () => mxEvents.find((x) => x.e.type === 'alert' && x.e.alert.id === crossingAlert.id && x.e.alert.state === 'acknowledged'),
      2000,
      'the acknowledgement on the Mexican stream',
      5,
    );
    assert.ok(onMx.e.type === 'alert' && onMx.e.alert.acknowledgedBy?.country === 'US');
    const { alerts } = await get<{ alerts: Alert[] }>(mx, '/api/v1/drones/alerts?state=open');
    assert.ok(!alerts.some((a) => a.id === crossingAlert.id));
  });

  it('every evidence export has its SHA-256 in the audit log', async () => {
    const digests: string[] = [];
    for (const format of ['geojson', 'cot', 'csv', 'report']) {
      const r = await fetch(
        `${us.url}/api/v1/drones/incidents/${encodeURIComponent(crossingAlert.incidentId)}/evidence?format=${format}&lang=es`,
        {
          headers: { authorization: basicAuth('analyst', 'analyst-password') },
        },
      );
      assert.equal(r.status, 200, format);
      const digest = r.headers.get('x-enlace-sha256');
      const body = Buffer.from(await r.arrayBuffer());
      const { createHash } = await import('node:crypto');
      assert.equal(createHash('sha256').update(body).digest('hex'), digest);
      digests.push(digest ?? '');
    }
    const access = await get<{ entries: Array<{ action: string; content_hash: string | null; object_id: string; intact: boolean }> }>(
      us,
      '/api/v1/audit/access?limit=50',
      'admin',
    );
    const evidence = access.entries.filter((e) => e.action === 'evidence');
    assert.deepEqual(evidence.map((e) => e.content_hash).sort(), [...digests].sort(), 'the digest of each file served is in the log');
    assert.ok(evidence.every((e) => e.intact && e.object_id === crossingAlert.incidentId));
  });

  it('refuses what it cannot read, says why, counts it, and keeps nothing of it', async () => {
    const before = await get<{ ingest: { rejected: Record<string, Record<string, number>> } }>(mx, '/api/v1/drones/stats');
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><event>&lol2;</event>';
    const refused = await post(mx, 'application/cot+xml', bomb);
    assert.equal(refused.status, 400);
    assert.match(String(refused.json.description ?? refused.json.title), /DOCTYPE|entit/i);
    assert.equal(
      (
        await post(
          mx,
          'application/geo+json',
          '{"type":"Feature","geometry":{"type":"Point","coordinates":[-117,95]},"properties":{"time":1}}',
        )
      ).status,
      400,
    );
    assert.equal((await post(mx, 'application/x-tak-protobuf', new Uint8Array([0xbf, 0xff, 0xff, 0xff, 0xff, 0x0f]))).status, 400);
    assert.equal((await post(mx, 'application/x-remote-id+json', '{"transmitter":"aa","messages":["not base64!"]}')).status, 400);
    assert.equal((await post(mx, 'text/plain', 'hello')).status, 415);
    const after = await get<{ ingest: { rejected: Record<string, Record<string, number>> } }>(mx, '/api/v1/drones/stats');
    const total = (s: typeof before) =>
      Object.values(s.ingest.rejected).reduce((n, byReason) => n + Object.values(byReason).reduce((a, b) => a + b, 0), 0);
    assert.equal(total(after) - total(before), 4, 'each refusal counted once (the unsupported media type is refused before ingest)');
  });

  it('refuses malformed, oversized and hostile requests to the alert, evidence and ingest endpoints, with the reason', async () => {
    const auth = { authorization: basicAuth('analyst', 'analyst-password') };
    const ack = (id: string, body: string) =>
      fetch(`${us.url}/api/v1/drones/alerts/${encodeURIComponent(id)}/ack`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body,
      });
    const unknown = await ack('x-enlace-drone-incident--00000000-0000-4000-8000-000000000000/crossing', '{}');
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error_code?: string }).error_code ?? 'drones.alert-not-found', 'drones.alert-not-found');
    assert.equal((await ack(crossingAlert.id, '{"note": ')).status, 400, 'malformed JSON');
    assert.equal((await ack(crossingAlert.id, '[1,2]')).status, 400, 'not an object');
    assert.equal((await ack(crossingAlert.id, JSON.stringify({ note: 'x'.repeat(5000) }))).status, 413, 'oversized');
    const evidence = (q: string) =>
      fetch(`${us.url}/api/v1/drones/incidents/${encodeURIComponent(crossingAlert.incidentId)}/evidence?${q}`, { headers: auth });
    assert.equal((await evidence('format=pdf')).status, 400);
    assert.equal((await evidence('format=csv&lang=fr')).status, 400);
    assert.equal((await fetch(`${us.url}/api/v1/drones/incidents/nope`, { headers: auth })).status, 404);
    const badSensor = await fetch(`${mx.url}/api/v1/drones/detections`, {
      method: 'POST',
      headers: {
        authorization: basicAuth('sensor', 'sensor-password'),
        'content-type': 'application/cot+xml',
        'x-enlace-sensor': '<script>',
      },
      body: cotAt('s-1', -900, Date.now(), false),
    });
    assert.equal(badSensor.status, 400, 'a sensor name that is not a plain name');
    const huge = await fetch(`${mx.url}/api/v1/drones/detections`, {
      method: 'POST',
      headers: { authorization: basicAuth('sensor', 'sensor-password'), 'content-type': 'application/cot+xml' },
      body: `<event>${'<detail>'.repeat(10)}${' '.repeat(70 * 1024)}</event>`,
    });
    assert.equal(huge.status, 400);
    assert.match(JSON.stringify(await huge.json()), /65536|64 KiB|too large|demasiado/i);
    const deep = await post(mx, 'application/geo+json', `${'['.repeat(5000)}${']'.repeat(5000)}`);
    assert.equal(deep.status, 400, 'deeply nested JSON');
    const inSpanish = await fetch(`${mx.url}/api/v1/drones/detections`, {
      method: 'POST',
      headers: {
        authorization: basicAuth('sensor', 'sensor-password'),
        'content-type': 'application/geo+json',
        'accept-language': 'es-MX',
      },
      body: '{"type":"Feature","geometry":{"type":"Point","coordinates":[-117,95]},"properties":{"time":1}}',
    });
    const refusal = (await inSpanish.json()) as { title: string };
    assert.match(
      refusal.title,
      /^Las detecciones fueron rechazadas .*: La latitud 95 está fuera de ±90°/,
      'the refusal and its reason in Spanish',
    );
  });

  it('only accounts with the right permission may send, read or acknowledge', async () => {
    assert.equal(
      (await post(mx, 'application/cot+xml', cotAt('x', -900, Date.now(), false), 'analyst')).status,
      403,
      'analysts do not send detections',
    );
    const r = await fetch(`${mx.url}/api/v1/drones/picture`, { headers: { authorization: basicAuth('sensor', 'sensor-password') } });
    assert.equal(r.status, 403, 'a sensor reads nothing');
    const anon = await fetch(`${mx.url}/api/v1/drones/alerts`);
    assert.equal(anon.status, 401);
  });
});
