import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { decodeTak, encodeTakMessage, frameMesh, frameStream, readVarint, type TakCotEvent } from './tak-proto.js';
import { NOW, accepted, refused, takEvent } from './fixtures.js';

const ctx = { sensor: 'tak-gw-1', receivedAt: NOW };
const decoded = (e: TakCotEvent, frame: (p: Uint8Array) => Uint8Array = frameStream) => decodeTak(frame(encodeTakMessage(e)), ctx);

test('a TAK protobuf event becomes the same detection as its CoT XML twin', () => {
  const bytes = frameStream(encodeTakMessage(takEvent({ callsign: 'DRON-TJ-7', speed: 14.2, course: 352.5 })));
  const [d] = accepted(decodeTak(bytes, ctx));
  assert.deepEqual(
    { ...d, raw: undefined },
    {
      source: 'tak-protobuf',
      sensor: 'tak-gw-1',
      uid: 'MX-SEDENA-RF-0042',
      remoteId: null,
      t: NOW - 1750,
      receivedAt: NOW,
      staleAt: NOW + 118_250,
      lat: 32.5419,
      lon: -116.9702,
      altM: 180.5,
      speedMps: 14.2,
      courseDeg: 352.5,
      verticalSpeedMps: null,
      classification: 'hostile',
      exercise: false,
      airframe: 'rotary-wing',
      callsign: 'DRON-TJ-7',
      pilot: null,
      raw: undefined,
    },
  );
  assert.deepEqual(d!.raw, {
    format: 'tak-protobuf',
    encoding: 'base64',
    data: Buffer.from(bytes).toString('base64'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
});

test('stream framing, mesh framing and a bare payload all decode', () => {
  const payload = encodeTakMessage(takEvent());
  assert.equal(frameStream(payload)[0], 0xbf);
  assert.deepEqual([...frameMesh(payload).subarray(0, 3)], [0xbf, 0x01, 0xbf]);
  for (const bytes of [frameStream(payload), frameMesh(payload), payload]) {
    assert.equal(accepted(decodeTak(bytes, ctx))[0]!.uid, 'MX-SEDENA-RF-0042');
  }
});

test('a stream frame longer than 127 bytes carries a multi-byte varint length', () => {
  const e = takEvent({ xmlDetail: `<remarks>${'x'.repeat(300)}</remarks>` });
  const framed = frameStream(encodeTakMessage(e));
  assert.ok(framed[1]! & 0x80);
  accepted(decodeTak(framed, ctx));
});

test('classification, exercise and airframe follow the CoT rules', () => {
  assert.deepEqual(
    (['a-j-A-C-F-Q', 'a-k-A-C-H', 'a-f-A', 'x-y'] as const).map((type) => {
      const [d] = accepted(decoded(takEvent({ type })));
      return [d!.classification, d!.exercise, d!.airframe];
    }),
    [
      ['hostile', true, 'fixed-wing'],
      ['suspect', true, 'rotary-wing'],
      ['friendly', false, 'unknown'],
      ['unknown', false, 'unknown'],
    ],
  );
});

test('the "unknown" sentinel becomes null', () => {
  const [d] = accepted(decoded(takEvent({ hae: 9_999_999, ce: 9_999_999, le: 9_999_999 })));
  assert.equal(d!.altM, null);
});

test('xmlDetail fills in what the structured fields lack, including the pilot element', () => {
  const [d] = accepted(
    decoded(
      takEvent({
        xmlDetail: '<track course="10" speed="3"/><contact callsign="FROM-XML"/><__enlace_pilot lat="32.54" lon="-116.98" kind="live"/>',
      }),
    ),
  );
  assert.equal(d!.callsign, 'FROM-XML');
  assert.equal(d!.speedMps, 3);
  assert.deepEqual(d!.pilot, { lat: 32.54, lon: -116.98, kind: 'live', t: NOW - 1750 });
  const [s] = accepted(decoded(takEvent({ xmlDetail: '<contact callsign="FROM-XML"/>', callsign: 'STRUCTURED' })));
  assert.equal(s!.callsign, 'STRUCTURED');
});

test('xmlDetail with a DOCTYPE or entities is refused, never expanded', () => {
  refused(decoded(takEvent({ xmlDetail: '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><remarks>&a;</remarks>' })), 'doctype');
  refused(decoded(takEvent({ xmlDetail: '<remarks><!ENTITY x SYSTEM "file:///etc/passwd"></remarks>' })), 'doctype');
  refused(decoded(takEvent({ xmlDetail: '<remarks>' })), 'malformed');
  refused(decoded(takEvent({ xmlDetail: '</detail><event/><detail>' })), 'malformed');
  refused(decoded(takEvent({ xmlDetail: `${'<a>'.repeat(40)}${'</a>'.repeat(40)}` })), 'too-deep');
  const [d] = accepted(decoded(takEvent({ xmlDetail: '<remarks>&xxe;</remarks>' })));
  assert.equal(d!.uid, 'MX-SEDENA-RF-0042');
});

test('every validation of CoT XML applies to TAK protobuf', () => {
  assert.equal(refused(decoded(takEvent({ uid: '' })), 'missing-field').params.field, 'uid');
  assert.equal(refused(decoded(takEvent({ type: '' })), 'missing-field').params.field, 'type');
  assert.equal(refused(decoded(takEvent({ uid: 'a\u0001b' })), 'invalid-field').params.field, 'uid');
  assert.equal(refused(decoded(takEvent({ type: 'a h' })), 'invalid-field').params.field, 'type');
  assert.equal(refused(decoded(takEvent({ how: '<script>' })), 'invalid-field').params.field, 'how');
  assert.equal(refused(decoded(takEvent({ sendTime: 0 })), 'missing-field').params.field, 'sendTime');
  refused(decoded(takEvent({ lat: 90.0001 })), 'latitude-range');
  refused(decoded(takEvent({ lon: -180.5 })), 'longitude-range');
  refused(decoded(takEvent({ lat: Number.NaN })), 'invalid-field');
  refused(decoded(takEvent({ hae: Number.POSITIVE_INFINITY })), 'invalid-field');
  refused(decoded(takEvent({ ce: -1 })), 'invalid-field');
  refused(decoded(takEvent({ speed: -2, course: 10 })), 'invalid-field');
  refused(decoded(takEvent({ speed: 2, course: 361 })), 'invalid-field');
  assert.equal(refused(decoded(takEvent({ sendTime: NOW + 61_000 })), 'time-future').params.seconds, 60);
  accepted(decoded(takEvent({ sendTime: NOW + 59_000 })));
  refused(decoded(takEvent({ staleTime: NOW })), 'stale');
  refused(decoded(takEvent({ startTime: NOW + 5000, staleTime: NOW + 4000 })), 'stale-before-start');
  refused(decodeTak(new Uint8Array(64 * 1024 + 1), ctx), 'too-large');
});

test('a message without a CoT event is refused', () => {
  refused(decodeTak(new Uint8Array(0), ctx), 'no-event');
  // TakControl only: field 1, length 2, { minProtoVersion = 1 }.
  refused(decodeTak(frameStream(Uint8Array.from([0x0a, 0x02, 0x08, 0x01])), ctx), 'no-event');
});

test('unknown fields, at any level, are skipped', () => {
  const payload = encodeTakMessage(takEvent());
  // Field 99 (varint) and field 100 (length-delimited) appended to the TakMessage.
  const extra = Uint8Array.from([0x98, 0x06, 0x2a, 0xa2, 0x06, 0x03, 0x61, 0x62, 0x63]);
  const withExtra = new Uint8Array([...payload, ...extra]);
  assert.equal(accepted(decodeTak(frameStream(withExtra), ctx))[0]!.uid, 'MX-SEDENA-RF-0042');
  // The same two fields inside the CotEvent (field 2 of TakMessage, re-wrapped with its new length).
  assert.equal(payload[0], 0x12);
  const length = readVarint(payload, 1, 5)!;
  const inner = new Uint8Array([...payload.subarray(length.next), ...extra]);
  const rewrapped = new Uint8Array([0x12, ...frameStream(inner).subarray(1)]);
  const [d] = accepted(decodeTak(rewrapped, ctx));
  assert.equal(d!.lat, 32.5419);
});

test('lying frame lengths, truncated frames and bad versions are refused', () => {
  const payload = encodeTakMessage(takEvent());
  const framed = frameStream(payload);
  const r = refused(decodeTak(framed.subarray(0, framed.length - 5), ctx), 'frame-length');
  assert.deepEqual(r.params, { declared: payload.length, actual: payload.length - 5 });
  refused(decodeTak(new Uint8Array([...framed, 0x00]), ctx), 'frame-length');
  refused(decodeTak(Uint8Array.from([0xbf, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), ctx), 'frame-length');
  refused(decodeTak(Uint8Array.from([0xbf]), ctx), 'frame-length');
  assert.equal(refused(decodeTak(Uint8Array.from([0xbf, 0x02, 0xbf, ...payload]), ctx), 'frame-version').params.version, 2);
  // A length-delimited field that claims more bytes than the payload holds.
  refused(decodeTak(Uint8Array.from([0x12, 0x7f, 0x0a, 0x01]), ctx), 'protobuf');
  refused(decodeTak(payload.subarray(0, payload.length - 3), ctx), 'protobuf');
  refused(decodeTak(Uint8Array.from([0x0f]), ctx), 'protobuf');
});

test('thousands of nested groups are refused, not a stack overflow', () => {
  const groups = new Uint8Array(60_000).fill(0x1b); // field 3, start-group, over and over
  refused(decodeTak(groups, ctx), 'protobuf');
});

test('property: decoding never throws, whatever the bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 512 }), fc.boolean(), (bytes, framed) => {
      const input = framed ? frameStream(bytes) : bytes;
      const result = decodeTak(input, ctx);
      assert.equal(typeof result.ok, 'boolean');
    }),
    { numRuns: 2000 },
  );
});

