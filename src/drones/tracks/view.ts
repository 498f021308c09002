/** A track as the API and the map receive it: a copy, with the newest points as its trail. */
import type { Track, TrackView } from '../model.js';

export function trackView(track: Track, origin: string, originCountry: string, trailPoints: number): TrackView {
  if (!Number.isInteger(trailPoints) || trailPoints < 0) throw new RangeError(`trailPoints must be a whole number ≥ 0, not ${trailPoints}`);
  const { history, ...rest } = track;
  return {
    ...rest,
    uids: [...track.uids],
    remoteIds: [...track.remoteIds],
    sensors: [...track.sensors],
    sources: [...track.sources],
    pilot: track.pilot && { ...track.pilot },
    takeoff: track.takeoff && { ...track.takeoff },
    border: { ...track.border, nearestPort: { ...track.border.nearestPort } },
    // Points are never changed once made, so the trail may share them with the history.
    trail: trailPoints === 0 ? [] : history.slice(-trailPoints),
    origin,
    originCountry,
  };
}
