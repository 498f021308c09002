/**
 * The U.S.–Mexico boundary, derived offline from Natural Earth (npm `world-atlas`, public domain):
 * read once from node_modules and cached, so no start-up depends on the network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { LineIndex, PolygonIndex } from './geometry.js';

export const US_ID = '840';
export const MX_ID = '484';

export interface BorderGeometry {
  /** The boundary as one LineString, west → east, [lon, lat] pairs. */
  line: Array<[number, number]>;
  lineIndex: LineIndex;
  us: PolygonIndex;
  mx: PolygonIndex;
}

type Pair = [number, number];

function pair(p: Position): Pair {
  return [p[0]!, p[1]!];
}

function ringsOf(g: Polygon | MultiPolygon): Pair[][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.flatMap((poly) => poly.map((ring) => ring.map(pair)));
}

function isCountries(t: Topology): GeometryCollection<{ name?: string }> {
  const countries = t.objects['countries'];
  if (!countries || countries.type !== 'GeometryCollection') {
    throw new Error('world-atlas countries-10m.json has no "countries" GeometryCollection');
  }
  return countries as GeometryCollection<{ name?: string }>;
}

/** Builds the geometry from a parsed TopoJSON (tests may pass their own). */
export function borderFromTopology(topology: Topology): BorderGeometry {
  const countries = isCountries(topology);
  const byId = (id: string): GeometryObject => {
    const g = countries.geometries.find((x) => String(x.id) === id);
    if (!g) throw new Error(`world-atlas has no country ${id}`);
    return g;
  };
  const shared = mesh(
    topology,
    countries,
    (a, b) => (String(a.id) === US_ID && String(b.id) === MX_ID) || (String(a.id) === MX_ID && String(b.id) === US_ID),
  );
  // Natural Earth stores the shared arcs as one chain today; if a future release splits it, the
  // ordering below would be wrong silently, so refuse rather than guess.
  if (shared.coordinates.length !== 1) {
    throw new Error(`expected one U.S.–Mexico chain in world-atlas, found ${shared.coordinates.length}`);
  }
  const line = shared.coordinates[0]!.map(pair);
  if (line[0]![0] > line[line.length - 1]![0]) line.reverse();

  const polygonOf = (id: string): PolygonIndex => {
    const f = feature(topology, byId(id));
    if (f.type !== 'Feature' || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) {
      throw new Error(`country ${id} is not a polygon in world-atlas`);
    }
    return new PolygonIndex(ringsOf(f.geometry));
  };
  return { line, lineIndex: new LineIndex(line), us: polygonOf(US_ID), mx: polygonOf(MX_ID) };
}

let cached: BorderGeometry | undefined;

/** The geometry from the installed world-atlas, computed on first use (~100 ms) and kept. */
export function borderGeometry(): BorderGeometry {
  if (!cached) {
    const file = createRequire(import.meta.url).resolve('world-atlas/countries-10m.json');
    cached = borderFromTopology(JSON.parse(readFileSync(file, 'utf8')) as Topology);
  }
  return cached;
}
