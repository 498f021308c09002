import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cotEvent } from '../cot/fixtures.js';
import { cotMessages } from '../cot/messages.js';
import { remoteIdMessages } from '../remote-id/messages.js';
import { allCatalogues } from '../../i18n/index.js';
import { DroneIngest, describeRejection, formatOfContentType } from './ingest.js';
import { ingestMessages } from './messages.js';
import { encodeTakMessage, frameStream } from './tak-proto.js';
import { NOW, accepted, basicId, bytesOf, feature, json, location, refused, ridBatch, takEvent } from './fixtures.js';

test('content types map to formats, parameters and case aside', () => {
  const cases: Array<[string | undefined, string | null]> = [
    ['application/cot+xml', 'cot'],
    ['application/xml; charset=utf-8', 'cot'],
    ['TEXT/XML', 'cot'],
    ['application/x-tak-protobuf', 'tak-protobuf'],
    ['application/x-protobuf', 'tak-protobuf'],
    ['application/geo+json', 'geojson'],
    ['application/x-remote-id+json', 'remote-id'],
    ['application/json', null],
    ['text/plain', null],
    ['', null],
    [undefined, null],
    ['__proto__', null],
    ['constructor', null],
  ];
  for (const [ct, format] of cases) assert.equal(formatOfContentType(ct), format, String(ct));
});

test('each format is accepted through the one door, stamped with the node clock', () => {
  const ingest = new DroneIngest({ now: () => NOW });
  const ctx = { sensor: 'acct-sedena' };
  const all = [
    ...accepted(ingest.ingest('cot', bytesOf(cotEvent()), ctx)),
    ...accepted(ingest.ingest('tak-protobuf', frameStream(encodeTakMessage(takEvent())), ctx)),
    ...accepted(ingest.ingest('remote-id', ridBatch([basicId(), location()]), ctx)),
    ...accepted(ingest.ingest('geojson', json(feature()), ctx)),
  ];
  assert.deepEqual(
    all.map((d) => d.source),
    ['cot', 'tak-protobuf', 'remote-id', 'geojson'],
  );
  for (const d of all) {
    assert.equal(d.receivedAt, NOW);
    assert.equal(d.sensor, 'acct-sedena');
  }
});

test('Remote ID state survives between payloads through the shared assembler', () => {
  const ingest = new DroneIngest({ now: () => NOW });
  accepted(ingest.ingest('remote-id', ridBatch([basicId()]), { sensor: 's' }));
  assert.equal(accepted(ingest.ingest('remote-id', ridBatch([location()]), { sensor: 's' }))[0]!.remoteId, '1581F5FKD229400EK2N3');
});

test('size ceilings: 64 KiB for one CoT or TAK message, 1 MiB for a batch', () => {
  const ingest = new DroneIngest({ now: () => NOW });
  const ctx = { sensor: 's' };
  assert.deepEqual(refused(ingest.ingest('cot', new Uint8Array(65_537), ctx), 'too-large').params, { actual: 65_537, max: 65_536 });
  assert.deepEqual(refused(ingest.ingest('tak-protobuf', new Uint8Array(65_537), ctx), 'too-large').params, {
    actual: 65_537,
    max: 65_536,
  });
  assert.equal(refused(ingest.ingest('geojson', new Uint8Array(1_048_577), ctx), 'too-large').params.max, 1_048_576);
  assert.equal(refused(ingest.ingest('remote-id', new Uint8Array(1_048_577), ctx), 'too-large').params.max, 1_048_576);
  // Under the batch ceiling, a large collection is read.
  refused(ingest.ingest('geojson', bytesOf(`${' '.repeat(900_000)}{}`), ctx), 'invalid-field');
});

test('counters tally detections accepted and payloads refused, per format and reason', () => {
  const ingest = new DroneIngest({ now: () => NOW });
  const ctx = { sensor: 's' };
  ingest.ingest('geojson', json({ type: 'FeatureCollection', features: [feature(), feature()] }), ctx);
  ingest.ingest('cot', bytesOf(cotEvent()), ctx);
  ingest.ingest('cot', bytesOf('nope'), ctx);
  ingest.ingest('cot', bytesOf('nope'), ctx);
  ingest.ingest('cot', bytesOf(cotEvent({ lat: '99' })), ctx);
  ingest.ingest('remote-id', ridBatch([basicId()]), ctx);
  ingest.ingest('tak-protobuf', Uint8Array.from([0xbf, 0x05]), ctx);
  const snapshot = ingest.counters.snapshot();
  assert.deepEqual(snapshot, {
    accepted: { cot: 1, 'tak-protobuf': 0, 'remote-id': 0, geojson: 2 },
    rejected: { cot: { 'not-xml': 2, 'latitude-range': 1 }, 'tak-protobuf': { 'frame-length': 1 }, 'remote-id': {}, geojson: {} },
  });
  assert.deepEqual(JSON.parse(JSON.stringify(snapshot)), snapshot);
});

