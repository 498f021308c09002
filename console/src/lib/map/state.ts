/**
 * The drone picture as the console holds it: the start picture, then every stream message applied
 * into maps keyed by id. Messages are applied in batches (what arrived since the last frame) and
 * never move anything backwards: after a reconnect the fresh picture and the messages that raced
 * it may arrive in either order, and an older copy must not undo a newer one.
 */
import type { Alert, GeoRegion, IncidentView, Picture, StreamEvent, TrackView } from '../types.js';
import { extend } from './geometry.js';

export interface LiveTrack {
  view: TrackView;
  /** The box around its trail, pilot and take-off point: what the map tests against the view. */
  bounds: GeoRegion;
}

export function trackBounds(t: TrackView): GeoRegion {
  // Plain locals, not extend(): this runs for every point of every track in every stream batch.
  let west = t.latest.lon,
    east = west,
    south = t.latest.lat,
    north = south;
  for (const p of t.trail) {
    if (p.lon < west) west = p.lon;
    else if (p.lon > east) east = p.lon;
    if (p.lat < south) south = p.lat;
    else if (p.lat > north) north = p.lat;
  }
  const b = { west, south, east, north };
  if (t.pilot) extend(b, t.pilot.lon, t.pilot.lat);
  if (t.takeoff) extend(b, t.takeoff.lon, t.takeoff.lat);
  return b;
}

/** Points of trail the map keeps per track. */
export const TRAIL_POINTS = 60;

/**
 * A stream update carries only a track's newest points: they replace what the held trail has from
 * their first instant on, and the oldest points go beyond TRAIL_POINTS.
 */
export function mergeTrail<P extends { t: number }>(held: readonly P[], newest: readonly P[]): P[] {
  const from = newest[0]?.t;
  if (from === undefined) return held.slice();
  // Fast paths for what the stream sends (this runs for every track of every batch): the update
  // covers the whole held trail, or it continues it.
  if (newest.length >= TRAIL_POINTS || held.length === 0 || (held[0]?.t ?? Infinity) >= from) return newest.slice(-TRAIL_POINTS);
  let cut = held.length;
  while (cut > 0 && (held[cut - 1]?.t ?? -Infinity) >= from) cut--;
  const keep = Math.max(0, Math.min(cut, TRAIL_POINTS - newest.length));
  return [...held.slice(cut - keep, cut), ...newest];
}

/** An acknowledged alert stays acknowledged; among open ones the higher level is the newer news. */
function alertRank(a: Alert): number {
  return (a.state === 'acknowledged' ? 10 : 0) + a.level;
}

/** What one batch changed, so that each reader redraws only for what it shows. */
export interface Changes {
  tracks: boolean;
  incidents: boolean;
  alerts: boolean;
  /** Alerts seen for the first time or escalated (for the announcement). */
  newAlerts: string[];
}

export class DroneState {
  readonly tracks = new Map<string, LiveTrack>();
  readonly incidents = new Map<string, IncidentView>();
  readonly alerts = new Map<string, Alert>();
  /** This node's country, from the picture. */
  country = '';
  /** Node clock minus this browser's: predicted times are the node's. */
  clockOffsetMs = 0;
  /** Bumped by every change of that kind; readers compare to what they last drew. */
  trackVersion = 0;
  incidentVersion = 0;
  alertVersion = 0;
  loaded = false;

  /** Starts again from a picture, keeping whatever newer copy already arrived by the stream. */
  reset(picture: Picture, browserNow: number = Date.now()): Changes {
    const before = new Set(this.alerts.keys());
    this.tracks.clear();
    this.incidents.clear();
    this.alerts.clear();
    this.country = picture.country;
    this.clockOffsetMs = picture.now - browserNow;
    this.loaded = true;
    for (const t of picture.tracks) this.tracks.set(t.id, { view: t, bounds: trackBounds(t) });
    for (const i of picture.incidents) this.incidents.set(i.id, i);
    for (const a of picture.alerts) this.alerts.set(a.id, a);
    this.trackVersion++;
    this.incidentVersion++;
    this.alertVersion++;
    return {
      tracks: true,
      incidents: true,
      alerts: true,
      newAlerts: picture.alerts.filter((a) => !before.has(a.id) && a.state === 'open').map((a) => a.id),
    };
  }

