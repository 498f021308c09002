import { createHash } from 'node:crypto';
import { CryptoError } from './errors.js';

/** Deeper than any STIX object; stops hostile nesting before it exhausts the stack. */
export const MAX_CANONICAL_DEPTH = 200;

// In `u` mode a well-formed surrogate pair is one code point, so this only finds lone halves.
const LONE_SURROGATE = /\p{Cs}/u;

// String.prototype.isWellFormed (ES2024, in Node 20) is several times faster than the regex.
const isWellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (s) => !LONE_SURROGATE.test(s);

/** Thrown inside the fast serialiser only; the slow validator then names the culprit. */
const UNREPRESENTABLE = new Error('unrepresentable');

/**
 * RFC 8785 (JCS) canonical JSON of a value.
 *
 * Values JSON cannot hold are refused rather than dropped or rewritten (undefined members,
 * functions, bigint, Dates and other non-plain objects, cycles), because a signature over them
 * would not survive a round trip through JSON. Strings must be I-JSON (RFC 7493): no lone
 * surrogates. Output is checked against the `canonicalize` package in the tests; this serialiser
 * exists because signature verification is hot and that package is several times slower.
 * @throws CryptoError canonical-unsupported-value | canonical-too-deep | canonical-cycle
 */
export function canonicalJson(value: unknown): string {
  try {
    return write(value, 0);
  } catch (e) {
    if (e !== UNREPRESENTABLE) throw e;
    assertJcsValue(value, [], new Set(), 0);
    throw new CryptoError('canonical-unsupported-value', { path: '$', kind: 'unknown' });
  }
}

/*
 * JCS §3.2.2: literals as in JSON; numbers by ECMAScript Number::toString (what String() does,
 * -0 included); strings by ECMAScript JSON.stringify escaping; §3.2.3: members sorted by UTF-16
 * code units, which is what Array.prototype.sort does with no comparator.
 */
function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) throw UNREPRESENTABLE;
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw UNREPRESENTABLE;
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw UNREPRESENTABLE;
  }
  if (value === null) return 'null';
  if (depth >= MAX_CANONICAL_DEPTH) throw UNREPRESENTABLE;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += write(value[i], depth + 1);
    }
    return `${out}]`;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw UNREPRESENTABLE;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (!isWellFormed(key)) throw UNREPRESENTABLE;
    if (i > 0) out += ',';
    out += `${JSON.stringify(key)}:${write(record[key], depth + 1)}`;
  }
  return `${out}}`;
}

/** SHA-256 as lowercase hex; strings are hashed as UTF-8. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function assertJcsValue(value: unknown, path: (string | number)[], ancestors: Set<object>, depth: number): void {
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) refuse(path, 'string with a lone surrogate');
      return;
    case 'number':
      if (!Number.isFinite(value)) refuse(path, String(value));
      return;
    case 'boolean':
      return;
    case 'object':
      break;
    default:
      refuse(path, typeof value);
  }
  if (value === null) return;
  if (depth >= MAX_CANONICAL_DEPTH) {
    throw new CryptoError('canonical-too-deep', { path: pathText(path), max: MAX_CANONICAL_DEPTH });
  }
  if (ancestors.has(value)) throw new CryptoError('canonical-cycle', { path: pathText(path) });
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      // Holes in sparse arrays read as undefined and are refused like any undefined.
      path.push(i);
      assertJcsValue(value[i], path, ancestors, depth + 1);
      path.pop();
    }
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      refuse(path, (value as { constructor?: { name?: string } }).constructor?.name ?? 'non-plain object');
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (LONE_SURROGATE.test(key)) refuse(path, 'member name with a lone surrogate');
      path.push(key);
      assertJcsValue(record[key], path, ancestors, depth + 1);
      path.pop();
    }
  }
  ancestors.delete(value);
}

function refuse(path: (string | number)[], kind: string): never {
  throw new CryptoError('canonical-unsupported-value', { path: pathText(path), kind });
}

function pathText(path: (string | number)[]): string {
  let out = '$';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  return out.length > 200 ? `${out.slice(0, 197)}...` : out;
}
