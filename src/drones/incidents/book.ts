/**
 * The incident book: turns rule hits into incidents and keeps them until they close. One incident
 * per track, except that a crew flying several drones — a second track whose pilot or take-off is
 * within crewRadiusM of an open incident's — is one incident. It also decides when an incident is
 * worth publishing again: new rule hits or timeline entries at once, trail movement at most every
 * publishIntervalMs, so the partner sees alerts immediately without a new version per fix.
 */
import { randomUUID } from 'node:crypto';
import { EnlaceError } from '../../errors/index.js';
import { ISO_3166_ALPHA2 } from '../../stix/definitions/iso3166.js';
import { DRONE_INCIDENT_LIMITS as L } from '../../stix/definitions/drone-incident.js';
import { haversineM } from '../border/geometry.js';
import type { Incident, IncidentTrack, RuleHit, Track, TrackUpdate } from '../model.js';
import { exemption, type AllowList } from './allow-list.js';
import { evidenceOf, incidentTrackOf, pushBounded, timelineEntry, trackLabel } from './incident-parts.js';
import { bilingual } from './describe.js';

export interface IncidentChange {
  incident: Incident;
  /** The hits this change recorded (empty for joins, trail movement and closing). */
  newHits: RuleHit[];
  /** New rule hits or timeline entries: publish now. False for trail movement only. */
  urgent: boolean;
}

export interface IncidentBookOptions {
  /** ISO 3166-1 alpha-2 of this node: the incidents' origin. */
  country: string;
  /** Incident ids; default `x-enlace-drone-incident--<random UUID>`. */
  newId?: () => string;
  /** Least time between two publications of trail movement only. Default 2,000 ms. */
  publishIntervalMs?: number;
  /** Trail points kept per track (at most 600, the STIX bound). Default 600. */
  trailLimit?: number;
  allowList?: AllowList;
  now?: () => number;
  /** Pilot or take-off points closer than this put two tracks in one incident. Default 300 m. */
  crewRadiusM?: number;
  /** Closed incidents kept (for get) once published; older ones are forgotten. Default 100. */
  keepClosed?: number;
}

const INCIDENT_ID = /^x-enlace-drone-incident--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The book's bookkeeping around one incident; `seq` counts changes, so publishing never misses one. */
interface Entry {
  incident: Incident;
  /** Timeline entries written when it opened: never dropped when the timeline is full. */
  opening: number;
  ended: Set<string>;
  seq: number;
  urgentSeq: number;
  publishedSeq: number;
  offeredSeq: number | null;
  lastPublishedAt: number | null;
}

function snapshot(i: Incident): Incident {
  // The parts are frozen when built; only the lists that grow need copying.
  return { ...i, rules: [...i.rules], tracks: [...i.tracks], timeline: [...i.timeline], evidence: [...i.evidence] };
}

function optionError(option: string, value: unknown): EnlaceError {
  return new EnlaceError('config.invalid', { detail: bilingual('config.positive', { option, value: String(value).slice(0, 60) }) });
}

function positive(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw optionError(option, value);
  return value;
}

export class IncidentBook {
  private readonly country: string;
  private readonly newId: () => string;
  private readonly publishIntervalMs: number;
  private readonly trailLimit: number;
  private readonly allowList: AllowList | undefined;
  private readonly now: () => number;
  private readonly crewRadiusM: number;
  private readonly keepClosed: number;
  private readonly entries = new Map<string, Entry>();
  private readonly byTrack = new Map<string, string>();
  /** Closed and published, oldest first: forgotten beyond keepClosed. */
  private readonly closedDone: string[] = [];

  constructor(o: IncidentBookOptions) {
    if (typeof o.country !== 'string' || !ISO_3166_ALPHA2.includes(o.country)) {
      throw new EnlaceError('config.invalid', { detail: bilingual('config.country', { value: String(o.country).slice(0, 20) }) });
    }
    this.country = o.country;
    this.newId = o.newId ?? (() => `x-enlace-drone-incident--${randomUUID()}`);
    this.publishIntervalMs = positive('publishIntervalMs', o.publishIntervalMs, 2_000);
    this.trailLimit = Math.min(L.trailPoints, Math.floor(positive('trailLimit', o.trailLimit, L.trailPoints)));
    if (this.trailLimit < 1) throw optionError('trailLimit', o.trailLimit);
    this.allowList = o.allowList;
    this.now = o.now ?? Date.now;
    this.crewRadiusM = positive('crewRadiusM', o.crewRadiusM, 300);
    this.keepClosed = Math.floor(positive('keepClosed', o.keepClosed, 100));
  }

