import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { encode } from '../remote-id/encode.js';
import { RemoteIdAssembler } from './assembler.js';
import { decodeRemoteIdBatch, resolveLocationTime } from './remote-id-adapter.js';
import { NOW, accepted, b64, basicId, bytesOf, json, location, operatorId, refused, ridBatch, system } from './fixtures.js';

const ctx = { sensor: 'rid-rx-tijuana', receivedAt: NOW };
const HOUR = 3_600_000;

test('Basic ID, System and Location in one batch give one full detection', () => {
  const body = ridBatch([location(), basicId(), system(), operatorId()]);
  const [d, ...rest] = accepted(decodeRemoteIdBatch(body, ctx, new RemoteIdAssembler()));
  assert.equal(rest.length, 0);
  assert.deepEqual(
    { ...d, raw: undefined },
    {
      source: 'remote-id',
      sensor: 'rid-rx-tijuana',
      uid: 'rid:1581F5FKD229400EK2N3',
      remoteId: '1581F5FKD229400EK2N3',
      // 3599.5 s after the hour, heard at 18:00:00: 17:59:59.5, not 18:59:59.5.
      t: NOW - 500,
      receivedAt: NOW,
      staleAt: null,
      lat: 32.53,
      lon: -117.03,
      altM: 120,
      speedMps: 12,
      courseDeg: 350,
      verticalSpeedMps: 1.5,
      classification: 'unknown',
      exercise: false,
      airframe: 'rotary-wing',
      callsign: null,
      pilot: { lat: 32.54, lon: -117.01, kind: 'live', t: Date.UTC(2026, 10, 27, 17, 59, 0) },
      raw: undefined,
    },
  );
  assert.equal(d!.raw.format, 'remote-id');
  assert.equal(d!.raw.encoding, 'utf8');
  assert.equal(d!.raw.sha256, createHash('sha256').update(body).digest('hex'));
});

test('a later batch with only a Location still carries the remote id and the pilot', () => {
  const assembler = new RemoteIdAssembler();
  assert.deepEqual(accepted(decodeRemoteIdBatch(ridBatch([basicId(), system({ operatorLocationType: 'takeoff' })]), ctx, assembler)), []);
  const [d] = accepted(decodeRemoteIdBatch(ridBatch([location()]), { ...ctx, receivedAt: NOW + 1000 }, assembler));
  assert.equal(d!.remoteId, '1581F5FKD229400EK2N3');
  assert.equal(d!.pilot?.kind, 'takeoff');
  assert.equal(d!.airframe, 'rotary-wing');
});

test('without a Basic ID the uid names the transmitter; a registration serves when there is no serial', () => {
  const [anon] = accepted(decodeRemoteIdBatch(ridBatch([location()]), ctx, new RemoteIdAssembler()));
  assert.equal(anon!.uid, 'rid-tx:AA:BB:CC:00:11:22');
  assert.equal(anon!.remoteId, null);
  assert.equal(anon!.pilot, null);
  const [reg] = accepted(
    decodeRemoteIdBatch(
      ridBatch([basicId({ idType: 'caa-registration', uasId: 'MEX-RPAS-00917', uaType: 'aeroplane' }), location()]),
      ctx,
      new RemoteIdAssembler(),
    ),
  );
  assert.equal(reg!.uid, 'rid:MEX-RPAS-00917');
  assert.equal(reg!.airframe, 'fixed-wing');
});

test('operator location types map to pilot kinds', () => {
  for (const [type, kind] of [
    ['takeoff', 'takeoff'],
    ['live-gnss', 'live'],
    ['fixed', 'fixed'],
  ] as const) {
    const [d] = accepted(decodeRemoteIdBatch(ridBatch([system({ operatorLocationType: type }), location()]), ctx, new RemoteIdAssembler()));
    assert.equal(d!.pilot?.kind, kind);
  }
});

test('a message pack is unpacked; a Location without a position yields nothing', () => {
  const pack = { type: 'message-pack' as const, protocolVersion: 2, messages: [basicId(), location(), location({ position: null })] };
  const detections = accepted(decodeRemoteIdBatch(ridBatch([pack]), ctx, new RemoteIdAssembler()));
  assert.equal(detections.length, 1);
  assert.equal(detections[0]!.remoteId, '1581F5FKD229400EK2N3');
});

test('the batch may name its sensor and when the receiver heard it', () => {
  const body = ridBatch([location({ secondsAfterHour: 3540 })], { sensor: 'rid-rx-otay', receivedAt: '2026-11-27T17:59:30Z' });
  const [d] = accepted(decodeRemoteIdBatch(body, ctx, new RemoteIdAssembler()));
  assert.equal(d!.sensor, 'rid-rx-otay');
  assert.equal(d!.t, Date.UTC(2026, 10, 27, 17, 59, 0));
  assert.equal(d!.receivedAt, NOW);
});

