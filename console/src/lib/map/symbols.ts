/**
 * The track symbols. Where the browser has OffscreenCanvas, each look (classification, whose
 * sensors, stale or not, heading to the nearest 10°) is drawn once into a small sprite and every
 * track is then one drawImage at a whole device pixel: a frame of 2,000 tracks makes 2,000 canvas
 * calls instead of 15,000, and Chromium without a GPU rasterises copies far faster than paths.
 * Elsewhere (Node's tests) the same symbols are drawn as paths, in chunks.
 */
import type { Canvas2D } from './render.js';
import type { LiveTrack } from './state.js';
import { addShape, CLASS_STYLES, headingTick, type Detail, type StyleGroup } from './style.js';

export interface Projected {
  track: LiveTrack;
  x: number;
  y: number;
}

export const OUTLINE = '#111820';
const SYMBOL_CHUNK = 64;
const HEADING_STEP_DEG = 10;

interface Sprite {
  image: ImageBitmap;
  /** From the symbol's centre to the sprite's top-left corner, in device pixels (negative). */
  dx: number;
  dy: number;
}

const BUCKETS = 360 / HEADING_STEP_DEG;

/** Which sprite of a look: a heading rounded to 10°, or the last slot for "not moving". */
function bucketOf(course: number | null): number {
  if (course === null || !Number.isFinite(course)) return BUCKETS;
  return Math.round((((course % 360) + 360) % 360) / HEADING_STEP_DEG) % BUCKETS;
}

/** Sprites by look, made on first use; a few hundred at most, a few kilobytes each. */
export class SpriteCache {
  private readonly looks = new Map<string, Array<Sprite | null | undefined>>();

  static available(): boolean {
    return typeof OffscreenCanvas !== 'undefined' && typeof OffscreenCanvas.prototype.transferToImageBitmap === 'function';
  }

  /** The sprites of one look at one size, indexed by heading bucket (asked once per group, not per track). */
  look(g: StyleGroup<Projected>, r: number, dpr: number): Array<Sprite | null | undefined> {
    const key = `${g.key}|${r}|${dpr}`;
    let sprites = this.looks.get(key);
    if (!sprites) {
      sprites = new Array<Sprite | null | undefined>(BUCKETS + 1);
      this.looks.set(key, sprites);
    }
    return sprites;
  }

  sprite(
    sprites: Array<Sprite | null | undefined>,
    g: StyleGroup<Projected>,
    course: number | null,
    r: number,
    dpr: number,
  ): Sprite | null {
    const b = bucketOf(course);
    let sprite = sprites[b];
    if (sprite === undefined) {
      sprite = makeSprite(g, b === BUCKETS ? null : b * HEADING_STEP_DEG, r, dpr);
      sprites[b] = sprite;
    }
    return sprite;
  }
}

function makeSprite(g: StyleGroup<Projected>, course: number | null, r: number, dpr: number): Sprite | null {
  // Only as large as what it holds (the symbol, and the tick on one side): copying pixels is what costs.
  const pad = 2;
  const tick = course === null ? null : headingTick(course, r, r + 4);
  const west = Math.min(-r, tick ? tick.x1 : 0) - pad,
    east = Math.max(r, tick ? tick.x1 : 0) + pad;
  const north = Math.min(-r, tick ? tick.y1 : 0) - pad,
    south = Math.max(r, tick ? tick.y1 : 0) + pad;
  const canvas = new OffscreenCanvas(Math.ceil((east - west) * dpr), Math.ceil((south - north) * dpr));
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const style = CLASS_STYLES[g.classification];
  ctx.setTransform(dpr, 0, 0, dpr, -west * dpr, -north * dpr);
  ctx.globalAlpha = g.stale ? 0.45 : 1;
  ctx.beginPath();
  addShape(ctx, style.shape, 0, 0, r);
  ctx.fillStyle = style.colour;
  ctx.fill();
  ctx.strokeStyle = OUTLINE;
  ctx.lineWidth = g.provenance === 'own' ? 1.5 : 1.8;
  ctx.setLineDash(g.provenance === 'own' ? [] : [2.5, 2]);
  ctx.stroke();
  ctx.setLineDash([]);
  if (tick) {
    ctx.beginPath();
    ctx.moveTo(tick.x0, tick.y0);
    ctx.lineTo(tick.x1, tick.y1);
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  // An ImageBitmap, not the canvas: drawing a canvas snapshots it on every call.
  return { image: canvas.transferToImageBitmap(), dx: west * dpr, dy: north * dpr };
}

function drawSprites(ctx: Canvas2D, groups: StyleGroup<Projected>[], d: Detail, dim: number, dpr: number, cache: SpriteCache): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = dim;
  for (const g of groups) {
    const sprites = cache.look(g, d.symbolRadius, dpr);
    for (const { track, x, y } of g.items) {
      const sprite = cache.sprite(sprites, g, track.view.border.courseDeg, d.symbolRadius, dpr);
      if (sprite) ctx.drawImage(sprite.image, Math.round(x * dpr + sprite.dx), Math.round(y * dpr + sprite.dy));
    }
  }
  ctx.globalAlpha = 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
}

function drawPaths(ctx: Canvas2D, groups: StyleGroup<Projected>[], d: Detail, dim: number, hairline: number): void {
  const r = d.symbolRadius;
  for (const g of groups) {
    const style = CLASS_STYLES[g.classification];
    ctx.globalAlpha = (g.stale ? 0.45 : 1) * dim;
    ctx.fillStyle = style.colour;
    ctx.strokeStyle = OUTLINE;
    ctx.lineWidth = d.crowded ? hairline : g.provenance === 'own' ? 1.5 : 1.8;
    ctx.setLineDash(g.provenance === 'own' ? [] : [2.5, 2]);
    for (let from = 0; from < g.items.length; from += SYMBOL_CHUNK) {
      ctx.beginPath();
      const to = Math.min(g.items.length, from + SYMBOL_CHUNK);
      for (let k = from; k < to; k++) addShape(ctx, style.shape, g.items[k]!.x, g.items[k]!.y, r);
      ctx.fill();
      ctx.stroke();
    }
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = dim;
  ctx.strokeStyle = OUTLINE;
  ctx.lineWidth = d.crowded ? hairline : 2;
  for (const g of groups) {
    for (let from = 0; from < g.items.length; from += SYMBOL_CHUNK) {
      ctx.beginPath();
      const to = Math.min(g.items.length, from + SYMBOL_CHUNK);
      for (let k = from; k < to; k++) {
        const { track, x, y } = g.items[k]!;
        const course = track.view.border.courseDeg;
        if (course === null || !Number.isFinite(course)) continue;
        const tick = headingTick(course, r, r + 4);
        ctx.moveTo(x + tick.x0, y + tick.y0);
        ctx.lineTo(x + tick.x1, y + tick.y1);
      }
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
}

/** The symbols of every group, in the groups' order (stale underneath, hostile on top). */
export function drawSymbols(
  ctx: Canvas2D,
  groups: StyleGroup<Projected>[],
  d: Detail,
  dim: number,
  dpr: number,
  cache: SpriteCache | null,
): void {
  if (cache) drawSprites(ctx, groups, d, dim, dpr, cache);
  else drawPaths(ctx, groups, d, dim, 1 / dpr);
}
