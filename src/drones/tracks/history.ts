/** A track's history: points oldest first, bounded, with late points slotted in where they belong. */
import type { TrackPoint } from '../model.js';

export type Placement = 'appended' | 'inserted' | 'duplicate' | 'too-old';

/** Index after the last point with t ≤ `t` (binary search: history is sorted by time). */
function upperBound(history: readonly TrackPoint[], t: number): number {
  let lo = 0,
    hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (history[mid]!.t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Puts `point` into `history` in time order and drops the oldest beyond `limit`. The same sensor
 * reporting the same instant twice (a relayed or repeated message) is one observation, kept once.
 */
export function placePoint(history: TrackPoint[], point: TrackPoint, limit: number): Placement {
  const at = upperBound(history, point.t);
  for (let i = at - 1; i >= 0 && history[i]!.t === point.t; i--) {
    if (history[i]!.sensor === point.sensor) return 'duplicate';
  }
  if (at === history.length) {
    history.push(point);
    if (history.length > limit) history.shift();
    return 'appended';
  }
  if (history.length >= limit && at === 0) return 'too-old';
  history.splice(at, 0, point);
  if (history.length > limit) history.shift();
  return 'inserted';
}

/** The newest points spanning `windowMs` back from the newest: all the velocity needs. */
export function recentPoints(history: readonly TrackPoint[], windowMs: number): TrackPoint[] {
  const last = history[history.length - 1];
  if (!last) return [];
  let from = history.length - 1;
  while (from > 0 && history[from - 1]!.t >= last.t - windowMs) from--;
  return history.slice(from);
}
