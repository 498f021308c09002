import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from './decode.js';
import { encode } from './encode.js';
import { describeDecodeError } from './describe.js';
import type { DecodeError, LocationMessage, RemoteIdMessage, SystemMessage } from './model.js';

/** Payloads written byte by byte from the layout in F3411, so the tests do not trust `encode`. */
function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

const tijuanaLocation = hex(`
  12 20 2d 30 03
  20af6313 a0a33eba
  bd08 c008 c008
  4a 53 b037 02 00`);
// type 1 / version 2; airborne, height over take-off, west half, fine speed steps; 45°; 12 m/s; +1.5 m/s;
// 32.5300, −117.0300; pressure 118.5 m, geodetic 120 m, height 120 m; accuracies 10 m / 10 m, 3 m / 1 m/s;
// 1425.6 s after the hour ± 0.2 s.

const pilotSystem = hex(`
  42 05 c0356513 e0b041ba
  0100 05 0000 0000 12 0c08 28c8a90b 00`);
// type 4 / version 2; live GNSS, EU classification; pilot at 32.5400, −117.0100; one aircraft, 50 m radius,
// ceiling and floor unknown; open category, class 1; pilot at 30 m; 2025-03-14T18:30:00Z.

function ok(bytes: Uint8Array): RemoteIdMessage {
  const result = decode(bytes);
  if (!result.ok) assert.fail(describeDecodeError('en', result.error));
  return result.message;
}

function refused(bytes: Uint8Array): DecodeError {
  const result = decode(bytes);
  if (result.ok) assert.fail(`expected a refusal, got ${result.message.type}`);
  return result.error;
}

test('a Location message over Tijuana decodes to its field values', () => {
  const expected: LocationMessage = {
    type: 'location',
    protocolVersion: 2,
    status: 'airborne',
    heightReference: 'takeoff',
    direction: 45,
    horizontalSpeed: 12,
    verticalSpeed: 1.5,
    position: { latitude: 32.53, longitude: -117.03 },
    pressureAltitude: 118.5,
    geodeticAltitude: 120,
    height: 120,
    horizontalAccuracy: 10,
    verticalAccuracy: 10,
    barometricAccuracy: 3,
    speedAccuracy: 1,
    secondsAfterHour: 1425.6,
    timestampAccuracy: 0.2,
  };
  assert.deepEqual(ok(tijuanaLocation), expected);
  assert.deepEqual(encode(expected), tijuanaLocation);
});

test('a System message gives the pilot position and its type', () => {
  const expected: SystemMessage = {
    type: 'system',
    protocolVersion: 2,
    operatorLocationType: 'live-gnss',
    classificationType: 'eu',
    operatorPosition: { latitude: 32.54, longitude: -117.01 },
    areaCount: 1,
    areaRadius: 50,
    areaCeiling: null,
    areaFloor: null,
    euCategory: 'open',
    euClass: 'class-1',
    operatorAltitude: 30,
    timestamp: '2025-03-14T18:30:00.000Z',
  };
  assert.deepEqual(ok(pilotSystem), expected);
  assert.deepEqual(encode(expected), pilotSystem);
});

test('Basic ID with a serial number, and with a binary UTM UUID', () => {
  const serial = hex('02 12' + Buffer.from('1581F5FKD229400B0001').toString('hex') + '000000');
  assert.deepEqual(ok(serial), {
    type: 'basic-id',
    protocolVersion: 2,
    idType: 'serial-number',
    uaType: 'helicopter-or-multirotor',
    uasId: '1581F5FKD229400B0001',
  });
  const uuid = hex('02 32 0123456789abcdef0123456789abcdef00000000 000000');
  const decoded = ok(uuid);
  assert.equal(decoded.type === 'basic-id' && decoded.uasId, '0123456789abcdef0123456789abcdef00000000');
});

test('Self-ID, Operator ID and an authentication page decode', () => {
  const selfId = hex('32 00' + Buffer.from('Inspeccion de linea').toString('hex') + '00000000');
  assert.deepEqual(ok(selfId), { type: 'self-id', protocolVersion: 2, descriptionType: 0, description: 'Inspeccion de linea' });
  const operator = hex('52 00' + Buffer.from('MEX-OP-000123').toString('hex') + '00'.repeat(10));
  assert.deepEqual(ok(operator), { type: 'operator-id', protocolVersion: 2, operatorIdType: 0, operatorId: 'MEX-OP-000123' });
  const auth = hex('22 10 01 28 28c8a90b' + 'aa'.repeat(17));
  assert.deepEqual(ok(auth), {
    type: 'authentication',
    protocolVersion: 2,
    authType: 'uas-id-signature',
    authTypeCode: 1,
    page: 0,
    lastPageIndex: 1,
    length: 40,
    timestamp: '2025-03-14T18:30:00.000Z',
    data: 'aa'.repeat(17),
  });
});

