/**
 * Decoder for Remote ID broadcast messages. It never throws: sensors and partner feeds are
 * untrusted, so every malformed or hostile payload comes back as a typed refusal with a reason
 * that the ingest layer can count and show in both languages.
 */
import {
  MESSAGE_SIZE,
  PACK_MAX_MESSAGES,
  authTypes,
  classificationTypes,
  euCategories,
  euClasses,
  heightReferences,
  horizontalAccuracyMetres,
  idTypes,
  knownProtocolVersions,
  operationalStatuses,
  operatorLocationTypes,
  speedAccuracyMetresPerSecond,
  uaTypes,
  verticalAccuracyMetres,
  type AuthenticationMessage,
  type BasicIdMessage,
  type DecodeError,
  type DecodeErrorReason,
  type DecodeResult,
  type LocationMessage,
  type MessagePack,
  type OperatorIdMessage,
  type Position,
  type RemoteIdMessage,
  type SelfIdMessage,
  type SingleMessage,
  type SystemMessage,
} from './model.js';
import {
  DIRECTION_UNKNOWN,
  TIMESTAMP_MAX,
  TIMESTAMP_UNKNOWN,
  VERTICAL_SPEED_UNKNOWN,
  altitudeFromWire,
  directionFromWire,
  epochSecondsToIso,
  hexFromWire,
  horizontalSpeedFromWire,
  textFromWire,
  verticalSpeedFromWire,
} from './wire.js';

/** Internal short-circuit: thrown only inside this module and always caught by `decode`. */
class Refusal {
  constructor(readonly error: DecodeError) {}
}

function refuse(reason: DecodeErrorReason, params: Record<string, string | number> = {}): never {
  throw new Refusal({ reason, params });
}

function reserved(field: string, value: number): never {
  return refuse('reserved-value', { field, value });
}

function pick<T>(table: readonly T[], code: number, field: string): T {
  const value = table[code];
  return value === undefined ? reserved(field, code) : value;
}

