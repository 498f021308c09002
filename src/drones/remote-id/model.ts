/**
 * Remote ID broadcast messages (ASTM F3411 / ASD-STAN prEN 4709-002, "OpenDroneID"), as Enlace
 * reads them: physical units, and `null` wherever the wire carries the standard's "unknown"
 * sentinel, so that no later stage mistakes 0°,0° or −1000 m for a real position or altitude.
 */

/** Every message except a pack is exactly this long on the wire. */
export const MESSAGE_SIZE = 25;
/** A pack carries at most this many messages (Bluetooth 5 / Wi-Fi NaN frame budget). */
export const PACK_MAX_MESSAGES = 9;

export const messageTypes = {
  'basic-id': 0x0,
  location: 0x1,
  authentication: 0x2,
  'self-id': 0x3,
  system: 0x4,
  'operator-id': 0x5,
  'message-pack': 0xf,
} as const;
export type MessageKind = keyof typeof messageTypes;

/** F3411-19 is 0, -20 is 1, -22a is 2; 0xF is for private use. Others are reserved. */
export const knownProtocolVersions: readonly number[] = [0, 1, 2, 0xf];

export const idTypes = ['none', 'serial-number', 'caa-registration', 'utm-uuid', 'specific-session'] as const;
export type IdType = (typeof idTypes)[number];

/** All sixteen UA type codes are defined, so none is reserved. */
export const uaTypes = [
  'none',
  'aeroplane',
  'helicopter-or-multirotor',
  'gyroplane',
  'hybrid-lift',
  'ornithopter',
  'glider',
  'kite',
  'free-balloon',
  'captive-balloon',
  'airship',
  'free-fall-parachute',
  'rocket',
  'tethered-powered-aircraft',
  'ground-obstacle',
  'other',
] as const;
export type UaType = (typeof uaTypes)[number];

export const operationalStatuses = ['undeclared', 'ground', 'airborne', 'emergency', 'remote-id-failure'] as const;
export type OperationalStatus = (typeof operationalStatuses)[number];

export const heightReferences = ['takeoff', 'ground'] as const;
export type HeightReference = (typeof heightReferences)[number];

/** Wire code → metres (index = code; code 0 is "unknown"). Codes past the end are reserved. */
export const horizontalAccuracyMetres = [null, 18520, 7408, 3704, 1852, 926, 555.6, 185.2, 92.6, 30, 10, 3, 1] as const;
export const verticalAccuracyMetres = [null, 150, 45, 25, 10, 3, 1] as const;
export const speedAccuracyMetresPerSecond = [null, 10, 3, 1, 0.3] as const;

export const operatorLocationTypes = ['takeoff', 'live-gnss', 'fixed'] as const;
/** Where the pilot stood: a take-off point is stale by design, a live GNSS fix follows the pilot. */
export type OperatorLocationType = (typeof operatorLocationTypes)[number];

export const classificationTypes = ['undeclared', 'eu'] as const;
export type ClassificationType = (typeof classificationTypes)[number];
export const euCategories = ['undeclared', 'open', 'specific', 'certified'] as const;
export type EuCategory = (typeof euCategories)[number];
export const euClasses = ['undeclared', 'class-0', 'class-1', 'class-2', 'class-3', 'class-4', 'class-5', 'class-6'] as const;
export type EuClass = (typeof euClasses)[number];

export type AuthType =
  | 'none'
  | 'uas-id-signature'
  | 'operator-id-signature'
  | 'message-set-signature'
  | 'network-remote-id'
  | 'specific-authentication'
  | 'private';
/** Codes 0–5 are named; 6–9 are reserved; 0xA–0xF are private and kept as `private`. */
export const authTypes: readonly AuthType[] = [
  'none',
  'uas-id-signature',
  'operator-id-signature',
  'message-set-signature',
  'network-remote-id',
  'specific-authentication',
];

export interface Position {
  /** Degrees, WGS-84; on the wire an int32 of 1e-7 degrees. */
  latitude: number;
  longitude: number;
}

