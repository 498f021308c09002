/**
 * The four stretches of the line the simulator flies over, and a local frame at each: metres along
 * the boundary and metres across it (positive toward the United States). Flight plans are drawn in
 * that frame so that "2 km into Mexico" means the same thing in Tijuana as on the Río Bravo.
 */
import { borderGeometry } from '../border/boundary.js';
import { fromLocal, toLocal } from '../border/geometry.js';
import type { LatLon } from '../border/model.js';

export type AreaId = 'tijuana' | 'mexicali' | 'nogales' | 'juarez';

export interface Area {
  id: AreaId;
  /** Short code used in flight ids: tj, mxl, nog, cju. */
  code: string;
  /** A point on the Mexican side a few km from the line, where cartel and civil flights gather. */
  anchor: LatLon;
  /**
   * Ground height above the WGS-84 ellipsoid, metres: the city's elevation plus the local geoid
   * undulation (about −35 m here). One figure per area; the simulator has no terrain model.
   */
  groundHaeM: number;
}

export const AREAS: readonly Area[] = [
  { id: 'tijuana', code: 'tj', anchor: { lat: 32.52, lon: -117.0 }, groundHaeM: 95 },
  { id: 'mexicali', code: 'mxl', anchor: { lat: 32.63, lon: -115.47 }, groundHaeM: -25 },
  { id: 'nogales', code: 'nog', anchor: { lat: 31.305, lon: -110.945 }, groundHaeM: 1160 },
  { id: 'juarez', code: 'cju', anchor: { lat: 31.725, lon: -106.455 }, groundHaeM: 1105 },
];

export function areaById(id: AreaId): Area {
  const area = AREAS.find((a) => a.id === id);
  if (!area) throw new RangeError(`unknown area ${id}`);
  return area;
}

/** Metres along the line (west → east) and across it (toward the U.S.), from an origin on it. */
export interface BorderFrame {
  origin: LatLon;
  at(alongM: number, acrossM: number): LatLon;
}

/**
 * The frame at the point of the line nearest `near`. Its direction joins the points `spanM` along
 * the line either way rather than following one segment: Natural Earth's 10 m line has short
 * zig-zags (the Río Bravo above all) that would tilt a single segment's direction.
 */
export function borderFrame(near: LatLon, spanM = 3000): BorderFrame {
  const { lineIndex } = borderGeometry();
  const nearest = lineIndex.nearest(near);
  const origin = nearest.point;
  const vertex = (i: number) => toLocal(origin, { lon: lineIndex.lons[i]!, lat: lineIndex.lats[i]! });
  const count = lineIndex.lons.length;
  // Walks the polyline from the origin, one vertex at a time, until `spanM` of it is behind.
  const walk = (first: number, step: 1 | -1): { x: number; y: number } => {
    let from = { x: 0, y: 0 };
    let left = spanM;
    for (let i = first; i >= 0 && i < count; i += step) {
      const to = vertex(i);
      const d = Math.hypot(to.x - from.x, to.y - from.y);
      if (d >= left) return { x: from.x + ((to.x - from.x) * left) / d, y: from.y + ((to.y - from.y) * left) / d };
      left -= d;
      from = to;
    }
    return from;
  };
  const west = walk(nearest.segment, -1);
  const east = walk(nearest.segment + 1, 1);
  const len = Math.hypot(east.x - west.x, east.y - west.y);
  if (!(len > 0)) throw new RangeError(`no boundary near ${near.lat}, ${near.lon}`);
  const ux = (east.x - west.x) / len;
  const uy = (east.y - west.y) / len;
  // The line runs west → east with the United States on its left: the left normal is (−uy, ux).
  return {
    origin,
    at: (alongM, acrossM) => fromLocal(origin, ux * alongM - uy * acrossM, uy * alongM + ux * acrossM),
  };
}

const frames = new Map<string, BorderFrame>();

/** Frames are pure functions of the fixed boundary; computing one scans the whole line, so keep them. */
export function frameNear(near: LatLon): BorderFrame {
  const key = `${near.lat},${near.lon}`;
  let frame = frames.get(key);
  if (!frame) {
    frame = borderFrame(near);
    frames.set(key, frame);
  }
  return frame;
}
