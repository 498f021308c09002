/**
 * The track book: turns the stream of detections from every sensor and format into tracks, one per
 * aircraft. A detection joins a track by identity (uid, then Remote ID), else by being where a
 * track's aircraft could be now as seen by another sensor; it opens a new track otherwise. Each
 * track carries its border assessment and its own crossing detector, so a crossing is confirmed
 * once per track however many sensors report it.
 *
 * The book owns its tracks and updates them in place: what `update`, `live` and `get` return is
 * the current state, to be read and not changed; `toView` makes a copy for anyone who keeps it.
 */
import { randomUUID } from 'node:crypto';
import { CrossingDetector, type CrossingOptions } from '../border/crossing.js';
import { toLocal } from '../border/geometry.js';
import { borderService, type BorderService } from '../border/service.js';
import type { Detection, Track, TrackPoint, TrackUpdate, TrackView } from '../model.js';
import { trackBorder } from './border.js';
import { conflicts, emptyTally, resolve, tally, type ClassificationTally } from './classification.js';
import { SpatialGrid } from './grid.js';
import { placePoint } from './history.js';
import { checkDetection, TrackBookError } from './validate.js';
import { trackView } from './view.js';

export interface TrackBookOptions {
  border?: BorderService;
  /** Points kept per track, oldest dropped first. */
  historyLimit?: number;
  /** How long a detection counts when its format gives no stale time. */
  defaultStaleMs?: number;
  /** Base correlation gate in metres: sensor disagreement plus GPS noise. */
  gateM?: number;
  /** A track's newest point older (or newer) than this says nothing about where it is now. */
  gateSeconds?: number;
  /** How long an ended track stays readable and can be revived by its identity. */
  keepEndedMs?: number;
  /** Speed above which the gate stops growing; bounds the search and a spoofed speed's reach. */
  maxGateSpeedMps?: number;
  /** Live plus ended tracks; beyond it a detection that would open a track is refused. */
  maxTracks?: number;
  /** Sensors, uids and Remote IDs one track records, each. */
  maxIdentities?: number;
  cellDeg?: number;
  crossing?: CrossingOptions;
  newId?: () => string;
}

/** What the book keeps beside the public track. */
interface Entry {
  track: Track;
  detector: CrossingDetector;
  /** Grid cell of the latest point while live. */
  cell: number;
  endedAt: number | null;
  /** The uid each sensor gives this aircraft: a sensor giving another uid sees another aircraft. */
  uidBySensor: Map<string, string>;
  /** Sensors that gave this aircraft an identity (uid or Remote ID). */
  namedBy: Set<string>;
  /** Time of each sensor's newest detection on this track. */
  lastBySensor: Map<string, number>;
  tally: ClassificationTally;
  callsignAt: number;
  reportedSpeedMps: number;
}

const DEFAULTS = {
  historyLimit: 1_000,
  defaultStaleMs: 30_000,
  gateM: 150,
  gateSeconds: 10,
  keepEndedMs: 15 * 60_000,
  maxGateSpeedMps: 60,
  maxTracks: 100_000,
  maxIdentities: 32,
  cellDeg: 0.01,
};

export class TrackBook {
  private readonly border: BorderService;
  private readonly o: typeof DEFAULTS;
  private readonly crossingOptions: CrossingOptions;
  private readonly newId: () => string;
  private readonly liveTracks = new Map<string, Entry>();
  private readonly endedTracks = new Map<string, Entry>();
  private readonly byUid = new Map<string, Entry>();
  private readonly byRemoteId = new Map<string, Entry>();
  private readonly grid: SpatialGrid<Entry>;

  constructor(options: TrackBookOptions = {}) {
    const { border, crossing, newId, ...numbers } = options;
    this.o = { ...DEFAULTS };
    for (const [k, v] of Object.entries(numbers) as Array<[keyof typeof DEFAULTS, number | undefined]>) {
      if (v === undefined || !(k in DEFAULTS)) continue;
      if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new RangeError(`option ${k} must be a finite number ≥ 0`);
      this.o[k] = v;
    }
    if (this.o.historyLimit < 1) throw new RangeError('historyLimit must be at least 1');
    this.border = border ?? borderService();
    this.crossingOptions = crossing ?? {};
    this.newId = newId ?? (() => `trk-${randomUUID()}`);
    this.grid = new SpatialGrid(this.o.cellDeg);
  }

  /** Live tracks. */
  get size(): number {
    return this.liveTracks.size;
  }

  live(): Track[] {
    return Array.from(this.liveTracks.values(), (e) => e.track);
  }

  /** A live track, or an ended one not yet past keepEndedMs. */
  get(id: string): Track | undefined {
    return (this.liveTracks.get(id) ?? this.endedTracks.get(id))?.track;
  }

  toView(track: Track, origin = 'local', originCountry: string, trailPoints = 60): TrackView {
    return trackView(track, origin, originCountry, trailPoints);
  }

