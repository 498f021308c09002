/**
 * The pieces an incident is made of — its tracks, timeline entries, evidence — built from what
 * correlation hands over and cut to the bounds of the STIX type, so that whatever the book holds
 * can be published as it is. Every piece is frozen once built: the book shares them between the
 * snapshots it hands out instead of copying megabytes of evidence on each detection.
 */
import { DRONE_INCIDENT_LIMITS as L } from '../../stix/definitions/drone-incident.js';
import { FORBIDDEN_KEYS } from '../../stix/identifier.js';
import type { EvidenceItem, IncidentTrack, TimelineEntry, TimelineKind, Track, TrackUpdate } from '../model.js';

const PARAM_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const SHA256 = /^[0-9a-f]{64}$/;

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max);
}

function texts(values: readonly string[], max: number): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (typeof v !== 'string' || v.length === 0) continue;
    const c = clip(v, L.shortText);
    if (!out.includes(c)) out.push(c);
    if (out.length === max) break;
  }
  return out;
}

const finite = (x: number): boolean => typeof x === 'number' && Number.isFinite(x);
const inRange = (x: number, min: number, max: number): boolean => finite(x) && x >= min && x <= max;
const validPosition = (p: { lat: number; lon: number }): boolean => inRange(p.lat, -90, 90) && inRange(p.lon, -180, 180);
const altitude = (a: number | null): number | null => (a !== null && inRange(a, -1_000, 100_000) ? a : null);
const clamp = (x: number, min: number, max: number): number => (finite(x) ? Math.min(max, Math.max(min, x)) : min);

/** A short name for a track in texts: its callsign, else a Remote ID, uid or the local id. */
export function trackLabel(track: Pick<Track, 'id' | 'callsign' | 'remoteIds' | 'uids'>): string {
  return clip(track.callsign ?? track.remoteIds[0] ?? track.uids[0] ?? track.id, 100);
}

type TrailPoint = IncidentTrack['trail'][number];

/**
 * The incident's view of a track. The trail grows from `previous` with the track's points newer
 * than its last one — the track's own history is shorter than an incident's life — and keeps the
 * newest `trailLimit` points.
 */
export function incidentTrackOf(track: Track, trailLimit: number, previous?: IncidentTrack): IncidentTrack {
  const trail: TrailPoint[] = previous ? [...previous.trail] : [];
  let lastT = trail[trail.length - 1]?.t ?? -Infinity;
  for (const p of [...track.history, track.latest]) {
    if (!(p.t > lastT) || !validPosition(p)) continue;
    trail.push(Object.freeze({ t: p.t, lat: p.lat, lon: p.lon, altM: altitude(p.altM) }));
    lastT = p.t;
  }
  if (trail.length > trailLimit) trail.splice(0, trail.length - trailLimit);
  const b = track.border;
  const pilot = track.pilot && validPosition(track.pilot) ? Object.freeze({ ...track.pilot }) : null;
  const takeoff = track.takeoff && validPosition(track.takeoff) ? Object.freeze({ ...track.takeoff }) : null;
  const callsign = track.callsign === null || track.callsign.length === 0 ? null : clip(track.callsign, L.shortText);
  return Object.freeze({
    trackId: clip(track.id, L.shortText),
    uids: Object.freeze(texts(track.uids, L.identities)) as string[],
    remoteIds: Object.freeze(texts(track.remoteIds, L.identities)) as string[],
    sensors: Object.freeze(texts(track.sensors, L.sensors)) as string[],
    classification: track.classification,
    airframe: track.airframe,
    callsign,
    trail: Object.freeze(trail) as TrailPoint[],
    pilot,
    takeoff,
    border: Object.freeze({
      side: b.side,
      signedDistanceM: clamp(b.signedDistanceM, -1e8, 1e8),
      heading: b.heading,
      groundSpeedMps: clamp(b.groundSpeedMps, 0, 10_000),
      courseDeg: b.courseDeg !== null && inRange(b.courseDeg, 0, 360) ? b.courseDeg : null,
      predictedCrossingAt: b.predictedCrossingAt !== null && finite(b.predictedCrossingAt) ? b.predictedCrossingAt : null,
      nearestPort: Object.freeze({
        id: clip(b.nearestPort.id, L.shortText) || '?',
        name: clip(b.nearestPort.name, L.shortText) || '?',
        cityMx: clip(b.nearestPort.cityMx, L.shortText) || '?',
        distanceM: clamp(b.nearestPort.distanceM, 0, 1e8),
      }),
    }),
    lastSeen: track.lastSeen,
    staleAt: track.staleAt,
  });
}

/**
 * Only what the STIX type can carry: at most 20 params with plain names (never one that reaches a
 * prototype, which every STIX validator refuses), short texts, finite numbers.
 */
export function cleanParams(params: Record<string, string | number>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  let n = 0;
  for (const [k, v] of Object.entries(params)) {
    if (n === L.timelineParams) break;
    if (!PARAM_KEY.test(k) || FORBIDDEN_KEYS.has(k)) continue;
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    else if (typeof v === 'string') out[k] = clip(v, L.paramText);
    else continue;
    n++;
  }
  return Object.freeze(out) as Record<string, string | number>;
}

export function timelineEntry(
  at: number,
  kind: TimelineKind,
  trackId: string | null,
  position: { lat: number; lon: number } | null,
  params: Record<string, string | number>,
): TimelineEntry {
  const where = position && validPosition(position) ? position : null;
  return Object.freeze({ at, kind, trackId, lat: where?.lat ?? null, lon: where?.lon ?? null, params: cleanParams(params) });
}

/**
 * The detection's raw payload as evidence, or null when the STIX type cannot carry it: larger
 * than its bound (a digest without the bytes proves nothing to the partner) or with a malformed
 * digest.
 */
export function evidenceOf(u: TrackUpdate): EvidenceItem | null {
  const d = u.detection;
  const sha256 = d.raw.sha256.toLowerCase();
  if (d.raw.data.length > L.evidenceData || !SHA256.test(sha256)) return null;
  return Object.freeze({
    at: d.t,
    sensor: clip(d.sensor, L.shortText) || '?',
    trackId: clip(u.track.id, L.shortText),
    raw: Object.freeze({ format: d.raw.format, encoding: d.raw.encoding, data: d.raw.data, sha256 }),
  });
}

/** Appends within `max`, dropping the oldest item after the first `keepFirst` ones. */
export function pushBounded<T>(list: T[], item: T, max: number, keepFirst: number): void {
  list.push(item);
  if (list.length > max) list.splice(Math.min(keepFirst, max - 1), 1);
}