interface Header {
  protocolVersion: number;
}

export interface BasicIdMessage extends Header {
  type: 'basic-id';
  idType: IdType;
  uaType: UaType;
  /** ASCII for serial numbers and CAA registrations; lowercase hex of the 20 bytes for UUID and session ids, which are binary. */
  uasId: string;
}

export interface LocationMessage extends Header {
  type: 'location';
  status: OperationalStatus;
  heightReference: HeightReference;
  /** Degrees clockwise from true north, 0 ≤ x < 360. */
  direction: number | null;
  /** m/s, 0.25 m/s steps up to 63.75, then 0.75 m/s steps up to 254.25. */
  horizontalSpeed: number | null;
  /** m/s, 0.5 m/s steps, ±62; up is positive. */
  verticalSpeed: number | null;
  position: Position | null;
  /** Metres; 0.5 m steps from −999.5 to 31767.5. */
  pressureAltitude: number | null;
  geodeticAltitude: number | null;
  height: number | null;
  horizontalAccuracy: number | null;
  verticalAccuracy: number | null;
  barometricAccuracy: number | null;
  speedAccuracy: number | null;
  /** Tenths of a second after the full UTC hour; the hour itself is the receiver's. */
  secondsAfterHour: number | null;
  /** Seconds, 0.1 s steps up to 1.5 s. */
  timestampAccuracy: number | null;
}

export interface AuthenticationMessage extends Header {
  type: 'authentication';
  authType: AuthType;
  /** The raw 4-bit code, since private types (0xA–0xF) differ from one another. */
  authTypeCode: number;
  page: number;
  /** Page 0 only: the last page index, the total data length and the signing time. */
  lastPageIndex: number | null;
  length: number | null;
  timestamp: string | null;
  /** The page's data bytes as lowercase hex: kept raw, since verifying signatures is later work. */
  data: string;
}

export interface SelfIdMessage extends Header {
  type: 'self-id';
  /** 0 text, 1 emergency, 2 extended status, 201–255 private; 3–200 are reserved. */
  descriptionType: number;
  description: string;
}

export interface SystemMessage extends Header {
  type: 'system';
  operatorLocationType: OperatorLocationType;
  classificationType: ClassificationType;
  operatorPosition: Position | null;
  areaCount: number;
  /** Metres, 10 m steps up to 2550. */
  areaRadius: number;
  areaCeiling: number | null;
  areaFloor: number | null;
  euCategory: EuCategory;
  euClass: EuClass;
  operatorAltitude: number | null;
  /** ISO 8601; on the wire, seconds since 2019-01-01T00:00:00Z. */
  timestamp: string | null;
}

export interface OperatorIdMessage extends Header {
  type: 'operator-id';
  /** 0 is a CAA-issued operator id; 201–255 are private; 1–200 are reserved. */
  operatorIdType: number;
  operatorId: string;
}

export type SingleMessage = BasicIdMessage | LocationMessage | AuthenticationMessage | SelfIdMessage | SystemMessage | OperatorIdMessage;

export interface MessagePack extends Header {
  type: 'message-pack';
  messages: SingleMessage[];
}

export type RemoteIdMessage = SingleMessage | MessagePack;

/** Why a payload was refused; each reason has an English and a Spanish text in messages.ts. */
export type DecodeErrorReason =
  | 'length'
  | 'unknown-type'
  | 'reserved-value'
  | 'invalid-text'
  | 'latitude-range'
  | 'longitude-range'
  | 'pack-message-size'
  | 'pack-count'
  | 'pack-length'
  | 'pack-nested';

export interface DecodeError {
  reason: DecodeErrorReason;
  params: Record<string, string | number>;
  /** Set when the fault lies in one message of a pack: its position, from 0. */
  packIndex?: number;
}

export type DecodeResult<T = RemoteIdMessage> = { ok: true; message: T } | { ok: false; error: DecodeError };

/** Seconds-since-epoch origin used by System and Authentication timestamps. */
export const REMOTE_ID_EPOCH_MS = Date.UTC(2019, 0, 1);
