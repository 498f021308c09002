/**
 * The drone map's projection: equirectangular, with longitude shrunk by the cosine of the view's
 * centre latitude so that shapes near the centre are true. Over the few hundred kilometres the map
 * shows at once that is within a few per cent of any conformal projection, and it is affine: a
 * point projects with two multiplications and two additions, which is what 2,000 trails of 60
 * points each per frame need. No tiles, nothing from the internet.
 */
import type { GeoRegion } from '../types.js';

const RAD = Math.PI / 180;

export interface Viewport {
  /** Centre of the view. */
  lon: number;
  lat: number;
  /** CSS pixels per degree of latitude. */
  zoom: number;
  /** Size of the drawing surface in CSS pixels. */
  width: number;
  height: number;
}

/** x = lon·ax + bx, y = lat·ay + by: the projection of one view, ready for a tight loop. */
export interface Affine {
  ax: number;
  bx: number;
  ay: number;
  by: number;
}

/** Closest zoom (whole border on a phone) and furthest (a street: about 0.5 m per pixel). */
export const MIN_ZOOM = 8;
export const MAX_ZOOM = 250_000;

export function affineOf(v: Viewport): Affine {
  const ax = v.zoom * Math.cos(v.lat * RAD);
  const ay = -v.zoom;
  return { ax, bx: v.width / 2 - v.lon * ax, ay, by: v.height / 2 - v.lat * ay };
}

export function project(v: Viewport, lon: number, lat: number): { x: number; y: number } {
  const a = affineOf(v);
  return { x: lon * a.ax + a.bx, y: lat * a.ay + a.by };
}

export function unproject(v: Viewport, x: number, y: number): { lon: number; lat: number } {
  const a = affineOf(v);
  return { lon: (x - a.bx) / a.ax, lat: (y - a.by) / a.ay };
}

/** The longitudes and latitudes the view shows. */
export function viewBounds(v: Viewport): GeoRegion {
  const nw = unproject(v, 0, 0);
  const se = unproject(v, v.width, v.height);
  return { west: nw.lon, north: nw.lat, east: se.lon, south: se.lat };
}

/** Keeps the centre over the region (the map has nothing to show elsewhere) and the zoom in range. */
export function clampViewport(v: Viewport, region: GeoRegion): Viewport {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom));
  return {
    ...v,
    zoom,
    lon: Math.min(region.east, Math.max(region.west, v.lon)),
    lat: Math.min(region.north, Math.max(region.south, v.lat)),
  };
}

/**
 * Moves the view by a drag of (dx, dy) pixels that started at (x, y): the ground under the pointer
 * follows it exactly, even though the longitude scale changes with the centre's latitude.
 */
export function panBy(v: Viewport, dx: number, dy: number, x = v.width / 2, y = v.height / 2): Viewport {
  const ground = unproject(v, x, y);
  const lat = ground.lat - (v.height / 2 - (y + dy)) / v.zoom;
  const ax = v.zoom * Math.cos(lat * RAD);
  return { ...v, lat, lon: ground.lon - (x + dx - v.width / 2) / ax };
}

/** Zooms by `factor` keeping the ground under (x, y) where it is: wheel and pinch feel anchored. */
export function zoomAt(v: Viewport, factor: number, x: number, y: number): Viewport {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom * factor));
  const ground = unproject(v, x, y);
  // Latitude does not depend on the cosine, so the new centre's latitude comes first, then its longitude scale.
  const lat = ground.lat - (v.height / 2 - y) / zoom;
  const ax = zoom * Math.cos(lat * RAD);
  return { ...v, zoom, lat, lon: ground.lon - (x - v.width / 2) / ax };
}

/** The view that shows the whole box with `padding` pixels around it. */
export function fitBounds(box: GeoRegion, width: number, height: number, padding = 24): Viewport {
  const lat = (box.north + box.south) / 2;
  const lon = (box.east + box.west) / 2;
  const w = Math.max(1, width - 2 * padding);
  const h = Math.max(1, height - 2 * padding);
  const byWidth = w / ((box.east - box.west) * Math.cos(lat * RAD) || 1e-9);
  const byHeight = h / (box.north - box.south || 1e-9);
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.min(byWidth, byHeight)));
  return { lon, lat, zoom, width, height };
}

export type PresetId = 'border' | 'tijuana' | 'mexicali' | 'nogales' | 'juarez';

/** Where the presets jump: the twin cities with most drone traffic, and the whole line. */
export const PRESETS: ReadonlyArray<{ id: PresetId; box: GeoRegion | null }> = [
  { id: 'border', box: null },
  { id: 'tijuana', box: { west: -117.25, east: -116.8, south: 32.38, north: 32.68 } },
  { id: 'mexicali', box: { west: -115.72, east: -115.25, south: 32.5, north: 32.78 } },
  { id: 'nogales', box: { west: -111.1, east: -110.8, south: 31.22, north: 31.42 } },
  { id: 'juarez', box: { west: -106.7, east: -106.2, south: 31.55, north: 31.88 } },
];

/** A preset's view; the whole border fits the line's own box. */
export function presetViewport(id: PresetId, line: ReadonlyArray<readonly [number, number]>, width: number, height: number): Viewport {
  const preset = PRESETS.find((p) => p.id === id);
  if (preset?.box) return fitBounds(preset.box, width, height);
  return fitBounds(boundsOf(line), width, height);
}

export function boundsOf(points: ReadonlyArray<readonly [number, number]>): GeoRegion {
  let west = Infinity,
    south = Infinity,
    east = -Infinity,
    north = -Infinity;
  for (const [lon, lat] of points) {
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  }
  if (west === Infinity) return { west: -117.2, east: -97.1, south: 25.8, north: 32.8 };
  return { west, south, east, north };
}

/** A new surface size keeping the same centre and zoom (a window resize must not move the map). */
export function resized(v: Viewport, width: number, height: number): Viewport {
  return { ...v, width, height };
}
