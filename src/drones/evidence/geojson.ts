/**
 * An incident as an RFC 7946 FeatureCollection, for GIS tools: each track's trail as a
 * LineString, its latest position, pilot and take-off as Points, and every timeline entry that
 * has a position as a Point. The incident itself rides in a `properties` foreign member of the
 * collection (RFC 7946 §6.1), so the file stands alone as evidence.
 */
import type { IncidentTrack, IncidentView, TimelineEntry } from '../model.js';
import { checkIncidentView } from './check.js';
import { evidenceFile, type EvidenceFile } from './model.js';
import { fileStem, isoTime } from './text.js';

type Position = [number, number] | [number, number, number];
type Geometry = { type: 'Point'; coordinates: Position } | { type: 'LineString'; coordinates: Position[] };

interface Feature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: Record<string, unknown>;
}

export const GEOJSON_CONTENT_TYPE = 'application/geo+json';

export function exportGeoJson(view: IncidentView): EvidenceFile {
  checkIncidentView(view);
  const features: Feature[] = [];
  for (const track of view.tracks) features.push(...trackFeatures(view, track));
  view.timeline.forEach((entry, i) => {
    const f = timelineFeature(entry, i);
    if (f) features.push(f);
  });
  const collection = {
    type: 'FeatureCollection',
    properties: {
      incident_id: view.id,
      version: view.version,
      origin: view.origin,
      origin_country: view.originCountry,
      status: view.status,
      opened_at: isoTime(view.openedAt),
      updated_at: isoTime(view.updatedAt),
      closed_at: view.closedAt === null ? null : isoTime(view.closedAt),
      rules: [...view.rules],
      evidence: view.evidence.map((e) => ({
        at: isoTime(e.at),
        sensor: e.sensor,
        track_id: e.trackId,
        format: e.raw.format,
        sha256: e.raw.sha256,
      })),
    },
    features,
  };
  return evidenceFile(`${fileStem(view.id, view.version)}.geojson`, GEOJSON_CONTENT_TYPE, `${JSON.stringify(collection)}\n`);
}

function trackFeatures(view: IncidentView, track: IncidentTrack): Feature[] {
  const out: Feature[] = [];
  const identity = {
    track_id: track.trackId,
    uids: [...track.uids],
    remote_ids: [...track.remoteIds],
    callsign: track.callsign,
    classification: track.classification,
    airframe: track.airframe,
    sensors: [...track.sensors],
  };
  const trail = track.trail;
  const first = trail[0];
  const last = trail[trail.length - 1];
  if (trail.length >= 2 && first && last) {
    // RFC 7946 lets positions carry altitude; a line whose points disagree on having one would
    // leave readers guessing, so altitude goes into the coordinates only when every point has it.
    const all3d = trail.every((p) => p.altM !== null);
    out.push({
      type: 'Feature',
      id: `${track.trackId}/trail`,
      geometry: { type: 'LineString', coordinates: trail.map((p) => position(p.lon, p.lat, all3d ? p.altM : null)) },
      properties: {
        feature: 'trail',
        ...identity,
        first_time: isoTime(first.t),
        last_time: isoTime(last.t),
        times: trail.map((p) => isoTime(p.t)),
        altitudes_m: trail.map((p) => p.altM),
      },
    });
  }
  if (last) {
    out.push({
      type: 'Feature',
      id: `${track.trackId}/latest`,
      geometry: { type: 'Point', coordinates: position(last.lon, last.lat, last.altM) },
      properties: {
        feature: 'latest',
        ...identity,
        time: isoTime(last.t),
        last_seen: isoTime(track.lastSeen),
        stale_at: isoTime(track.staleAt),
        border: {
          side: track.border.side,
          signed_distance_m: track.border.signedDistanceM,
          heading: track.border.heading,
          ground_speed_mps: track.border.groundSpeedMps,
          course_deg: track.border.courseDeg,
          predicted_crossing_at: track.border.predictedCrossingAt === null ? null : isoTime(track.border.predictedCrossingAt),
          nearest_port: {
            id: track.border.nearestPort.id,
            name: track.border.nearestPort.name,
            city_mx: track.border.nearestPort.cityMx,
            distance_m: track.border.nearestPort.distanceM,
          },
        },
      },
    });
  }
  if (track.pilot) {
    out.push({
      type: 'Feature',
      id: `${track.trackId}/pilot`,
      geometry: { type: 'Point', coordinates: position(track.pilot.lon, track.pilot.lat, null) },
      properties: { feature: 'pilot', track_id: track.trackId, kind: track.pilot.kind, time: isoTime(track.pilot.t), incident_id: view.id },
    });
  }
  if (track.takeoff) {
    out.push({
      type: 'Feature',
      id: `${track.trackId}/takeoff`,
      geometry: { type: 'Point', coordinates: position(track.takeoff.lon, track.takeoff.lat, null) },
      properties: { feature: 'takeoff', track_id: track.trackId, time: isoTime(track.takeoff.t), incident_id: view.id },
    });
  }
  return out;
}

function timelineFeature(entry: TimelineEntry, index: number): Feature | null {
  if (entry.lat === null || entry.lon === null) return null;
  return {
    type: 'Feature',
    id: `timeline/${index}`,
    geometry: { type: 'Point', coordinates: position(entry.lon, entry.lat, null) },
    properties: { feature: 'timeline', kind: entry.kind, time: isoTime(entry.at), track_id: entry.trackId, params: { ...entry.params } },
  };
}

/** RFC 7946 order: longitude, latitude, then altitude when known. */
const position = (lon: number, lat: number, altM: number | null): Position => (altM === null ? [lon, lat] : [lon, lat, altM]);
