/**
 * Checks an incident view before anything is written from it. Views reach the exporters from the
 * store, but an incident may have been carried across by a partner's node, so nothing is taken on
 * trust: a NaN coordinate would become `null` in GeoJSON, a time beyond the Date range would throw
 * halfway through a report. The whole view is checked first; a file is made from a sound view or
 * not at all.
 */
import type { Airframe, Classification, IncidentView, PilotLocationKind, RuleKind, TimelineKind } from '../model.js';
import { EvidenceExportError } from './model.js';

/** Bounds well above what the incident service keeps (trails and evidence are bounded there). */
export const LIMITS = {
  tracks: 200,
  trailPoints: 5_000,
  timeline: 5_000,
  evidence: 500,
  /** Characters of one raw payload as held (base64 of a 64 KiB CoT event is ~87 000). */
  payloadChars: 1_048_576,
  /** Characters of one identity, name or parameter value. */
  text: 1_024,
  /** Entries of a list of identities or of a parameter map. */
  list: 200,
} as const;

const CLASSIFICATIONS: readonly Classification[] = ['hostile', 'suspect', 'unknown', 'friendly'];
const AIRFRAMES: readonly Airframe[] = ['rotary-wing', 'fixed-wing', 'unknown'];
const PILOT_KINDS: readonly PilotLocationKind[] = ['takeoff', 'live', 'fixed'];
const RULES: readonly RuleKind[] = ['crossing', 'approach', 'geofence', 'payload-drop', 'loitering'];
const TIMELINE_KINDS: readonly TimelineKind[] = [...RULES, 'opened', 'track-joined', 'pilot-located', 'closed'];
const RAW_FORMATS = ['cot-xml', 'tak-protobuf', 'remote-id', 'geojson'];
/** Far above any drone; beyond it a number is a fault, and would print in exponent notation. */
const MAX_ALTITUDE_M = 1_000_000;
/** Largest |t| a JavaScript Date holds. */
const MAX_TIME = 8.64e15;

type Rec = Record<string, unknown>;

/** @throws EvidenceExportError naming the first field that is missing, malformed or too large */
export function checkIncidentView(value: unknown): asserts value is IncidentView {
  const v = record(value, '$');
  text(v.id, 'id');
  text(v.version, 'version');
  text(v.origin, 'origin');
  text(v.originCountry, 'originCountry');
  oneOf(v.status, ['open', 'closed'], 'status');
  time(v.openedAt, 'openedAt');
  time(v.updatedAt, 'updatedAt');
  if (v.closedAt !== null) time(v.closedAt, 'closedAt');
  list(v.rules, 'rules', LIMITS.list).forEach((r, i) => oneOf(r, RULES, `rules[${i}]`));
  list(v.tracks, 'tracks', LIMITS.tracks).forEach((t, i) => checkTrack(t, `tracks[${i}]`));
  list(v.timeline, 'timeline', LIMITS.timeline).forEach((e, i) => {
    const at = `timeline[${i}]`;
    const entry = record(e, at);
    time(entry.at, `${at}.at`);
    oneOf(entry.kind, TIMELINE_KINDS, `${at}.kind`);
    if (entry.trackId !== null) text(entry.trackId, `${at}.trackId`);
    if ((entry.lat === null) !== (entry.lon === null)) throw new EvidenceExportError('half-position', { field: at });
    if (entry.lat !== null) position(entry, at);
    params(entry.params, `${at}.params`);
  });
  let payloadChars = 0;
  list(v.evidence, 'evidence', LIMITS.evidence).forEach((e, i) => {
    const at = `evidence[${i}]`;
    const item = record(e, at);
    time(item.at, `${at}.at`);
    text(item.sensor, `${at}.sensor`);
    text(item.trackId, `${at}.trackId`);
    const raw = record(item.raw, `${at}.raw`);
    oneOf(raw.format, RAW_FORMATS, `${at}.raw.format`);
    oneOf(raw.encoding, ['utf8', 'base64'], `${at}.raw.encoding`);
    text(raw.sha256, `${at}.raw.sha256`);
    if (typeof raw.data !== 'string') throw new EvidenceExportError('not-text', { field: `${at}.raw.data` });
    if (raw.data.length > LIMITS.payloadChars)
      throw new EvidenceExportError('too-large', { field: `${at}.raw.data`, actual: raw.data.length, max: LIMITS.payloadChars });
    payloadChars += raw.data.length;
  });
  // A view at every bound at once would make files of gigabytes; the payloads dominate.
  const maxTotal = 16 * LIMITS.payloadChars;
  if (payloadChars > maxTotal) throw new EvidenceExportError('too-large', { field: 'evidence', actual: payloadChars, max: maxTotal });
}

