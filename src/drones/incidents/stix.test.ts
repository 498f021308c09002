import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EnlaceError } from '../../errors/index.js';
import { DRONE_INCIDENT_LIMITS as L } from '../../stix/definitions/drone-incident.js';
import { TLP2_MARKING_IDS, validateStixObject, type StixObject } from '../../stix/index.js';
import { offLine } from '../border/test-points.js';
import type { EvidenceItem, Incident, IncidentTrack, RuleKind, TimelineEntry } from '../model.js';
import { IncidentBook } from './book.js';
import { RuleEngine } from './rules.js';
import { ackFromStix, ackToStix, incidentFromStix, incidentToStix, type AlertAck } from './stix.js';
import { Flight, SAN_YSIDRO, T0 } from './test-support.js';

const MX_NODE = 'identity--7c2d1f0e-3a4b-4c5d-8e6f-0a1b2c3d4e5f';
const W = { createdByRef: MX_NODE, objectMarkingRefs: [TLP2_MARKING_IDS.amber] };
const RULES: RuleKind[] = ['crossing', 'approach', 'geofence', 'payload-drop', 'loitering'];

// -0 does not survive JSON; the partner reads 0, which is the same place.
const num = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));
const time = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) });
// Plain objects, as JSON.parse makes them (fast-check may otherwise pick a null prototype).
const rec = <T>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> =>
  fc.record(shape, { noNullPrototype: true }) as fc.Arbitrary<T>;
const text = (max = 30): fc.Arbitrary<string> => fc.string({ unit: 'grapheme', minLength: 1, maxLength: max });
const lat = num(-90, 90);
const lon = num(-180, 180);
const paramKey = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,12}$/).filter((k) => k !== 'constructor' && k !== 'prototype');
const params = fc.dictionary(paramKey, fc.oneof(fc.string({ maxLength: 40 }), num(-1e9, 1e9)), {
  maxKeys: L.timelineParams,
  noNullPrototype: true,
});

const trackArb: fc.Arbitrary<IncidentTrack> = rec({
  trackId: text(),
  uids: fc.array(text(), { maxLength: 3 }),
  remoteIds: fc.array(text(), { maxLength: 3 }),
  sensors: fc.array(text(), { maxLength: 3 }),
  classification: fc.constantFrom('hostile', 'suspect', 'unknown', 'friendly'),
  airframe: fc.constantFrom('rotary-wing', 'fixed-wing', 'unknown'),
  callsign: fc.option(text(), { nil: null }),
  trail: fc.array(rec({ t: time, lat, lon, altM: fc.option(num(-1_000, 100_000), { nil: null }) }), { maxLength: 6 }),
  pilot: fc.option(rec({ lat, lon, kind: fc.constantFrom('takeoff', 'live', 'fixed'), t: time }), { nil: null }),
  takeoff: fc.option(rec({ lat, lon, t: time }), { nil: null }),
  border: rec({
    side: fc.constantFrom('US', 'MX'),
    signedDistanceM: num(-1e8, 1e8),
    heading: fc.constantFrom('towards', 'away', 'along'),
    groundSpeedMps: num(0, 10_000),
    courseDeg: fc.option(num(0, 360), { nil: null }),
    predictedCrossingAt: fc.option(time, { nil: null }),
    nearestPort: rec({ id: text(), name: text(), cityMx: text(), distanceM: num(0, 1e8) }),
  }),
  lastSeen: time,
  staleAt: time,
});

const entryArb: fc.Arbitrary<TimelineEntry> = rec({
  at: time,
  kind: fc.constantFrom('opened', 'track-joined', 'pilot-located', 'closed', ...RULES),
  trackId: fc.option(text(), { nil: null }),
  lat: fc.option(lat, { nil: null }),
  lon: fc.option(lon, { nil: null }),
  params,
});

const evidenceArb: fc.Arbitrary<EvidenceItem> = rec({
  at: time,
  sensor: text(),
  trackId: text(),
  raw: rec({
    format: fc.constantFrom('cot-xml', 'tak-protobuf', 'remote-id', 'geojson'),
    encoding: fc.constantFrom('utf8', 'base64'),
    data: fc.string({ unit: 'grapheme', maxLength: 200 }),
    sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
  }),
});

