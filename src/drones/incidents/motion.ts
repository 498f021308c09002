/**
 * The two rules that read a track's motion over time rather than one position: a suspected
 * payload drop and loitering. Each keeps a short, bounded window of the track's own points.
 */
import { haversineM } from '../border/geometry.js';
import type { LatLon } from '../border/model.js';

export interface DropOptions {
  dropMinM: number;
  dropWindowMs: number;
  /** Above this ground speed an altitude change is manoeuvring, not a drop. */
  maxSpeedMps: number;
  climbMinM: number;
  climbWindowMs: number;
  hoverMs: number;
  hoverToleranceM: number;
  refireMs: number;
}

export interface AltitudeSample {
  t: number;
  altM: number;
  speedMps: number;
}

export interface DropFinding {
  kind: 'descent' | 'climb';
  metres: number;
  seconds: number;
}

/** More samples than any sane feed gives in the window; a flood is trimmed from the oldest. */
const MAX_SAMPLES = 1_000;

/**
 * Suspected payload drop. Two signatures, both heuristics that say "look at this", never "a load
 * fell":
 * - descent: the altitude falls by dropMinM or more within dropWindowMs while the drone barely
 *   moves over the ground (a drone stooping to release or lower a load over one spot);
 * - climb: the altitude rises by climbMinM or more within climbWindowMs right after hovering
 *   (steady altitude and slow for hoverMs), the jump of a multirotor that suddenly got lighter.
 * GPS altitude wanders by a few metres, so both thresholds sit well above that noise. After a
 * finding the rule stays quiet for refireMs: one drop shows as one descent or climb, not several.
 */
export class PayloadDropWatch {
  private samples: AltitudeSample[] = [];
  private lastFiredAt = -Infinity;
  private readonly keepMs: number;

  constructor(private readonly o: DropOptions) {
    this.keepMs = Math.max(o.dropWindowMs, o.climbWindowMs + o.hoverMs) + 1_000;
  }

  /** Feed samples in time order; older or repeated times are ignored. */
  update(s: AltitudeSample): DropFinding | null {
    const last = this.samples[this.samples.length - 1];
    if (last && s.t <= last.t) return null;
    this.samples.push(s);
    const from = s.t - this.keepMs;
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop]!.t < from) drop++;
    if (this.samples.length - drop > MAX_SAMPLES) drop = this.samples.length - MAX_SAMPLES;
    if (drop > 0) this.samples = this.samples.slice(drop);
    if (s.t - this.lastFiredAt < this.o.refireMs) return null;
    const finding = this.descent(s) ?? this.climb(s);
    if (finding) this.lastFiredAt = s.t;
    return finding;
  }

  private descent(s: AltitudeSample): DropFinding | null {
    if (s.speedMps >= this.o.maxSpeedMps) return null;
    let top: AltitudeSample | null = null;
    for (const x of this.samples) {
      if (x === s || x.t < s.t - this.o.dropWindowMs) continue;
      if (!top || x.altM > top.altM) top = x;
    }
    if (!top || top.altM - s.altM < this.o.dropMinM) return null;
    return { kind: 'descent', metres: top.altM - s.altM, seconds: (s.t - top.t) / 1000 };
  }

  private climb(s: AltitudeSample): DropFinding | null {
    let bottom: AltitudeSample | null = null;
    for (const x of this.samples) {
      if (x === s || x.t < s.t - this.o.climbWindowMs) continue;
      if (!bottom || x.altM < bottom.altM) bottom = x;
    }
    if (!bottom || s.altM - bottom.altM < this.o.climbMinM || !this.hoveredUntil(bottom)) return null;
    return { kind: 'climb', metres: s.altM - bottom.altM, seconds: (s.t - bottom.t) / 1000 };
  }

  /**
   * Hovering up to `end`: the samples of the hoverMs before it span at least half of that time
   * (sparse feeds still qualify), all slow, their altitude within hoverToleranceM.
   */
  private hoveredUntil(end: AltitudeSample): boolean {
    const hover = this.samples.filter((x) => x.t <= end.t && x.t >= end.t - this.o.hoverMs);
    const first = hover[0];
    if (!first || hover.length < 2 || end.t - first.t < this.o.hoverMs / 2) return false;
    let lo = Infinity,
      hi = -Infinity;
    for (const x of hover) {
      if (x.speedMps >= this.o.maxSpeedMps) return false;
      lo = Math.min(lo, x.altM);
      hi = Math.max(hi, x.altM);
    }
    return hi - lo <= this.o.hoverToleranceM;
  }
}

export interface LoiterOptions {
  radiusM: number;
  durationMs: number;
  borderM: number;
  /** A longer silence breaks a loiter: two sightings far apart in time prove nothing. */
  maxGapMs: number;
  /** The track must go this factor of radiusM from the loiter's centre before a new loiter counts. */
  exitFactor: number;
}

export interface LoiterFinding {
  centre: LatLon;
  seconds: number;
  /** Farthest point of the loiter from its centre. */
  spreadM: number;
}

interface Point extends LatLon {
  t: number;
}

/** Kept points are about this far apart (the newest replaces a closer one): a 10 Hz feed keeps one or two a second. */
const SPACING_MS = 1_000;

/**
 * Loitering: every point of the last durationMs (with no silence longer than maxGapMs) lies
 * within radiusM of their centroid, while the track is within borderM of the line. The centroid
 * stands for "a point": the test is a little stricter than the smallest enclosing circle, never
 * looser. Fires once per loiter; the next loiter needs the track to leave (exitFactor × radiusM
 * from the centre) and then stay put for a full durationMs again.
 */
export class LoiterWatch {
  private points: Point[] = [];
  private centre: LatLon | null = null;

  constructor(private readonly o: LoiterOptions) {}

  /** Feed points in time order; `lineDistanceM` is the point's distance to the line (either sign). */
  update(p: Point, lineDistanceM: number): LoiterFinding | null {
    const last = this.points[this.points.length - 1];
    if (last && p.t <= last.t) return null;
    if (this.centre && haversineM(p, this.centre) > this.o.radiusM * this.o.exitFactor) {
      this.centre = null;
      this.points = [];
    }
    if (last && p.t - last.t > this.o.maxGapMs) this.points = [];
    const beforeLast = this.points[this.points.length - 2];
    if (beforeLast && p.t - beforeLast.t < SPACING_MS) this.points[this.points.length - 1] = p;
    else this.points.push(p);
    // Keep exactly one point at or before the window's start: it proves the window is covered.
    const start = p.t - this.o.durationMs;
    let drop = 0;
    while (drop + 1 < this.points.length && this.points[drop + 1]!.t <= start) drop++;
    if (drop > 0) this.points = this.points.slice(drop);
    if (this.centre || Math.abs(lineDistanceM) > this.o.borderM) return null;
    const first = this.points[0]!;
    if (first.t > start) return null;
    let lat = 0,
      lon = 0;
    for (const x of this.points) {
      lat += x.lat;
      lon += x.lon;
    }
    const centre = { lat: lat / this.points.length, lon: lon / this.points.length };
    let spreadM = 0;
    for (const x of this.points) {
      spreadM = Math.max(spreadM, haversineM(x, centre));
      if (spreadM > this.o.radiusM) return null;
    }
    this.centre = centre;
    return { centre, seconds: (p.t - first.t) / 1000, spreadM };
  }
}