test('unknown sentinels decode as null, not as 0°,0° or −1000 m', () => {
  const unknown = hex('12 03 b5 ff 7e 00000000 00000000 0000 0000 0000 00 00 ffff 00 00');
  assert.deepEqual(ok(unknown), {
    type: 'location',
    protocolVersion: 2,
    status: 'undeclared',
    heightReference: 'takeoff',
    direction: null,
    horizontalSpeed: null,
    verticalSpeed: null,
    position: null,
    pressureAltitude: null,
    geodeticAltitude: null,
    height: null,
    horizontalAccuracy: null,
    verticalAccuracy: null,
    barometricAccuracy: null,
    speedAccuracy: null,
    secondsAfterHour: null,
    timestampAccuracy: null,
  });
});

test('a message pack carries its messages in order', () => {
  const pack = new Uint8Array([0xf2, 25, 2, ...tijuanaLocation, ...pilotSystem]);
  const decoded = ok(pack);
  assert.equal(decoded.type, 'message-pack');
  assert.deepEqual(decoded.type === 'message-pack' && decoded.messages.map((m) => m.type), ['location', 'system']);
  assert.deepEqual(encode(decoded), pack);
});

test('wrong lengths are refused', () => {
  assert.deepEqual(refused(new Uint8Array(0)).reason, 'length');
  assert.deepEqual(refused(tijuanaLocation.subarray(0, 24)).params, { expected: 25, actual: 24 });
  assert.equal(refused(new Uint8Array([...tijuanaLocation, 0])).reason, 'length');
  assert.equal(refused(new Uint8Array([0xf2, 25])).reason, 'length');
});

test('unknown types and reserved values are refused with the field named', () => {
  assert.deepEqual(refused(hex('62' + '00'.repeat(24))).params, { messageType: 6 });
  const withStatus = (status: number) => {
    const b = tijuanaLocation.slice();
    b[1] = (status << 4) | 0;
    return b;
  };
  assert.deepEqual(refused(withStatus(9)).params, { field: 'status', value: 9 });
  const badDirection = tijuanaLocation.slice();
  badDirection[2] = 200;
  assert.deepEqual(refused(badDirection).params, { field: 'direction', value: 200 });
  const badAccuracy = tijuanaLocation.slice();
  badAccuracy[19] = 0x4e;
  assert.deepEqual(refused(badAccuracy).params, { field: 'horizontalAccuracy', value: 14 });
  const badTime = tijuanaLocation.slice();
  badTime[21] = 0xff;
  badTime[22] = 0xa0;
  assert.equal(refused(badTime).params.field, 'timestamp');
  const badVersion = tijuanaLocation.slice();
  badVersion[0] = 0x17;
  assert.deepEqual(refused(badVersion).params, { field: 'protocolVersion', value: 7 });
  const badLocationType = pilotSystem.slice();
  badLocationType[1] = 0x07;
  assert.deepEqual(refused(badLocationType).params, { field: 'operatorLocationType', value: 3 });
  assert.deepEqual(refused(hex('02 52' + '00'.repeat(23))).params, { field: 'idType', value: 5 });
  const control = hex('32 00 41 07' + '00'.repeat(21));
  assert.deepEqual(refused(control), { reason: 'invalid-text', params: { field: 'description' } });
});

test('coordinates outside ±90 / ±180 are refused', () => {
  const lat = tijuanaLocation.slice();
  new DataView(lat.buffer).setInt32(5, 910_000_000, true);
  assert.equal(refused(lat).reason, 'latitude-range');
  const lon = pilotSystem.slice();
  new DataView(lon.buffer).setInt32(6, -1_800_000_001, true);
  assert.equal(refused(lon).reason, 'longitude-range');
});

test('packs that lie about their size or count, or nest, are refused', () => {
  assert.equal(refused(new Uint8Array([0xf2, 24, 1, ...tijuanaLocation])).reason, 'pack-message-size');
  assert.equal(refused(new Uint8Array([0xf2, 25, 10, ...new Uint8Array(250)])).reason, 'pack-count');
  assert.equal(refused(new Uint8Array([0xf2, 25, 0])).reason, 'pack-count');
  assert.deepEqual(refused(new Uint8Array([0xf2, 25, 3, ...tijuanaLocation, ...pilotSystem])).params, {
    count: 3,
    expected: 78,
    actual: 53,
  });
  assert.equal(refused(new Uint8Array([0xf2, 25, 1, ...tijuanaLocation, ...pilotSystem])).reason, 'pack-length');
  const nested = refused(new Uint8Array([0xf2, 25, 2, ...tijuanaLocation, 0xf2, 25, 1, ...new Uint8Array(22)]));
  assert.deepEqual(nested, { reason: 'pack-nested', params: {}, packIndex: 1 });
  const badInner = pilotSystem.slice();
  badInner[17] = 0x90;
  assert.deepEqual(refused(new Uint8Array([0xf2, 25, 1, ...badInner])).packIndex, 0);
});

test('refusals read in English and Spanish', () => {
  const error = refused(new Uint8Array([0xf2, 25, 2, ...tijuanaLocation, 0xf2, 25, 1, ...new Uint8Array(22)]));
  assert.equal(describeDecodeError('en', error), 'Message 1 of the pack: A message pack may not contain another message pack.');
  assert.equal(describeDecodeError('es', error), 'Mensaje 1 del paquete: Un paquete de mensajes no puede contener otro paquete.');
  assert.equal(describeDecodeError('es', refused(new Uint8Array(3))), 'El mensaje de Remote ID debe medir 25 bytes; mide 3.');
});