  /** Files one detection; throws TrackBookError (nothing changed) when the detection is unsound. */
  update(input: Detection): TrackUpdate {
    const d = checkDetection(input);
    const found = this.correlate(d);
    if (found) return { track: found.track, detection: d, isNew: false, crossing: this.apply(found, d) };
    return { track: this.open(d).track, detection: d, isNew: true, crossing: null };
  }

  /** Ends the live tracks gone stale before `now` and forgets ended ones older than keepEndedMs. */
  expire(now: number): Track[] {
    const ended: Track[] = [];
    for (const e of this.liveTracks.values()) {
      if (e.track.staleAt >= now) continue;
      this.liveTracks.delete(e.track.id);
      this.grid.remove(e.cell, e);
      e.endedAt = now;
      this.endedTracks.set(e.track.id, e);
      ended.push(e.track);
    }
    for (const e of this.endedTracks.values()) {
      if (e.endedAt !== null && now - e.endedAt > this.o.keepEndedMs) this.forget(e);
    }
    return ended;
  }

  private forget(e: Entry): void {
    this.endedTracks.delete(e.track.id);
    for (const uid of e.track.uids) if (this.byUid.get(uid) === e) this.byUid.delete(uid);
    for (const rid of e.track.remoteIds) if (this.byRemoteId.get(rid) === e) this.byRemoteId.delete(rid);
  }

  /** A track the identity names, live or ended recently enough to revive. */
  private byIdentity(index: Map<string, Entry>, key: string | null, d: Detection): Entry | undefined {
    if (key === null) return undefined;
    const e = index.get(key);
    if (!e) return undefined;
    if (e.endedAt !== null && d.receivedAt - e.endedAt > this.o.keepEndedMs) return undefined;
    return e;
  }

  /** The sensor already calls this aircraft something else: by its own word, a different aircraft. */
  private otherUidFromSensor(e: Entry, d: Detection): boolean {
    const known = e.uidBySensor.get(d.sensor);
    return d.uid !== null && known !== undefined && known !== d.uid;
  }

  private correlate(d: Detection): Entry | undefined {
    const byUid = this.byIdentity(this.byUid, d.uid, d);
    if (byUid) return byUid;
    const byRemoteId = this.byIdentity(this.byRemoteId, d.remoteId, d);
    if (byRemoteId && !this.otherUidFromSensor(byRemoteId, d)) return byRemoteId;
    return this.nearest(d);
  }

  /** The nearest live track whose aircraft could be at the detection, by the gate. */
  private nearest(d: Detection): Entry | undefined {
    const gateMs = this.o.gateSeconds * 1000;
    const reachM = this.o.gateM + this.o.maxGateSpeedMps * this.o.gateSeconds;
    let best: Entry | undefined;
    let bestM = Infinity;
    this.grid.forEachNear(d.lat, d.lon, reachM, (e) => {
      const latest = e.track.latest;
      const dtMs = Math.abs(d.t - latest.t);
      if (dtMs > gateMs || !this.mayBeSameAircraft(e, d)) return;
      if (conflicts(d.classification, e.track.classification)) return;
      const speed = Math.min(this.o.maxGateSpeedMps, Math.max(e.track.border.groundSpeedMps, e.reportedSpeedMps, d.speedMps ?? 0));
      const gate = this.o.gateM + (speed * dtMs) / 1000;
      const { x, y } = toLocal(latest, d);
      const metres = Math.hypot(x, y);
      if (metres <= gate && metres < bestM) {
        best = e;
        bestM = metres;
      }
    });
    return best;
  }

  /**
   * Proximity may only join what another sensor saw: one sensor never reports one aircraft as two
   * returns. The exception is a sensor's anonymous plots (radar without track ids) at successive
   * instants, which are its only way to follow an aircraft. An aircraft broadcasts one Remote ID,
   * so a different one is a different aircraft, whichever sensor heard it.
   */
  private mayBeSameAircraft(e: Entry, d: Detection): boolean {
    const ids = e.track.remoteIds;
    if (d.remoteId !== null && ids.length > 0 && !ids.includes(d.remoteId)) return false;
    const last = e.lastBySensor.get(d.sensor);
    if (last === undefined) return e.lastBySensor.size < this.o.maxIdentities;
    const anonymous = d.uid === null && d.remoteId === null;
    return anonymous && !e.namedBy.has(d.sensor) && last !== d.t;
  }