  /** Applies a batch of stream messages in order; returns what changed. */
  apply(events: readonly StreamEvent[]): Changes {
    const changes: Changes = { tracks: false, incidents: false, alerts: false, newAlerts: [] };
    for (const e of events) {
      switch (e.type) {
        case 'tracks':
          for (const t of e.updated) {
            const had = this.tracks.get(t.id);
            if (had && had.view.lastSeen > t.lastSeen) continue;
            const view = had ? { ...t, trail: mergeTrail(had.view.trail, t.trail) } : t;
            this.tracks.set(t.id, { view, bounds: trackBounds(view) });
            changes.tracks = true;
          }
          for (const id of e.removed) if (this.tracks.delete(id)) changes.tracks = true;
          break;
        case 'incident': {
          const had = this.incidents.get(e.incident.id);
          if (had && had.updatedAt > e.incident.updatedAt) break;
          this.incidents.set(e.incident.id, e.incident);
          changes.incidents = true;
          break;
        }
        case 'alert': {
          const result = this.upsertAlert(e.alert);
          if (result !== null) changes.alerts = true;
          if (result === 'raised' && !changes.newAlerts.includes(e.alert.id)) changes.newAlerts.push(e.alert.id);
          break;
        }
      }
    }
    if (changes.tracks) this.trackVersion++;
    if (changes.incidents) this.incidentVersion++;
    return changes;
  }

  /**
   * An alert from the stream or from our own acknowledgement's answer: 'raised' when first seen
   * open or escalated (worth announcing), 'changed' for anything else new, null when it changed nothing.
   */
  upsertAlert(a: Alert): 'raised' | 'changed' | null {
    const had = this.alerts.get(a.id);
    if (had && (alertRank(had) > alertRank(a) || (alertRank(had) === alertRank(a) && JSON.stringify(had) === JSON.stringify(a))))
      return null;
    this.alerts.set(a.id, a);
    this.alertVersion++;
    return a.state === 'open' && (!had || a.level > had.level) ? 'raised' : 'changed';
  }

  /** Tracks the node has not heard of for `graceMs` past their stale time: gone even if no removal arrived. */
  expire(browserNow: number, graceMs = 120_000): boolean {
    const now = browserNow + this.clockOffsetMs;
    let changed = false;
    for (const [id, t] of this.tracks) {
      if (t.view.staleAt + graceMs < now) {
        this.tracks.delete(id);
        changed = true;
      }
    }
    if (changed) this.trackVersion++;
    return changed;
  }

  /** Open alerts first, newest first; then the acknowledged ones, most recently acknowledged first. */
  alertList(): Alert[] {
    return [...this.alerts.values()].sort((a, b) => {
      if (a.state !== b.state) return a.state === 'open' ? -1 : 1;
      if (a.state === 'open') return b.raisedAt - a.raisedAt || b.level - a.level;
      return (b.acknowledgedAt ?? 0) - (a.acknowledgedAt ?? 0);
    });
  }

  openAlertCount(): { count: number; level: 0 | 1 | 2 | 3 } {
    let count = 0;
    let level: 0 | 1 | 2 | 3 = 0;
    for (const a of this.alerts.values()) {
      if (a.state !== 'open') continue;
      count++;
      if (a.level > level) level = a.level;
    }
    return { count, level };
  }

  /** Open incidents first, most recently changed first. */
  incidentList(): IncidentView[] {
    return [...this.incidents.values()].sort((a, b) => {
      if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
      return b.updatedAt - a.updatedAt;
    });
  }

