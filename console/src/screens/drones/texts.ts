/**
 * The drone screen's sentences built from the node's data: an alert's title, a timeline entry,
 * "near San Ysidro". The node sends rule names and parameters, never sentences, so both languages
 * come from the console's catalogues.
 */
import type { TFunction } from 'i18next';
import { nearestPlace } from '../../lib/map/geometry.js';
import type { Alert, GeoPort, IncidentView, TimelineEntry } from '../../lib/types.js';

/** A place name for a position: the node's own when it gave one, else the nearest port of entry. */
export function placeOf(
  t: TFunction,
  params: Record<string, string | number>,
  lat: number | null,
  lon: number | null,
  ports: readonly GeoPort[],
): string {
  const given = params.port;
  if (typeof given === 'string' && given.trim() !== '') return given;
  if (lat === null || lon === null) return t('drones.unknownPlace');
  const near = nearestPlace(ports, lat, lon);
  return near ? near.place.name : t('drones.unknownPlace');
}

export function alertTitle(t: TFunction, a: Alert): string {
  return t(`drones.alertTitle.${a.rule}`);
}

/** Which aircraft an entry is about, as people call it: its callsign, else the start of its id. */
export function trackName(incident: IncidentView | null, trackId: string | null): string {
  if (trackId === null) return '';
  const track = incident?.tracks.find((x) => x.trackId === trackId);
  return track?.callsign ?? shortTrackId(trackId);
}

export function shortTrackId(id: string): string {
  return id.replace(/^trk-/, '').slice(0, 8);
}

export function timelineText(t: TFunction, e: TimelineEntry, incident: IncidentView | null, ports: readonly GeoPort[]): string {
  return t(`drones.timeline.${e.kind}`, { port: placeOf(t, e.params, e.lat, e.lon, ports), track: trackName(incident, e.trackId) });
}

/** Epoch milliseconds as the ISO text the Time component reads. */
export function iso(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  return new Date(ms).toISOString();
}
