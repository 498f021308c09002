import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { decodeGeoJson } from './geojson-adapter.js';
import { NOW, accepted, bytesOf, feature, json, refused } from './fixtures.js';

const ctx = { sensor: 'radar-otay', receivedAt: NOW };
const collection = (...features: unknown[]) => json({ type: 'FeatureCollection', features });

test('a Point feature with every property becomes a full detection', () => {
  const body = json(
    feature({
      sensor: 'radar-7',
      stale: '2026-11-27T18:01:00Z',
      classification: 'suspect',
      airframe: 'fixed-wing',
      speed: 22.5,
      course: 15,
      callsign: 'UNK-3',
      pilot: { lat: 32.53, lon: -116.99, kind: 'fixed' },
    }),
  );
  const [d] = accepted(decodeGeoJson(body, ctx));
  assert.deepEqual(
    { ...d, raw: undefined },
    {
      source: 'geojson',
      sensor: 'radar-7',
      uid: 'radar-7/trk-12',
      remoteId: null,
      t: NOW - 1750,
      receivedAt: NOW,
      staleAt: NOW + 60_000,
      lat: 32.5419,
      lon: -116.9702,
      altM: 180.5,
      speedMps: 22.5,
      courseDeg: 15,
      verticalSpeedMps: null,
      classification: 'suspect',
      exercise: false,
      airframe: 'fixed-wing',
      callsign: 'UNK-3',
      pilot: { lat: 32.53, lon: -116.99, kind: 'fixed', t: NOW - 1750 },
      raw: undefined,
    },
  );
  assert.deepEqual(d!.raw, {
    format: 'geojson',
    encoding: 'utf8',
    data: Buffer.from(body).toString('utf8'),
    sha256: createHash('sha256').update(body).digest('hex'),
  });
});

test('defaults: ingest sensor, unknown classification and airframe, no altitude, null properties as absent', () => {
  const [d] = accepted(
    decodeGeoJson(
      json(feature({ id: null, uid: 'u-1', time: NOW - 5000, speed: null }, { type: 'Point', coordinates: [-117, 32.5] })),
      ctx,
    ),
  );
  assert.equal(d!.sensor, 'radar-otay');
  assert.equal(d!.uid, 'u-1');
  assert.equal(d!.t, NOW - 5000);
  assert.equal(d!.altM, null);
  assert.equal(d!.speedMps, null);
  assert.equal(d!.classification, 'unknown');
  assert.equal(d!.airframe, 'unknown');
  assert.equal(d!.staleAt, null);
});

test('the feature id serves when properties name none; none at all is an anonymous return', () => {
  const withId = { ...feature({ id: undefined }), id: 42 };
  assert.equal(accepted(decodeGeoJson(json(withId), ctx))[0]!.uid, '42');
  assert.equal(accepted(decodeGeoJson(json(feature({ id: undefined })), ctx))[0]!.uid, null);
});

test('a collection gives one detection per feature, all citing the payload', () => {
  const body = collection(feature({ id: 'a' }), feature({ id: 'b' }), feature({ id: 'c' }));
  const detections = accepted(decodeGeoJson(body, ctx));
  assert.deepEqual(
    detections.map((d) => d.uid),
    ['a', 'b', 'c'],
  );
  assert.equal(new Set(detections.map((d) => d.raw.sha256)).size, 1);
  assert.deepEqual(accepted(decodeGeoJson(collection(), ctx)), []);
});

test('one bad feature refuses the whole collection, naming the feature and path', () => {
  const r = refused(decodeGeoJson(collection(feature(), feature(), feature({ time: undefined })), ctx), 'missing-field');
  assert.deepEqual(r.params, { field: 'features[2].properties.time', feature: 2 });
  const s = refused(decodeGeoJson(collection(feature(), feature({ speed: '12' })), ctx), 'invalid-field');
  assert.equal(s.params.field, 'features[1].properties.speed');
  assert.equal(s.params.feature, 1);
});

