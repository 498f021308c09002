/**
 * Reading untrusted JSON bodies (GeoJSON, Remote ID batches): strict UTF-8, a nesting limit
 * checked on the text before any tree is built, prototype-polluting keys refused outright, and
 * zod's first issue turned into a rejection that names the failing path.
 */
import type { z } from 'zod';
import type { DetectionSource, IngestRejection } from '../model.js';
import { MAX_JSON_DEPTH, rejection, shown } from './model.js';

/** Keys that mean something to JavaScript objects rather than to a sensor. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class UnsafeKey {
  constructor(readonly key: string) {}
}

/** Deepest `[`/`{` nesting outside strings; a linear scan, so a hostile body costs one pass. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

export type JsonRead = { ok: true; value: unknown; text: string } | { ok: false; rejection: IngestRejection };

export function readJson(format: DetectionSource, body: Uint8Array): JsonRead {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, rejection: rejection(format, 'not-json', { detail: 'not UTF-8' }) };
  }
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) return { ok: false, rejection: rejection(format, 'too-deep', { max: MAX_JSON_DEPTH }) };
  try {
    const value: unknown = JSON.parse(text, (key, v: unknown) => {
      if (UNSAFE_KEYS.has(key)) throw new UnsafeKey(key);
      return v;
    });
    return { ok: true, value, text };
  } catch (caught) {
    if (caught instanceof UnsafeKey) return { ok: false, rejection: rejection(format, 'unsafe-key', { field: caught.key }) };
    return {
      ok: false,
      rejection: rejection(format, 'not-json', { detail: shown(caught instanceof Error ? caught.message : String(caught)) }),
    };
  }
}

export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(root)' : out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const segment of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    const key = typeof segment === 'number' ? String(segment) : segment;
    if (typeof key === 'symbol' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The first zod issue, as missing-, unknown- or invalid-field with the path from the payload root. */
export function issueRejection(
  format: DetectionSource,
  error: z.ZodError,
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): IngestRejection {
  const issue = error.issues[0];
  if (issue === undefined) return rejection(format, 'invalid-field', { field: pathText(prefix), value: '?' });
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return rejection(format, 'unknown-field', { field: pathText([...path, issue.keys[0] ?? '?']) });
  }
  const value = valueAt(input, issue.path);
  if (value === undefined) return rejection(format, 'missing-field', { field: pathText(path) });
  return rejection(format, 'invalid-field', { field: pathText(path), value: shown(value) });
}
