/** What the border says about a track now, from its newest points. */
import type { BorderService } from '../border/service.js';
import type { PositionAssessment } from '../border/model.js';
import type { TrackBorder, TrackPoint } from '../model.js';
import { recentPoints } from './history.js';

/** The border service's default velocity window; older points only make assessTrack sort more. */
export const VELOCITY_WINDOW_MS = 30_000;

function portOf(p: PositionAssessment): TrackBorder['nearestPort'] {
  const { port, distanceM } = p.nearestPort;
  return { id: port.id, name: port.portUs, cityMx: port.cityMx, distanceM };
}

export function trackBorder(border: BorderService, history: readonly TrackPoint[]): TrackBorder {
  const window = recentPoints(history, VELOCITY_WINDOW_MS);
  const latest = window[window.length - 1];
  if (!latest) throw new RangeError('a track has at least one point');
  if (window.length < 2) {
    const p = border.assessPosition(latest);
    return {
      side: p.side,
      signedDistanceM: p.signedDistanceM,
      heading: 'along',
      groundSpeedMps: 0,
      courseDeg: null,
      predictedCrossingAt: null,
      nearestPort: portOf(p),
    };
  }
  const a = border.assessTrack(window, { velocityWindowMs: VELOCITY_WINDOW_MS });
  return {
    side: a.latest.side,
    signedDistanceM: a.latest.signedDistanceM,
    heading: a.heading,
    groundSpeedMps: a.groundSpeedMps,
    courseDeg: a.courseDeg,
    predictedCrossingAt: a.predictedCrossingAt,
    nearestPort: portOf(a.latest),
  };
}
