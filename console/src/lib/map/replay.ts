/**
 * Replaying an incident: its tracks' trails drawn up to a chosen moment, with each aircraft where
 * it was then, and the timeline up to that moment. Pure, so the slider, the play button and the
 * tests ask the same function.
 */
import type { Classification, IncidentView, TimelineEntry } from '../types.js';

export interface ReplayTrack {
  trackId: string;
  classification: Classification;
  /** Trail points up to the moment, [lon, lat], oldest first, ending at the interpolated position. */
  points: Array<[number, number]>;
  /** Where the aircraft was at the moment; null before its first point. */
  head: { lon: number; lat: number; courseDeg: number | null } | null;
}

export interface ReplayFrame {
  t: number;
  tracks: ReplayTrack[];
  /** Timeline entries that had happened by then, oldest first. */
  entries: TimelineEntry[];
}

/** From the first thing known about the incident to the last. */
export function replayRange(incident: IncidentView): { start: number; end: number } {
  let start = incident.openedAt;
  let end = Math.max(incident.updatedAt, incident.closedAt ?? 0);
  for (const track of incident.tracks) {
    for (const p of track.trail) {
      if (p.t < start) start = p.t;
      if (p.t > end) end = p.t;
    }
  }
  for (const e of incident.timeline) {
    if (e.at < start) start = e.at;
    if (e.at > end) end = e.at;
  }
  return { start, end: Math.max(start, end) };
}

function course(aLon: number, aLat: number, bLon: number, bLat: number): number | null {
  const dx = (bLon - aLon) * Math.cos(((aLat + bLat) / 2) * (Math.PI / 180));
  const dy = bLat - aLat;
  if (dx === 0 && dy === 0) return null;
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

/** The incident as it stood at time `t`. */
export function replayAt(incident: IncidentView, t: number): ReplayFrame {
  const tracks: ReplayTrack[] = [];
  for (const track of incident.tracks) {
    const trail = [...track.trail].sort((a, b) => a.t - b.t);
    const points: Array<[number, number]> = [];
    let head: ReplayTrack['head'] = null;
    for (let i = 0; i < trail.length; i++) {
      const p = trail[i]!;
      if (p.t > t) {
        const prev = trail[i - 1];
        // Between two fixes the aircraft is drawn on the straight leg between them, not frozen at the older one.
        if (prev && p.t > prev.t) {
          const f = (t - prev.t) / (p.t - prev.t);
          const lon = prev.lon + f * (p.lon - prev.lon);
          const lat = prev.lat + f * (p.lat - prev.lat);
          points.push([lon, lat]);
          head = { lon, lat, courseDeg: course(prev.lon, prev.lat, p.lon, p.lat) };
        }
        break;
      }
      points.push([p.lon, p.lat]);
      const before = trail[i - 1];
      head = { lon: p.lon, lat: p.lat, courseDeg: before ? course(before.lon, before.lat, p.lon, p.lat) : null };
    }
    tracks.push({ trackId: track.trackId, classification: track.classification, points, head });
  }
  const entries = incident.timeline.filter((e) => e.at <= t).sort((a, b) => a.at - b.at);
  return { t, tracks, entries };
}

/** Playing speed: the whole incident in about twenty seconds, never faster than 120× nor slower than real time. */
export function playbackRate(range: { start: number; end: number }, targetMs = 20_000): number {
  const span = range.end - range.start;
  return Math.min(120, Math.max(1, span / targetMs));
}

/** The next moment of a playing replay after `elapsedMs` of wall time; stops at the end. */
export function advance(t: number, elapsedMs: number, range: { start: number; end: number }): { t: number; done: boolean } {
  const next = t + elapsedMs * playbackRate(range);
  return next >= range.end ? { t: range.end, done: true } : { t: Math.max(range.start, next), done: false };
}