/** Little-endian reader over one 25-byte message; offsets follow the standard's byte numbers. */
class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(at: number): number {
    return this.view.getUint8(at);
  }
  i8(at: number): number {
    return this.view.getInt8(at);
  }
  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  i32(at: number): number {
    return this.view.getInt32(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  slice(at: number, size: number): Uint8Array {
    return this.bytes.subarray(at, at + size);
  }
  text(at: number, size: number, field: string): string {
    const text = textFromWire(this.slice(at, size));
    return text === null ? refuse('invalid-text', { field }) : text;
  }
}

/**
 * Decodes one Remote ID payload: a single 25-byte message, or a message pack (3 + 25 × n bytes).
 * Accepts any input, of any length, and answers with the message or the reason it was refused.
 */
export function decode(input: Uint8Array): DecodeResult {
  try {
    return { ok: true, message: decodeAny(input) };
  } catch (caught) {
    if (caught instanceof Refusal) return { ok: false, error: caught.error };
    throw caught;
  }
}

function decodeAny(input: Uint8Array): RemoteIdMessage {
  if (input.length === 0) refuse('length', { expected: MESSAGE_SIZE, actual: 0 });
  const messageType = (input[0] ?? 0) >> 4;
  if (messageType === 0xf) return decodePack(input);
  if (input.length !== MESSAGE_SIZE) refuse('length', { expected: MESSAGE_SIZE, actual: input.length });
  return decodeSingle(new Reader(input));
}

function protocolVersionOf(r: Reader): number {
  const version = r.u8(0) & 0x0f;
  return knownProtocolVersions.includes(version) ? version : reserved('protocolVersion', version);
}

function decodeSingle(r: Reader): SingleMessage {
  const messageType = r.u8(0) >> 4;
  switch (messageType) {
    case 0x0:
      return decodeBasicId(r);
    case 0x1:
      return decodeLocation(r);
    case 0x2:
      return decodeAuthentication(r);
    case 0x3:
      return decodeSelfId(r);
    case 0x4:
      return decodeSystem(r);
    case 0x5:
      return decodeOperatorId(r);
    default:
      return refuse('unknown-type', { messageType });
  }
}

function decodePack(input: Uint8Array): MessagePack {
  // The header must be present before its fields can be believed.
  if (input.length < 3) refuse('length', { expected: 3, actual: input.length });
  const r = new Reader(input);
  const protocolVersion = protocolVersionOf(r);
  const size = r.u8(1);
  if (size !== MESSAGE_SIZE) refuse('pack-message-size', { expected: MESSAGE_SIZE, actual: size });
  const count = r.u8(2);
  if (count < 1 || count > PACK_MAX_MESSAGES) refuse('pack-count', { count, max: PACK_MAX_MESSAGES });
  const expected = 3 + count * MESSAGE_SIZE;
  // A pack that claims fewer or more messages than it carries is refused whole: trusting either
  // figure would read past the frame or silently drop what follows.
  if (input.length !== expected) refuse('pack-length', { count, expected, actual: input.length });
  const messages: SingleMessage[] = [];
  for (let i = 0; i < count; i++) {
    const inner = new Reader(input.subarray(3 + i * MESSAGE_SIZE, 3 + (i + 1) * MESSAGE_SIZE));
    try {
      if (inner.u8(0) >> 4 === 0xf) refuse('pack-nested', {});
      messages.push(decodeSingle(inner));
    } catch (caught) {
      if (caught instanceof Refusal) throw new Refusal({ ...caught.error, packIndex: i });
      throw caught;
    }
  }
  return { type: 'message-pack', protocolVersion, messages };
}

function decodeBasicId(r: Reader): BasicIdMessage {
  const idType = pick(idTypes, r.u8(1) >> 4, 'idType');
  const uaType = pick(uaTypes, r.u8(1) & 0x0f, 'uaType');
  const binary = idType === 'utm-uuid' || idType === 'specific-session';
  const uasId = binary ? hexFromWire(r.slice(2, 20)) : r.text(2, 20, 'uasId');
  return { type: 'basic-id', protocolVersion: protocolVersionOf(r), idType, uaType, uasId };
}

function positionOf(r: Reader, at: number): Position | null {
  const latRaw = r.i32(at);
  const lonRaw = r.i32(at + 4);
  if (latRaw === 0 && lonRaw === 0) return null;
  const latitude = latRaw / 1e7;
  const longitude = lonRaw / 1e7;
  if (Math.abs(latitude) > 90) refuse('latitude-range', { value: latitude });
  if (Math.abs(longitude) > 180) refuse('longitude-range', { value: longitude });
  return { latitude, longitude };
}

function accuracy(table: readonly (number | null)[], code: number, field: string): number | null {
  if (code >= table.length) reserved(field, code);
  return table[code] ?? null;
}

function decodeLocation(r: Reader): LocationMessage {
  const flags = r.u8(1);
  const status = pick(operationalStatuses, flags >> 4, 'status');
  const heightReference = pick(heightReferences, (flags >> 2) & 1, 'heightReference');
  const east = (flags & 0b10) !== 0;
  const multiplier = (flags & 0b1) !== 0;

  const directionRaw = r.u8(2);
  // 0–179 in either half-circle, plus 181 in the east half for "unknown"; 360° itself is not a course.
  if (directionRaw >= 180 && !(east && directionRaw === DIRECTION_UNKNOWN)) reserved('direction', directionRaw);
  const verticalRaw = r.i8(4);
  if (Math.abs(verticalRaw) > 124 && verticalRaw !== VERTICAL_SPEED_UNKNOWN) reserved('verticalSpeed', verticalRaw);
  const timestampRaw = r.u16(21);
  if (timestampRaw > TIMESTAMP_MAX && timestampRaw !== TIMESTAMP_UNKNOWN) reserved('timestamp', timestampRaw);
  const timestampAccuracyCode = r.u8(23) & 0x0f;

  return {
    type: 'location',
    protocolVersion: protocolVersionOf(r),
    status,
    heightReference,
    direction: directionFromWire(directionRaw, east),
    horizontalSpeed: horizontalSpeedFromWire(r.u8(3), multiplier),
    verticalSpeed: verticalSpeedFromWire(verticalRaw),
    position: positionOf(r, 5),
    pressureAltitude: altitudeFromWire(r.u16(13)),
    geodeticAltitude: altitudeFromWire(r.u16(15)),
    height: altitudeFromWire(r.u16(17)),
    horizontalAccuracy: accuracy(horizontalAccuracyMetres, r.u8(19) & 0x0f, 'horizontalAccuracy'),
    verticalAccuracy: accuracy(verticalAccuracyMetres, r.u8(19) >> 4, 'verticalAccuracy'),
    barometricAccuracy: accuracy(verticalAccuracyMetres, r.u8(20) >> 4, 'barometricAccuracy'),
    speedAccuracy: accuracy(speedAccuracyMetresPerSecond, r.u8(20) & 0x0f, 'speedAccuracy'),
    secondsAfterHour: timestampRaw === TIMESTAMP_UNKNOWN ? null : timestampRaw / 10,
    timestampAccuracy: timestampAccuracyCode === 0 ? null : timestampAccuracyCode / 10,
  };
}

function decodeAuthentication(r: Reader): AuthenticationMessage {
  const authTypeCode = r.u8(1) >> 4;
  if (authTypeCode >= 6 && authTypeCode <= 9) reserved('authType', authTypeCode);
  const authType = authTypeCode >= 0xa ? 'private' : pick(authTypes, authTypeCode, 'authType');
  const page = r.u8(1) & 0x0f;
  const base = { type: 'authentication' as const, protocolVersion: protocolVersionOf(r), authType, authTypeCode, page };
  if (page !== 0) {
    return { ...base, lastPageIndex: null, length: null, timestamp: null, data: hexFromWire(r.slice(2, 23)) };
  }
  const lastPageIndex = r.u8(2);
  if (lastPageIndex > 15) reserved('lastPageIndex', lastPageIndex);
  return {
    ...base,
    lastPageIndex,
    length: r.u8(3),
    timestamp: epochSecondsToIso(r.u32(4)),
    data: hexFromWire(r.slice(8, 17)),
  };
}

function decodeSelfId(r: Reader): SelfIdMessage {
  const descriptionType = r.u8(1);
  if (descriptionType >= 3 && descriptionType <= 200) reserved('descriptionType', descriptionType);
  return {
    type: 'self-id',
    protocolVersion: protocolVersionOf(r),
    descriptionType,
    description: r.text(2, 23, 'description'),
  };
}

function decodeSystem(r: Reader): SystemMessage {
  const flags = r.u8(1);
  const operatorLocationType = pick(operatorLocationTypes, flags & 0b11, 'operatorLocationType');
  const classificationType = pick(classificationTypes, (flags >> 2) & 0b111, 'classificationType');
  return {
    type: 'system',
    protocolVersion: protocolVersionOf(r),
    operatorLocationType,
    classificationType,
    operatorPosition: positionOf(r, 2),
    areaCount: r.u16(10),
    areaRadius: r.u8(12) * 10,
    areaCeiling: altitudeFromWire(r.u16(13)),
    areaFloor: altitudeFromWire(r.u16(15)),
    euCategory: pick(euCategories, r.u8(17) >> 4, 'euCategory'),
    euClass: pick(euClasses, r.u8(17) & 0x0f, 'euClass'),
    operatorAltitude: altitudeFromWire(r.u16(18)),
    timestamp: epochSecondsToIso(r.u32(20)),
  };
}

function decodeOperatorId(r: Reader): OperatorIdMessage {
  const operatorIdType = r.u8(1);
  if (operatorIdType >= 1 && operatorIdType <= 200) reserved('operatorIdType', operatorIdType);
  return {
    type: 'operator-id',
    protocolVersion: protocolVersionOf(r),
    operatorIdType,
    operatorId: r.text(2, 20, 'operatorId'),
  };
}
