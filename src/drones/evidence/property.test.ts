/**
 * For any incident a partner could send (small ones, with arbitrary Unicode and markup in every
 * text): each export's digest is the digest of its bytes, the CSV reads back row for row, the
 * GeoJSON is RFC 7946, the CoT is well-formed XML with nothing injected, and the report holds
 * no markup that came from the data.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { isNode, parseXml } from '../cot/xml.js';
import type { EvidenceItem, IncidentTrack, IncidentView, TimelineEntry } from '../model.js';
import { readCsv } from './csv-reader.js';
import { EVIDENCE_FORMATS, EVIDENCE_LANGS, exportIncident } from './index.js';
import { foreignTags } from './markup-check.js';
import { sha256Hex } from './model.js';

const SENTINEL = '<zz-data>';
/** Texts a partner's node might send: arbitrary code points (lone surrogates too) and known attacks. */
const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
  fc.constantFrom(
    SENTINEL,
    `x${SENTINEL}"'&`,
    '<script>alert(1)</script>',
    '=HYPERLINK("x")',
    '-1+1',
    '@A1',
    '\tTAB',
    ']]>',
    'a,b\r\n"c"',
    '&amp;',
    '</svg>',
  ),
);
const time = fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) });
const lat = fc.double({ min: -90, max: 90, noNaN: true });
const lon = fc.double({ min: -180, max: 180, noNaN: true });
const altM = fc.option(fc.double({ min: -500, max: 100_000, noNaN: true }), { nil: null });
const metres = fc.double({ min: -1e6, max: 1e6, noNaN: true });

const track: fc.Arbitrary<IncidentTrack> = fc.record({
  trackId: text,
  uids: fc.array(text, { maxLength: 3 }),
  remoteIds: fc.array(text, { maxLength: 2 }),
  sensors: fc.array(text, { maxLength: 3 }),
  classification: fc.constantFrom('hostile', 'suspect', 'unknown', 'friendly'),
  airframe: fc.constantFrom('rotary-wing', 'fixed-wing', 'unknown'),
  callsign: fc.option(text, { nil: null }),
  trail: fc.array(fc.record({ t: time, lat, lon, altM }), { maxLength: 5 }),
  pilot: fc.option(fc.record({ lat, lon, kind: fc.constantFrom('takeoff', 'live', 'fixed'), t: time }), { nil: null }),
  takeoff: fc.option(fc.record({ lat, lon, t: time }), { nil: null }),
  border: fc.record({
    side: fc.constantFrom('US', 'MX'),
    signedDistanceM: metres,
    heading: fc.constantFrom('towards', 'away', 'along'),
    groundSpeedMps: fc.double({ min: 0, max: 200, noNaN: true }),
    courseDeg: fc.option(fc.double({ min: 0, max: 360, noNaN: true }), { nil: null }),
    predictedCrossingAt: fc.option(time, { nil: null }),
    nearestPort: fc.record({ id: text, name: text, cityMx: text, distanceM: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
  }),
  lastSeen: time,
  staleAt: time,
});

const entry: fc.Arbitrary<TimelineEntry> = fc
  .record({
    at: time,
    kind: fc.constantFrom(
      'crossing',
      'approach',
      'geofence',
      'payload-drop',
      'loitering',
      'opened',
      'track-joined',
      'pilot-located',
      'closed',
    ),
    trackId: fc.option(text, { nil: null }),
    position: fc.option(fc.tuple(lat, lon), { nil: null }),
    params: fc.dictionary(text, fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true })), { maxKeys: 3 }),
  })
  .map(({ position, ...e }) => ({ ...e, lat: position ? position[0] : null, lon: position ? position[1] : null }));

const evidenceItem: fc.Arbitrary<EvidenceItem> = fc
  .record({
    at: time,
    sensor: text,
    trackId: text,
    bytes: fc.uint8Array({ maxLength: 48 }),
    binary: fc.boolean(),
    rightDigest: fc.boolean(),
    format: fc.constantFrom('cot-xml', 'tak-protobuf', 'remote-id', 'geojson'),
  })
  .map(({ bytes, binary, rightDigest, format, ...item }) => {
    const data = binary ? Buffer.from(bytes).toString('base64') : Buffer.from(bytes).toString('latin1');
    const held = binary ? Buffer.from(bytes) : Buffer.from(data, 'utf8');
    return { ...item, raw: { format, encoding: binary ? 'base64' : 'utf8', data, sha256: rightDigest ? sha256Hex(held) : 'f'.repeat(64) } };
  });

