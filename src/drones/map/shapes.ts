/**
 * Plane geometry on [lon, lat] pairs for the map's background: cutting rings to the border region
 * and thinning them, so that the console downloads the few hundred kilometres either side of the
 * line it draws rather than two whole countries. Degrees are treated as planar: the cuts and the
 * tolerance are for drawing, not for measuring.
 */

export type LonLat = [number, number];
export type Ring = LonLat[];

export interface Region {
  west: number;
  south: number;
  east: number;
  north: number;
}

type Edge = 'west' | 'east' | 'south' | 'north';

function inside(p: LonLat, edge: Edge, r: Region): boolean {
  switch (edge) {
    case 'west':
      return p[0] >= r.west;
    case 'east':
      return p[0] <= r.east;
    case 'south':
      return p[1] >= r.south;
    case 'north':
      return p[1] <= r.north;
  }
}

function crossing(a: LonLat, b: LonLat, edge: Edge, r: Region): LonLat {
  if (edge === 'west' || edge === 'east') {
    const x = edge === 'west' ? r.west : r.east;
    const t = (x - a[0]) / (b[0] - a[0]);
    return [x, a[1] + t * (b[1] - a[1])];
  }
  const y = edge === 'south' ? r.south : r.north;
  const t = (y - a[1]) / (b[1] - a[1]);
  return [a[0] + t * (b[0] - a[0]), y];
}

/**
 * The part of a closed ring inside the region (Sutherland–Hodgman, one box edge at a time). A
 * concave ring cut in two comes back as one ring joined along the box edge, which fills the same
 * area; for drawing that is all that matters. Returns [] when nothing is left.
 */
export function clipRing(ring: readonly LonLat[], r: Region): Ring {
  let out: LonLat[] = dropClosingPoint(ring);
  for (const edge of ['west', 'east', 'south', 'north'] as const) {
    if (out.length === 0) break;
    const input = out;
    out = [];
    let prev = input[input.length - 1]!;
    for (const cur of input) {
      const curIn = inside(cur, edge, r);
      const prevIn = inside(prev, edge, r);
      if (curIn) {
        if (!prevIn) out.push(crossing(prev, cur, edge, r));
        out.push(cur);
      } else if (prevIn) {
        out.push(crossing(prev, cur, edge, r));
      }
      prev = cur;
    }
  }
  return out.length >= 3 ? out : [];
}

/** The parts of an open line inside the region, each a run of consecutive points (cut at the box). */
export function clipLine(line: readonly LonLat[], r: Region): LonLat[][] {
  const parts: LonLat[][] = [];
  let current: LonLat[] = [];
  const within = (p: LonLat) => p[0] >= r.west && p[0] <= r.east && p[1] >= r.south && p[1] <= r.north;
  for (let i = 0; i < line.length; i++) {
    const p = line[i]!;
    if (within(p)) {
      current.push(p);
    } else if (current.length > 0) {
      parts.push(current);
      current = [];
    }
  }
  if (current.length > 0) parts.push(current);
  return parts.filter((p) => p.length >= 2);
}

function dropClosingPoint(ring: readonly LonLat[]): LonLat[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) return ring.slice(0, -1);
  return [...ring];
}

function segmentDistance(p: LonLat, a: LonLat, b: LonLat): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/**
 * Douglas–Peucker with an explicit stack (a long coastline would overflow recursion): keeps the
 * end points and every point further than `tolerance` degrees from the simplified line.
 */
export function simplify(points: readonly LonLat[], tolerance: number): LonLat[] {
  if (points.length <= 2 || tolerance <= 0) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    let worst = -1;
    let worstAt = -1;
    for (let i = from + 1; i < to; i++) {
      const d = segmentDistance(points[i]!, points[from]!, points[to]!);
      if (d > worst) {
        worst = d;
        worstAt = i;
      }
    }
    if (worstAt >= 0 && worst > tolerance) {
      keep[worstAt] = 1;
      stack.push([from, worstAt], [worstAt, to]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** A ring thinned like a line but kept a ring: at least three corners, or nothing. */
export function simplifyRing(ring: readonly LonLat[], tolerance: number): Ring {
  if (ring.length < 3) return [];
  // Closing the ring first keeps its last corner from being treated as an end point that must stay.
  const closed = [...ring, ring[0]!];
  const thin = simplify(closed, tolerance).slice(0, -1);
  return thin.length >= 3 ? thin : [];
}

/** Fixed decimals: four is about 11 m, finer than any screen pixel the map will show. */
export function rounded(p: readonly [number, number], decimals = 4): LonLat {
  const f = 10 ** decimals;
  return [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
}

export function ringBounds(ring: readonly LonLat[]): Region {
  let west = Infinity,
    south = Infinity,
    east = -Infinity,
    north = -Infinity;
  for (const [lon, lat] of ring) {
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  }
  return { west, south, east, north };
}
