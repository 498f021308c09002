/**
 * Crossing detection with a buffer and hysteresis. Natural Earth's line can be hundreds of metres
 * off (worst along the Rio Grande, which it smooths), and GPS fixes wander tens of metres: a naive
 * sign change would raise an alert every time a drone hovers near the line. A crossing is declared
 * only once the track has been clearly beyond the line, by more than the buffer, for long enough.
 */
import type { BorderService } from './service.js';
import type { Crossing, Fix, Side } from './model.js';

export interface CrossingOptions {
  /** Buffer west of the Rio Grande section, metres. */
  bufferM?: number;
  /** Buffer along the Rio Grande, where the line is least accurate, metres. */
  riverBufferM?: number;
  /** East of this longitude the boundary follows the Rio Grande (from El Paso / Ciudad Juárez). */
  riverFromLon?: number;
  /** Consecutive fixes beyond the buffer that confirm a crossing... */
  minFixes?: number;
  /** ...or the time spent beyond it, whichever comes first, for tracks with sparse fixes. */
  minSeconds?: number;
}

const DEFAULTS: Required<CrossingOptions> = {
  bufferM: 300,
  riverBufferM: 800,
  riverFromLon: -106.5,
  minFixes: 2,
  minSeconds: 10,
};

/** The buffer that applies at a longitude. */
export function bufferAt(lon: number, options: CrossingOptions = {}): number {
  const o = { ...DEFAULTS, ...options };
  return lon > o.riverFromLon ? o.riverBufferM : o.bufferM;
}

/** One per track: feed it the track's fixes in time order. */
export class CrossingDetector {
  private readonly o: Required<CrossingOptions>;
  private confirmed: Side | null = null;
  private runStart: Fix | null = null;
  private runFixes = 0;
  private lastT = -Infinity;

  constructor(
    private readonly border: BorderService,
    options: CrossingOptions = {},
  ) {
    this.o = { ...DEFAULTS, ...options };
    if (this.o.minFixes < 1) throw new RangeError('minFixes must be at least 1');
  }

  /** The side the track is known to be on; null before its first fix. */
  get side(): Side | null {
    return this.confirmed;
  }

  /** Returns the crossing this fix confirms, if any. */
  update(fix: Fix): Crossing | null {
    // Out-of-order fixes (sensors with different latencies) would make a run out of fixes that were
    // never consecutive; they are dropped here, the track keeps them as history elsewhere.
    if (fix.t < this.lastT) return null;
    this.lastT = fix.t;
    const d = this.border.signedDistanceM(fix);
    if (this.confirmed === null) {
      // The first fix fixes the starting side even inside the buffer: the country polygon is the
      // best guess there is, and waiting would miss a drone launched next to the line.
      this.confirmed = d >= 0 ? 'US' : 'MX';
      return null;
    }
    const other: Side = this.confirmed === 'US' ? 'MX' : 'US';
    const beyond = (other === 'US' ? d : -d) > bufferAt(fix.lon, this.o);
    if (!beyond) {
      this.runStart = null;
      this.runFixes = 0;
      return null;
    }
    this.runStart ??= fix;
    this.runFixes += 1;
    const seconds = (fix.t - this.runStart.t) / 1000;
    if (this.runFixes < this.o.minFixes && seconds < this.o.minSeconds) return null;
    const crossing: Crossing = {
      from: this.confirmed,
      to: other,
      confirmedAt: fix.t,
      firstBeyondAt: this.runStart.t,
      position: { lat: fix.lat, lon: fix.lon },
    };
    this.confirmed = other;
    this.runStart = null;
    this.runFixes = 0;
    return crossing;
  }
}
