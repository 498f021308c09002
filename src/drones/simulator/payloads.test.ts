import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCot } from '../cot/parse.js';
import { decode } from '../remote-id/decode.js';
import { decodeTak } from '../ingest/tak-proto.js';
import type { LocationMessage, SystemMessage, BasicIdMessage } from '../remote-id/model.js';
import { cotType, cotXml, escapeXml, type CotEventFields } from './cot-xml.js';
import { buildScenario, reportsBetween } from './scenario.js';
import type { RadarFeature, RemoteIdBatch } from './payloads.js';

const START = Date.UTC(2026, 10, 27, 18, 0, 0);
const scenario = buildScenario({ seed: 5, start: START, durationS: 900, flights: 15, includeDemoCrossing: true });
const reports = reportsBetween(scenario, scenario.start, scenario.end);
const flights = new Map(scenario.flights.map((f) => [f.id, f]));
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function byType(contentType: string) {
  const found = reports.filter((r) => r.contentType === contentType);
  assert.ok(found.length > 0, `some ${contentType} reports`);
  return found;
}

describe('CoT XML payloads', () => {
  it('parse with parseCot at their arrival time, with type, track and contact', () => {
    for (const r of byType('application/cot+xml')) {
      const parsed = parseCot(r.body, { nowUs: r.at * 1000 });
      if (!parsed.ok) assert.fail(`${r.sensor}: ${parsed.rejection.reason} ${JSON.stringify(parsed.rejection.params)}`);
      const d = parsed.detection;
      const flight = flights.get(r.flightId)!;
      assert.equal(d.type.type, cotType(flight.classification, flight.airframe));
      assert.ok(d.type.unmanned);
      assert.ok(d.detail.track && d.detail.track.course < 360);
      assert.ok(d.detail.callsign);
      assert.ok(d.staleUs > d.timeUs && d.startUs === d.timeUs);
      assert.ok(d.uid.startsWith(`${r.sensor}.trk-`));
    }
  });

  it('spell the three identities the brief names', () => {
    assert.equal(cotType('hostile', 'rotary-wing'), 'a-h-A-M-H-Q');
    assert.equal(cotType('unknown', 'rotary-wing'), 'a-u-A-C-H-Q');
    assert.equal(cotType('friendly', 'rotary-wing'), 'a-f-A-M-H-Q');
    assert.equal(cotType('unknown', 'fixed-wing'), 'a-u-A-C-F-Q');
  });

  const base: CotEventFields = {
    uid: 'mx-tj-radar-1.trk-00000001',
    type: 'a-h-A-M-H-Q',
    how: 'm-r',
    time: START,
    stale: START + 10_000,
    lat: 32.53,
    lon: -117.01,
    hae: 150,
    ce: 30,
    le: 35,
    speedMps: 12,
    courseDeg: 10,
    callsign: 'T-1',
    pilot: null,
  };

  it('carry any callsign and uid intact through escaping (property)', () => {
    // What the parser hands back is trimmed, and XML cannot carry some code points at all.
    const printable = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .filter((s) => s.trim() === s && s.trim() !== '' && escapeXml(s).length > 0 && !/[\u0000-\u001f\u007f\ufffe\uffff]/.test(s));
    fc.assert(
      fc.property(printable, printable, (callsign, uidTail) => {
        const parsed = parseCot(cotXml({ ...base, callsign, uid: `u${uidTail}` }), { nowUs: START * 1000 });
        assert.ok(parsed.ok, parsed.ok ? '' : `${parsed.rejection.reason} for ${JSON.stringify(callsign)}`);
        assert.equal(parsed.detection.detail.callsign, callsign);
        assert.equal(parsed.detection.uid, `u${uidTail}`);
      }),
      { numRuns: 300 },
    );
  });

  it('cannot be broken out of by a hostile callsign', () => {
    const hostile = '"/><detail><contact callsign="x"/></detail></event><event uid="evil" &amp; <!DOCTYPE x>';
    const xml = cotXml({ ...base, callsign: hostile });
    assert.equal((xml.match(/<event /g) ?? []).length, 1);
    assert.ok(!xml.includes('<!DOCTYPE'));
    const parsed = parseCot(xml, { nowUs: START * 1000 });
    assert.ok(parsed.ok);
    assert.equal(parsed.detection.detail.callsign, hostile);
    assert.equal(parsed.detection.uid, base.uid);
  });

  it('drops what XML cannot carry and keeps line breaks as references', () => {
    assert.equal(escapeXml('a\u0000b\u0007c\ud800d'), 'abcd');
    assert.equal(escapeXml('a\nb\tc'), 'a&#10;b&#9;c');
    assert.equal(escapeXml('😀'), '😀');
  });
});

