/**
 * The map under the tracks: sea, the two countries, state lines, the boundary, cities and ports
 * with their names. Drawn into a cached layer once per view (and language), so that a frame in
 * which only tracks moved copies it in one call.
 */
import type { Geography, GeoRegion, Ring } from '../types.js';
import { intersects, visibleRuns } from './geometry.js';
import { placeLabels, type LabelCandidate } from './labels.js';
import type { Affine, Viewport } from './projection.js';
import type { Canvas2D } from './render.js';
import type { Detail } from './style.js';

const COLOURS = {
  /** Beyond the region the node ships geography for: plainly not sea, not land. */
  outside: '#e3e5e8',
  sea: '#d5e3ef',
  us: '#f3f0e8',
  mx: '#ebf1e2',
  state: '#8f98a3',
  border: '#1d2733',
  borderCasing: '#ffffff',
  port: '#0e1a29',
  city: '#3a4656',
  label: '#1b2533',
  halo: 'rgba(255, 255, 255, 0.9)',
  stateLabel: 'rgba(60, 72, 88, 0.55)',
};

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif';

/** The cached layer and what the background's drawing reuses between views. */
export class BaseCache {
  layer: { key: string; canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D } | null = null;
  geography: Geography | null = null;
  readonly ringBounds = new WeakMap<Ring, GeoRegion>();
  xs = new Float64Array(1024);
  ys = new Float64Array(1024);

  ensure(points: number): void {
    if (this.xs.length >= points) return;
    this.xs = new Float64Array(points);
    this.ys = new Float64Array(points);
  }
}

function boundsOfRing(s: BaseCache, ring: Ring): GeoRegion {
  let b = s.ringBounds.get(ring);
  if (!b) {
    b = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
    for (const [lon, lat] of ring) {
      if (lon < b.west) b.west = lon;
      if (lon > b.east) b.east = lon;
      if (lat < b.south) b.south = lat;
      if (lat > b.north) b.north = lat;
    }
    s.ringBounds.set(ring, b);
  }
  return b;
}