  /**
   * Records a track update and the hits the rules found in it. Returns what changed, or null when
   * nothing did: an exempt track (allow-listed, or friendly outside an exercise), or a track in no
   * incident whose update fires no rule and joins no crew.
   */
  apply(u: TrackUpdate, hits: RuleHit[]): IncidentChange | null {
    const track = u.track;
    if (exemption(track, this.allowList) !== null) return null;
    const ownHits = hits.filter((h) => h.trackId === track.id);
    let entry = this.entryOf(track.id);
    const seqBefore = entry?.seq ?? null;
    let urgent: boolean;
    if (entry) {
      urgent = this.updateTrack(entry, u);
    } else {
      const crew = this.crewOf(track);
      if (crew) {
        entry = crew.entry;
        this.join(entry, u, crew.distanceM);
        urgent = true;
      } else if (ownHits.length > 0) {
        entry = this.openIncident(u, ownHits);
        return { incident: snapshot(entry.incident), newHits: [...ownHits], urgent: true };
      } else {
        return null;
      }
    }
    if (ownHits.length > 0) {
      this.record(entry, u, ownHits);
      urgent = true;
    }
    if (entry.seq === seqBefore && !urgent) return null;
    // One change, one step: unless refreshing the track already counted it.
    if (entry.seq === seqBefore || seqBefore === null) entry.seq++;
    if (urgent) entry.urgentSeq = entry.seq;
    entry.incident.updatedAt = Math.max(entry.incident.updatedAt, this.now());
    return { incident: snapshot(entry.incident), newHits: [...ownHits], urgent };
  }

  /**
   * Tracks correlation has ended: an open incident whose tracks have all ended closes. Returns
   * the closings (urgent); an ended track whose incident stays open is recorded quietly.
   */
  expire(endedTracks: Track[], now: number): IncidentChange[] {
    const closing = new Set<Entry>();
    for (const track of endedTracks) {
      const entry = this.entryOf(track.id);
      if (!entry) continue;
      entry.ended.add(track.id);
      if (entry.incident.tracks.every((t) => entry.ended.has(t.trackId))) closing.add(entry);
    }
    const changes: IncidentChange[] = [];
    for (const entry of closing) {
      const i = entry.incident;
      i.status = 'closed';
      i.closedAt = Math.max(now, i.openedAt);
      i.updatedAt = Math.max(i.updatedAt, i.closedAt);
      pushBounded(
        i.timeline,
        timelineEntry(i.closedAt, 'closed', null, null, { tracks: i.tracks.length }),
        L.timelineEntries,
        entry.opening,
      );
      for (const t of i.tracks) if (this.byTrack.get(t.trackId) === i.id) this.byTrack.delete(t.trackId);
      entry.urgentSeq = ++entry.seq;
      changes.push({ incident: snapshot(i), newHits: [], urgent: true });
    }
    return changes;
  }

  /**
   * Incidents to publish now: any with a new rule hit or timeline entry since it was last
   * published, and any whose trails moved, at most every publishIntervalMs. markPublished
   * acknowledges the versions the latest call returned.
   */
  due(now: number): Incident[] {
    const out: Incident[] = [];
    for (const e of this.entries.values()) {
      const urgent = e.urgentSeq > e.publishedSeq;
      const moved = e.seq > e.publishedSeq && (e.lastPublishedAt === null || now - e.lastPublishedAt >= this.publishIntervalMs);
      if (!urgent && !moved) continue;
      e.offeredSeq = e.seq;
      out.push(snapshot(e.incident));
    }
    return out.sort((a, b) => a.openedAt - b.openedAt);
  }

  /** The incident as returned by the latest `due` (or as it is now) was published at `at`. */
  markPublished(id: string, at: number): void {
    const e = this.entries.get(id);
    if (!e) return;
    e.publishedSeq = Math.max(e.publishedSeq, e.offeredSeq ?? e.seq);
    e.offeredSeq = null;
    e.lastPublishedAt = at;
    if (e.incident.status === 'closed' && e.publishedSeq === e.seq && !this.closedDone.includes(id)) {
      this.closedDone.push(id);
      while (this.closedDone.length > this.keepClosed) this.entries.delete(this.closedDone.shift()!);
    }
  }

  get(id: string): Incident | undefined {
    const e = this.entries.get(id);
    return e ? snapshot(e.incident) : undefined;
  }

  open(): Incident[] {
    return [...this.entries.values()].filter((e) => e.incident.status === 'open').map((e) => snapshot(e.incident));
  }

  /** The open incident a track belongs to, if any. */
  incidentOf(trackId: string): string | null {
    return this.entryOf(trackId)?.incident.id ?? null;
  }

  private entryOf(trackId: string): Entry | undefined {
    const id = this.byTrack.get(trackId);
    const e = id === undefined ? undefined : this.entries.get(id);
    return e && e.incident.status === 'open' ? e : undefined;
  }

