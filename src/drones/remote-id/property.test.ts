import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decode } from './decode.js';
import { encode } from './encode.js';
import {
  classificationTypes,
  euCategories,
  euClasses,
  heightReferences,
  horizontalAccuracyMetres,
  idTypes,
  operationalStatuses,
  operatorLocationTypes,
  speedAccuracyMetresPerSecond,
  uaTypes,
  verticalAccuracyMetres,
  type AuthType,
  type Position,
  type RemoteIdMessage,
  type SingleMessage,
} from './model.js';

// Arbitraries draw only values that lie on the wire's grid (1e-7°, 0.5 m, 0.25 m/s …), so that
// decode(encode(m)) must give back m exactly rather than a rounded neighbour.
const version = fc.constantFrom(0, 1, 2, 15);
const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const altitude = orNull(fc.integer({ min: 1, max: 0xffff }).map((raw) => raw / 2 - 1000));
const position: fc.Arbitrary<Position | null> = fc
  .record({
    latitude: fc.integer({ min: -900_000_000, max: 900_000_000 }).map((v) => v / 1e7),
    longitude: fc.integer({ min: -1_800_000_000, max: 1_800_000_000 }).map((v) => v / 1e7),
  })
  .map((p) => (p.latitude === 0 && p.longitude === 0 ? null : p));
const ascii = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: max });
const hexBytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('hex'));
const iso = orNull(fc.integer({ min: 1, max: 0xffffffff }).map((s) => new Date(Date.UTC(2019, 0, 1) + s * 1000).toISOString()));
const speed = orNull(
  fc.oneof(
    fc.integer({ min: 0, max: 255 }).map((v) => v * 0.25),
    fc.integer({ min: 1, max: 254 }).map((v) => v * 0.75 + 63.75),
  ),
);

const basicId = fc
  .record({ protocolVersion: version, idType: fc.constantFrom(...idTypes), uaType: fc.constantFrom(...uaTypes) })
  .chain((b) =>
    (b.idType === 'utm-uuid' || b.idType === 'specific-session' ? hexBytes(20) : ascii(20)).map((uasId) => ({
      type: 'basic-id' as const,
      ...b,
      uasId,
    })),
  );

const location = fc.record({
  type: fc.constant('location' as const),
  protocolVersion: version,
  status: fc.constantFrom(...operationalStatuses),
  heightReference: fc.constantFrom(...heightReferences),
  direction: orNull(fc.integer({ min: 0, max: 359 })),
  horizontalSpeed: speed,
  verticalSpeed: orNull(fc.integer({ min: -124, max: 124 }).map((v) => v / 2)),
  position,
  pressureAltitude: altitude,
  geodeticAltitude: altitude,
  height: altitude,
  horizontalAccuracy: fc.constantFrom(...horizontalAccuracyMetres),
  verticalAccuracy: fc.constantFrom(...verticalAccuracyMetres),
  barometricAccuracy: fc.constantFrom(...verticalAccuracyMetres),
  speedAccuracy: fc.constantFrom(...speedAccuracyMetresPerSecond),
  secondsAfterHour: orNull(fc.integer({ min: 0, max: 36000 }).map((v) => v / 10)),
  timestampAccuracy: orNull(fc.integer({ min: 1, max: 15 }).map((v) => v / 10)),
});

const authTypeNames: AuthType[] = [
  'none',
  'uas-id-signature',
  'operator-id-signature',
  'message-set-signature',
  'network-remote-id',
  'specific-authentication',
];
const authentication = fc
  .record({
    protocolVersion: version,
    authTypeCode: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 10, max: 15 })),
    page: fc.integer({ min: 0, max: 15 }),
    lastPageIndex: fc.integer({ min: 0, max: 15 }),
    length: fc.integer({ min: 0, max: 255 }),
    timestamp: iso,
    data17: hexBytes(17),
    data23: hexBytes(23),
  })
  .map((a) => ({
    type: 'authentication' as const,
    protocolVersion: a.protocolVersion,
    authType: a.authTypeCode >= 10 ? ('private' as const) : (authTypeNames[a.authTypeCode] ?? 'none'),
    authTypeCode: a.authTypeCode,
    page: a.page,
    lastPageIndex: a.page === 0 ? a.lastPageIndex : null,
    length: a.page === 0 ? a.length : null,
    timestamp: a.page === 0 ? a.timestamp : null,
    data: a.page === 0 ? a.data17 : a.data23,
  }));

const selfId = fc.record({
  type: fc.constant('self-id' as const),
  protocolVersion: version,
  descriptionType: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 201, max: 255 })),
  description: ascii(23),
});

const system = fc.record({
  type: fc.constant('system' as const),
  protocolVersion: version,
  operatorLocationType: fc.constantFrom(...operatorLocationTypes),
  classificationType: fc.constantFrom(...classificationTypes),
  operatorPosition: position,
  areaCount: fc.integer({ min: 0, max: 0xffff }),
  areaRadius: fc.integer({ min: 0, max: 255 }).map((v) => v * 10),
  areaCeiling: altitude,
  areaFloor: altitude,
  euCategory: fc.constantFrom(...euCategories),
  euClass: fc.constantFrom(...euClasses),
  operatorAltitude: altitude,
  timestamp: iso,
});

const operatorId = fc.record({
  type: fc.constant('operator-id' as const),
  protocolVersion: version,
  operatorIdType: fc.oneof(fc.constant(0), fc.integer({ min: 201, max: 255 })),
  operatorId: ascii(20),
});

const single: fc.Arbitrary<SingleMessage> = fc.oneof(basicId, location, authentication, selfId, system, operatorId);
const message: fc.Arbitrary<RemoteIdMessage> = fc.oneof(
  single,
  fc.record({
    type: fc.constant('message-pack' as const),
    protocolVersion: version,
    messages: fc.array(single, { minLength: 1, maxLength: 9 }),
  }),
);

test('decode inverts encode on every valid message, and the bytes re-encode identically', () => {
  fc.assert(
    fc.property(message, (m) => {
      const bytes = encode(m);
      const result = decode(bytes);
      assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.error));
      // fast-check builds records without a prototype; compare them as plain data.
      assert.deepEqual(result.message, JSON.parse(JSON.stringify(m)));
      assert.deepEqual(encode(result.message), bytes);
    }),
    { numRuns: 2000 },
  );
});

test('decode never throws on any 25-byte input, and what it accepts re-encodes to an equal message', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 25, maxLength: 25 }), (bytes) => {
      const result = decode(bytes);
      if (result.ok) assert.deepEqual(decode(encode(result.message)), result);
    }),
    { numRuns: 5000 },
  );
});

test('decode never throws on input of any length, including forged pack headers', () => {
  const forgedPack = fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 300 }))
    .map(([size, count, rest]) => new Uint8Array([0xf2, size, count, ...rest]));
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), forgedPack), (bytes) => {
      const result = decode(bytes);
      assert.equal(typeof result.ok, 'boolean');
    }),
    { numRuns: 5000 },
  );
});
