/**
 * TAK Protocol version 1 (protobuf) into the shared Detection, under exactly the rules the CoT
 * XML parser applies: the same size ceiling, coordinate ranges, future/stale checks, identifier
 * syntax and "unknown" sentinel. protobufjs does the wire decoding; it skips unknown fields but
 * does not check the wire type of known ones, so a type-confused field yields garbage that the
 * validation below refuses rather than anything worse — and every throw it can make is caught.
 */
import { COT_UNKNOWN, describeType, type CotDetail } from '../cot/model.js';
import { parseDetailXml } from '../cot/parse.js';
import type { Detection, IngestResult } from '../model.js';
import { airframeOf, classificationOf, pilotOf } from './cot-adapter.js';
import {
  MAX_FUTURE_SKEW_MS,
  MAX_MESSAGE_BYTES,
  MAX_UID_CHARS,
  isoOfMs,
  rawPayload,
  rejected,
  shown,
  type IngestContext,
  type Params,
} from './model.js';
import { TAK_MAGIC, TakMessageType } from './tak-schema.js';

export interface TakCotEvent {
  type: string;
  uid: string;
  how: string;
  /** ms since the epoch. */
  sendTime: number;
  startTime: number;
  staleTime: number;
  lat: number;
  lon: number;
  hae: number;
  ce: number;
  le: number;
  callsign?: string;
  speed?: number;
  course?: number;
  xmlDetail?: string;
}

export function encodeTakMessage(e: TakCotEvent): Uint8Array {
  const detail: Record<string, unknown> = {};
  if (e.xmlDetail !== undefined) detail.xmlDetail = e.xmlDetail;
  if (e.callsign !== undefined) detail.contact = { callsign: e.callsign };
  if (e.speed !== undefined || e.course !== undefined) detail.track = { speed: e.speed ?? 0, course: e.course ?? 0 };
  const cotEvent: Record<string, unknown> = {
    type: e.type,
    uid: e.uid,
    how: e.how,
    sendTime: e.sendTime,
    startTime: e.startTime,
    staleTime: e.staleTime,
    lat: e.lat,
    lon: e.lon,
    hae: e.hae,
    ce: e.ce,
    le: e.le,
  };
  if (Object.keys(detail).length > 0) cotEvent.detail = detail;
  return TakMessageType.encode(TakMessageType.fromObject({ cotEvent })).finish();
}

function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

/** Streaming (TCP) framing: magic, varint payload length, payload. */
export function frameStream(payload: Uint8Array): Uint8Array {
  const head = [TAK_MAGIC, ...varint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}

/** Mesh (UDP) framing: magic, protocol version 1, magic, payload. */
export function frameMesh(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(3 + payload.length);
  out.set([TAK_MAGIC, 1, TAK_MAGIC], 0);
  out.set(payload, 3);
  return out;
}

/** Reads a varint of at most `maxBytes` bytes; null when unterminated within them. */
export function readVarint(bytes: Uint8Array, at: number, maxBytes: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < maxBytes; i++) {
    const b = bytes[at + i];
    if (b === undefined) return null;
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return { value, next: at + i + 1 };
    scale *= 128;
  }
  return null;
}

type Unframed = { ok: true; payload: Uint8Array } | { ok: false; reason: string; params: Params };

/** A bare payload can never start with the magic: 0xbf would be field 23 with the invalid wire type 7. */
function unframe(bytes: Uint8Array): Unframed {
  if (bytes[0] !== TAK_MAGIC) return { ok: true, payload: bytes };
  const second = bytes[1];
  if (bytes[2] === TAK_MAGIC && second !== undefined && second < 0x80 && second !== bytes.length - 2) {
    if (second !== 1) return { ok: false, reason: 'frame-version', params: { version: second } };
    return { ok: true, payload: bytes.subarray(3) };
  }
  // Five varint bytes already exceed any length this reader accepts.
  const length = readVarint(bytes, 1, 5);
  if (length === null) return { ok: false, reason: 'frame-length', params: { declared: '?', actual: Math.max(0, bytes.length - 1) } };
  const actual = bytes.length - length.next;
  if (length.value !== actual) return { ok: false, reason: 'frame-length', params: { declared: length.value, actual } };
  return { ok: true, payload: bytes.subarray(length.next) };
}

class Refusal {
  constructor(
    readonly reason: string,
    readonly params: Params,
  ) {}
}

function refuse(reason: string, params: Params = {}): never {
  throw new Refusal(reason, params);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(obj: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(obj, name) ? obj[name] : undefined;
}

function text(obj: Record<string, unknown>, name: string): string {
  const value = field(obj, name);
  return typeof value === 'string' ? value : '';
}

/** proto3 omits zeros on the wire, so an absent double is 0; NaN and infinities are refused. */
function real(obj: Record<string, unknown>, name: string, label = name): number {
  const value = field(obj, name);
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse('invalid-field', { field: label, value: shown(String(value)) });
  return value;
}

/** A time of 0 is what proto3 writes for "not set", and no detection happened in 1970. */
function time(obj: Record<string, unknown>, name: string): number {
  const value = field(obj, name);
  if (value === undefined || value === 0) refuse('missing-field', { field: name });
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) refuse('invalid-field', { field: name, value: shown(String(value)) });
  return value;
}

const ATOMS = /^[A-Za-z](?:-[A-Za-z0-9_.]+)*$/;