  private openIncident(u: TrackUpdate, hits: RuleHit[]): Entry {
    const id = this.newId();
    if (typeof id !== 'string' || !INCIDENT_ID.test(id) || this.entries.has(id)) {
      throw new EnlaceError('config.invalid', { detail: bilingual('config.new-id', { value: String(id).slice(0, 80) }) });
    }
    const track = u.track;
    const openedAt = Math.min(...hits.map((h) => h.at));
    const incident: Incident = {
      id,
      status: 'open',
      openedAt,
      updatedAt: Math.max(openedAt, this.now()),
      closedAt: null,
      originCountry: this.country,
      rules: [],
      tracks: [incidentTrackOf(track, this.trailLimit)],
      timeline: [],
      evidence: [],
    };
    const params: Record<string, string | number> = {
      track: trackLabel(track),
      classification: track.classification,
      airframe: track.airframe,
    };
    if (track.exercise) params['exercise'] = 1;
    incident.timeline.push(timelineEntry(openedAt, 'opened', track.id, track.latest, params));
    const entry: Entry = {
      incident,
      opening: 0,
      ended: new Set(),
      seq: 1,
      urgentSeq: 1,
      publishedSeq: 0,
      offeredSeq: null,
      lastPublishedAt: null,
    };
    if (track.pilot) this.pilotLocated(entry, track);
    this.record(entry, u, hits);
    entry.opening = Math.min(incident.timeline.length, L.timelineEntries - 1);
    this.entries.set(id, entry);
    this.byTrack.set(track.id, id);
    return entry;
  }

  /** Records hits: rules in order of first firing, a timeline entry each, the detection as evidence. */
  private record(entry: Entry, u: TrackUpdate, hits: RuleHit[]): void {
    const i = entry.incident;
    for (const h of hits) {
      if (!i.rules.includes(h.rule)) i.rules.push(h.rule);
      pushBounded(i.timeline, timelineEntry(h.at, h.rule, h.trackId, h, h.params), L.timelineEntries, entry.opening);
    }
    const item = evidenceOf(u);
    if (item && !i.evidence.some((x) => x.raw.sha256 === item.raw.sha256 && x.trackId === item.trackId)) {
      pushBounded(i.evidence, item, L.evidenceItems, 1);
    }
  }

  /** Refreshes the incident's copy of a track; true when that added a timeline entry. */
  private updateTrack(entry: Entry, u: TrackUpdate): boolean {
    const i = entry.incident;
    const k = i.tracks.findIndex((t) => t.trackId === u.track.id);
    const previous = i.tracks[k];
    if (!previous) return false;
    entry.ended.delete(u.track.id);
    const next = incidentTrackOf(u.track, this.trailLimit, previous);
    i.tracks[k] = next;
    if (!sameView(previous, next)) entry.seq++;
    if (!previous.pilot && next.pilot) {
      this.pilotLocated(entry, u.track);
      return true;
    }
    return false;
  }

  private join(entry: Entry, u: TrackUpdate, distanceM: number): void {
    const i = entry.incident;
    i.tracks.push(incidentTrackOf(u.track, this.trailLimit));
    this.byTrack.set(u.track.id, i.id);
    const t = u.track;
    pushBounded(
      i.timeline,
      timelineEntry(t.latest.t, 'track-joined', t.id, t.latest, {
        track: trackLabel(t),
        distanceM: Math.round(distanceM),
        classification: t.classification,
        airframe: t.airframe,
      }),
      L.timelineEntries,
      entry.opening,
    );
    if (t.pilot) this.pilotLocated(entry, t);
  }

  private pilotLocated(entry: Entry, track: Track): void {
    const pilot = track.pilot;
    if (!pilot) return;
    pushBounded(
      entry.incident.timeline,
      timelineEntry(pilot.t, 'pilot-located', track.id, pilot, {
        track: trackLabel(track),
        kind: pilot.kind,
      }),
      L.timelineEntries,
      entry.opening,
    );
  }

  /** The open incident (with room for one more track) whose crew launched this track, if any. */
  private crewOf(track: Track): { entry: Entry; distanceM: number } | null {
    const mine = [track.pilot, track.takeoff].filter((p): p is NonNullable<typeof p> => p !== null);
    if (mine.length === 0) return null;
    let best: { entry: Entry; distanceM: number } | null = null;
    for (const e of this.entries.values()) {
      if (e.incident.status !== 'open' || e.incident.tracks.length >= L.tracks) continue;
      for (const t of e.incident.tracks) {
        for (const theirs of [t.pilot, t.takeoff]) {
          if (!theirs) continue;
          for (const p of mine) {
            const d = haversineM(p, theirs);
            if (d <= this.crewRadiusM && (!best || d < best.distanceM)) best = { entry: e, distanceM: d };
          }
        }
      }
    }
    return best;
  }
}

/** Whether two views of a track differ in anything the partner would see. */
function sameView(a: IncidentTrack, b: IncidentTrack): boolean {
  return (
    a.trail.length === b.trail.length &&
    a.trail[a.trail.length - 1] === b.trail[b.trail.length - 1] &&
    a.lastSeen === b.lastSeen &&
    a.staleAt === b.staleAt &&
    a.pilot?.t === b.pilot?.t &&
    a.takeoff?.t === b.takeoff?.t &&
    a.classification === b.classification &&
    a.callsign === b.callsign &&
    a.uids.length === b.uids.length &&
    a.remoteIds.length === b.remoteIds.length &&
    a.sensors.length === b.sensors.length &&
    a.border.signedDistanceM === b.border.signedDistanceM &&
    a.border.heading === b.border.heading
  );
}
