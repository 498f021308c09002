/**
 * The structural pass that runs before any STIX rule: it bounds the work the rest of the
 * validator (and every later consumer) can be made to do, and refuses keys that reach
 * prototypes. Objects that fail here are not inspected further.
 */
import { Buffer } from 'node:buffer';
import { FORBIDDEN_KEYS, escapePointer } from './identifier.js';
import type { IssueList } from './issues.js';

/** Limits applied to every object, whatever its source. */
export const STRUCTURE_LIMITS = {
  /** Nesting levels, the object itself being level 1. */
  maxDepth: 32,
  /** Bytes of one string value in UTF-8 (1 MiB). */
  maxStringBytes: 1_048_576,
  /** Items in one array. */
  maxArrayLength: 10_000,
  /** Characters of one property name, at any level (the STIX maximum for names and keys). */
  maxKeyLength: 250,
} as const;

/** True for `{…}` values as JSON.parse makes them (not arrays, class instances, Maps…). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function pointer(trail: readonly (string | number)[]): string {
  let p = '';
  for (const t of trail) p += '/' + (typeof t === 'number' ? String(t) : escapePointer(t));
  return p;
}

const SHORT_STRING = Math.floor(STRUCTURE_LIMITS.maxStringBytes / 3);

/** In `u` mode a well-formed surrogate pair is one code point, so this finds lone halves only. */
const LONE_SURROGATE = /\p{Cs}/u;
// String.prototype.isWellFormed (Node 20, not yet in the ES2023 lib typings) is several times faster.
const nativeWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** False when the text holds a lone surrogate, which UTF-8 cannot encode. */
function wellFormed(s: string): boolean {
  return nativeWellFormed !== undefined ? nativeWellFormed.call(s) : !LONE_SURROGATE.test(s);
}

/** The shortest forbidden key ('__proto__', 'prototype') has 9 characters. */
const SHORTEST_FORBIDDEN = 9;

function stringTooLong(s: string): boolean {
  const max = STRUCTURE_LIMITS.maxStringBytes;
  if (s.length > max) return true;
  // UTF-8 needs at most 3 bytes per UTF-16 unit, so short strings need no counting.
  return s.length * 3 > max && Buffer.byteLength(s, 'utf8') > max;
}

/**
 * Checks that `root` is a plain JSON object within STRUCTURE_LIMITS, without forbidden keys or
 * non-JSON values. Adds issues to `issues`; returns true when the structure is sound.
 */
export function checkStructure(root: unknown, issues: IssueList): boolean {
  if (!isPlainObject(root)) {
    issues.add('', 'not-an-object');
    return false;
  }
  const before = issues.count;
  const trail: (string | number)[] = [];

  const walk = (v: unknown, depth: number): void => {
    if (issues.full) return;
    switch (typeof v) {
      case 'string':
        // Most strings are short: only long ones pay for counting UTF-8 bytes.
        if (v.length > SHORT_STRING && stringTooLong(v))
          issues.add(pointer(trail), 'string-too-long', { max: STRUCTURE_LIMITS.maxStringBytes });
        // I-JSON (RFC 7493): text that cannot be encoded as UTF-8 cannot be signed or relayed faithfully.
        else if (!wellFormed(v)) issues.add(pointer(trail), 'not-json');
        return;
      case 'boolean':
        return;
      case 'number':
        if (!Number.isFinite(v)) issues.add(pointer(trail), 'not-json');
        return;
      case 'object':
        break;
      default:
        issues.add(pointer(trail), 'not-json');
        return;
    }
    if (v === null) return;
    if (depth > STRUCTURE_LIMITS.maxDepth) {
      issues.add(pointer(trail), 'too-deep', { max: STRUCTURE_LIMITS.maxDepth });
      return;
    }
    if (Array.isArray(v)) {
      if (v.length > STRUCTURE_LIMITS.maxArrayLength) {
        issues.add(pointer(trail), 'array-too-long', { max: STRUCTURE_LIMITS.maxArrayLength });
        return;
      }
      for (let i = 0; i < v.length; i++) {
        trail.push(i);
        walk(v[i], depth + 1);
        trail.pop();
      }
      return;
    }
    if (!isPlainObject(v)) {
      issues.add(pointer(trail), 'not-json');
      return;
    }
    for (const key of Object.keys(v)) {
      trail.push(key);
      if (key.length >= SHORTEST_FORBIDDEN && FORBIDDEN_KEYS.has(key)) {
        issues.add(pointer(trail), 'forbidden-key', { key });
      } else if (key.length > STRUCTURE_LIMITS.maxKeyLength) {
        issues.add(pointer(trail.slice(0, -1)), 'key-too-long', { max: STRUCTURE_LIMITS.maxKeyLength });
      } else if (!wellFormed(key)) {
        issues.add(pointer(trail.slice(0, -1)), 'not-json');
      } else {
        walk(v[key], depth + 1);
      }
      trail.pop();
    }
  };

  walk(root, 1);
  return issues.count === before;
}