const incident: fc.Arbitrary<IncidentView> = fc.record({
  id: text,
  version: text,
  origin: text,
  originCountry: text,
  status: fc.constantFrom('open', 'closed'),
  openedAt: time,
  updatedAt: time,
  closedAt: fc.option(time, { nil: null }),
  rules: fc.uniqueArray(fc.constantFrom('crossing', 'approach', 'geofence', 'payload-drop', 'loitering'), { maxLength: 5 }),
  tracks: fc.array(track, { maxLength: 3 }),
  timeline: fc.array(entry, { maxLength: 4 }),
  evidence: fc.array(evidenceItem, { maxLength: 3 }),
});

const inRange = (p: unknown): boolean =>
  Array.isArray(p) &&
  (p.length === 2 || p.length === 3) &&
  p.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
  (p[0] as number) >= -180 &&
  (p[0] as number) <= 180 &&
  (p[1] as number) >= -90 &&
  (p[1] as number) <= 90;

describe('every export of any incident', () => {
  it('has a SHA-256 that is the digest of its body', () => {
    fc.assert(
      fc.property(incident, (view) => {
        for (const format of EVIDENCE_FORMATS) {
          for (const lang of EVIDENCE_LANGS) {
            const file = exportIncident(view, format, lang);
            assert.equal(file.sha256, createHash('sha256').update(file.body).digest('hex'), `${format}/${lang}`);
            assert.ok(file.body.length > 0 && /^[A-Za-z0-9._-]+$/.test(file.filename), file.filename);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('CSV reads back as RFC 4180 with one row per trail point and per timeline entry, no cell starting like a formula', () => {
    fc.assert(
      fc.property(incident, (view) => {
        const rows = readCsv(exportIncident(view, 'csv', 'en').body.toString('utf8'));
        assert.equal(rows.length, 1 + view.tracks.reduce((n, t) => n + t.trail.length, 0) + view.timeline.length);
        for (const r of rows) {
          assert.equal(r.length, 8);
          // Numbers the exporter writes itself may start with "-"; nothing else may start like a formula.
          for (const c of r) assert.ok(!/^[=+\-@\t\r]/.test(c) || /^-\d/.test(c), JSON.stringify(c));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('GeoJSON is JSON with RFC 7946 positions in range, and every feature the incident implies', () => {
    fc.assert(
      fc.property(incident, (view) => {
        const fc7946 = JSON.parse(exportIncident(view, 'geojson', 'en').body.toString('utf8')) as {
          type: string;
          features: { type: string; geometry: { type: string; coordinates: unknown } }[];
        };
        assert.equal(fc7946.type, 'FeatureCollection');
        for (const f of fc7946.features) {
          assert.equal(f.type, 'Feature');
          if (f.geometry.type === 'Point') assert.ok(inRange(f.geometry.coordinates), JSON.stringify(f.geometry));
          else {
            assert.equal(f.geometry.type, 'LineString');
            const line = f.geometry.coordinates as unknown[];
            assert.ok(line.length >= 2 && line.every(inRange) && new Set(line.map((p) => (p as unknown[]).length)).size === 1);
          }
        }
        const expected =
          view.tracks.reduce(
            (n, t) => n + (t.trail.length >= 2 ? 1 : 0) + (t.trail.length >= 1 ? 1 : 0) + (t.pilot ? 1 : 0) + (t.takeoff ? 1 : 0),
            0,
          ) + view.timeline.filter((e) => e.lat !== null).length;
        assert.equal(fc7946.features.length, expected);
      }),
      { numRuns: 150 },
    );
  });

  it('CoT is well-formed XML with one event per trail point and pilot, one evidence element per payload', () => {
    fc.assert(
      fc.property(incident, fc.constantFrom(...EVIDENCE_LANGS), (view, lang) => {
        const parsed = parseXml(exportIncident(view, 'cot', lang).body.toString('utf8'));
        assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.rejection));
        const root = parsed.root.events;
        assert.ok(isNode(root));
        const count = (v: unknown) => (v === undefined ? 0 : Array.isArray(v) ? v.length : 1);
        assert.equal(
          count(root.event),
          view.tracks.reduce((n, t) => n + t.trail.length + (t.pilot ? 1 : 0), 0),
        );
        assert.equal(count(root.evidence), view.evidence.length);
      }),
      { numRuns: 150 },
    );
  });

  it('the report holds no markup that came from the data', () => {
    fc.assert(
      fc.property(incident, fc.constantFrom(...EVIDENCE_LANGS), (view, lang) => {
        const page = exportIncident(view, 'report', lang).body.toString('utf8');
        assert.deepEqual(foreignTags(page), []);
        assert.equal(page.includes('<zz'), false);
        assert.equal(page.includes('<script'), false);
      }),
      { numRuns: 150 },
    );
  });
});