  /** Ids of the tracks that open incidents hold: the map rings them. */
  incidentTrackIds(): Set<string> {
    const ids = new Set<string>();
    for (const i of this.incidents.values()) if (i.status === 'open') for (const t of i.tracks) ids.add(t.trackId);
    return ids;
  }
}

/**
 * Several stream messages as few: the last copy of each track wins, a removal cancels earlier
 * copies and a later copy cancels a removal. What a slow frame received in many messages is then
 * applied once, to the same effect as applying them one by one.
 */
export function coalesce(events: readonly StreamEvent[]): StreamEvent[] {
  // Per track: its last copy (null when last removed), and whether it was removed before that copy.
  const tracks = new Map<string, { last: TrackView | null; removedFirst: boolean }>();
  const incidents = new Map<string, IncidentView>();
  const alerts = new Map<string, Alert>();
  for (const e of events) {
    if (e.type === 'tracks') {
      for (const t of e.updated) {
        const had = tracks.get(t.id);
        if (had?.last && had.last.lastSeen > t.lastSeen) continue;
        tracks.set(t.id, { last: t, removedFirst: had !== undefined && (had.removedFirst || had.last === null) });
      }
      for (const id of e.removed) tracks.set(id, { last: null, removedFirst: false });
    } else if (e.type === 'incident') {
      const had = incidents.get(e.incident.id);
      if (!had || had.updatedAt <= e.incident.updatedAt) incidents.set(e.incident.id, e.incident);
    } else {
      const had = alerts.get(e.alert.id);
      if (!had || alertRank(had) <= alertRank(e.alert)) alerts.set(e.alert.id, e.alert);
    }
  }
  const out: StreamEvent[] = [];
  // A track removed and then seen again: the removal goes first, or an older copy held here would refuse the new one.
  const removedFirst = [...tracks].filter(([, v]) => v.last !== null && v.removedFirst).map(([id]) => id);
  if (removedFirst.length > 0) out.push({ type: 'tracks', updated: [], removed: removedFirst });
  if (tracks.size > 0) {
    const updated: TrackView[] = [];
    const removed: string[] = [];
    for (const [id, v] of tracks) {
      if (v.last) updated.push(v.last);
      else removed.push(id);
    }
    out.push({ type: 'tracks', updated, removed });
  }
  for (const incident of incidents.values()) out.push({ type: 'incident', incident });
  for (const alert of alerts.values()) out.push({ type: 'alert', alert });
  return out;
}

/** Reads one stream message's data, refusing anything that is not one of the three shapes. */
export function parseStreamEvent(data: string): StreamEvent | null {
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const e = v as Record<string, unknown>;
  if (e.type === 'tracks' && Array.isArray(e.updated) && Array.isArray(e.removed)) {
    const updated = e.updated.filter(isTrackView);
    const removed = e.removed.filter((r): r is string => typeof r === 'string');
    return { type: 'tracks', updated, removed };
  }
  if (e.type === 'incident' && isIncident(e.incident)) return { type: 'incident', incident: e.incident };
  if (e.type === 'alert' && isAlert(e.alert)) return { type: 'alert', alert: e.alert };
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Enough of a track to draw it without throwing; the node is trusted for the rest of the shape. */
function isTrackView(v: unknown): v is TrackView {
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.lastSeen !== 'number' || !Array.isArray(v.trail)) return false;
  const latest = v.latest;
  return isRecord(latest) && Number.isFinite(latest.lat) && Number.isFinite(latest.lon) && isRecord(v.border);
}

function isIncident(v: unknown): v is IncidentView {
  return isRecord(v) && typeof v.id === 'string' && typeof v.updatedAt === 'number' && Array.isArray(v.tracks) && Array.isArray(v.timeline);
}

function isAlert(v: unknown): v is Alert {
  return isRecord(v) && typeof v.id === 'string' && typeof v.raisedAt === 'number' && (v.state === 'open' || v.state === 'acknowledged');
}
