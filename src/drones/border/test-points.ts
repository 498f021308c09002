/** Test support: positions placed exactly relative to the boundary line, for crossing scenarios. */
import { borderGeometry } from './boundary.js';
import { fromLocal, toLocal } from './geometry.js';
import type { LatLon } from './model.js';

/**
 * The point `offsetM` metres from the line (positive = U.S. side, the left of the west→east line)
 * at the line's closest point to `near`, moved `alongM` metres along the line's local direction.
 */
export function offLine(near: LatLon, offsetM: number, alongM = 0): LatLon {
  const { lineIndex } = borderGeometry();
  const n = lineIndex.nearest(near);
  const s = n.segment;
  const a = toLocal(n.point, { lon: lineIndex.lons[s]!, lat: lineIndex.lats[s]! });
  const b = toLocal(n.point, { lon: lineIndex.lons[s + 1]!, lat: lineIndex.lats[s + 1]! });
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const ux = (b.x - a.x) / len,
    uy = (b.y - a.y) / len;
  // Left normal of (ux, uy) is (−uy, ux).
  return fromLocal(n.point, ux * alongM - uy * offsetM, uy * alongM + ux * offsetM);
}
