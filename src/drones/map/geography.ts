/**
 * What the console's drone map draws under the tracks, computed once from packages and files
 * shipped with Enlace (nothing is fetched at run time, so a node off the internet draws the same
 * map): the boundary line the border service measures against, the two countries and the border
 * states cut to the border region, the ports of entry and the border cities.
 * Served as JSON at GET /api/v1/drones/geography; the console keeps its own copy of these types.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { MX_ID, US_ID } from '../border/boundary.js';
import type { PortOfEntry } from '../border/model.js';
import { loadPorts } from '../border/ports.js';
import { borderService } from '../border/service.js';
import { loadCities, loadStates, type City, type Country, type StatePlace } from './places.js';
import { clipRing, rounded, simplifyRing, type LonLat, type Region, type Ring } from './shapes.js';

export type { LonLat, Region, Ring } from './shapes.js';
export type { Country } from './places.js';

/** The border region: the line with a few hundred kilometres either side. */
export const BORDER_REGION: Region = { west: -118.5, south: 24.5, east: -96.5, north: 34.5 };

/** About 200 m: below a pixel at the whole-border view, a few pixels at a city's. */
export const OUTLINE_TOLERANCE_DEG = 0.002;

export interface GeoState {
  /** ISO 3166-2 (US-CA, MX-BCN). */
  code: string;
  country: Country;
  name: { en: string; es: string };
  /** Where its name goes on the map. */
  label: LonLat;
  /** Outline cut to the region; empty for Mexican states (no outline source with a clear licence, see data/README.md). */
  rings: Ring[];
}

export interface GeoPort {
  id: string;
  /** The U.S. port's name (San Ysidro); `cityMx` is the city across. */
  name: string;
  cityMx: string;
  stateUs: string;
  stateMx: string;
  lat: number;
  lon: number;
}

export interface GeoCity {
  name: string;
  country: Country;
  lat: number;
  lon: number;
}

export interface Geography {
  region: Region;
  /** The boundary, west → east, the same line the border service measures distances to. */
  border: LonLat[];
  /** Country fills cut to the region (outer rings and holes: fill even-odd). */
  countries: { us: Ring[]; mx: Ring[] };
  states: GeoState[];
  ports: GeoPort[];
  cities: GeoCity[];
}

function pair(p: Position): LonLat {
  return [p[0]!, p[1]!];
}

function ringsOf(g: Polygon | MultiPolygon): LonLat[][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.flatMap((poly) => poly.map((ring) => ring.map(pair)));
}

/** Rings of one object of a TopoJSON collection, cut to the region and thinned; [] when it has none there. */
export function regionRings(topology: Topology, collection: string, id: string, region: Region, tolerance = OUTLINE_TOLERANCE_DEG): Ring[] {
  const objects = topology.objects[collection];
  if (!objects || objects.type !== 'GeometryCollection') throw new Error(`TopoJSON has no "${collection}" collection`);
  const g = (objects as GeometryCollection).geometries.find((x: GeometryObject) => String(x.id) === id);
  if (!g) throw new Error(`TopoJSON "${collection}" has no object ${id}`);
  const f = feature(topology, g);
  if (f.type !== 'Feature' || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) {
    throw new Error(`object ${id} of "${collection}" is not a polygon`);
  }
  const out: Ring[] = [];
  for (const ring of ringsOf(f.geometry)) {
    const thin = simplifyRing(clipRing(ring, region), tolerance).map((p) => rounded(p));
    if (thin.length >= 3) out.push(thin);
  }
  return out;
}

export interface GeographySources {
  borderLine: ReadonlyArray<readonly [number, number]>;
  countries: Topology;
  usStates: Topology;
  ports: readonly PortOfEntry[];
  cities: readonly City[];
  states: readonly StatePlace[];
}

/** Builds the map's geography from its sources (tests may pass their own). */
export function buildGeography(s: GeographySources, region: Region = BORDER_REGION): Geography {
  const inRegion = (p: { lat: number; lon: number }) =>
    p.lon >= region.west && p.lon <= region.east && p.lat >= region.south && p.lat <= region.north;
  return {
    region: { ...region },
    border: s.borderLine.map((p) => rounded(p)),
    countries: {
      us: regionRings(s.countries, 'countries', US_ID, region),
      mx: regionRings(s.countries, 'countries', MX_ID, region),
    },
    states: s.states.map((st) => ({
      code: st.code,
      country: st.country,
      name: { ...st.name },
      label: rounded([st.labelLon, st.labelLat]),
      rings: st.country === 'US' ? regionRings(s.usStates, 'states', st.fips, region) : [],
    })),
    ports: s.ports.filter(inRegion).map((p) => ({
      id: p.id,
      name: p.portUs,
      cityMx: p.cityMx,
      stateUs: p.stateUs,
      stateMx: p.stateMx,
      lat: p.lat,
      lon: p.lon,
    })),
    cities: s.cities.filter(inRegion).map((c) => ({ name: c.name, country: c.country, lat: c.lat, lon: c.lon })),
  };
}

function topology(specifier: string): Topology {
  const file = createRequire(import.meta.url).resolve(specifier);
  return JSON.parse(readFileSync(file, 'utf8')) as Topology;
}

let cached: Geography | undefined;

/** The shipped geography, computed on first use (some tens of milliseconds) and kept: it never changes while a node runs. */
export function borderGeography(): Geography {
  if (!cached) {
    cached = buildGeography({
      borderLine: borderService().line,
      countries: topology('world-atlas/countries-10m.json'),
      usStates: topology('us-atlas/states-10m.json'),
      ports: loadPorts(),
      cities: loadCities(),
      states: loadStates(),
    });
  }
  return cached;
}
