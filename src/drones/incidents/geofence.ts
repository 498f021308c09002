/**
 * Geofences: a circle around every port of entry plus the protected sites a node configures
 * (circles or polygons). A track enters a zone once; it must go clearly out — 10% of the zone's
 * radius beyond its edge by default — before another entry counts, so a drone hovering on the edge
 * raises one alert, not one per GPS wobble.
 */
import { area, bbox, booleanPointInPolygon, pointToPolygonDistance, polygon as turfPolygon } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { EnlaceError } from '../../errors/index.js';
import { haversineM } from '../border/geometry.js';
import type { LatLon, PortOfEntry } from '../border/model.js';
import { bilingual } from './describe.js';

export interface CircleSite {
  id: string;
  name: string;
  lat: number;
  lon: number;
  radiusM: number;
}

export interface PolygonSite {
  id: string;
  name: string;
  /** One outer ring of [lon, lat] corners; closing it (repeating the first) is optional. */
  polygon: Array<[number, number]>;
}

export type ProtectedSite = CircleSite | PolygonSite;

/** A zone as the geofence rule checks it. */
export interface Zone {
  /** `port:<port id>` or `site:<site id>`. */
  key: string;
  id: string;
  name: string;
  kind: 'port' | 'site';
  /** The Mexican city of a port, null for sites. */
  city: string | null;
  /** Circle radius; for a polygon, the radius of the circle of the same area. */
  radiusM: number;
  /** Inside the zone proper: an entry. */
  contains(p: LatLon): boolean;
  /** Far enough outside that the next entry counts again. */
  leftBehind(p: LatLon): boolean;
}

export const SITE_LIMITS = { id: 100, name: 200, maxRadiusM: 100_000, maxCorners: 10_000 } as const;

function siteError(site: string, field: string): EnlaceError {
  return new EnlaceError('config.invalid', { detail: bilingual('config.site-field', { site: site.slice(0, 100), field }) });
}

function finiteIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
}

function circle(
  key: string,
  id: string,
  name: string,
  kind: Zone['kind'],
  city: string | null,
  centre: LatLon,
  radiusM: number,
  exitFactor: number,
): Zone {
  const exitM = radiusM * exitFactor;
  return {
    key,
    id,
    name,
    kind,
    city,
    radiusM,
    contains: (p) => haversineM(p, centre) <= radiusM,
    leftBehind: (p) => haversineM(p, centre) > exitM,
  };
}

export function portZones(ports: readonly PortOfEntry[], radiusM: number, exitFactor: number): Zone[] {
  return ports.map((p) => circle(`port:${p.id}`, p.id, p.portUs, 'port', p.cityMx, p, radiusM, exitFactor));
}

function polygonZone(site: PolygonSite, exitFactor: number): Zone {
  const label = String(site.id);
  const ring = site.polygon;
  if (!Array.isArray(ring) || ring.length > SITE_LIMITS.maxCorners + 1) {
    throw new EnlaceError('config.invalid', { detail: bilingual('config.site-polygon', { site: label, max: SITE_LIMITS.maxCorners }) });
  }
  const corners: Array<[number, number]> = [];
  for (const c of ring) {
    if (!Array.isArray(c) || c.length !== 2 || !finiteIn(c[0], -180, 180) || !finiteIn(c[1], -90, 90)) throw siteError(label, 'polygon');
    corners.push([c[0], c[1]]);
  }
  const first = corners[0];
  const last = corners[corners.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) corners.push([first[0], first[1]]);
  const distinct = new Set(corners.map((c) => `${c[0]},${c[1]}`));
  if (distinct.size < 3) {
    throw new EnlaceError('config.invalid', { detail: bilingual('config.site-polygon', { site: label, max: SITE_LIMITS.maxCorners }) });
  }
  const shape: Feature<Polygon> = turfPolygon([corners]);
  const squareM = area(shape);
  if (!(squareM > 0)) throw siteError(label, 'polygon');
  const radiusM = Math.sqrt(squareM / Math.PI);
  const exitM = radiusM * (exitFactor - 1);
  const [minLon, minLat, maxLon, maxLat] = bbox(shape) as [number, number, number, number];
  // A cheap box test first: most tracks are nowhere near most sites.
  const marginDeg = exitM / 111_000 + 0.001;
  const inBox = (p: LatLon, marginDeg: number): boolean => {
    const lonMarginDeg = marginDeg / Math.max(0.01, Math.cos((p.lat * Math.PI) / 180));
    return p.lat >= minLat - marginDeg && p.lat <= maxLat + marginDeg && p.lon >= minLon - lonMarginDeg && p.lon <= maxLon + lonMarginDeg;
  };
  return {
    key: `site:${site.id}`,
    id: site.id,
    name: site.name,
    kind: 'site',
    city: null,
    radiusM,
    contains: (p) => inBox(p, 0) && booleanPointInPolygon([p.lon, p.lat], shape),
    leftBehind: (p) => !inBox(p, marginDeg) || pointToPolygonDistance([p.lon, p.lat], shape, { units: 'meters' }) > exitM,
  };
}

/** Checks and compiles the configured sites; a bad site stops start-up with its id and field. */
export function siteZones(sites: readonly ProtectedSite[], exitFactor: number): Zone[] {
  const seen = new Set<string>();
  return sites.map((site, index) => {
    const label = typeof site.id === 'string' ? site.id : `#${index}`;
    if (typeof site.id !== 'string' || site.id.length === 0 || site.id.length > SITE_LIMITS.id) throw siteError(label, 'id');
    if (typeof site.name !== 'string' || site.name.length === 0 || site.name.length > SITE_LIMITS.name) throw siteError(label, 'name');
    if (seen.has(site.id)) throw new EnlaceError('config.invalid', { detail: bilingual('config.site-duplicate', { site: label }) });
    seen.add(site.id);
    if ('polygon' in site) return polygonZone(site, exitFactor);
    if (!finiteIn(site.lat, -90, 90)) throw siteError(label, 'lat');
    if (!finiteIn(site.lon, -180, 180)) throw siteError(label, 'lon');
    if (!finiteIn(site.radiusM, 0, SITE_LIMITS.maxRadiusM) || site.radiusM === 0) throw siteError(label, 'radiusM');
    return circle(`site:${site.id}`, site.id, site.name, 'site', null, site, site.radiusM, exitFactor);
  });
}

/** One track's presence in the zones. */
export class GeofenceWatch {
  private readonly inside = new Set<string>();

  /** The zones this position enters. */
  update(p: LatLon, zones: readonly Zone[]): Zone[] {
    const entered: Zone[] = [];
    for (const z of zones) {
      if (this.inside.has(z.key)) {
        if (z.leftBehind(p)) this.inside.delete(z.key);
      } else if (z.contains(p)) {
        this.inside.add(z.key);
        entered.push(z);
      }
    }
    return entered;
  }
}