test('the hour of a Location is the one that puts it closest to reception', () => {
  const heard = Date.UTC(2026, 10, 27, 18, 0, 2);
  assert.equal(resolveLocationTime(3599.5, heard), Date.UTC(2026, 10, 27, 17, 59, 59, 500));
  assert.equal(resolveLocationTime(1.5, heard), Date.UTC(2026, 10, 27, 18, 0, 1, 500));
  assert.equal(resolveLocationTime(1.5, Date.UTC(2026, 10, 27, 18, 59, 58)), Date.UTC(2026, 10, 27, 19, 0, 1, 500));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 36000 }), fc.integer({ min: 1.5e12, max: 2e12 }), (tenths, heardAt) => {
      const t = resolveLocationTime(tenths / 10, heardAt);
      assert.ok(Math.abs(t - heardAt) <= HOUR / 2, `${t} vs ${heardAt}`);
      assert.equal(((t % HOUR) + HOUR) % HOUR, (tenths * 100) % HOUR);
    }),
  );
});

test('a batch with no Location updates state but yields no detection', () => {
  const assembler = new RemoteIdAssembler();
  assert.deepEqual(accepted(decodeRemoteIdBatch(ridBatch([basicId()]), ctx, assembler)), []);
  assert.equal(assembler.get('AA:BB:CC:00:11:22', NOW)?.serialNumber, '1581F5FKD229400EK2N3');
});

test('the JSON shape is checked and the failing field named', () => {
  const a = new RemoteIdAssembler();
  assert.equal(refused(decodeRemoteIdBatch(json({ messages: [] }), ctx, a), 'missing-field').params.field, 'transmitter');
  assert.equal(
    refused(decodeRemoteIdBatch(json({ transmitter: 'x', messages: 'AAAA' }), ctx, a), 'invalid-field').params.field,
    'messages',
  );
  assert.equal(
    refused(decodeRemoteIdBatch(json({ transmitter: 'x', messages: [7] }), ctx, a), 'invalid-field').params.field,
    'messages[0]',
  );
  assert.equal(
    refused(decodeRemoteIdBatch(json({ transmitter: 'x', messages: [], recievedAt: 'x' }), ctx, a), 'unknown-field').params.field,
    'recievedAt',
  );
  assert.equal(
    refused(decodeRemoteIdBatch(json({ transmitter: 'x'.repeat(65), messages: [] }), ctx, a), 'invalid-field').params.field,
    'transmitter',
  );
  assert.equal(
    refused(decodeRemoteIdBatch(json({ transmitter: 'a\nb', messages: [] }), ctx, a), 'invalid-field').params.field,
    'transmitter',
  );
  assert.equal(
    refused(decodeRemoteIdBatch(json({ transmitter: 'x', sensor: '', messages: [] }), ctx, a), 'invalid-field').params.field,
    'sensor',
  );
  assert.equal(
    refused(decodeRemoteIdBatch(json({ transmitter: 'x', receivedAt: 'yesterday', messages: [] }), ctx, a), 'invalid-field').params.field,
    'receivedAt',
  );
  refused(decodeRemoteIdBatch(json([1, 2]), ctx, a), 'invalid-field');
  refused(decodeRemoteIdBatch(bytesOf('{"transmitter":'), ctx, a), 'not-json');
  refused(decodeRemoteIdBatch(Uint8Array.from([0x7b, 0xff, 0x7d]), ctx, a), 'not-json');
  assert.deepEqual(refused(decodeRemoteIdBatch(json({ transmitter: 'x', messages: Array(33).fill('AAAA') }), ctx, a), 'too-many').params, {
    field: 'messages',
    actual: 33,
    max: 32,
  });
});

test('bad base64 and each decoder refusal are forwarded with where they lie', () => {
  const a = new RemoteIdAssembler();
  assert.equal(refused(decodeRemoteIdBatch(ridBatch([location(), 'not base64!']), ctx, a), 'bad-base64').params.field, 'messages[1]');
  refused(decodeRemoteIdBatch(ridBatch(['AAAA====']), ctx, a), 'bad-base64');
  assert.deepEqual(refused(decodeRemoteIdBatch(ridBatch([b64(new Uint8Array(24))]), ctx, a), 'rid-length').params, {
    expected: 25,
    actual: 24,
    message: 0,
  });
  const unknownType = encode(location());
  unknownType[0] = 0x62;
  refused(decodeRemoteIdBatch(ridBatch([b64(unknownType)]), ctx, a), 'rid-unknown-type');
  const reserved = encode(basicId());
  reserved[1] = 0xf2;
  assert.equal(refused(decodeRemoteIdBatch(ridBatch([b64(reserved)]), ctx, a), 'rid-reserved-value').params.field, 'idType');
  const text = encode(basicId());
  text[3] = 0x07;
  refused(decodeRemoteIdBatch(ridBatch([b64(text)]), ctx, a), 'rid-invalid-text');
  const badLat = encode(location());
  new DataView(badLat.buffer).setInt32(5, 950_000_000, true);
  refused(decodeRemoteIdBatch(ridBatch([b64(badLat)]), ctx, a), 'rid-latitude-range');
  const badLon = encode(location());
  new DataView(badLon.buffer).setInt32(9, -1_850_000_000, true);
  refused(decodeRemoteIdBatch(ridBatch([b64(badLon)]), ctx, a), 'rid-longitude-range');
  const pack = encode({ type: 'message-pack', protocolVersion: 2, messages: [basicId(), location()] });
  const inPack = Uint8Array.from(pack);
  inPack[3 + 25 + 1] = 0xf0; // second message: reserved status
  assert.deepEqual(refused(decodeRemoteIdBatch(ridBatch([location(), b64(inPack)]), ctx, a), 'rid-reserved-value').params, {
    field: 'status',
    value: 15,
    message: 1,
    pack: 1,
  });
  const size = Uint8Array.from(pack);
  size[1] = 24;
  refused(decodeRemoteIdBatch(ridBatch([b64(size)]), ctx, a), 'rid-pack-message-size');
  const count = Uint8Array.from(pack);
  count[2] = 0;
  refused(decodeRemoteIdBatch(ridBatch([b64(count)]), ctx, a), 'rid-pack-count');
  refused(decodeRemoteIdBatch(ridBatch([b64(pack.subarray(0, pack.length - 1))]), ctx, a), 'rid-pack-length');
  const nested = Uint8Array.from(pack);
  nested[3] = 0xf2;
  refused(decodeRemoteIdBatch(ridBatch([b64(nested)]), ctx, a), 'rid-pack-nested');
});

