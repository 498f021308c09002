/**
 * Fast geometry over the boundary: a local planar approximation (equirectangular around the query
 * point), which is accurate to well under 1% at the tens of kilometres that matter for drones, and
 * indexes so that one query touches a handful of segments or edges, not the whole line or country.
 */
import type { LatLon } from './model.js';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
const M_PER_DEG = EARTH_RADIUS_M * RAD;

/** Great-circle distance; used for final figures so far-away points are not distorted. */
export function haversineM(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Metres east and north of `origin`; the inverse is `fromLocal`. */
export function toLocal(origin: LatLon, p: LatLon): { x: number; y: number } {
  return { x: (p.lon - origin.lon) * M_PER_DEG * Math.cos(origin.lat * RAD), y: (p.lat - origin.lat) * M_PER_DEG };
}

export function fromLocal(origin: LatLon, x: number, y: number): LatLon {
  return { lat: origin.lat + y / M_PER_DEG, lon: origin.lon + x / (M_PER_DEG * Math.cos(origin.lat * RAD)) };
}

export interface NearestOnLine {
  segment: number;
  point: LatLon;
  /** Planar distance in metres (local approximation). */
  distanceM: number;
  /** > 0 when the query lies left of the segment's direction (north of a west→east line). */
  cross: number;
}

/**
 * A polyline with its segments bucketed by longitude. The border runs west→east, so longitude
 * buckets hold few segments each; a query widens the bucket window only until no unseen bucket can
 * hold anything closer than the best found.
 */
export class LineIndex {
  readonly lons: Float64Array;
  readonly lats: Float64Array;
  readonly minLon: number;
  readonly maxLon: number;
  readonly minLat: number;
  readonly maxLat: number;
  private readonly buckets: number[][];
  private readonly bucketDeg: number;
  // Segments span several buckets; a per-query stamp skips repeats without allocating a Set.
  private readonly seenAt: Uint32Array;
  private query = 0;

  constructor(coords: ReadonlyArray<readonly [number, number]>, bucketDeg = 0.1) {
    if (coords.length < 2) throw new RangeError('a line needs at least two points');
    this.lons = Float64Array.from(coords, (c) => c[0]);
    this.lats = Float64Array.from(coords, (c) => c[1]);
    this.bucketDeg = bucketDeg;
    let minLon = Infinity,
      maxLon = -Infinity,
      minLat = Infinity,
      maxLat = -Infinity;
    for (let i = 0; i < coords.length; i++) {
      minLon = Math.min(minLon, this.lons[i]!);
      maxLon = Math.max(maxLon, this.lons[i]!);
      minLat = Math.min(minLat, this.lats[i]!);
      maxLat = Math.max(maxLat, this.lats[i]!);
    }
    this.minLon = minLon;
    this.maxLon = maxLon;
    this.minLat = minLat;
    this.maxLat = maxLat;
    const count = Math.floor((maxLon - minLon) / bucketDeg) + 1;
    this.buckets = Array.from({ length: count }, () => []);
    this.seenAt = new Uint32Array(coords.length);
    for (let s = 0; s < coords.length - 1; s++) {
      const lo = this.bucketOf(Math.min(this.lons[s]!, this.lons[s + 1]!));
      const hi = this.bucketOf(Math.max(this.lons[s]!, this.lons[s + 1]!));
      for (let b = lo; b <= hi; b++) this.buckets[b]!.push(s);
    }
  }

  get segmentCount(): number {
    return this.lons.length - 1;
  }

  private bucketOf(lon: number): number {
    const b = Math.floor((lon - this.minLon) / this.bucketDeg);
    return Math.max(0, Math.min(this.buckets.length - 1, b));
  }

  nearest(p: LatLon): NearestOnLine {
    const cosLat = Math.cos(p.lat * RAD);
    // Distances use the query's own scale of longitude, so the bound for unseen buckets must too.
    const mPerDegLon = M_PER_DEG * cosLat;
    const best: NearestOnLine = { segment: -1, point: p, distanceM: Infinity, cross: 0 };
    const centre = this.bucketOf(p.lon);
    this.query = (this.query + 1) >>> 0;
    if (this.query === 0) {
      this.seenAt.fill(0);
      this.query = 1;
    } // wrapped: old stamps would collide
    const stamp = this.query;
    for (let ring = 0; ring < this.buckets.length; ring++) {
      const lo = centre - ring,
        hi = centre + ring;
      if (lo < 0 && hi >= this.buckets.length) break;
      for (const b of ring === 0 ? [centre] : [lo, hi]) {
        if (b < 0 || b >= this.buckets.length) continue;
        for (const s of this.buckets[b]!) {
          if (this.seenAt[s] === stamp) continue;
          this.seenAt[s] = stamp;
          this.trySegment(s, p, cosLat, best);
        }
      }
      // Any segment first met in ring+1 lies more than `ring` whole buckets away in longitude; a
      // point beyond the line's extent is clamped to the end bucket, which only makes it farther.
      if (best.distanceM <= ring * this.bucketDeg * mPerDegLon) break;
    }
    return best;
  }

  private trySegment(s: number, p: LatLon, cosLat: number, best: NearestOnLine): void {
    const k = M_PER_DEG;
    const ax = (this.lons[s]! - p.lon) * k * cosLat,
      ay = (this.lats[s]! - p.lat) * k;
    const bx = (this.lons[s + 1]! - p.lon) * k * cosLat,
      by = (this.lats[s + 1]! - p.lat) * k;
    const dx = bx - ax,
      dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
    const nx = ax + u * dx,
      ny = ay + u * dy;
    const d = Math.hypot(nx, ny);
    if (d < best.distanceM) {
      best.segment = s;
      best.distanceM = d;
      best.point = { lon: p.lon + nx / (k * cosLat), lat: p.lat + ny / k };
      // Query is at the origin: sign of (B−A) × (P−A) with P−A = −A.
      best.cross = dx * -ay - dy * -ax;
    }
  }

  /** Segments whose longitude range meets [lonA, lonB]: candidates for a ray crossing the line. */
  segmentsBetween(lonA: number, lonB: number): number[] {
    const lo = this.bucketOf(Math.min(lonA, lonB)),
      hi = this.bucketOf(Math.max(lonA, lonB));
    const out = new Set<number>();
    for (let b = lo; b <= hi; b++) for (const s of this.buckets[b]!) out.add(s);
    return [...out];
  }
}

/**
 * Point-in-polygon for a country (all rings of a MultiPolygon, even–odd rule so holes work), with
 * edges bucketed by latitude: a ray cast east only meets edges of its own latitude band, which keeps
 * a 10 m-scale country outline from costing thousands of edge tests per query.
 */
export class PolygonIndex {
  private readonly bands = new Map<number, Float64Array[]>();
  private readonly bandDeg: number;
  readonly bbox: { minLon: number; maxLon: number; minLat: number; maxLat: number };

  constructor(rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, bandDeg = 0.05) {
    this.bandDeg = bandDeg;
    let minLon = Infinity,
      maxLon = -Infinity,
      minLat = Infinity,
      maxLat = -Infinity;
    const perBand = new Map<number, number[]>();
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i]!,
          b = ring[(i + 1) % ring.length]!;
        minLon = Math.min(minLon, a[0]);
        maxLon = Math.max(maxLon, a[0]);
        minLat = Math.min(minLat, a[1]);
        maxLat = Math.max(maxLat, a[1]);
        if (a[1] === b[1]) continue; // horizontal edges never cross an eastward ray
        const lo = Math.floor(Math.min(a[1], b[1]) / bandDeg),
          hi = Math.floor(Math.max(a[1], b[1]) / bandDeg);
        for (let band = lo; band <= hi; band++) {
          let list = perBand.get(band);
          if (!list) perBand.set(band, (list = []));
          list.push(a[0], a[1], b[0], b[1]);
        }
      }
    }
    for (const [band, list] of perBand) this.bands.set(band, [Float64Array.from(list)]);
    this.bbox = { minLon, maxLon, minLat, maxLat };
  }

  contains(p: LatLon): boolean {
    const { bbox } = this;
    if (p.lon < bbox.minLon || p.lon > bbox.maxLon || p.lat < bbox.minLat || p.lat > bbox.maxLat) return false;
    const edges = this.bands.get(Math.floor(p.lat / this.bandDeg));
    if (!edges) return false;
    let inside = false;
    for (const e of edges) {
      for (let i = 0; i < e.length; i += 4) {
        const x1 = e[i]!,
          y1 = e[i + 1]!,
          x2 = e[i + 2]!,
          y2 = e[i + 3]!;
        if (y1 > p.lat !== y2 > p.lat) {
          const x = x1 + ((p.lat - y1) * (x2 - x1)) / (y2 - y1);
          if (x > p.lon) inside = !inside;
        }
      }
    }
    return inside;
  }
}
