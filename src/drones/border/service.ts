/**
 * What Enlace says about a drone's position relative to the border: side, signed distance to the
 * line, nearest port of entry, and for a track its heading, speed and predicted crossing.
 */
import { borderGeometry, type BorderGeometry } from './boundary.js';
import { fromLocal, haversineM, toLocal } from './geometry.js';
import { loadPorts } from './ports.js';
import type { Fix, Heading, LatLon, PortOfEntry, PositionAssessment, Side, SideBasis, TrackAssessment } from './model.js';

export interface TrackOptions {
  /** Only fixes this recent (relative to the newest) feed the velocity: older legs mislead. */
  velocityWindowMs?: number;
  /** How far ahead a straight-line crossing is still worth predicting. */
  horizonMs?: number;
  /** Below this the track hovers: no heading, no prediction. */
  minSpeedMps?: number;
  /** Change of distance to the line (m/s) under which the track is flying along it. */
  alongToleranceMps?: number;
}

const TRACK_DEFAULTS: Required<TrackOptions> = {
  velocityWindowMs: 30_000,
  horizonMs: 3_600_000,
  minSpeedMps: 0.5,
  alongToleranceMps: 0.5,
};

export class BorderService {
  constructor(
    private readonly geometry: BorderGeometry = borderGeometry(),
    private readonly ports: readonly PortOfEntry[] = loadPorts(),
  ) {}

  /** The boundary west → east, [lon, lat]. */
  get line(): ReadonlyArray<readonly [number, number]> {
    return this.geometry.line;
  }

  sideOf(p: LatLon): { side: Side; basis: SideBasis } {
    if (this.geometry.us.contains(p)) return { side: 'US', basis: 'polygon' };
    if (this.geometry.mx.contains(p)) return { side: 'MX', basis: 'polygon' };
    // At sea (or in a third country) the countries say nothing; the line runs west → east with the
    // United States to its left, and its end segments extend into the Pacific and the Gulf.
    return { side: this.geometry.lineIndex.nearest(p).cross > 0 ? 'US' : 'MX', basis: 'line' };
  }

  /** Distance to the line in metres, positive on the U.S. side; the hot path for every fix. */
  signedDistanceM(p: LatLon): number {
    const nearest = this.geometry.lineIndex.nearest(p);
    const metres = haversineM(p, nearest.point);
    return this.sideOf(p).side === 'US' ? metres : -metres;
  }

  nearestPort(p: LatLon): { port: PortOfEntry; distanceM: number } {
    let best: { port: PortOfEntry; distanceM: number } | undefined;
    for (const port of this.ports) {
      const d = haversineM(p, port);
      if (!best || d < best.distanceM) best = { port, distanceM: d };
    }
    if (!best) throw new Error('no ports of entry loaded');
    return best;
  }

  assessPosition(p: LatLon): PositionAssessment {
    if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon) || Math.abs(p.lat) > 90 || Math.abs(p.lon) > 180) {
      throw new RangeError(`not a WGS84 position: ${p.lat}, ${p.lon}`);
    }
    const nearest = this.geometry.lineIndex.nearest(p);
    const { side, basis } = this.sideOf(p);
    const metres = haversineM(p, nearest.point);
    return {
      side,
      sideBasis: basis,
      signedDistanceM: side === 'US' ? metres : -metres,
      nearestOnLine: nearest.point,
      nearestPort: this.nearestPort(p),
    };
  }

  assessTrack(fixes: readonly Fix[], options: TrackOptions = {}): TrackAssessment {
    const o = { ...TRACK_DEFAULTS, ...options };
    if (fixes.length < 2) throw new RangeError('a track needs at least two fixes');
    const sorted = [...fixes].sort((a, b) => a.t - b.t);
    const last = sorted[sorted.length - 1]!;
    const first = sorted.find((f) => f.t >= last.t - o.velocityWindowMs && f.t < last.t);
    const latest = this.assessPosition(last);
    if (!first) {
      return { latest, heading: 'along', groundSpeedMps: 0, courseDeg: null, predictedCrossingAt: null };
    }
    const dt = (last.t - first.t) / 1000;
    const { x, y } = toLocal(first, last);
    const vx = x / dt,
      vy = y / dt;
    const speed = Math.hypot(vx, vy);
    if (speed < o.minSpeedMps) {
      return { latest, heading: 'along', groundSpeedMps: speed, courseDeg: null, predictedCrossingAt: null };
    }
    const before = Math.abs(this.signedDistanceM(first));
    const rate = (Math.abs(latest.signedDistanceM) - before) / dt;
    const heading: Heading = rate < -o.alongToleranceMps ? 'towards' : rate > o.alongToleranceMps ? 'away' : 'along';
    const courseDeg = ((Math.atan2(vx, vy) * 180) / Math.PI + 360) % 360;
    return {
      latest,
      heading,
      groundSpeedMps: speed,
      courseDeg,
      predictedCrossingAt: this.predictCrossing(last, vx, vy, o.horizonMs),
    };
  }

  /** Earliest time the straight ray from `from` at (vx, vy) m/s meets the line within the horizon. */
  private predictCrossing(from: Fix, vx: number, vy: number, horizonMs: number): number | null {
    const horizonS = horizonMs / 1000;
    const end = fromLocal(from, vx * horizonS, vy * horizonS);
    const index = this.geometry.lineIndex;
    let bestU = Infinity;
    const rx = vx * horizonS,
      ry = vy * horizonS;
    for (const s of index.segmentsBetween(from.lon, end.lon)) {
      const a = toLocal(from, { lon: index.lons[s]!, lat: index.lats[s]! });
      const b = toLocal(from, { lon: index.lons[s + 1]!, lat: index.lats[s + 1]! });
      const sx = b.x - a.x,
        sy = b.y - a.y;
      const denom = rx * sy - ry * sx;
      if (denom === 0) continue; // parallel: flying along this segment never meets it head-on
      const u = (a.x * sy - a.y * sx) / denom; // along the ray, 0..1
      const w = (a.x * ry - a.y * rx) / denom; // along the segment, 0..1
      if (u > 0 && u <= 1 && w >= 0 && w <= 1 && u < bestU) bestU = u;
    }
    return bestU === Infinity ? null : Math.round(from.t + bestU * horizonMs);
  }
}

let shared: BorderService | undefined;

/** One service per process: the geometry and ports are immutable once loaded. */
export function borderService(): BorderService {
  return (shared ??= new BorderService());
}
