/**
 * Property-level redaction driven by granular markings: removes what STIX selectors select from a
 * copy of an object (never touching the original) and carries the remaining granular markings
 * over, re-indexed, so that the copy's markings still point at what they marked.
 */
import type { GranularMarking, StixObject } from '../../stix/index.js';

/** One step of a selector: a property name or a list index. */
export type Segment = string | number;

const INDEX = /^\[(0|[1-9][0-9]{0,8})\]$/;
const MAX_SELECTOR_LENGTH = 1024;

/** Parses a STIX selector (`a.b.[2].c`, STIX 2.1 §7.2.3.1); null when it is malformed. */
export function parseSelector(selector: unknown): Segment[] | null {
  if (typeof selector !== 'string' || selector.length === 0 || selector.length > MAX_SELECTOR_LENGTH) return null;
  const out: Segment[] = [];
  for (const step of selector.split('.')) {
    if (step.length === 0) return null;
    const m = INDEX.exec(step);
    if (m !== null) out.push(Number(m[1]));
    else if (step.startsWith('[')) return null;
    else out.push(step);
  }
  // A selector starts at a property of the object, never at a list index.
  return typeof out[0] === 'string' ? out : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when the selector's steps lead to a value inside `root`. */
export function resolves(root: unknown, segments: readonly Segment[]): boolean {
  let at: unknown = root;
  for (const s of segments) {
    if (typeof s === 'number') {
      if (!Array.isArray(at) || s >= at.length) return false;
      at = at[s];
    } else {
      if (!isRecord(at) || !Object.hasOwn(at, s)) return false;
      at = at[s];
    }
  }
  return true;
}

/** Selector text of a path (the inverse of parseSelector). */
export function selectorText(segments: readonly Segment[]): string {
  return segments.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.');
}

/** A set of paths to remove; `null` marks a removed subtree. */
type Trie = Map<Segment, Trie | null>;

function addPath(root: Trie, segments: readonly Segment[]): void {
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as Segment;
    if (i === segments.length - 1) {
      node.set(s, null);
      return;
    }
    const next = node.get(s);
    if (next === null) return; // an ancestor is removed already
    if (next === undefined) {
      const fresh: Trie = new Map();
      node.set(s, fresh);
      node = fresh;
    } else node = next;
  }
}

const GONE = Symbol('gone');

interface Walk {
  /** Paths (selector text) removed, including containers emptied by the removal. */
  readonly removed: Set<string>;
  /** For each list touched (by its path): old index → new index, -1 when removed. */
  readonly indexMaps: Map<string, number[]>;
}

function child(path: string, s: Segment): string {
  if (typeof s === 'number') return `${path}.[${s}]`;
  return path === '' ? s : `${path}.${s}`;
}

function copyWithout(value: unknown, trie: Trie, path: string, w: Walk): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    const map: number[] = [];
    for (let i = 0; i < value.length; i++) {
      const sub = trie.get(i);
      const kept = sub === undefined ? value[i] : sub === null ? GONE : copyWithout(value[i], sub, child(path, i), w);
      if (kept === GONE) {
        map.push(-1);
        w.removed.add(child(path, i));
      } else {
        map.push(out.length);
        out.push(kept);
      }
    }
    w.indexMaps.set(path, map);
    // STIX lists may not be empty: a list emptied by redaction goes too.
    return out.length === 0 && value.length > 0 ? GONE : out;
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = { ...value };
    for (const [s, sub] of trie) {
      if (typeof s !== 'string' || !Object.hasOwn(value, s)) continue;
      const kept = sub === null ? GONE : copyWithout(value[s], sub, child(path, s), w);
      if (kept === GONE) {
        delete out[s];
        w.removed.add(child(path, s));
      } else out[s] = kept;
    }
    return Object.keys(out).length === 0 && Object.keys(value).length > 0 ? GONE : out;
  }
  return value;
}

/** Follows a selector of the original into the copy; null when what it selected was removed. */
function remap(segments: readonly Segment[], w: Walk): string | null {
  let original = '';
  const out: Segment[] = [];
  for (const s of segments) {
    let mapped: Segment = s;
    if (typeof s === 'number') {
      const map = w.indexMaps.get(original);
      if (map !== undefined) {
        const to = map[s];
        if (to === undefined || to < 0) return null;
        mapped = to;
      }
    }
    original = child(original, s);
    if (w.removed.has(original)) return null;
    out.push(mapped);
  }
  return selectorText(out);
}

/**
 * A copy of `object` without what `withheld` selects, and with `kept` granular markings
 * re-pointed at the copy (markings left with nothing to mark are dropped). Every withheld path
 * must resolve in `object` (the caller checks).
 */
export function redactCopy(object: StixObject, withheld: readonly (readonly Segment[])[], kept: readonly GranularMarking[]): StixObject {
  const trie: Trie = new Map();
  for (const segments of withheld) addPath(trie, segments);
  const w: Walk = { removed: new Set(), indexMaps: new Map() };
  const copy = copyWithout(object, trie, '', w);
  const result = (copy === GONE ? { type: object.type, id: object.id } : copy) as StixObject;
  const granular: GranularMarking[] = [];
  for (const g of kept) {
    const selectors: string[] = [];
    for (const sel of g.selectors) {
      const segments = parseSelector(sel);
      if (segments === null) continue;
      const to = remap(segments, w);
      if (to !== null && resolves(result, parseSelector(to) ?? [])) selectors.push(to);
    }
    if (selectors.length > 0) granular.push({ ...g, selectors });
  }
  if (granular.length > 0) result.granular_markings = granular;
  else delete result.granular_markings;
  return result;
}