test('property: mutated valid messages never make the decoder throw', () => {
  const valid = frameStream(encodeTakMessage(takEvent({ callsign: 'X', speed: 1, course: 2, xmlDetail: '<remarks>r</remarks>' })));
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (edits) => {
      const bytes = Uint8Array.from(valid);
      for (const [at, value] of edits) bytes[at] = value;
      assert.equal(typeof decodeTak(bytes, ctx).ok, 'boolean');
    }),
    { numRuns: 2000 },
  );
});

test('property: encode then decode gives back the event', () => {
  const atom = fc.stringMatching(/^[A-Za-z0-9]{1,4}$/);
  const event = fc.record({
    type: fc
      .tuple(fc.constantFrom('a'), fc.constantFrom('h', 's', 'u', 'f', 'j', 'k'), fc.constantFrom('A', 'G'), atom)
      .map((atoms) => atoms.join('-')),
    uid: fc.stringMatching(/^[ -~]{1,40}$/).filter((s) => s.trim() === s && s !== ''),
    how: fc.constantFrom('m-g', 'h-e', 'm-r'),
    sendTime: fc.integer({ min: NOW - 3_600_000, max: NOW + 60_000 }),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
    hae: fc.double({ min: -500, max: 10_000, noNaN: true }),
    ce: fc.double({ min: 0, max: 1000, noNaN: true }),
    le: fc.double({ min: 0, max: 1000, noNaN: true }),
    callsign: fc.option(fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/), { nil: undefined }),
    speed: fc.option(fc.double({ min: 0, max: 300, noNaN: true }), { nil: undefined }),
    course: fc.option(fc.double({ min: 0, max: 360, noNaN: true }), { nil: undefined }),
  });
  fc.assert(
    fc.property(
      event,
      fc.constantFrom(frameStream, frameMesh, (p: Uint8Array) => p),
      (e, frame) => {
        const full: TakCotEvent = { ...e, startTime: e.sendTime, staleTime: NOW + 120_000 };
        const [d] = accepted(decodeTak(frame(encodeTakMessage(full)), ctx));
        assert.equal(d!.uid, e.uid);
        assert.equal(d!.t, e.sendTime);
        assert.equal(d!.staleAt, NOW + 120_000);
        assert.equal(d!.lat, e.lat);
        assert.equal(d!.lon, e.lon);
        assert.equal(d!.altM, e.hae);
        assert.equal(d!.callsign, e.callsign ?? null);
        const hasTrack = e.speed !== undefined || e.course !== undefined;
        assert.equal(d!.speedMps, hasTrack ? (e.speed ?? 0) : null);
        assert.equal(d!.courseDeg, hasTrack ? (e.course ?? 0) : null);
      },
    ),
    { numRuns: 500 },
  );
});
