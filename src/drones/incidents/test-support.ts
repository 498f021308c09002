/**
 * Test support: one drone flown point by point through the real border service and crossing
 * detector, producing TrackUpdates as correlation does (border from the last 30 s of points).
 */
import { createHash } from 'node:crypto';
import { CrossingDetector } from '../border/crossing.js';
import { fromLocal } from '../border/geometry.js';
import type { LatLon } from '../border/model.js';
import { borderService } from '../border/service.js';
import type { Detection, PilotLocation, Track, TrackBorder, TrackPoint, TrackUpdate } from '../model.js';

export const T0 = Date.UTC(2026, 10, 27, 12);
/** San Ysidro port of entry (from the shipped list). */
export const SAN_YSIDRO: LatLon = { lat: 32.5423, lon: -117.0298 };
/** A spot well inside Tijuana, far from every port: about 4 km south of the line. */
export const TIJUANA_EAST: LatLon = { lat: 32.505, lon: -116.98 };

export function moved(p: LatLon, east: number, north: number): LatLon {
  return fromLocal(p, east, north);
}

function borderOf(history: readonly TrackPoint[]): TrackBorder {
  const b = borderService();
  const last = history[history.length - 1]!;
  const window = history.filter((p) => p.t >= last.t - 30_000);
  const port = (a: {
    nearestPort: { port: { id: string; portUs: string; cityMx: string }; distanceM: number };
  }): TrackBorder['nearestPort'] => ({
    id: a.nearestPort.port.id,
    name: a.nearestPort.port.portUs,
    cityMx: a.nearestPort.port.cityMx,
    distanceM: a.nearestPort.distanceM,
  });
  if (window.length < 2) {
    const p = b.assessPosition(last);
    return {
      side: p.side,
      signedDistanceM: p.signedDistanceM,
      heading: 'along',
      groundSpeedMps: 0,
      courseDeg: null,
      predictedCrossingAt: null,
      nearestPort: port(p),
    };
  }
  const a = b.assessTrack(window, { velocityWindowMs: 30_000 });
  return {
    side: a.latest.side,
    signedDistanceM: a.latest.signedDistanceM,
    heading: a.heading,
    groundSpeedMps: a.groundSpeedMps,
    courseDeg: a.courseDeg,
    predictedCrossingAt: a.predictedCrossingAt,
    nearestPort: port(a.latest),
  };
}

export interface FlightOptions {
  id?: string;
  classification?: Track['classification'];
  exercise?: boolean;
  remoteIds?: string[];
  uids?: string[];
  callsign?: string | null;
  historyLimit?: number;
  sensor?: string;
}

/** One drone; `at` adds a point and returns the update correlation would hand on. */
export class Flight {
  readonly id: string;
  private readonly history: TrackPoint[] = [];
  private readonly crossing = new CrossingDetector(borderService());
  private pilot: PilotLocation | null = null;
  private takeoff: Track['takeoff'] = null;
  private firstSeen: number | null = null;
  track: Track | null = null;

  constructor(private readonly o: FlightOptions = {}) {
    this.id = o.id ?? `trk-${Math.random().toString(16).slice(2)}`;
  }

  withPilot(p: LatLon & { t: number }, kind: PilotLocation['kind'] = 'live'): this {
    this.pilot = { lat: p.lat, lon: p.lon, t: p.t, kind };
    return this;
  }

  withTakeoff(p: LatLon & { t: number }): this {
    this.takeoff = { lat: p.lat, lon: p.lon, t: p.t };
    return this;
  }

  at(t: number, p: LatLon, altM: number | null = 120): TrackUpdate {
    const point: TrackPoint = { t, lat: p.lat, lon: p.lon, altM, sensor: this.o.sensor ?? 'sensor-a', source: 'cot' };
    this.history.push(point);
    const limit = this.o.historyLimit ?? 120;
    if (this.history.length > limit) this.history.splice(0, this.history.length - limit);
    const isNew = this.firstSeen === null;
    this.firstSeen ??= t;
    const data = `<event uid="${this.o.uids?.[0] ?? this.id}" time="${new Date(t).toISOString()}"><point lat="${p.lat}" lon="${p.lon}"/></event>`;
    const detection: Detection = {
      source: 'cot',
      sensor: point.sensor,
      uid: this.o.uids?.[0] ?? null,
      remoteId: this.o.remoteIds?.[0] ?? null,
      t,
      receivedAt: t,
      staleAt: t + 30_000,
      lat: p.lat,
      lon: p.lon,
      altM,
      speedMps: null,
      courseDeg: null,
      verticalSpeedMps: null,
      classification: this.o.classification ?? 'unknown',
      exercise: this.o.exercise ?? false,
      airframe: 'rotary-wing',
      callsign: this.o.callsign ?? null,
      pilot: this.pilot,
      raw: { format: 'cot-xml', encoding: 'utf8', data, sha256: createHash('sha256').update(data).digest('hex') },
    };
    const border = borderOf(this.history);
    const crossing = this.crossing.update({ t, lat: p.lat, lon: p.lon });
    this.track = {
      id: this.id,
      uids: this.o.uids ?? [],
      remoteIds: this.o.remoteIds ?? [],
      sensors: [point.sensor],
      sources: ['cot'],
      classification: this.o.classification ?? 'unknown',
      exercise: this.o.exercise ?? false,
      airframe: 'rotary-wing',
      callsign: this.o.callsign ?? null,
      firstSeen: this.firstSeen,
      lastSeen: t,
      staleAt: t + 30_000,
      latest: point,
      history: [...this.history],
      pilot: this.pilot,
      takeoff: this.takeoff,
      border,
      confirmedSide: this.crossing.side,
    };
    return { track: this.track, detection, isNew, crossing };
  }
}
