/**
 * Small composable property checks. A type's rules are a table of these, so each STIX property
 * is described once, in the spec's own terms, and checked in a single pass over the object.
 */
import { parseIdentifier } from './identifier.js';
import type { IssueList } from './issues.js';
import { isPlainObject } from './structure.js';
import { parseStixTimestamp } from './timestamp.js';

/** What a check needs besides the value: where to report, and the whole object for selectors. */
export interface Ctx {
  issues: IssueList;
  root: Record<string, unknown>;
}

/** Checks one value found at `path` (a JSON Pointer). */
export type Check = (value: unknown, path: string, c: Ctx) => void;

/** Rules for an object: its known properties, which are required, and cross-property rules. */
export interface ObjectRule {
  props: Readonly<Record<string, Check>>;
  required?: readonly string[];
  refine?: (obj: Record<string, unknown>, path: string, c: Ctx) => void;
}

/** Applies an ObjectRule; unknown properties go to `other` (ignored when absent). */
export function checkObject(
  obj: Record<string, unknown>,
  rule: ObjectRule,
  path: string,
  c: Ctx,
  other?: (key: string, value: unknown, path: string, c: Ctx) => void,
): void {
  for (const key of Object.keys(obj)) {
    if (c.issues.full) return;
    const check = rule.props[key];
    if (check !== undefined) check(obj[key], path + '/' + key, c);
    else if (other !== undefined) other(key, obj[key], path, c);
  }
  for (const key of rule.required ?? []) {
    if (obj[key] === undefined) c.issues.add(path + '/' + key, 'required', { property: key });
  }
  if (rule.refine !== undefined && !c.issues.full) rule.refine(obj, path, c);
}

export interface StringOptions {
  nonEmpty?: boolean;
  /** Shape the value must have; `format` names it in the issue. */
  pattern?: RegExp;
  format?: string;
}

/** A string, optionally non-empty or of a given format. */
export function str(opts: StringOptions = {}): Check {
  return (v, path, c) => {
    if (typeof v !== 'string') return c.issues.add(path, 'invalid-type', { expected: 'string' });
    if (opts.nonEmpty === true && v.length === 0) return c.issues.add(path, 'empty-string');
    if (opts.pattern !== undefined && !opts.pattern.test(v)) {
      c.issues.add(path, 'invalid-format', { format: opts.format ?? 'pattern' });
    }
  };
}

export const bool: Check = (v, path, c) => {
  if (typeof v !== 'boolean') c.issues.add(path, 'invalid-type', { expected: 'boolean' });
};

/** An integer, optionally within [min, max]. */
export function int(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check {
  return (v, path, c) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return c.issues.add(path, 'invalid-type', { expected: 'integer' });
    if (v < min || v > max) c.issues.add(path, 'out-of-range', { min, max });
  };
}

/** A finite number within [min, max]. */
export function num(min: number, max: number): Check {
  return (v, path, c) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return c.issues.add(path, 'invalid-type', { expected: 'number' });
    if (v < min || v > max) c.issues.add(path, 'out-of-range', { min, max });
  };
}

/** A STIX timestamp. */
export const ts: Check = (v, path, c) => {
  if (typeof v !== 'string') return c.issues.add(path, 'invalid-type', { expected: 'timestamp' });
  if (parseStixTimestamp(v) === null) c.issues.add(path, 'invalid-timestamp');
};

const MILLIS = /\.\d{3,}Z$/;

/** `created` / `modified`: a timestamp with at least millisecond precision (STIX 2.1 §3.2). */
export const tsMillis: Check = (v, path, c) => {
  if (typeof v !== 'string') return c.issues.add(path, 'invalid-type', { expected: 'timestamp' });
  if (parseStixTimestamp(v) === null) return c.issues.add(path, 'invalid-timestamp');
  if (!MILLIS.test(v)) c.issues.add(path, 'timestamp-precision', { digits: 3 });
};

/** A value from a closed vocabulary (an enumeration). */
export function oneOf(values: readonly string[]): Check {
  const allowed = values.join(', ');
  return (v, path, c) => {
    if (typeof v !== 'string') return c.issues.add(path, 'invalid-type', { expected: 'string' });
    if (!values.includes(v)) c.issues.add(path, 'not-in-enum', { allowed });
  };
}