test('every reason the CoT parser and the Remote ID decoder can give has an ingest text', () => {
  for (const key of Object.keys(cotMessages.en)) assert.ok(Object.hasOwn(ingestMessages.en, key), key);
  for (const key of Object.keys(remoteIdMessages.en)) {
    if (key === 'decode.in-pack') continue;
    assert.ok(Object.hasOwn(ingestMessages.en, key.replace('decode.', 'reject.rid-')), key);
  }
});

test('the catalogue is registered and both languages have the same keys and placeholders', () => {
  assert.equal(allCatalogues['drones-ingest'], ingestMessages);
  assert.deepEqual(Object.keys(ingestMessages.es).sort(), Object.keys(ingestMessages.en).sort());
  const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
  for (const [key, en] of Object.entries(ingestMessages.en)) {
    assert.deepEqual(placeholders(ingestMessages.es[key as keyof typeof ingestMessages.es]), placeholders(en), key);
  }
});

test('describeRejection speaks English and Mexican Spanish, with where in a batch', () => {
  const ingest = new DroneIngest({ now: () => NOW });
  const lat = refused(ingest.ingest('cot', bytesOf(cotEvent({ lat: '99' })), { sensor: 's' }), 'latitude-range');
  assert.equal(describeRejection(lat, 'en'), 'Latitude 99 lies outside ±90°.');
  assert.equal(describeRejection(lat, 'es'), 'La latitud 99 está fuera de ±90°.');
  const inFeature = { format: 'geojson' as const, reason: 'missing-field', params: { field: 'features[2].properties.time', feature: 2 } };
  assert.equal(describeRejection(inFeature, 'en'), 'Required field features[2].properties.time is missing. (feature 2)');
  assert.equal(describeRejection(inFeature, 'es'), 'Falta el campo obligatorio features[2].properties.time. (elemento 2)');
  const inPack = {
    format: 'remote-id' as const,
    reason: 'rid-reserved-value',
    params: { field: 'status', value: 15, message: 1, pack: 0 },
  };
  assert.equal(
    describeRejection(inPack, 'en'),
    'Remote ID field status holds the reserved or invalid value 15. (message 1, item 0 of its pack)',
  );
  assert.match(describeRejection(inPack, 'es'), /mensaje 1, elemento 0 de su paquete/);
  assert.equal(
    describeRejection({ format: 'cot', reason: 'no-such-reason', params: {} }, 'es'),
    'Se rechazó el contenido (no-such-reason).',
  );
  assert.equal(describeRejection({ format: 'cot', reason: '__proto__', params: {} }, 'en'), 'The payload was refused (__proto__).');
});

test('every rejection text renders with no placeholder left, in both languages', () => {
  const params = {
    actual: 1,
    max: 2,
    detail: 'd',
    root: 'r',
    field: 'f',
    value: 'v',
    time: 't',
    seconds: 60,
    stale: 's',
    start: 'st',
    type: 'LineString',
    declared: 3,
    version: 2,
    byte: '0x41',
    expected: 25,
    messageType: 6,
    count: 10,
    feature: 0,
    message: 0,
    pack: 0,
    reason: 'x',
  };
  for (const key of Object.keys(ingestMessages.en).filter((k) => k.startsWith('reject.'))) {
    for (const lang of ['en', 'es'] as const) {
      const text = describeRejection({ format: 'cot', reason: key.slice('reject.'.length), params }, lang);
      assert.doesNotMatch(text, /\{\{|reject\./, `${lang} ${key}: ${text}`);
    }
  }
});

test('property: no format throws on any bytes, and each payload is counted once', () => {
  const ingest = new DroneIngest({ now: () => NOW });
  let payloads = 0;
  fc.assert(
    fc.property(
      fc.constantFrom('cot', 'tak-protobuf', 'remote-id', 'geojson' as const),
      fc.uint8Array({ maxLength: 400 }),
      (format, bytes) => {
        const result = ingest.ingest(format, bytes, { sensor: 's' });
        payloads++;
        if (result.ok) return;
        assert.ok(Object.hasOwn(ingestMessages.en, `reject.${result.rejection.reason}`), result.rejection.reason);
        assert.notEqual(result.rejection.reason, 'internal', JSON.stringify(result.rejection.params));
      },
    ),
    { numRuns: 2000 },
  );
  const { rejected } = ingest.counters.snapshot();
  const refusals = Object.values(rejected)
    .flatMap((byReason) => Object.values(byReason))
    .reduce((a, b) => a + b, 0);
  assert.ok(refusals > 0 && refusals <= payloads);
});