describe('TAK protobuf payloads', () => {
  it('decode with the TAK reader, stream-framed, pilot in xmlDetail when the sensor locates it', () => {
    for (const r of byType('application/x-tak-protobuf')) {
      assert.equal(r.body[0], 0xbf, 'stream framing starts with the magic byte');
      const result = decodeTak(r.body, { sensor: r.sensor, receivedAt: r.at });
      if (!result.ok) assert.fail(`${r.sensor}: ${result.rejection.reason}`);
      const d = result.detections[0]!;
      assert.equal(d.uid?.startsWith(`${r.sensor}.trk-`), true);
      assert.ok(d.pilot, 'RF detectors locate the pilot');
      assert.ok(d.speedMps !== null && d.courseDeg !== null && d.callsign);
    }
  });
});

describe('Remote ID payloads', () => {
  it('are JSON batches of one message pack: Basic ID, Location, System, each decoding', () => {
    for (const r of byType('application/x-remote-id+json')) {
      const batch = JSON.parse(text(r.body)) as RemoteIdBatch;
      assert.deepEqual(Object.keys(batch).sort(), ['messages', 'receivedAt', 'sensor', 'transmitter']);
      assert.equal(batch.sensor, r.sensor);
      assert.match(batch.transmitter, /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      assert.ok(Date.parse(batch.receivedAt) <= r.at);
      assert.equal(batch.messages.length, 1);
      const decoded = decode(new Uint8Array(Buffer.from(batch.messages[0]!, 'base64')));
      if (!decoded.ok) assert.fail(decoded.error.reason);
      assert.equal(decoded.message.type, 'message-pack');
      if (decoded.message.type !== 'message-pack') return;
      const [basic, location, system] = decoded.message.messages as [BasicIdMessage, LocationMessage, SystemMessage];
      assert.deepEqual([basic.type, location.type, system.type], ['basic-id', 'location', 'system']);
      const flight = flights.get(r.flightId)!;
      assert.equal(basic.uasId, flight.remoteId);
      assert.equal(location.status, 'airborne');
      assert.ok(location.position && system.operatorPosition);
      assert.equal(system.operatorLocationType, flight.pilot.kind === 'live' ? 'live-gnss' : 'takeoff');
    }
  });

  it('keep one transmitter address per drone', () => {
    const byFlight = new Map<string, Set<string>>();
    for (const r of byType('application/x-remote-id+json')) {
      const set = byFlight.get(r.flightId) ?? new Set();
      set.add((JSON.parse(text(r.body)) as RemoteIdBatch).transmitter);
      byFlight.set(r.flightId, set);
    }
    for (const [id, set] of byFlight) assert.equal(set.size, 1, id);
    const all = [...byFlight.values()].map((s) => [...s][0]);
    assert.equal(new Set(all).size, all.length);
  });
});

describe('GeoJSON payloads', () => {
  it('are Point Features with time, sensor, speed and course, and no uid for anonymous radars', () => {
    for (const r of byType('application/geo+json')) {
      const f = JSON.parse(text(r.body)) as RadarFeature;
      assert.equal(f.type, 'Feature');
      assert.equal(f.geometry.type, 'Point');
      assert.equal(f.geometry.coordinates.length, 3);
      assert.equal(f.properties.sensor, r.sensor);
      assert.equal('uid' in f.properties, false);
      assert.ok(Number.isFinite(Date.parse(f.properties.time)));
      assert.ok(f.properties.speed >= 0 && f.properties.course >= 0 && f.properties.course < 360);
    }
  });
});