  private open(d: Detection): Entry {
    if (this.liveTracks.size + this.endedTracks.size >= this.o.maxTracks) {
      throw new TrackBookError('reject.full', { max: this.o.maxTracks });
    }
    const id = this.newId();
    if (this.liveTracks.has(id) || this.endedTracks.has(id)) throw new TrackBookError('reject.duplicate-id', { id });
    const point = pointOf(d);
    const detector = new CrossingDetector(this.border, this.crossingOptions);
    detector.update(point);
    const history = [point];
    const track: Track = {
      id,
      uids: [],
      remoteIds: [],
      sensors: [],
      sources: [],
      classification: 'unknown',
      exercise: false,
      airframe: 'unknown',
      callsign: null,
      firstSeen: d.t,
      lastSeen: d.t,
      staleAt: d.staleAt ?? d.t + this.o.defaultStaleMs,
      latest: point,
      history,
      pilot: null,
      takeoff: null,
      border: trackBorder(this.border, history),
      confirmedSide: detector.side,
    };
    const e: Entry = {
      track,
      detector,
      cell: this.grid.keyOf(point.lat, point.lon),
      endedAt: null,
      uidBySensor: new Map(),
      namedBy: new Set(),
      lastBySensor: new Map(),
      tally: emptyTally(),
      callsignAt: -Infinity,
      reportedSpeedMps: 0,
    };
    this.learn(e, d);
    this.liveTracks.set(id, e);
    this.grid.add(e.cell, e);
    return e;
  }

  /** Adds a detection to a known track; returns the crossing it confirms. */
  private apply(e: Entry, d: Detection): TrackUpdate['crossing'] {
    const track = e.track;
    if (e.endedAt !== null) {
      // Revived: it comes back where it was, and moves below like any live track.
      this.endedTracks.delete(track.id);
      e.endedAt = null;
      this.liveTracks.set(track.id, e);
      this.grid.add(e.cell, e);
    }
    const point = pointOf(d);
    const placed = placePoint(track.history, point, this.o.historyLimit);
    let crossing: TrackUpdate['crossing'] = null;
    if (placed === 'appended') {
      // Only the newest fix moves the track: a late one, however welcome in the history, would
      // drag the track back and make the crossing detector see a run that never happened.
      track.latest = point;
      track.lastSeen = d.t;
      track.staleAt = d.staleAt ?? d.t + this.o.defaultStaleMs;
      const cell = this.grid.keyOf(point.lat, point.lon);
      if (cell !== e.cell) {
        this.grid.remove(e.cell, e);
        this.grid.add(cell, e);
        e.cell = cell;
      }
      crossing = e.detector.update(point);
      track.confirmedSide = e.detector.side;
    }
    if (d.t < track.firstSeen) track.firstSeen = d.t;
    this.learn(e, d);
    if (placed !== 'duplicate' && placed !== 'too-old') track.border = trackBorder(this.border, track.history);
    return crossing;
  }

  /** What a detection tells about the aircraft besides its position. */
  private learn(e: Entry, d: Detection): void {
    const track = e.track;
    const cap = this.o.maxIdentities;
    if (d.uid !== null) {
      if (!track.uids.includes(d.uid) && track.uids.length < cap) track.uids.push(d.uid);
      this.link(this.byUid, d.uid, e);
    }
    if (d.remoteId !== null) {
      if (!track.remoteIds.includes(d.remoteId) && track.remoteIds.length < cap) track.remoteIds.push(d.remoteId);
      this.link(this.byRemoteId, d.remoteId, e);
    }
    const knownSensor = e.lastBySensor.has(d.sensor);
    if (knownSensor || e.lastBySensor.size < cap) {
      if (!knownSensor) track.sensors.push(d.sensor);
      e.lastBySensor.set(d.sensor, Math.max(d.t, e.lastBySensor.get(d.sensor) ?? -Infinity));
      if (d.uid !== null) e.uidBySensor.set(d.sensor, d.uid);
      if (d.uid !== null || d.remoteId !== null) e.namedBy.add(d.sensor);
    }
    if (!track.sources.includes(d.source)) track.sources.push(d.source);
    tally(e.tally, d.classification, d.exercise);
    const { classification, exercise } = resolve(e.tally);
    track.classification = classification;
    track.exercise = exercise;
    if (track.airframe === 'unknown') track.airframe = d.airframe;
    if (d.callsign !== null && d.t >= e.callsignAt) {
      track.callsign = d.callsign;
      e.callsignAt = d.t;
    }
    if (d.t >= track.latest.t && d.speedMps !== null) e.reportedSpeedMps = d.speedMps;
    const pilot = d.pilot;
    if (pilot && (!track.pilot || pilot.t >= track.pilot.t)) {
      track.pilot = { ...pilot };
      // Only a take-off report says where it took off; a live pilot position may be anywhere.
      if (pilot.kind === 'takeoff') track.takeoff = { lat: pilot.lat, lon: pilot.lon, t: pilot.t };
    }
  }

  /** An identity points at the track that holds it; a live track's identity is never taken over. */
  private link(index: Map<string, Entry>, key: string, e: Entry): void {
    const holder = index.get(key);
    if (holder === e) return;
    if (holder && holder.endedAt === null) return;
    index.set(key, e);
  }
}

function pointOf(d: Detection): TrackPoint {
  return { t: d.t, lat: d.lat, lon: d.lon, altM: d.altM, sensor: d.sensor, source: d.source };
}