test('future times are refused: the receiver clock, the System time and a resolved Location time', () => {
  const a = new RemoteIdAssembler();
  refused(decodeRemoteIdBatch(ridBatch([location()], { receivedAt: '2026-11-27T18:01:01Z' }), ctx, a), 'time-future');
  refused(decodeRemoteIdBatch(ridBatch([system({ timestamp: '2026-11-27T18:05:00.000Z' })]), ctx, a), 'time-future');
  // 2.0 s after the hour (1.5 s after "now" would be fine), 10 min after: future.
  accepted(decodeRemoteIdBatch(ridBatch([location({ secondsAfterHour: 2 })]), ctx, a));
  refused(decodeRemoteIdBatch(ridBatch([location({ secondsAfterHour: 600 })]), ctx, a), 'time-future');
});

test('a refused batch leaves the transmitter state untouched', () => {
  const assembler = new RemoteIdAssembler();
  accepted(decodeRemoteIdBatch(ridBatch([basicId({ uasId: 'FIRST' })]), ctx, assembler));
  refused(decodeRemoteIdBatch(ridBatch([basicId({ uasId: 'SECOND' }), system(), 'AAAA'.repeat(3)]), ctx, assembler), 'rid-length');
  const state = assembler.get('AA:BB:CC:00:11:22', NOW);
  assert.equal(state?.serialNumber, 'FIRST');
  assert.equal(state?.pilot, null);
});

test('transmitter state is bounded and expires', () => {
  const assembler = new RemoteIdAssembler({ maxTransmitters: 3, ttlMs: 60_000 });
  for (let i = 0; i < 10; i++) {
    accepted(
      decodeRemoteIdBatch(ridBatch([basicId({ uasId: `SN${i}` })], { transmitter: `tx-${i}` }), { ...ctx, receivedAt: NOW + i }, assembler),
    );
  }
  assert.equal(assembler.size, 3);
  assert.equal(assembler.get('tx-0', NOW + 10), null);
  assert.equal(assembler.get('tx-9', NOW + 10)?.serialNumber, 'SN9');
  assert.equal(assembler.get('tx-9', NOW + 9 + 60_001), null);
  const [d] = accepted(
    decodeRemoteIdBatch(ridBatch([location()], { transmitter: 'tx-8' }), { ...ctx, receivedAt: NOW + 8 + 60_001 }, assembler),
  );
  assert.equal(d!.remoteId, null, 'expired state must not name the drone');
});

test('hostile JSON: deep nesting and prototype keys are refused', () => {
  const a = new RemoteIdAssembler();
  refused(decodeRemoteIdBatch(bytesOf(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), ctx, a), 'too-deep');
  assert.equal(
    refused(decodeRemoteIdBatch(bytesOf('{"transmitter":"x","messages":[],"__proto__":{"polluted":1}}'), ctx, a), 'unsafe-key').params
      .field,
    '__proto__',
  );
  refused(decodeRemoteIdBatch(bytesOf('{"transmitter":"x","messages":[],"constructor":{"prototype":{"x":1}}}'), ctx, a), 'unsafe-key');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('property: any bytes, and any base64 messages, give a result and never throw', () => {
  const a = new RemoteIdAssembler({ maxTransmitters: 50 });
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.equal(typeof decodeRemoteIdBatch(bytes, ctx, a).ok, 'boolean');
    }),
    { numRuns: 1000 },
  );
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ minLength: 25, maxLength: 25 }), { maxLength: 5 }), (messages) => {
      const result = decodeRemoteIdBatch(ridBatch(messages.map(b64)), ctx, a);
      if (result.ok) for (const d of result.detections) assert.ok(Math.abs(d.lat) <= 90 && Math.abs(d.lon) <= 180);
    }),
    { numRuns: 2000 },
  );
});
