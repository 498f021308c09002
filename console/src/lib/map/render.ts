/**
 * Paints one frame of the drone map on a 2D canvas context (on screen, or an OffscreenCanvas in the
 * benchmark). It touches no document: what it draws comes in as a scene. The cost of a frame
 * follows the tracks in view, not the tracks known: the background comes from a cached layer,
 * trails are drawn per style in a few paths, symbols are copied from sprites, and trails too short
 * to see are not drawn. That keeps 2,000 tracks with 60-point trails near a frame's budget even in
 * Chromium without a GPU (src/bench/drones-map.ts measures it).
 */
import type { Geography } from '../types.js';
import { BaseCache, drawBackground, FONT } from './base.js';
import { decimate, grown, intersects } from './geometry.js';
import { type HitGrid } from './hit.js';
import { affineOf, viewBounds, type Affine, type Viewport } from './projection.js';
import type { ReplayFrame } from './replay.js';
import type { LiveTrack } from './state.js';
import {
  addShape,
  CLASS_STYLES,
  detailFor,
  groupByStyle,
  headingTick,
  isStale,
  provenanceOf,
  type Detail,
  type StyleGroup,
} from './style.js';
import { drawSymbols, OUTLINE, SpriteCache, type Projected } from './symbols.js';

export type Canvas2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface Scene {
  geography: Geography | null;
  tracks: Iterable<LiveTrack>;
  ownCountry: string;
  /** Now on the node's clock (stale tracks fade). */
  nodeNow: number;
  /** Tracks held by open incidents: ringed. */
  incidentTracks: ReadonlySet<string>;
  selected: string | null;
  hovered: string | null;
  replay: ReplayFrame | null;
  /** Which of a state's two names to print. */
  lang: 'en' | 'es';
}

export interface FrameStats {
  visibleTracks: number;
  drawnPoints: number;
}

const COLOURS = {
  pilot: '#2d2d2d',
  incident: '#a3001b',
  selected: '#0b57d0',
};

/**
 * Without a GPU, Chromium rasterises a path in time that grows faster than its number of pieces:
 * 2,000 trails as one path cost several times what 125 paths of 16 cost. Batches stay per style
 * (one canvas state change per style) but are cut into chunks of this many trails.
 */
const TRAIL_CHUNK = 16;

/** Buffers reused from frame to frame: a frame allocates next to nothing. */
export class Scratch {
  xs = new Float32Array(128);
  ys = new Float32Array(128);
  out = new Float32Array(256);
  visible: LiveTrack[] = [];
  readonly base = new BaseCache();
  /** Null where there is no OffscreenCanvas: symbols are then drawn as paths. */
  sprites: SpriteCache | null = SpriteCache.available() ? new SpriteCache() : null;

  ensure(points: number): void {
    if (this.xs.length >= points) return;
    const n = Math.max(points, this.xs.length * 2);
    this.xs = new Float32Array(n);
    this.ys = new Float32Array(n);
    this.out = new Float32Array(2 * n);
  }
}