/** A non-empty list whose items pass `item` (STIX lists with minItems 1). */
export function list(item: Check, opts: { allowEmpty?: boolean } = {}): Check {
  return (v, path, c) => {
    if (!Array.isArray(v)) return c.issues.add(path, 'invalid-type', { expected: 'array' });
    if (v.length === 0 && opts.allowEmpty !== true) return c.issues.add(path, 'empty-list');
    for (let i = 0; i < v.length && !c.issues.full; i++) item(v[i], path + '/' + i, c);
  };
}

export const strList: Check = list(str());

/** Which objects a reference may point to: a list of types, or a predicate with a label for issues. */
export type RefTarget = readonly string[] | { test: (type: string) => boolean; label: string };

/** A reference (`type--uuid`), optionally restricted to some target types. */
export function ref(allowed?: RefTarget): Check {
  const target =
    allowed === undefined || 'test' in allowed ? allowed : { test: (t: string) => allowed.includes(t), label: allowed.join(', ') };
  return (v, path, c) => {
    if (typeof v !== 'string') return c.issues.add(path, 'invalid-type', { expected: 'identifier' });
    const parsed = parseIdentifier(v);
    if (parsed === null) return c.issues.add(path, 'invalid-identifier');
    if (target !== undefined && !target.test(parsed.type)) c.issues.add(path, 'ref-type-not-allowed', { allowed: target.label });
  };
}

/** A non-empty list of references. */
export function refList(allowed?: RefTarget): Check {
  return list(ref(allowed));
}

/** A non-empty dictionary, each value passing `value` when given. */
export function dict(value?: Check): Check {
  return (v, path, c) => {
    if (!isPlainObject(v)) return c.issues.add(path, 'invalid-type', { expected: 'object' });
    const keys = Object.keys(v);
    if (keys.length === 0) return c.issues.add(path, 'empty-object');
    if (value === undefined) return;
    for (const k of keys) value(v[k], path + '/' + k, c);
  };
}

/** An object checked with its own rule. */
export function obj(rule: ObjectRule): Check {
  return (v, path, c) => {
    if (!isPlainObject(v)) return c.issues.add(path, 'invalid-type', { expected: 'object' });
    checkObject(v, rule, path, c);
  };
}

/** True when the key is present (not undefined). */
export function has(o: Record<string, unknown>, key: string): boolean {
  return o[key] !== undefined;
}

/** Reports when more than one, or none, of `keys` is present. */
export function exactlyOne(o: Record<string, unknown>, keys: readonly string[], path: string, c: Ctx): void {
  const n = keys.reduce((acc, k) => acc + (has(o, k) ? 1 : 0), 0);
  if (n !== 1) c.issues.add(path, 'exactly-one-of', { properties: keys.join(', ') });
}

/** Reports when none of `keys` is present. */
export function atLeastOne(o: Record<string, unknown>, keys: readonly string[], path: string, c: Ctx): void {
  if (!keys.some((k) => has(o, k))) c.issues.add(path, 'at-least-one-of', { properties: keys.join(', ') });
}

/** Reports `property` present without `other`. */
export function requires(o: Record<string, unknown>, property: string, other: string, path: string, c: Ctx): void {
  if (has(o, property) && !has(o, other)) c.issues.add(path + '/' + property, 'requires', { property, other });
}

/**
 * Reports when both timestamps are valid and `later` precedes `earlier` (or equals it, when
 * `strict`). Invalid timestamps were already reported by their own checks.
 */
export function timeOrder(o: Record<string, unknown>, earlier: string, later: string, strict: boolean, path: string, c: Ctx): void {
  const a = o[earlier];
  const b = o[later];
  if (typeof a !== 'string' || typeof b !== 'string') return;
  const ua = parseStixTimestamp(a);
  const ub = parseStixTimestamp(b);
  if (ua === null || ub === null) return;
  if (ub < ua || (strict && ub === ua)) {
    c.issues.add(path + '/' + later, strict ? 'time-order-strict' : 'time-order', { earlier, later });
  }
}