test('each field is validated, with the path named', () => {
  const field = (props: Record<string, unknown>, reason = 'invalid-field') =>
    refused(decodeGeoJson(json(feature(props)), ctx), reason).params.field;
  assert.equal(field({ classification: 'enemy' }), 'properties.classification');
  assert.equal(field({ airframe: 'balloon' }), 'properties.airframe');
  assert.equal(field({ speed: -1 }), 'properties.speed');
  assert.equal(field({ course: 361 }), 'properties.course');
  assert.equal(field({ time: 'yesterday' }), 'properties.time');
  assert.equal(field({ time: '2026-02-31T00:00:00Z' }), 'properties.time');
  assert.equal(field({ time: 'NaN' }), 'properties.time');
  assert.equal(field({ time: -5 }), 'properties.time');
  assert.equal(field({ stale: 12 }), 'properties.stale');
  assert.equal(field({ callsign: 'x'.repeat(65) }), 'properties.callsign');
  assert.equal(field({ sensor: 'a\u0000b' }), 'properties.sensor');
  assert.equal(field({ id: '' }), 'properties.uid');
  assert.equal(field({ pilot: { lat: 32, lon: -117, kind: 'boat' } }), 'properties.pilot.kind');
  assert.equal(field({ pilot: { lat: 32, lon: -117, kind: 'live', extra: 1 } }, 'unknown-field'), 'properties.pilot.extra');
  assert.equal(
    refused(
      decodeGeoJson(json({ type: 'Feature', geometry: { type: 'Point', coordinates: [1] }, properties: { time: NOW } }), ctx),
      'invalid-field',
    ).params.field,
    'geometry.coordinates',
  );
  assert.equal(
    refused(
      decodeGeoJson(json({ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2, 3, 4] }, properties: { time: NOW } }), ctx),
      'invalid-field',
    ).params.field,
    'geometry.coordinates',
  );
  assert.equal(
    refused(decodeGeoJson(json({ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] } }), ctx), 'missing-field').params.field,
    'properties',
  );
  assert.equal(refused(decodeGeoJson(json({ type: 'Topology' }), ctx), 'invalid-field').params.field, 'type');
  assert.equal(refused(decodeGeoJson(json({ type: 'FeatureCollection' }), ctx), 'missing-field').params.field, 'features');
  assert.equal(refused(decodeGeoJson(json({ type: 'FeatureCollection', features: {} }), ctx), 'invalid-field').params.field, 'features');
  refused(decodeGeoJson(json('Feature'), ctx), 'invalid-field');
});

test('only Point geometries are accepted', () => {
  const line = feature(
    {},
    {
      type: 'LineString',
      coordinates: [
        [-117, 32.5],
        [-117.1, 32.6],
      ],
    },
  );
  assert.deepEqual(refused(decodeGeoJson(json(line), ctx), 'not-point').params, { field: 'geometry', type: 'LineString' });
  assert.deepEqual(refused(decodeGeoJson(collection(feature(), feature({}, null)), ctx), 'not-point').params, {
    field: 'features[1].geometry',
    type: 'null',
    feature: 1,
  });
});

test('coordinates and pilot positions out of range are refused; infinities and NaN too', () => {
  assert.equal(
    refused(decodeGeoJson(json(feature({}, { type: 'Point', coordinates: [-117, 91] })), ctx), 'latitude-range').params.value,
    91,
  );
  refused(decodeGeoJson(json(feature({}, { type: 'Point', coordinates: [181, 32] })), ctx), 'longitude-range');
  refused(decodeGeoJson(json(feature({ pilot: { lat: -91, lon: 0, kind: 'live' } })), ctx), 'latitude-range');
  refused(
    decodeGeoJson(bytesOf('{"type":"Feature","geometry":{"type":"Point","coordinates":[1e400,32]},"properties":{"time":1}}'), ctx),
    'invalid-field',
  );
  refused(
    decodeGeoJson(bytesOf('{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,32]},"properties":{"time":1}}'), ctx),
    'not-json',
  );
});

test('times: future, stale, stale before the observation', () => {
  assert.equal(refused(decodeGeoJson(json(feature({ time: NOW + 61_000 })), ctx), 'time-future').params.seconds, 60);
  accepted(decodeGeoJson(json(feature({ time: NOW + 59_000 })), ctx));
  refused(decodeGeoJson(json(feature({ stale: '2026-11-27T17:59:59Z' })), ctx), 'stale');
  refused(decodeGeoJson(json(feature({ stale: '2026-11-27T17:59:00Z' })), ctx), 'stale-before-start');
});

test('hostile input: too many features, deep nesting, prototype keys', () => {
  const many = collection(...Array.from({ length: 1001 }, () => feature()));
  assert.deepEqual(refused(decodeGeoJson(many, ctx), 'too-many').params, { field: 'features', actual: 1001, max: 1000 });
  assert.equal(accepted(decodeGeoJson(collection(...Array.from({ length: 1000 }, () => feature())), ctx)).length, 1000);
  const deep = `{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"time":1,"x":${'['.repeat(50)}${']'.repeat(50)}}}`;
  refused(decodeGeoJson(bytesOf(deep), ctx), 'too-deep');
  const proto = '{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"time":1,"__proto__":{"isAdmin":true}}}';
  assert.equal(refused(decodeGeoJson(bytesOf(proto), ctx), 'unsafe-key').params.field, '__proto__');
  refused(decodeGeoJson(bytesOf('{"type":"Feature","properties":{"constructor":{"prototype":{}}}}'), ctx), 'unsafe-key');
  assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  // Brackets inside strings do not count as nesting.
  accepted(decodeGeoJson(json(feature({ note: '['.repeat(100) })), ctx));
});

test('property: any bytes and any JSON value give a result and never throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.equal(typeof decodeGeoJson(bytes, ctx).ok, 'boolean');
    }),
    { numRuns: 1000 },
  );
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      assert.equal(typeof decodeGeoJson(json(value), ctx).ok, 'boolean');
      assert.equal(
        typeof decodeGeoJson(json({ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: value }), ctx).ok,
        'boolean',
      );
    }),
    { numRuns: 1000 },
  );
});