function drawTrails(
  ctx: Canvas2D,
  groups: StyleGroup<Projected>[],
  a: Affine,
  s: Scratch,
  d: Detail,
  dim: number,
  hairline: number,
): number {
  let points = 0;
  ctx.lineWidth = d.crowded ? hairline : 1.5;
  ctx.lineJoin = d.crowded ? 'miter' : 'round';
  for (const g of groups) {
    ctx.globalAlpha = (g.stale ? 0.4 : 1) * dim;
    ctx.strokeStyle = CLASS_STYLES[g.classification].trail;
    let inPath = 0;
    ctx.beginPath();
    for (const { track } of g.items) {
      const trail = track.view.trail;
      const n = trail.length;
      if (n < 2) continue;
      // A trail shorter than the symbol's radius hides under it: known from its box, before projecting a point.
      const b = track.bounds;
      if ((b.east - b.west) * a.ax < d.symbolRadius && (b.north - b.south) * -a.ay < d.symbolRadius) continue;
      s.ensure(n);
      for (let i = 0; i < n; i++) {
        const p = trail[i]!;
        s.xs[i] = p.lon * a.ax + a.bx;
        s.ys[i] = p.lat * a.ay + a.by;
      }
      const kept = decimate(s.xs, s.ys, n, d.trailSpacingPx, s.out);
      ctx.moveTo(s.out[0]!, s.out[1]!);
      for (let i = 1; i < kept; i++) ctx.lineTo(s.out[2 * i]!, s.out[2 * i + 1]!);
      points += kept;
      if (++inPath === TRAIL_CHUNK) {
        ctx.stroke();
        ctx.beginPath();
        inPath = 0;
      }
    }
    if (inPath > 0) ctx.stroke();
  }
  ctx.globalAlpha = 1;
  return points;
}

function drawPilots(ctx: Canvas2D, items: readonly Projected[], a: Affine, dim: number, d: Detail, hairline: number): void {
  const withPilot = items.filter((p) => p.track.view.pilot || p.track.view.takeoff);
  if (withPilot.length === 0) return;
  ctx.globalAlpha = dim;
  ctx.beginPath();
  for (const { track, x, y } of withPilot) {
    const pilot = track.view.pilot;
    if (!pilot) continue;
    ctx.moveTo(x, y);
    ctx.lineTo(pilot.lon * a.ax + a.bx, pilot.lat * a.ay + a.by);
  }
  ctx.setLineDash([4, 3]);
  ctx.strokeStyle = COLOURS.pilot;
  ctx.lineWidth = d.crowded ? hairline : 1.2;
  ctx.stroke();
  ctx.setLineDash([]);

  // Take-off points: a cross; pilots: a small white disc with a dark ring.
  ctx.beginPath();
  for (const { track } of withPilot) {
    const t = track.view.takeoff;
    if (!t) continue;
    const x = t.lon * a.ax + a.bx,
      y = t.lat * a.ay + a.by;
    ctx.moveTo(x - 4, y - 4);
    ctx.lineTo(x + 4, y + 4);
    ctx.moveTo(x + 4, y - 4);
    ctx.lineTo(x - 4, y + 4);
  }
  ctx.lineWidth = 2;
  ctx.stroke();
  ctx.beginPath();
  for (const { track } of withPilot) {
    const p = track.view.pilot;
    if (!p) continue;
    const x = p.lon * a.ax + a.bx,
      y = p.lat * a.ay + a.by;
    ctx.moveTo(x + 4, y);
    ctx.arc(x, y, 4, 0, Math.PI * 2);
  }
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.globalAlpha = 1;
}

