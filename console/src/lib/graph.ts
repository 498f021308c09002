/**
 * Where the boxes of the relationship graph go: the object in the middle, its neighbours on an
 * ellipse around it, one edge per relationship. A handful of nodes needs no graph library.
 */
import type { RelationshipInfo } from './types.js';

export interface GraphNode {
  id: string;
  type: string;
  name: string | null;
  x: number;
  y: number;
  center: boolean;
}

export interface GraphEdge {
  id: string;
  label: string;
  from: string;
  to: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Neighbours left out so the drawing stays readable; the list beside it shows them all. */
  hidden: number;
}

export const MAX_NEIGHBOURS = 10;
export const BOX = { width: 210, height: 52 };

export function layoutGraph(
  center: { id: string; type: string; name: string | null },
  rels: readonly RelationshipInfo[],
  size = { width: 960, height: 420 },
): GraphLayout {
  const neighbours = new Map<string, { type: string; name: string | null }>();
  for (const r of rels) {
    for (const end of [r.source, r.target]) {
      if (end.id !== center.id && !neighbours.has(end.id)) neighbours.set(end.id, { type: end.type, name: end.name });
    }
  }
  const shown = [...neighbours.entries()].slice(0, MAX_NEIGHBOURS);
  const cx = size.width / 2;
  const cy = size.height / 2;
  const rx = size.width / 2 - BOX.width / 2 - 10;
  const ry = size.height / 2 - BOX.height / 2 - 10;
  const nodes: GraphNode[] = [{ ...center, x: cx, y: cy, center: true }];
  shown.forEach(([id, n], i) => {
    // Start at the top and go clockwise; a single neighbour sits to the right.
    const angle = shown.length === 1 ? 0 : -Math.PI / 2 + (2 * Math.PI * i) / shown.length;
    nodes.push({
      id,
      type: n.type,
      name: n.name,
      x: Math.round(cx + rx * Math.cos(angle)),
      y: Math.round(cy + ry * Math.sin(angle)),
      center: false,
    });
  });
  const present = new Set(nodes.map((n) => n.id));
  const edges = rels
    .filter((r) => present.has(r.source.id) && present.has(r.target.id) && r.source.id !== r.target.id)
    .map((r) => ({ id: r.id, label: r.relationship_type, from: r.source.id, to: r.target.id }));
  return { width: size.width, height: size.height, nodes, edges, hidden: neighbours.size - shown.length };
}

/**
 * Where a line from the centre of box `a` towards the centre of box `b` leaves `a`'s border, so
 * that arrows end at the boxes' edges rather than under them.
 */
export function borderPoint(a: { x: number; y: number }, b: { x: number; y: number }, box = BOX): { x: number; y: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (dx === 0 && dy === 0) return { x: a.x, y: a.y };
  const sx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: Math.round(a.x + dx * s), y: Math.round(a.y + dy * s) };
}

/** A label cut to fit a box, with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
