/**
 * Names and identifiers. The regular expressions are the first line of defence: an identifier
 * that passes them has no path separators, whitespace, dots, underscores or upper-case type
 * letters, so `../`, `__proto__` or `constructor` can never be part of one.
 */

/**
 * The UUID part of an identifier: RFC 4122 (version 1–5, variant 10xx). Hex digits may be upper
 * case: RFC 4122 §3 makes them case-insensitive on input, and real bundles use it.
 */
function isRfc4122Uuid(u: string): boolean {
  // Equivalent to /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, unrolled for speed.
  if (u.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const ch = u.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (ch !== 45) return false;
    } else if (!((ch >= 48 && ch <= 57) || (ch >= 97 && ch <= 102) || (ch >= 65 && ch <= 70))) {
      return false;
    }
  }
  const version = u.charCodeAt(14);
  const variant = u.charCodeAt(19) | 0x20; // lower-cased
  return version >= 49 && version <= 53 && (variant === 56 || variant === 57 || variant === 97 || variant === 98);
}

/** Custom top-level property names (STIX 2.1 §3.3 / §11.1). */
const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;

/** Keys that would reach an object's prototype chain if some consumer copied them naively. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A parsed identifier. */
export interface ParsedIdentifier {
  type: string;
  uuid: string;
  /** The RFC 4122 version digit (1–5). */
  version: number;
}

/** True when `s` is a valid STIX type name (3–250 chars, `[a-z0-9-]`, no `--`, no edge hyphen). */
export function isValidTypeName(s: string): boolean {
  const n = s.length;
  if (n < 3 || n > 250) return false;
  // A character loop: this runs for every type and every reference of every object.
  let previousHyphen = true; // a leading hyphen is refused like a doubled one
  for (let i = 0; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 45 /* - */) {
      if (previousHyphen) return false;
      previousHyphen = true;
    } else if ((ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57)) {
      previousHyphen = false;
    } else {
      return false;
    }
  }
  return !previousHyphen;
}

/** Splits `type--uuid` or returns null when it is not a valid STIX identifier. */
export function parseIdentifier(id: string): ParsedIdentifier | null {
  if (typeof id !== 'string' || id.length > 288) return null;
  const at = id.indexOf('--');
  if (at < 0 || id.length - at !== 38) return null;
  const type = id.slice(0, at);
  const uuid = id.slice(at + 2);
  if (!isValidTypeName(type) || !isRfc4122Uuid(uuid)) return null;
  return { type, uuid, version: uuid.charCodeAt(14) - 48 };
}

/** True when `id` is a valid STIX identifier, optionally of one of the given types. */
export function isValidIdentifier(id: unknown, types?: readonly string[]): id is string {
  if (typeof id !== 'string') return false;
  const parsed = parseIdentifier(id);
  if (parsed === null) return false;
  return types === undefined || types.includes(parsed.type);
}

/** The type part of an identifier (no validation beyond the separator). */
export function typeOfIdentifier(id: string): string {
  const at = id.indexOf('--');
  return at < 0 ? '' : id.slice(0, at);
}

/** True when `name` may be used as a custom top-level property name. */
export function isValidPropertyName(name: string): boolean {
  return PROPERTY_NAME.test(name);
}

/** Escapes one JSON Pointer reference token (RFC 6901). */
export function escapePointer(token: string): string {
  return token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
}