function drawBadges(ctx: Canvas2D, items: readonly Projected[], d: Detail, ownCountry: string): void {
  const r = d.symbolRadius;
  ctx.font = `700 9px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const own of [true, false]) {
    ctx.beginPath();
    for (const { track, x, y } of items) {
      if ((provenanceOf(track.view, ownCountry) === 'own') !== own) continue;
      ctx.rect(x + r + 1, y - r - 9, 16, 10);
    }
    ctx.fillStyle = own ? '#ffffff' : '#1d2733';
    ctx.fill();
    ctx.strokeStyle = '#1d2733';
    ctx.lineWidth = 1;
    ctx.stroke();
    ctx.fillStyle = own ? '#1d2733' : '#ffffff';
    for (const { track, x, y } of items) {
      if ((provenanceOf(track.view, ownCountry) === 'own') !== own) continue;
      ctx.fillText(track.view.originCountry.slice(0, 2).toUpperCase(), x + r + 9, y - r - 3.5);
    }
  }
}

function ring(ctx: Canvas2D, points: readonly Projected[], radius: number, colour: string, width: number): void {
  if (points.length === 0) return;
  ctx.beginPath();
  for (const { x, y } of points) {
    ctx.moveTo(x + radius, y);
    ctx.arc(x, y, radius, 0, Math.PI * 2);
  }
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.stroke();
}

function drawReplay(ctx: Canvas2D, frame: ReplayFrame, a: Affine, d: Detail): void {
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  for (const t of frame.tracks) {
    if (t.points.length === 0) continue;
    ctx.beginPath();
    t.points.forEach(([lon, lat], i) => {
      const x = lon * a.ax + a.bx,
        y = lat * a.ay + a.by;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.strokeStyle = CLASS_STYLES[t.classification].colour;
    ctx.stroke();
  }
  for (const t of frame.tracks) {
    if (!t.head) continue;
    const x = t.head.lon * a.ax + a.bx,
      y = t.head.lat * a.ay + a.by;
    const style = CLASS_STYLES[t.classification];
    ctx.beginPath();
    addShape(ctx, style.shape, x, y, d.symbolRadius + 2);
    ctx.fillStyle = style.colour;
    ctx.fill();
    ctx.strokeStyle = OUTLINE;
    ctx.lineWidth = 2;
    ctx.stroke();
    if (t.head.courseDeg !== null) {
      const tick = headingTick(t.head.courseDeg, d.symbolRadius + 2, d.symbolRadius + 6);
      ctx.beginPath();
      ctx.moveTo(x + tick.x0, y + tick.y0);
      ctx.lineTo(x + tick.x1, y + tick.y1);
      ctx.stroke();
    }
  }
}

/**
 * One frame. `dpr` is the device pixel ratio the canvas's backing store was sized with; the hit
 * grid is refilled with the screen positions of the tracks drawn.
 */
export function renderMap(ctx: Canvas2D, v: Viewport, dpr: number, scene: Scene, hit: HitGrid, s: Scratch = new Scratch()): FrameStats {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const a = affineOf(v);
  const view = viewBounds(v);
  // Symbols and trails a little outside the view still show their edge; grown by a tenth.
  const cull = grown(view, 0.1);

  s.visible.length = 0;
  for (const t of scene.tracks) if (intersects(t.bounds, cull)) s.visible.push(t);
  const d = detailFor(v.zoom, s.visible.length);
  drawBackground(ctx, v, dpr, a, cull, s.base, scene.geography, scene.lang, detailFor(v.zoom, 0));
  const hairline = 1 / dpr;

  const projected: Projected[] = s.visible.map((track) => ({
    track,
    x: track.view.latest.lon * a.ax + a.bx,
    y: track.view.latest.lat * a.ay + a.by,
  }));
  const groups = groupByStyle(projected, (p) => ({
    classification: p.track.view.classification,
    provenance: provenanceOf(p.track.view, scene.ownCountry),
    stale: isStale(p.track.view, scene.nodeNow),
  }));
  const dim = scene.replay ? 0.3 : 1;

  const drawnPoints = drawTrails(ctx, groups, a, s, d, dim, hairline);
  drawPilots(ctx, projected, a, dim, d, hairline);
  ring(
    ctx,
    projected.filter((p) => scene.incidentTracks.has(p.track.view.id)),
    d.symbolRadius + 5,
    COLOURS.incident,
    2,
  );
  drawSymbols(ctx, groups, d, dim, dpr, s.sprites);
  if (d.trackBadges && !scene.replay) drawBadges(ctx, projected, d, scene.ownCountry);

  hit.clear();
  for (const g of groups) for (const p of g.items) hit.insert(p.track.view.id, p.x, p.y);

  const marked = projected.filter((p) => p.track.view.id === scene.selected || p.track.view.id === scene.hovered);
  ring(ctx, marked, d.symbolRadius + 8, COLOURS.selected, 3);
  if (scene.replay) drawReplay(ctx, scene.replay, a, d);
  return { visibleTracks: s.visible.length, drawnPoints };
}
