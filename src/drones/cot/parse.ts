/**
 * Parses one Cursor-on-Target event into a typed detection. It never throws: sensors and partner
 * feeds are untrusted, so every malformed or hostile document comes back as a typed rejection
 * that the ingest layer can count and show in both languages (messages.ts).
 */
import {
  COT_UNKNOWN,
  MAX_EVENT_BYTES,
  MAX_FUTURE_SKEW_US,
  describeType,
  type CotDetail,
  type CotParseResult,
  type CotPilot,
  type CotPoint,
  type CotRejection,
  type CotRejectionReason,
} from './model.js';
import { attribute, child, hasDeclaration, isNode, looksLikeXml, parseXml, textOf, type XmlNode } from './xml.js';

/** Internal short-circuit: thrown only inside this module and always caught by `parseCot`. */
class Refusal {
  constructor(readonly rejection: CotRejection) {}
}

function refuse(reason: CotRejectionReason, params: Record<string, string | number> = {}): never {
  throw new Refusal({ reason, params });
}

/** Keeps refusal texts readable when the offending value is itself huge or hostile. */
function shown(value: string): string {
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}

export interface ParseOptions {
  /** The receiving node's clock, microseconds since the epoch; injected so tests are exact. */
  nowUs: number;
}

/**
 * @example parseCot('<event version="2.0" uid="…" type="a-h-A-M-H-Q" …>…</event>', { nowUs })
 */
export function parseCot(input: string | Uint8Array, options: ParseOptions): CotParseResult {
  try {
    return { ok: true, detection: parseOrRefuse(input, options) };
  } catch (caught) {
    if (caught instanceof Refusal) return { ok: false, rejection: caught.rejection };
    // Anything else is a bug of ours, but a feed must not be able to crash ingest with it.
    return { ok: false, rejection: { reason: 'malformed', params: { detail: caught instanceof Error ? caught.message : String(caught) } } };
  }
}

function parseOrRefuse(input: string | Uint8Array, { nowUs }: ParseOptions) {
  // Size is measured in bytes before anything else so that a 1 MB payload costs one length check.
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > MAX_EVENT_BYTES) refuse('too-large', { actual: bytes, max: MAX_EVENT_BYTES });
  const raw = typeof input === 'string' ? input : decodeUtf8(input);
  if (!looksLikeXml(raw)) refuse('not-xml');
  if (hasDeclaration(raw)) refuse('doctype');
  const parsed = parseXml(raw);
  if (!parsed.ok) throw new Refusal(parsed.rejection);

  const rootNames = Object.keys(parsed.root);
  if (rootNames.length !== 1 || rootNames[0] !== 'event') refuse('root', { root: shown(rootNames.join(', ') || '?') });
  const event = parsed.root.event;
  // The validator lets several root elements through; XML allows exactly one.
  if (Array.isArray(event)) refuse('malformed', { detail: 'more than one root element' });
  if (!isNode(event)) refuse('root', { root: 'event (text only)' });

  const uid = required(event, 'uid');
  if (uid.length > 256 || /[\u0000-\u001f\u007f]/.test(uid)) refuse('invalid-field', { field: 'uid', value: shown(uid) });
  const type = required(event, 'type');
  // Atoms are letters, digits and a few marks; 128 chars is far beyond any real type.
  if (type.length > 128 || !/^[A-Za-z](?:-[A-Za-z0-9_.]+)*$/.test(type)) refuse('invalid-field', { field: 'type', value: shown(type) });
  const how = required(event, 'how');
  if (how.length > 32 || !/^[A-Za-z](?:-[A-Za-z0-9_.]+)*$/.test(how)) refuse('invalid-field', { field: 'how', value: shown(how) });
  const timeUs = timestamp(event, 'time');
  const startUs = timestamp(event, 'start');
  const staleUs = timestamp(event, 'stale');
  const point = readPoint(event);
  const detail = readDetail(event);

  if (staleUs < startUs) refuse('stale-before-start', { stale: isoOf(staleUs), start: isoOf(startUs) });
  if (timeUs > nowUs + MAX_FUTURE_SKEW_US) refuse('time-future', { time: isoOf(timeUs), seconds: MAX_FUTURE_SKEW_US / 1e6 });
  if (staleUs <= nowUs) refuse('stale', { stale: isoOf(staleUs) });

  return { uid, type: describeType(type), how, timeUs, startUs, staleUs, point, detail, raw };
}

function decodeUtf8(input: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return refuse('not-xml');
  }
}

function required(node: XmlNode, name: string, field = name): string {
  const value = attribute(node, name);
  if (value === undefined || value.trim() === '') refuse('missing-field', { field });
  return value.trim();
}

/**
 * Strict decimal only: `Number()` would also accept "", "0x1F", "Infinity" and " 1 ", none of
 * which a CoT sender means as a coordinate.
 */
function decimal(node: XmlNode, name: string, field: string): number {
  const text = required(node, name, field);
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) refuse('invalid-field', { field, value: shown(text) });
  const value = Number(text);
  if (!Number.isFinite(value)) refuse('invalid-field', { field, value: shown(text) });
  return value;
}

function orUnknown(value: number): number | null {
  return value === COT_UNKNOWN ? null : value;
}

