/**
 * Deciding what to draw before drawing it: boxes that meet the view, the part of a line that lies
 * in it, and trail points too close together on screen to matter. Drawing cost then follows what
 * the view shows, not how much the node knows.
 */
import type { GeoRegion } from '../types.js';

export function emptyBounds(): GeoRegion {
  return { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
}

export function extend(b: GeoRegion, lon: number, lat: number): GeoRegion {
  if (lon < b.west) b.west = lon;
  if (lon > b.east) b.east = lon;
  if (lat < b.south) b.south = lat;
  if (lat > b.north) b.north = lat;
  return b;
}

export function intersects(a: GeoRegion, b: GeoRegion): boolean {
  return a.west <= b.east && a.east >= b.west && a.south <= b.north && a.north >= b.south;
}

export function contains(b: GeoRegion, lon: number, lat: number): boolean {
  return lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north;
}

/** The box grown by `fraction` of its size on every side (symbols straddling the edge still show). */
export function grown(b: GeoRegion, fraction: number): GeoRegion {
  const dx = (b.east - b.west) * fraction;
  const dy = (b.north - b.south) * fraction;
  return { west: b.west - dx, east: b.east + dx, south: b.south - dy, north: b.north + dy };
}

/**
 * Liang–Barsky: the part of segment a→b inside the box as [t0, t1] along it (0 = a, 1 = b), or
 * null when it misses the box altogether.
 */
export function clipSegment(ax: number, ay: number, bx: number, by: number, box: GeoRegion): [number, number] | null {
  const dx = bx - ax;
  const dy = by - ay;
  let t0 = 0;
  let t1 = 1;
  const edges: Array<[number, number]> = [
    [-dx, ax - box.west],
    [dx, box.east - ax],
    [-dy, ay - box.south],
    [dy, box.north - ay],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return null;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return null;
      if (r < t1) t1 = r;
    }
  }
  return [t0, t1];
}

/**
 * The runs of a polyline (given as parallel coordinate arrays) that touch the box: [from, to]
 * index pairs, inclusive, so that a line leaving and re-entering the view is drawn as two pieces
 * and the kilometres outside are not drawn at all.
 */
export function visibleRuns(xs: ArrayLike<number>, ys: ArrayLike<number>, box: GeoRegion): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i + 1 < xs.length; i++) {
    const ax = xs[i]!,
      ay = ys[i]!,
      bx = xs[i + 1]!,
      by = ys[i + 1]!;
    // The segment's own box first: cheap, and most segments of a long line are far away.
    const outside =
      Math.max(ax, bx) < box.west || Math.min(ax, bx) > box.east || Math.max(ay, by) < box.south || Math.min(ay, by) > box.north;
    const visible = !outside && clipSegment(ax, ay, bx, by, box) !== null;
    if (visible) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  }
  if (start >= 0) runs.push([start, xs.length - 1]);
  if (runs.length === 0 && xs.length === 1 && contains(box, xs[0]!, ys[0]!)) runs.push([0, 0]);
  return runs;
}

/**
 * Screen points worth drawing: a point closer than `minPx` to the last kept one adds nothing at
 * this zoom. The last point is always kept, so a trail still ends at its aircraft. Writes the kept
 * points into `out` (reused between tracks to spare the collector) and returns how many.
 */
export function decimate(xs: ArrayLike<number>, ys: ArrayLike<number>, count: number, minPx: number, out: Float32Array): number {
  if (count === 0) return 0;
  let n: number;
  let lx = xs[0]!,
    ly = ys[0]!;
  out[0] = lx;
  out[1] = ly;
  n = 1;
  const min2 = minPx * minPx;
  for (let i = 1; i < count; i++) {
    const x = xs[i]!,
      y = ys[i]!;
    const dx = x - lx,
      dy = y - ly;
    if (dx * dx + dy * dy >= min2 || i === count - 1) {
      out[2 * n] = x;
      out[2 * n + 1] = y;
      n++;
      lx = x;
      ly = y;
    }
  }
  return n;
}

/** Great-circle distance in metres (the panel's "2.4 km from the line" comes from the node; this is for the map's own use). */
export function haversineM(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The nearest of some named places to a point, for "near San Ysidro" when the node gave no name. */
export function nearestPlace<T extends { lat: number; lon: number }>(
  places: readonly T[],
  lat: number,
  lon: number,
): { place: T; distanceM: number } | null {
  let best: { place: T; distanceM: number } | null = null;
  for (const place of places) {
    const d = haversineM(lat, lon, place.lat, place.lon);
    if (!best || d < best.distanceM) best = { place, distanceM: d };
  }
  return best;
}
