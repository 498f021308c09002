/**
 * Loads the drone map's pure modules (console/src/lib/map, with the rest of console/src/lib they
 * import) for node:test, the way web-lib-testing.ts loads console/src/lib: transpiled with
 * TypeScript into a temporary folder, subfolders kept, and imported from there. Their shapes are
 * restated here as far as the tests use them.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const LIB = fileURLToPath(new URL('../../console/src/lib/', import.meta.url));

export interface Region {
  west: number;
  south: number;
  east: number;
  north: number;
}
export interface Viewport {
  lon: number;
  lat: number;
  zoom: number;
  width: number;
  height: number;
}
export type PresetId = 'border' | 'tijuana' | 'mexicali' | 'nogales' | 'juarez';

export interface ProjectionLib {
  MIN_ZOOM: number;
  MAX_ZOOM: number;
  PRESETS: ReadonlyArray<{ id: PresetId; box: Region | null }>;
  affineOf(v: Viewport): { ax: number; bx: number; ay: number; by: number };
  project(v: Viewport, lon: number, lat: number): { x: number; y: number };
  unproject(v: Viewport, x: number, y: number): { lon: number; lat: number };
  viewBounds(v: Viewport): Region;
  clampViewport(v: Viewport, region: Region): Viewport;
  panBy(v: Viewport, dx: number, dy: number, x?: number, y?: number): Viewport;
  zoomAt(v: Viewport, factor: number, x: number, y: number): Viewport;
  fitBounds(box: Region, width: number, height: number, padding?: number): Viewport;
  presetViewport(id: PresetId, line: ReadonlyArray<readonly [number, number]>, width: number, height: number): Viewport;
}

export interface GeometryLib {
  intersects(a: Region, b: Region): boolean;
  clipSegment(ax: number, ay: number, bx: number, by: number, box: Region): [number, number] | null;
  visibleRuns(xs: ArrayLike<number>, ys: ArrayLike<number>, box: Region): Array<[number, number]>;
  decimate(xs: ArrayLike<number>, ys: ArrayLike<number>, count: number, minPx: number, out: Float32Array): number;
  nearestPlace<T extends { lat: number; lon: number }>(
    places: readonly T[],
    lat: number,
    lon: number,
  ): { place: T; distanceM: number } | null;
}

export interface HitGrid {
  size: number;
  clear(): void;
  insert(id: string, x: number, y: number): void;
  nearest(x: number, y: number, radius: number): string | null;
  within(x0: number, y0: number, x1: number, y1: number): string[];
}
export interface HitLib {
  HitGrid: new (cellPx?: number) => HitGrid;
}

export type Json = Record<string, unknown>;
export interface Changes {
  tracks: boolean;
  incidents: boolean;
  alerts: boolean;
  newAlerts: string[];
}
export interface DroneState {
  tracks: Map<string, { view: Json & { id: string; lastSeen: number }; bounds: Region }>;
  incidents: Map<string, Json>;
  alerts: Map<string, Json & { id: string; state: string; level: number }>;
  country: string;
  clockOffsetMs: number;
  trackVersion: number;
  incidentVersion: number;
  alertVersion: number;
  loaded: boolean;
  reset(picture: Json, browserNow?: number): Changes;
  apply(events: readonly Json[]): Changes;
  upsertAlert(a: Json): 'raised' | 'changed' | null;
  expire(browserNow: number, graceMs?: number): boolean;
  alertList(): Array<Json & { id: string }>;
  openAlertCount(): { count: number; level: number };
  incidentList(): Array<Json & { id: string }>;
  incidentTrackIds(): Set<string>;
}
export interface StateLib {
  DroneState: new () => DroneState;
  coalesce(events: readonly Json[]): Json[];
  parseStreamEvent(data: string): Json | null;
  trackBounds(t: Json): Region;
}

export interface ReplayLib {
  replayRange(incident: Json): { start: number; end: number };
  replayAt(
    incident: Json,
    t: number,
  ): {
    t: number;
    tracks: Array<{
      trackId: string;
      classification: string;
      points: Array<[number, number]>;
      head: { lon: number; lat: number; courseDeg: number | null } | null;
    }>;
    entries: Array<Json & { at: number; kind: string }>;
  };
  playbackRate(range: { start: number; end: number }, targetMs?: number): number;
  advance(t: number, elapsedMs: number, range: { start: number; end: number }): { t: number; done: boolean };
}

export interface StyleGroup {
  key: string;
  classification: string;
  provenance: string;
  stale: boolean;
  items: unknown[];
}
export interface StyleLib {
  CLASS_STYLES: Record<string, { colour: string; trail: string; shape: string }>;
  CLASSIFICATIONS: readonly string[];
  provenanceOf(t: { origin: string; originCountry: string }, ownCountry: string): 'own' | 'partner';
  groupByStyle<T>(
    items: Iterable<T>,
    read: (item: T) => { classification: string; provenance: 'own' | 'partner'; stale: boolean },
  ): StyleGroup[];
  headingTick(courseDeg: number, r: number, length: number): { x0: number; y0: number; x1: number; y1: number };
  detailFor(zoom: number, visibleTracks: number): Json & { trackBadges: boolean; cityLabels: boolean; portLabels: boolean };
  isStale(t: { staleAt: number }, nodeNow: number): boolean;
}

export interface LabelsLib {
  placeLabels(
    candidates: ReadonlyArray<{ text: string; x: number; y: number; width: number; height: number; priority: number }>,
    view: { width: number; height: number },
  ): Array<{ text: string; x: number; y: number; align: 'left' | 'right' }>;
}

export interface BackoffLib {
  retryDelayMs(attempt: number, random?: () => number): number;
}

export interface RenderLib {
  Scratch: new () => unknown;
  renderMap(
    ctx: unknown,
    v: Viewport,
    dpr: number,
    scene: Json,
    hit: HitGrid,
    scratch?: unknown,
  ): { visibleTracks: number; drawnPoints: number };
}

export interface RoutesLib {
  parseRoute(pathname: string, search: string): Json & { name: string };
  hrefOf(route: Json): string;
  canOpen(section: string, permissions: readonly string[]): boolean;
  SECTIONS: readonly string[];
}

export interface ApiLib {
  EVIDENCE_FORMATS: readonly string[];
  dronesApi: {
    geography: string;
    picture: string;
    stream: string;
    ack(alertId: string): string;
    incident(id: string): string;
    evidence(id: string, format: string, locale: string): string;
  };
}

export interface MapLib {
  projection: ProjectionLib;
  geometry: GeometryLib;
  hit: HitLib;
  state: StateLib;
  replay: ReplayLib;
  style: StyleLib;
  labels: LabelsLib;
  backoff: BackoffLib;
  render: RenderLib;
  routes: RoutesLib;
  api: ApiLib;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Registers the hooks that load console/src/lib (map included) around one test file; the result reads it. */
export function mapLib(): () => MapLib {
  let dir = '';
  let loaded: MapLib | null = null;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'enlace-web-map-'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    for (const file of sources(LIB)) {
      const rel = relative(LIB, file);
      const out = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: rel,
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      });
      const target = join(dir, rel.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, out.outputText);
    }
    const load = async <T>(name: string): Promise<T> => (await import(pathToFileURL(join(dir, `${name}.js`)).href)) as T;
    loaded = {
      projection: await load<ProjectionLib>('map/projection'),
      geometry: await load<GeometryLib>('map/geometry'),
      hit: await load<HitLib>('map/hit'),
      state: await load<StateLib>('map/state'),
      replay: await load<ReplayLib>('map/replay'),
      style: await load<StyleLib>('map/style'),
      labels: await load<LabelsLib>('map/labels'),
      backoff: await load<BackoffLib>('map/backoff'),
      render: await load<RenderLib>('map/render'),
      routes: await load<RoutesLib>('routes'),
      api: await load<ApiLib>('api'),
    };
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    assert.ok(loaded, 'console/src/lib/map was not loaded');
    return loaded;
  };
}