function readPoint(event: XmlNode): CotPoint {
  const point = child(event, 'point');
  if (point === undefined) refuse('missing-field', { field: 'point' });
  // Two positions for one detection: there is no honest way to pick one.
  if (!isNode(point)) refuse('invalid-field', { field: 'point', value: Array.isArray(point) ? 'repeated' : 'text' });
  const lat = decimal(point, 'lat', 'point.lat');
  const lon = decimal(point, 'lon', 'point.lon');
  if (lat < -90 || lat > 90) refuse('latitude-range', { value: lat });
  if (lon < -180 || lon > 180) refuse('longitude-range', { value: lon });
  const hae = orUnknown(decimal(point, 'hae', 'point.hae'));
  const ce = orUnknown(decimal(point, 'ce', 'point.ce'));
  const le = orUnknown(decimal(point, 'le', 'point.le'));
  if (ce !== null && ce < 0) refuse('invalid-field', { field: 'point.ce', value: ce });
  if (le !== null && le < 0) refuse('invalid-field', { field: 'point.le', value: le });
  return { lat, lon, hae, ce, le };
}

/** The first element of that name: detail may legitimately repeat elements we do not read. */
function firstChild(node: XmlNode, name: string): unknown {
  const value = child(node, name);
  return Array.isArray(value) ? (value[0] as unknown) : value;
}

function readDetail(event: XmlNode): CotDetail {
  const detail: CotDetail = {};
  const node = firstChild(event, 'detail');
  if (!isNode(node)) return detail;
  const track = firstChild(node, '__track') ?? firstChild(node, 'track');
  if (isNode(track)) {
    const course = decimal(track, 'course', 'detail.track.course');
    const speed = decimal(track, 'speed', 'detail.track.speed');
    if (course < 0 || course > 360) refuse('invalid-field', { field: 'detail.track.course', value: course });
    if (speed < 0) refuse('invalid-field', { field: 'detail.track.speed', value: speed });
    detail.track = { course, speed };
  }
  const contact = firstChild(node, 'contact');
  if (isNode(contact)) {
    const callsign = attribute(contact, 'callsign')?.trim();
    if (callsign) detail.callsign = callsign;
  }
  const remarks = textOf(firstChild(node, 'remarks'));
  if (remarks) detail.remarks = remarks;
  const pilot = firstChild(node, '__enlace_pilot');
  if (isNode(pilot)) detail.pilot = readPilot(pilot);
  return detail;
}

function readPilot(node: XmlNode): CotPilot {
  const lat = decimal(node, 'lat', 'detail.__enlace_pilot.lat');
  const lon = decimal(node, 'lon', 'detail.__enlace_pilot.lon');
  if (lat < -90 || lat > 90) refuse('latitude-range', { value: lat });
  if (lon < -180 || lon > 180) refuse('longitude-range', { value: lon });
  const kind = required(node, 'kind', 'detail.__enlace_pilot.kind');
  if (kind !== 'takeoff' && kind !== 'live' && kind !== 'fixed')
    refuse('invalid-field', { field: 'detail.__enlace_pilot.kind', value: shown(kind) });
  return { lat, lon, kind };
}

/**
 * The children of a `<detail>` element on their own, as TAK protobuf carries them (`xmlDetail`),
 * read with the same hardening and rules as a whole event.
 */
export function parseDetailXml(xml: string): { ok: true; detail: CotDetail } | { ok: false; rejection: CotRejection } {
  try {
    const bytes = Buffer.byteLength(xml, 'utf8');
    if (bytes > MAX_EVENT_BYTES) refuse('too-large', { actual: bytes, max: MAX_EVENT_BYTES });
    if (hasDeclaration(xml)) refuse('doctype');
    const parsed = parseXml(`<detail>${xml}</detail>`);
    if (!parsed.ok) throw new Refusal(parsed.rejection);
    // Text that closes <detail> early and opens other roots is not a detail.
    if (Object.keys(parsed.root).length !== 1 || !isNode(parsed.root.detail))
      refuse('malformed', { detail: 'xmlDetail is not the content of one <detail>' });
    return { ok: true, detail: readDetail(parsed.root) };
  } catch (caught) {
    if (caught instanceof Refusal) return { ok: false, rejection: caught.rejection };
    return { ok: false, rejection: { reason: 'malformed', params: { detail: caught instanceof Error ? caught.message : String(caught) } } };
  }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * ISO 8601 to microseconds. `Date.parse` would drop sub-millisecond digits, accept many
 * non-ISO spellings, and roll 31 February over into March; this accepts only what CoT writes.
 */
function timestamp(event: XmlNode, name: string): number {
  const text = required(event, name);
  const us = isoToUs(text);
  if (us === null) refuse('invalid-field', { field: name, value: shown(text) });
  return us;
}

export function isoToUs(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day || day < 1) return null;
  // Digits past the sixth are truncated: the model keeps microseconds, as CoT senders mean.
  const fraction = Number((m[7] ?? '').padEnd(6, '0').slice(0, 6));
  const zone = m[8]!;
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return (ms - offsetMinutes * 60_000) * 1000 + fraction;
}

/** Microseconds back to ISO with six fractional digits, for messages and for round trips. */
export function isoOf(us: number): string {
  const ms = Math.floor(us / 1000);
  const micros = us - ms * 1000;
  const base = new Date(ms).toISOString();
  return `${base.slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}