const incidentArb: fc.Arbitrary<Incident> = rec({
  id: fc.uuid({ version: 4 }).map((u) => `x-enlace-drone-incident--${u}`),
  closed: fc.boolean(),
  openedAt: time,
  updatedAt: time,
  closedAt: time,
  originCountry: fc.constantFrom('US', 'MX'),
  rules: fc.uniqueArray(fc.constantFrom(...RULES), { minLength: 1, maxLength: 5 }),
  tracks: fc.array(trackArb, { minLength: 1, maxLength: 3 }),
  timeline: fc.array(entryArb, { minLength: 1, maxLength: 6 }),
  evidence: fc.array(evidenceArb, { maxLength: 3 }),
}).map(({ closed, closedAt, ...i }) => ({ ...i, status: closed ? 'closed' : 'open', closedAt: closed ? closedAt : null }));

/** As it travels: JSON text. */
const wire = (o: StixObject): unknown => JSON.parse(JSON.stringify(o));

describe('incidents as STIX', () => {
  it('survive the trip to the partner exactly, as valid objects (property)', () => {
    fc.assert(
      fc.property(incidentArb, fc.integer({ min: 0, max: 1e9 }), (incident, later) => {
        const o = incidentToStix(incident, { ...W, modified: incident.openedAt + later });
        const received = wire(o);
        const v = validateStixObject(received);
        assert.deepEqual(v.ok ? [] : v.issues, []);
        assert.deepEqual(incidentFromStix(received), incident);
      }),
      { numRuns: 150 },
    );
  });

  it("carry the book's incidents as they are, in either language", () => {
    const engine = new RuleEngine();
    const book = new IncidentBook({ country: 'MX' });
    const f = new Flight({ callsign: 'HALCÓN' }).withPilot({ ...offLine(SAN_YSIDRO, -2500), t: T0 });
    for (let d = -4000, t = T0; d <= 1500; d += 10, t += 1000) {
      const u = f.at(t, offLine(SAN_YSIDRO, d, 300));
      book.apply(u, engine.evaluate(u));
    }
    const [incident] = book.due(T0 + 600_000);
    assert.ok(incident);
    const en = incidentToStix(incident, { ...W, modified: T0 + 600_000 });
    const es = incidentToStix(incident, { ...W, modified: T0 + 600_000, lang: 'es' });
    assert.equal(en['name'], 'Drone incident near Tijuana');
    assert.equal(es['name'], 'Incidente de dron cerca de Tijuana');
    assert.equal(en.created, new Date(incident.openedAt).toISOString(), 'created is openedAt');
    assert.equal(en.modified, new Date(T0 + 600_000).toISOString());
    assert.ok(validateStixObject(wire(en)).ok);
    assert.deepEqual(incidentFromStix(wire(en)), JSON.parse(JSON.stringify(incident)));
  });

  it('refuse to write a version older than the incident or a time that is none', () => {
    const base = fc.sample(incidentArb, { numRuns: 1, seed: 7 })[0]!;
    assert.throws(() => incidentToStix(base, { ...W, modified: base.openedAt - 1 }), RangeError);
    const broken: Incident = { ...base, timeline: [{ ...base.timeline[0]!, at: Number.NaN }] };
    assert.throws(() => incidentToStix(broken, { ...W, modified: base.openedAt }), /timeline\[0\]\.at/);
  });

  it('refuse malformed, hostile or foreign objects with a reason naming the field', () => {
    const base = fc.sample(incidentArb, { numRuns: 1, seed: 11 })[0]!;
    const good = wire(
      incidentToStix(
        { ...base, tracks: [{ ...base.tracks[0]!, trail: [{ t: T0, lat: 1, lon: 2, altM: null }] }] },
        { ...W, modified: base.openedAt },
      ),
    ) as Record<string, unknown>;
    const refused = (o: unknown, field: RegExp): void => {
      assert.throws(
        () => incidentFromStix(o),
        (e: unknown) => e instanceof EnlaceError && e.code === 'object.invalid' && field.test(e.message),
        String(field),
      );
    };
    refused({ ...good, status: undefined }, /\/status/);
    refused({ ...good, status: 'maybe' }, /\/status/);
    const tracks = good['tracks'] as Array<Record<string, unknown>>;
    refused(
      { ...good, tracks: [{ ...tracks[0], trail: [{ t: '2026-02-30T00:00:00.000Z', lat: 1, lon: 2, alt_m: null }] }] },
      /\/tracks\/0\/trail\/0\/t/,
    );
    refused(
      { ...good, tracks: [{ ...tracks[0], trail: [{ t: '2026-02-01T00:00:00.000Z', lat: 100, lon: 2, alt_m: null }] }] },
      /\/tracks\/0\/trail\/0\/lat/,
    );
    refused({ ...good, origin_country: 'Narnia' }, /\/origin_country/);
    refused({ ...good, evidence: [] }, /\/evidence/);
    refused(JSON.parse(JSON.stringify(good).replace('"status"', '"__proto__":{"x":1},"status"')), /__proto__/);
    refused(null, /x-enlace-drone-incident/);
    refused('x-enlace-drone-incident', /x-enlace-drone-incident/);
    refused(
      {
        type: 'indicator',
        spec_version: '2.1',
        id: 'indicator--33fe3b22-0201-47cf-85d0-97c02164528d',
        created: '2026-01-01T00:00:00.000Z',
        modified: '2026-01-01T00:00:00.000Z',
        pattern: "[url:value = 'x']",
        pattern_type: 'stix',
        valid_from: '2026-01-01T00:00:00Z',
      },
      /\/type/,
    );
    refused({ ...good, timeline: Array.from({ length: L.timelineEntries + 1 }, () => (good['timeline'] as unknown[])[0]) }, /\/timeline/);
    // The reason exists in Spanish too.
    try {
      incidentFromStix({ ...good, status: 'maybe' });
    } catch (e) {
      assert.ok(e instanceof EnlaceError);
      const detail = e.params['detail'];
      assert.ok(typeof detail === 'object' && /\/status/.test(detail.es) && detail.es !== detail.en);
    }
  });
});

