/**
 * How a track looks. Classification is told by colour AND shape (after MIL-STD-2525's frames:
 * hostile a diamond, suspect a triangle, unknown a square, friendly a circle), so that a reader
 * who cannot tell red from orange, or a grey-scale print, still can. Whose sensors saw it is the
 * outline: solid for this node's, dashed for the partner's, plus a country badge.
 */
import type { Classification, TrackView } from '../types.js';

export type Shape = 'diamond' | 'triangle' | 'square' | 'circle';

export interface ClassStyle {
  colour: string;
  /** The trail: the same hue, lighter. */
  trail: string;
  shape: Shape;
}

export const CLASS_STYLES: Readonly<Record<Classification, ClassStyle>> = {
  hostile: { colour: '#d21f2b', trail: 'rgba(210, 31, 43, 0.55)', shape: 'diamond' },
  suspect: { colour: '#f07800', trail: 'rgba(240, 120, 0, 0.55)', shape: 'triangle' },
  unknown: { colour: '#f2c500', trail: 'rgba(190, 150, 0, 0.6)', shape: 'square' },
  friendly: { colour: '#1f6fd1', trail: 'rgba(31, 111, 209, 0.55)', shape: 'circle' },
};

export const CLASSIFICATIONS: readonly Classification[] = ['hostile', 'suspect', 'unknown', 'friendly'];

/** Drawing order: friendly at the bottom, hostile on top where symbols overlap. */
const PRIORITY: Readonly<Record<Classification, number>> = { friendly: 0, unknown: 1, suspect: 2, hostile: 3 };

export type Provenance = 'own' | 'partner';

/** Own sensors, or the partner's: by the node that saw it, else by the country. */
export function provenanceOf(t: Pick<TrackView, 'origin' | 'originCountry'>, ownCountry: string): Provenance {
  if (t.origin === 'local' || t.originCountry === ownCountry) return 'own';
  if (ownCountry !== '' && t.originCountry.toUpperCase() === ownCountry.toUpperCase()) return 'own';
  return 'partner';
}

export function isClassification(v: unknown): v is Classification {
  return v === 'hostile' || v === 'suspect' || v === 'unknown' || v === 'friendly';
}

/** One drawing style: every track in a group is drawn with one path and one stroke. */
export interface StyleGroup<T> {
  key: string;
  classification: Classification;
  provenance: Provenance;
  stale: boolean;
  items: T[];
}

/**
 * Groups tracks by what changes the canvas state (colour, dash, alpha), in drawing order, so that
 * a frame sets each style once and strokes once per style: sixteen groups at most, however many
 * tracks. Unknown classifications from a newer node draw as unknown.
 */
export function groupByStyle<T>(
  items: Iterable<T>,
  read: (item: T) => { classification: string; provenance: Provenance; stale: boolean },
): StyleGroup<T>[] {
  // Sixteen slots by number, not a map by string: this runs for every track of every frame.
  const slots: Array<StyleGroup<T> | undefined> = new Array(16);
  for (const item of items) {
    const r = read(item);
    const classification = isClassification(r.classification) ? r.classification : 'unknown';
    const slot = (Number(r.stale) * 2 + (r.provenance === 'own' ? 0 : 1)) * 4 + PRIORITY[classification];
    let g = slots[slot];
    if (!g) {
      g = {
        key: `${classification}|${r.provenance}|${r.stale ? 'stale' : 'live'}`,
        classification,
        provenance: r.provenance,
        stale: r.stale,
        items: [],
      };
      slots[slot] = g;
    }
    g.items.push(item);
  }
  return slots
    .filter((g): g is StyleGroup<T> => g !== undefined)
    .sort(
      (a, b) =>
        Number(b.stale) - Number(a.stale) ||
        PRIORITY[a.classification] - PRIORITY[b.classification] ||
        a.provenance.localeCompare(b.provenance),
    );
}

/** What a canvas path and a Path2D both offer: enough to describe a symbol. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
}

/** Adds one symbol's outline, centred on (x, y), `r` pixels from centre to corner. */
export function addShape(path: PathSink, shape: Shape, x: number, y: number, r: number): void {
  switch (shape) {
    case 'diamond':
      path.moveTo(x, y - r);
      path.lineTo(x + r, y);
      path.lineTo(x, y + r);
      path.lineTo(x - r, y);
      path.closePath();
      break;
    case 'triangle':
      path.moveTo(x, y - r);
      path.lineTo(x + r * 0.95, y + r * 0.75);
      path.lineTo(x - r * 0.95, y + r * 0.75);
      path.closePath();
      break;
    case 'square': {
      const s = r * 0.8;
      path.moveTo(x - s, y - s);
      path.lineTo(x + s, y - s);
      path.lineTo(x + s, y + s);
      path.lineTo(x - s, y + s);
      path.closePath();
      break;
    }
    case 'circle':
      path.moveTo(x + r * 0.85, y);
      path.arc(x, y, r * 0.85, 0, Math.PI * 2);
      break;
  }
}

/** The heading tick: from the symbol's edge outwards along the course (degrees from north, clockwise). */
export function headingTick(courseDeg: number, r: number, length: number): { x0: number; y0: number; x1: number; y1: number } {
  const a = (courseDeg * Math.PI) / 180;
  const sx = Math.sin(a),
    sy = -Math.cos(a);
  return { x0: sx * r, y0: sy * r, x1: sx * (r + length), y1: sy * (r + length) };
}

/** What the zoom (pixels per degree of latitude) allows on the map without clutter. */
export interface Detail {
  symbolRadius: number;
  cityLabels: boolean;
  portLabels: boolean;
  stateLabels: boolean;
  /** Country badges beside tracks: only when few enough to read and cheap enough to print. */
  trackBadges: boolean;
  /** Trails thinner than a pixel apart are dropped to this spacing. */
  trailSpacingPx: number;
  /**
   * Many tracks in view: trails and outlines one device pixel wide. Without a GPU, Chromium draws
   * such hairlines several times faster than wider strokes, and in a crowd they read as well.
   */
  crowded: boolean;
}

export function detailFor(zoom: number, visibleTracks: number): Detail {
  return {
    symbolRadius: zoom < 60 ? 4.5 : zoom < 1500 ? 6 : 7.5,
    cityLabels: zoom >= 30,
    portLabels: zoom >= 350,
    stateLabels: zoom <= 600,
    trackBadges: visibleTracks <= 250 || zoom >= 4000,
    trailSpacingPx: visibleTracks > 500 ? 2 : 1,
    crowded: visibleTracks > 300,
  };
}

/** A track is stale once its stale time has passed on the node's clock: drawn faded, kept until removed. */
export function isStale(t: Pick<TrackView, 'staleAt'>, nodeNow: number): boolean {
  return t.staleAt < nodeNow;
}