function checkTrack(value: unknown, at: string): void {
  const t = record(value, at);
  text(t.trackId, `${at}.trackId`);
  for (const f of ['uids', 'remoteIds', 'sensors'] as const)
    list(t[f], `${at}.${f}`, LIMITS.list).forEach((s, i) => text(s, `${at}.${f}[${i}]`));
  oneOf(t.classification, CLASSIFICATIONS, `${at}.classification`);
  oneOf(t.airframe, AIRFRAMES, `${at}.airframe`);
  if (t.callsign !== null) text(t.callsign, `${at}.callsign`);
  list(t.trail, `${at}.trail`, LIMITS.trailPoints).forEach((p, i) => {
    const point = record(p, `${at}.trail[${i}]`);
    time(point.t, `${at}.trail[${i}].t`);
    position(point, `${at}.trail[${i}]`);
    altitude(point.altM, `${at}.trail[${i}].altM`);
  });
  if (t.pilot !== null) {
    const pilot = record(t.pilot, `${at}.pilot`);
    position(pilot, `${at}.pilot`);
    oneOf(pilot.kind, PILOT_KINDS, `${at}.pilot.kind`);
    time(pilot.t, `${at}.pilot.t`);
  }
  if (t.takeoff !== null) {
    const takeoff = record(t.takeoff, `${at}.takeoff`);
    position(takeoff, `${at}.takeoff`);
    time(takeoff.t, `${at}.takeoff.t`);
  }
  const border = record(t.border, `${at}.border`);
  oneOf(border.side, ['US', 'MX'], `${at}.border.side`);
  oneOf(border.heading, ['towards', 'away', 'along'], `${at}.border.heading`);
  finite(border.signedDistanceM, `${at}.border.signedDistanceM`);
  finite(border.groundSpeedMps, `${at}.border.groundSpeedMps`);
  if (border.courseDeg !== null) finite(border.courseDeg, `${at}.border.courseDeg`);
  if (border.predictedCrossingAt !== null) time(border.predictedCrossingAt, `${at}.border.predictedCrossingAt`);
  const port = record(border.nearestPort, `${at}.border.nearestPort`);
  for (const f of ['id', 'name', 'cityMx'] as const) text(port[f], `${at}.border.nearestPort.${f}`);
  finite(port.distanceM, `${at}.border.nearestPort.distanceM`);
  time(t.lastSeen, `${at}.lastSeen`);
  time(t.staleAt, `${at}.staleAt`);
}

function record(value: unknown, field: string): Rec {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new EvidenceExportError('not-object', { field });
  return value as Rec;
}

function list(value: unknown, field: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw new EvidenceExportError('not-list', { field });
  if (value.length > max) throw new EvidenceExportError('too-large', { field, actual: value.length, max });
  return value;
}

function text(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new EvidenceExportError('not-text', { field });
  if (value.length > LIMITS.text) throw new EvidenceExportError('too-large', { field, actual: value.length, max: LIMITS.text });
}

function oneOf(value: unknown, allowed: readonly string[], field: string): void {
  if (typeof value !== 'string' || !allowed.includes(value))
    throw new EvidenceExportError('not-one-of', { field, allowed: allowed.join(', ') });
}

function finite(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new EvidenceExportError('not-number', { field });
}

function time(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_TIME)
    throw new EvidenceExportError('not-time', { field });
}

function altitude(value: unknown, field: string): void {
  if (value === null) return;
  if (typeof value !== 'number' || !(Math.abs(value) <= MAX_ALTITUDE_M))
    throw new EvidenceExportError('altitude', { field, max: MAX_ALTITUDE_M });
}

function position(p: Rec, at: string): void {
  const { lat, lon } = p;
  if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) throw new EvidenceExportError('latitude', { field: `${at}.lat` });
  if (typeof lon !== 'number' || !(lon >= -180 && lon <= 180)) throw new EvidenceExportError('longitude', { field: `${at}.lon` });
}

function params(value: unknown, field: string): void {
  const entries = Object.entries(record(value, field));
  if (entries.length > LIMITS.list) throw new EvidenceExportError('too-large', { field, actual: entries.length, max: LIMITS.list });
  for (const [k, v] of entries) {
    if (k.length > LIMITS.text) throw new EvidenceExportError('too-large', { field: `${field} key`, actual: k.length, max: LIMITS.text });
    if (typeof v === 'number') finite(v, `${field}.${k.slice(0, 40)}`);
    else if (typeof v !== 'string' || v.length > LIMITS.text)
      throw new EvidenceExportError('param', { field: `${field}.${k.slice(0, 40)}`, max: LIMITS.text });
  }
}