describe('alert acknowledgements as STIX', () => {
  const ackArb: fc.Arbitrary<AlertAck> = rec({
    id: fc.uuid({ version: 4 }).map((u) => `x-enlace-drone-alert-ack--${u}`),
    incidentId: fc.uuid({ version: 4 }).map((u) => `x-enlace-drone-incident--${u}`),
    rule: fc.constantFrom(...RULES),
    acknowledgedAt: time,
    account: text(L.ackAccount),
    country: fc.constantFrom('US', 'MX'),
    note: fc.option(text(200), { nil: null }),
  });

  it('survive the trip exactly (property)', () => {
    fc.assert(
      fc.property(ackArb, (ack) => {
        const o = wire(ackToStix(ack, W));
        const v = validateStixObject(o);
        assert.deepEqual(v.ok ? [] : v.issues, []);
        assert.deepEqual(ackFromStix(o), ack);
      }),
      { numRuns: 100 },
    );
  });

  it('refuse acks of something else, or saying too much', () => {
    const ack = fc.sample(ackArb, { numRuns: 1, seed: 3 })[0]!;
    const o = wire(ackToStix(ack, W)) as Record<string, unknown>;
    assert.throws(() => ackFromStix({ ...o, incident_ref: 'indicator--33fe3b22-0201-47cf-85d0-97c02164528d' }), /\/incident_ref/);
    assert.throws(() => ackFromStix({ ...o, note: 'n'.repeat(L.ackNote + 1) }), /\/note/);
    assert.throws(
      () => ackFromStix(wire(incidentToStix(fc.sample(incidentArb, { numRuns: 1 })[0]!, { ...W, modified: Date.UTC(2095, 0, 1) }))),
      /\/type/,
    );
  });
});
