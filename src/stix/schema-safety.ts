/**
 * Checks a JSON Schema received inside an extension-definition before ajv ever compiles it.
 * A peer's schema runs on every object that uses the extension, so it must not reach out
 * (remote `$ref`), blow up the compiler (hostile structure) or hang the node on a regular
 * expression with nested unbounded quantifiers (the classic catastrophic backtracking shape).
 */
import { IssueList } from './issues.js';
import { checkStructure, isPlainObject } from './structure.js';

/** Why a schema was refused, with the offending part. */
export type SchemaRefusal =
  { kind: 'remote-ref'; ref: string } | { kind: 'unsafe-pattern'; pattern: string } | { kind: 'hostile-structure' };

const REF_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef'];
const MAX_PATTERN_LENGTH = 1000;

/** An unbounded (or very large) repetition follows position `i` of `p`. */
function quantifierAt(p: string, i: number): boolean {
  const ch = p[i];
  if (ch === '*' || ch === '+') return true;
  if (ch !== '{') return false;
  const m = /^\{(\d*)(,(\d*))?\}/.exec(p.slice(i, i + 24));
  if (m === null) return false;
  if (m[2] === undefined) return Number(m[1]) > 100;
  return m[3] === '' || Number(m[3]) > 100;
}

/**
 * True when a quantified group contains an unbounded quantifier, e.g. `(a+)+`, `(\w*)*`,
 * `(x{1,}){2,}`. Character classes and escapes are skipped.
 */
export function hasNestedQuantifier(p: string): boolean {
  const inner: boolean[] = [false];
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') {
      i++;
      if (quantifierAt(p, i + 1)) inner[inner.length - 1] = true;
      continue;
    }
    if (ch === '[') {
      i++;
      if (p[i] === '^') i++;
      if (p[i] === ']') i++;
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
      if (quantifierAt(p, i + 1)) inner[inner.length - 1] = true;
      continue;
    }
    if (ch === '(') {
      inner.push(false);
      continue;
    }
    if (ch === ')') {
      const body = inner.pop() ?? false;
      if (inner.length === 0) inner.push(false);
      const quantified = quantifierAt(p, i + 1);
      if (body && quantified) return true;
      if (body || quantified) inner[inner.length - 1] = true;
      continue;
    }
    if (quantifierAt(p, i + 1) && ch !== '|' && ch !== '(') inner[inner.length - 1] = true;
  }
  return false;
}

function patternIsSafe(p: string): boolean {
  if (p.length > MAX_PATTERN_LENGTH || hasNestedQuantifier(p)) return false;
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return true; // ajv reports the syntax error itself when compiling
  }
}

/** Finds the first reason to refuse `schema`, or null when it may be compiled. */
export function refuseSchema(schema: unknown): SchemaRefusal | null {
  if (typeof schema === 'boolean') return null;
  if (!checkStructure(schema, new IssueList(2))) return { kind: 'hostile-structure' };
  let refusal: SchemaRefusal | null = null;
  const visit = (node: unknown): void => {
    if (refusal !== null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isPlainObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (REF_KEYWORDS.includes(key) && typeof value === 'string' && !value.startsWith('#')) {
        refusal = { kind: 'remote-ref', ref: value };
        return;
      }
      if (key === 'pattern' && typeof value === 'string' && !patternIsSafe(value)) {
        refusal = { kind: 'unsafe-pattern', pattern: value };
        return;
      }
      if (key === 'patternProperties' && isPlainObject(value)) {
        const bad = Object.keys(value).find((k) => !patternIsSafe(k));
        if (bad !== undefined) {
          refusal = { kind: 'unsafe-pattern', pattern: bad };
          return;
        }
      }
      visit(value);
    }
  };
  visit(schema);
  return refusal;
}
