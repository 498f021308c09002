/**
 * The track book's own check of a detection. Ingest validates each format, but the book is the
 * one place every detection passes, and a bad value stored here (a NaN position, a megabyte uid in
 * an index) would poison every later correlation: it is refused whole, before anything changes.
 */
import { translate, type Lang } from '../../i18n/index.js';
import type { Detection } from '../model.js';
import type { TracksMessageKey } from './messages.js';

/** Identities and names longer than this are not identities but an attack on the indexes. */
export const MAX_ID_CHARS = 256;

export class TrackBookError extends Error {
  constructor(
    readonly reason: TracksMessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(translate('en', 'drones-tracks', reason, params));
    this.name = 'TrackBookError';
  }

  /** The refusal in the reader's language. */
  describe(lang: Lang): string {
    return translate(lang, 'drones-tracks', this.reason, this.params);
  }
}

const SOURCES = new Set(['cot', 'tak-protobuf', 'remote-id', 'geojson']);
const CLASSIFICATIONS = new Set(['hostile', 'suspect', 'unknown', 'friendly']);
const AIRFRAMES = new Set(['rotary-wing', 'fixed-wing', 'unknown']);
const PILOT_KINDS = new Set(['takeoff', 'live', 'fixed']);

/** A hostile value stays readable in the refusal text. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    text = typeof value;
  }
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}

function invalid(field: string, value: unknown): TrackBookError {
  return new TrackBookError('reject.invalid-field', { field, value: shown(value) });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPosition(lat: unknown, lon: unknown): boolean {
  return (
    typeof lat === 'number' &&
    typeof lon === 'number' &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180
  );
}

function checkText(field: string, v: unknown, nullable: boolean): void {
  if (v === null && nullable) return;
  if (typeof v !== 'string' || v.length === 0) throw invalid(field, v);
  if (v.length > MAX_ID_CHARS) throw new TrackBookError('reject.too-long', { field, actual: v.length, max: MAX_ID_CHARS });
}

function checkNumber(field: string, v: unknown, nullable: boolean, min = -Infinity): void {
  if (v === null && nullable) return;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw invalid(field, v);
}

function checkMember(field: string, v: unknown, allowed: Set<string>): void {
  if (typeof v !== 'string' || !allowed.has(v)) throw invalid(field, v);
}

/** Throws a TrackBookError naming the first bad field; returns the detection typed when it is sound. */
export function checkDetection(input: unknown): Detection {
  if (!isRecord(input)) throw new TrackBookError('reject.not-object');
  const d = input;
  checkMember('source', d.source, SOURCES);
  checkText('sensor', d.sensor, false);
  checkText('uid', d.uid, true);
  checkText('remoteId', d.remoteId, true);
  checkNumber('t', d.t, false);
  checkNumber('receivedAt', d.receivedAt, false);
  checkNumber('staleAt', d.staleAt, true);
  if (!isPosition(d.lat, d.lon)) throw new TrackBookError('reject.position', { lat: shown(d.lat), lon: shown(d.lon) });
  checkNumber('altM', d.altM, true);
  checkNumber('speedMps', d.speedMps, true, 0);
  checkNumber('courseDeg', d.courseDeg, true);
  checkNumber('verticalSpeedMps', d.verticalSpeedMps, true);
  checkMember('classification', d.classification, CLASSIFICATIONS);
  if (typeof d.exercise !== 'boolean') throw invalid('exercise', d.exercise);
  checkMember('airframe', d.airframe, AIRFRAMES);
  checkText('callsign', d.callsign, true);
  if (d.pilot !== null) {
    const p = d.pilot;
    if (!isRecord(p)) throw invalid('pilot', p);
    if (!isPosition(p.lat, p.lon)) throw new TrackBookError('reject.position', { lat: shown(p.lat), lon: shown(p.lon) });
    checkMember('pilot.kind', p.kind, PILOT_KINDS);
    checkNumber('pilot.t', p.t, false);
  }
  // The raw payload is evidence for other stages; the book only keeps a reference to it.
  if (!isRecord(d.raw)) throw invalid('raw', d.raw);
  return input as unknown as Detection;
}