function orUnknown(value: number): number | null {
  return value === COT_UNKNOWN ? null : value;
}

export function decodeTak(bytes: Uint8Array, ctx: IngestContext): IngestResult {
  if (bytes.byteLength > MAX_MESSAGE_BYTES)
    return rejected('tak-protobuf', 'too-large', { actual: bytes.byteLength, max: MAX_MESSAGE_BYTES });
  const unframed = unframe(bytes);
  if (!unframed.ok) return rejected('tak-protobuf', unframed.reason, unframed.params);
  let message: Record<string, unknown>;
  try {
    const decoded = TakMessageType.decode(unframed.payload);
    message = TakMessageType.toObject(decoded, { longs: Number, defaults: false });
  } catch (caught) {
    return rejected('tak-protobuf', 'protobuf', { detail: shown(caught instanceof Error ? caught.message : String(caught)) });
  }
  try {
    return { ok: true, detections: [detectionOf(message, bytes, ctx)] };
  } catch (caught) {
    if (caught instanceof Refusal) return rejected('tak-protobuf', caught.reason, caught.params);
    return rejected('tak-protobuf', 'internal', { detail: shown(caught instanceof Error ? caught.message : String(caught)) });
  }
}

function detectionOf(message: Record<string, unknown>, bytes: Uint8Array, ctx: IngestContext): Detection {
  const event = field(message, 'cotEvent');
  if (!isRecord(event)) refuse('no-event');

  const uid = text(event, 'uid').trim();
  if (uid === '') refuse('missing-field', { field: 'uid' });
  if (uid.length > MAX_UID_CHARS || /[\u0000-\u001f\u007f]/.test(uid)) refuse('invalid-field', { field: 'uid', value: shown(uid) });
  const type = text(event, 'type').trim();
  if (type === '') refuse('missing-field', { field: 'type' });
  if (type.length > 128 || !ATOMS.test(type)) refuse('invalid-field', { field: 'type', value: shown(type) });
  const how = text(event, 'how').trim();
  if (how !== '' && (how.length > 32 || !ATOMS.test(how))) refuse('invalid-field', { field: 'how', value: shown(how) });

  const sendTime = time(event, 'sendTime');
  const startTime = time(event, 'startTime');
  const staleTime = time(event, 'staleTime');
  const lat = real(event, 'lat');
  const lon = real(event, 'lon');
  if (lat < -90 || lat > 90) refuse('latitude-range', { value: lat });
  if (lon < -180 || lon > 180) refuse('longitude-range', { value: lon });
  const hae = orUnknown(real(event, 'hae'));
  const ce = orUnknown(real(event, 'ce'));
  const le = orUnknown(real(event, 'le'));
  if (ce !== null && ce < 0) refuse('invalid-field', { field: 'ce', value: ce });
  if (le !== null && le < 0) refuse('invalid-field', { field: 'le', value: le });
  const detail = readDetail(field(event, 'detail'));

  const now = ctx.receivedAt;
  if (staleTime < startTime) refuse('stale-before-start', { stale: isoOfMs(staleTime), start: isoOfMs(startTime) });
  if (sendTime > now + MAX_FUTURE_SKEW_MS) refuse('time-future', { time: isoOfMs(sendTime), seconds: MAX_FUTURE_SKEW_MS / 1000 });
  if (staleTime <= now) refuse('stale', { stale: isoOfMs(staleTime) });

  const info = describeType(type);
  return {
    source: 'tak-protobuf',
    sensor: ctx.sensor,
    uid,
    remoteId: null,
    t: sendTime,
    receivedAt: ctx.receivedAt,
    staleAt: staleTime,
    lat,
    lon,
    altM: hae,
    speedMps: detail.track?.speed ?? null,
    courseDeg: detail.track?.course ?? null,
    verticalSpeedMps: null,
    ...classificationOf(info),
    airframe: airframeOf(info),
    callsign: detail.callsign ?? null,
    pilot: pilotOf(detail.pilot, sendTime),
    raw: rawPayload('tak-protobuf', bytes),
  };
}

/**
 * Structured fields win; xmlDetail (the detail elements TAK has no message for) fills in what
 * they lack and is the only place the Enlace pilot element can travel. It is read by the CoT
 * parser's hardened reader: DOCTYPE/ENTITY refused, nothing expanded.
 */
function readDetail(value: unknown): CotDetail {
  if (!isRecord(value)) return {};
  let detail: CotDetail = {};
  const xml = text(value, 'xmlDetail');
  if (xml.trim() !== '') {
    const parsed = parseDetailXml(xml);
    if (!parsed.ok) refuse(parsed.rejection.reason, parsed.rejection.params);
    detail = parsed.detail;
  }
  const contact = field(value, 'contact');
  if (isRecord(contact)) {
    const callsign = text(contact, 'callsign').trim();
    if (callsign !== '') detail.callsign = callsign;
  }
  const track = field(value, 'track');
  if (isRecord(track)) {
    const speed = real(track, 'speed', 'detail.track.speed');
    const course = real(track, 'course', 'detail.track.course');
    if (course < 0 || course > 360) refuse('invalid-field', { field: 'detail.track.course', value: course });
    if (speed < 0) refuse('invalid-field', { field: 'detail.track.speed', value: speed });
    detail.track = { speed, course };
  }
  return detail;
}