function fillRings(ctx: Canvas2D, rings: readonly Ring[], a: Affine, view: GeoRegion, s: BaseCache, fill: string): void {
  ctx.beginPath();
  for (const ring of rings) {
    if (!intersects(boundsOfRing(s, ring), view)) continue;
    for (let i = 0; i < ring.length; i++) {
      const p = ring[i]!;
      const x = p[0] * a.ax + a.bx,
        y = p[1] * a.ay + a.by;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.closePath();
  }
  ctx.fillStyle = fill;
  ctx.fill('evenodd');
}

/** Adds the visible runs of a line (or a ring, closed) to the current path. */
function addLine(
  ctx: Canvas2D,
  line: readonly (readonly [number, number])[],
  closed: boolean,
  a: Affine,
  view: GeoRegion,
  s: BaseCache,
): void {
  const n = line.length + (closed ? 1 : 0);
  s.ensure(n);
  for (let i = 0; i < n; i++) {
    const p = line[i % line.length]!;
    s.xs[i] = p[0];
    s.ys[i] = p[1];
  }
  for (const [from, to] of visibleRuns(s.xs.subarray(0, n), s.ys.subarray(0, n), view)) {
    for (let i = from; i <= to; i++) {
      const x = s.xs[i]! * a.ax + a.bx,
        y = s.ys[i]! * a.ay + a.by;
      if (i === from) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
  }
}

function haloText(ctx: Canvas2D, text: string, x: number, y: number): void {
  ctx.strokeText(text, x, y);
  ctx.fillText(text, x, y);
}

function drawBase(ctx: Canvas2D, g: Geography, v: Viewport, a: Affine, view: GeoRegion, s: BaseCache, lang: 'en' | 'es', d: Detail): void {
  fillRings(ctx, g.countries.us, a, view, s, COLOURS.us);
  fillRings(ctx, g.countries.mx, a, view, s, COLOURS.mx);

  ctx.beginPath();
  for (const st of g.states) for (const ring of st.rings) if (intersects(boundsOfRing(s, ring), view)) addLine(ctx, ring, true, a, view, s);
  ctx.strokeStyle = COLOURS.state;
  ctx.lineWidth = 1;
  ctx.setLineDash([5, 4]);
  ctx.stroke();
  ctx.setLineDash([]);

  // The line itself: a white casing under a dark stroke reads on both countries' fills and on the sea.
  ctx.beginPath();
  addLine(ctx, g.border, false, a, view, s);
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.strokeStyle = COLOURS.borderCasing;
  ctx.lineWidth = 6;
  ctx.stroke();
  ctx.strokeStyle = COLOURS.border;
  ctx.lineWidth = 3;
  ctx.stroke();

  if (d.stateLabels) {
    ctx.font = `600 ${v.zoom < 60 ? 12 : 15}px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = COLOURS.stateLabel;
    for (const st of g.states) {
      const x = st.label[0] * a.ax + a.bx,
        y = st.label[1] * a.ay + a.by;
      if (x < -100 || y < -20 || x > v.width + 100 || y > v.height + 20) continue;
      ctx.fillText((lang === 'es' ? st.name.es : st.name.en).toUpperCase(), x, y);
    }
  }

  const candidates: LabelCandidate[] = [];
  ctx.font = `12px ${FONT}`;
  ctx.beginPath();
  for (const c of g.cities) {
    const x = c.lon * a.ax + a.bx,
      y = c.lat * a.ay + a.by;
    if (x < 0 || y < 0 || x > v.width || y > v.height) continue;
    ctx.moveTo(x + 3, y);
    ctx.arc(x, y, 3, 0, Math.PI * 2);
    if (d.cityLabels) candidates.push({ text: c.name, x, y, width: ctx.measureText(c.name).width, height: 14, priority: 2 });
  }
  ctx.fillStyle = COLOURS.city;
  ctx.fill();

  ctx.beginPath();
  for (const p of g.ports) {
    const x = p.lon * a.ax + a.bx,
      y = p.lat * a.ay + a.by;
    if (x < -5 || y < -5 || x > v.width + 5 || y > v.height + 5) continue;
    ctx.rect(x - 3.5, y - 3.5, 7, 7);
    if (d.portLabels) candidates.push({ text: p.name, x, y, width: ctx.measureText(p.name).width, height: 14, priority: 1 });
  }
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.strokeStyle = COLOURS.port;
  ctx.lineWidth = 1.5;
  ctx.stroke();

  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = COLOURS.halo;
  ctx.fillStyle = COLOURS.label;
  for (const l of placeLabels(candidates, v)) {
    ctx.textAlign = l.align;
    haloText(ctx, l.text, l.x, l.y);
  }
}

function paintBase(
  ctx: Canvas2D,
  v: Viewport,
  a: Affine,
  cull: GeoRegion,
  s: BaseCache,
  geography: Geography | null,
  lang: 'en' | 'es',
  d: Detail,
): void {
  if (!geography) {
    ctx.fillStyle = COLOURS.sea;
    ctx.fillRect(0, 0, v.width, v.height);
    return;
  }
  ctx.fillStyle = COLOURS.outside;
  ctx.fillRect(0, 0, v.width, v.height);
  // Sea only inside the region: outside it the map has no countries, which must not read as ocean.
  const r = geography.region;
  const x0 = r.west * a.ax + a.bx,
    x1 = r.east * a.ax + a.bx;
  const y0 = r.north * a.ay + a.by,
    y1 = r.south * a.ay + a.by;
  ctx.fillStyle = COLOURS.sea;
  ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
  drawBase(ctx, geography, v, a, cull, s, lang, d);
}

/**
 * The background for this view from the cache, drawn again only when the view, the language or
 * the geography changed: a stream batch then costs the tracks alone. Where no OffscreenCanvas
 * exists (Node) it is drawn straight onto the frame.
 */
export function drawBackground(
  ctx: Canvas2D,
  v: Viewport,
  dpr: number,
  a: Affine,
  cull: GeoRegion,
  s: BaseCache,
  geography: Geography | null,
  lang: 'en' | 'es',
  d: Detail,
): void {
  if (typeof OffscreenCanvas === 'undefined') {
    paintBase(ctx, v, a, cull, s, geography, lang, d);
    return;
  }
  const width = Math.round(v.width * dpr);
  const height = Math.round(v.height * dpr);
  const key = `${v.lon}|${v.lat}|${v.zoom}|${width}|${height}|${dpr}|${lang}`;
  let layer = s.layer;
  if (!layer || layer.canvas.width !== width || layer.canvas.height !== height) {
    const canvas = new OffscreenCanvas(width, height);
    const layerCtx = canvas.getContext('2d');
    if (!layerCtx) {
      paintBase(ctx, v, a, cull, s, geography, lang, d);
      return;
    }
    layer = { key: '', canvas, ctx: layerCtx };
    s.layer = layer;
  }
  if (layer.key !== key || s.geography !== geography) {
    layer.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    paintBase(layer.ctx, v, a, cull, s, geography, lang, d);
    layer.key = key;
    s.geography = geography;
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(layer.canvas, 0, 0);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
}
