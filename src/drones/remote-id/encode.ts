/**
 * Encoder, the inverse of `decode`: the simulator and the tests build wire payloads with it.
 * Values are rounded to the wire's resolution and, as the standard asks of transmitters,
 * saturated at the field's limits (a 300 m/s drone is sent as 254.25 m/s), so it never throws.
 */
import {
  MESSAGE_SIZE,
  classificationTypes,
  euCategories,
  euClasses,
  heightReferences,
  horizontalAccuracyMetres,
  idTypes,
  messageTypes,
  operationalStatuses,
  operatorLocationTypes,
  speedAccuracyMetresPerSecond,
  uaTypes,
  verticalAccuracyMetres,
  type AuthenticationMessage,
  type BasicIdMessage,
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
  TIMESTAMP_UNKNOWN,
  altitudeToWire,
  coordinateToWire,
  directionToWire,
  hexToWire,
  horizontalSpeedToWire,
  isoToEpochSeconds,
  textToWire,
  verticalSpeedToWire,
} from './wire.js';

class Writer {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u8(at: number, value: number): void {
    this.view.setUint8(at, value & 0xff);
  }
  i8(at: number, value: number): void {
    this.view.setInt8(at, value);
  }
  u16(at: number, value: number): void {
    this.view.setUint16(at, value, true);
  }
  i32(at: number, value: number): void {
    this.view.setInt32(at, value, true);
  }
  u32(at: number, value: number): void {
    this.view.setUint32(at, value, true);
  }
}

/** Encodes a message, or a pack of messages, to its wire bytes. */
export function encode(message: RemoteIdMessage): Uint8Array {
  return message.type === 'message-pack' ? encodePack(message) : encodeSingle(message);
}

function header(w: Writer, type: keyof typeof messageTypes, protocolVersion: number): void {
  w.u8(0, (messageTypes[type] << 4) | (protocolVersion & 0x0f));
}

function codeOf<T>(table: readonly T[], value: T): number {
  return Math.max(0, table.indexOf(value));
}

function encodePack(pack: MessagePack): Uint8Array {
  const w = new Writer(3 + pack.messages.length * MESSAGE_SIZE);
  header(w, 'message-pack', pack.protocolVersion);
  w.u8(1, MESSAGE_SIZE);
  w.u8(2, pack.messages.length);
  pack.messages.forEach((m, i) => w.bytes.set(encodeSingle(m), 3 + i * MESSAGE_SIZE));
  return w.bytes;
}

function encodeSingle(message: SingleMessage): Uint8Array {
  const w = new Writer(MESSAGE_SIZE);
  header(w, message.type, message.protocolVersion);
  switch (message.type) {
    case 'basic-id':
      basicId(w, message);
      break;
    case 'location':
      location(w, message);
      break;
    case 'authentication':
      authentication(w, message);
      break;
    case 'self-id':
      selfId(w, message);
      break;
    case 'system':
      system(w, message);
      break;
    case 'operator-id':
      operatorId(w, message);
      break;
  }
  return w.bytes;
}

function basicId(w: Writer, m: BasicIdMessage): void {
  w.u8(1, (codeOf(idTypes, m.idType) << 4) | codeOf(uaTypes, m.uaType));
  if (m.idType === 'utm-uuid' || m.idType === 'specific-session') hexToWire(m.uasId, w.bytes, 2, 20);
  else textToWire(m.uasId, w.bytes, 2, 20);
}

function position(w: Writer, at: number, p: Position | null): void {
  w.i32(at, p === null ? 0 : coordinateToWire(p.latitude));
  w.i32(at + 4, p === null ? 0 : coordinateToWire(p.longitude));
}

function accuracyCode(table: readonly (number | null)[], metres: number | null): number {
  return codeOf(table, metres);
}

function location(w: Writer, m: LocationMessage): void {
  const direction = directionToWire(m.direction);
  const speed = horizontalSpeedToWire(m.horizontalSpeed);
  w.u8(
    1,
    (codeOf(operationalStatuses, m.status) << 4) |
      (codeOf(heightReferences, m.heightReference) << 2) |
      (direction.east ? 0b10 : 0) |
      (speed.multiplier ? 0b1 : 0),
  );
  w.u8(2, direction.raw);
  w.u8(3, speed.raw);
  w.i8(4, verticalSpeedToWire(m.verticalSpeed));
  position(w, 5, m.position);
  w.u16(13, altitudeToWire(m.pressureAltitude));
  w.u16(15, altitudeToWire(m.geodeticAltitude));
  w.u16(17, altitudeToWire(m.height));
  w.u8(19, (accuracyCode(verticalAccuracyMetres, m.verticalAccuracy) << 4) | accuracyCode(horizontalAccuracyMetres, m.horizontalAccuracy));
  w.u8(20, (accuracyCode(verticalAccuracyMetres, m.barometricAccuracy) << 4) | accuracyCode(speedAccuracyMetresPerSecond, m.speedAccuracy));
  w.u16(21, m.secondsAfterHour === null ? TIMESTAMP_UNKNOWN : Math.min(36000, Math.max(0, Math.round(m.secondsAfterHour * 10))));
  w.u8(23, m.timestampAccuracy === null ? 0 : Math.min(15, Math.max(0, Math.round(m.timestampAccuracy * 10))));
}

function authentication(w: Writer, m: AuthenticationMessage): void {
  w.u8(1, ((m.authTypeCode & 0x0f) << 4) | (m.page & 0x0f));
  if (m.page !== 0) {
    hexToWire(m.data, w.bytes, 2, 23);
    return;
  }
  w.u8(2, m.lastPageIndex ?? 0);
  w.u8(3, m.length ?? 0);
  w.u32(4, isoToEpochSeconds(m.timestamp));
  hexToWire(m.data, w.bytes, 8, 17);
}

function selfId(w: Writer, m: SelfIdMessage): void {
  w.u8(1, m.descriptionType);
  textToWire(m.description, w.bytes, 2, 23);
}

function system(w: Writer, m: SystemMessage): void {
  w.u8(1, (codeOf(classificationTypes, m.classificationType) << 2) | codeOf(operatorLocationTypes, m.operatorLocationType));
  position(w, 2, m.operatorPosition);
  w.u16(10, Math.min(0xffff, Math.max(0, Math.round(m.areaCount))));
  w.u8(12, Math.min(255, Math.max(0, Math.round(m.areaRadius / 10))));
  w.u16(13, altitudeToWire(m.areaCeiling));
  w.u16(15, altitudeToWire(m.areaFloor));
  w.u8(17, (codeOf(euCategories, m.euCategory) << 4) | codeOf(euClasses, m.euClass));
  w.u16(18, altitudeToWire(m.operatorAltitude));
  w.u32(20, isoToEpochSeconds(m.timestamp));
}

function operatorId(w: Writer, m: OperatorIdMessage): void {
  w.u8(1, m.operatorIdType);
  textToWire(m.operatorId, w.bytes, 2, 20);
}
