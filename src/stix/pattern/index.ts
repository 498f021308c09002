/**
 * STIX 2.1 Patterning (§9): parse and check the `pattern` of an indicator whose `pattern_type` is
 * `stix`. Runs in the node and in the browser alike, so the console can check a pattern as the
 * analyst types with the very rules the server refuses it by.
 * @example
 * const r = parsePattern("[file:hashes.'SHA-256' = 'ab…'] WITHIN 600 SECONDS");
 * if (!r.ok) console.log(r.problem.code, r.problem.at);
 */
import type { Observation } from './ast.js';
import { checkTree } from './check.js';
import { PatternError, type PatternProblem } from './errors.js';
import { parseTree } from './parser.js';

export type { Comparison, Literal, ObjectPath, Observation, Qualifier } from './ast.js';
export { objectTypesOf } from './ast.js';
export { PATTERN_ERROR_CODES, type PatternErrorCode, type PatternProblem } from './errors.js';
export { patternMessages } from './messages.js';

/** Longer patterns are refused before parsing: a real indicator's pattern is far shorter. */
export const MAX_PATTERN_LENGTH = 64 * 1024;

export type PatternResult = { ok: true; tree: Observation } | { ok: false; problem: PatternProblem };

export function parsePattern(text: string): PatternResult {
  if (text.length > MAX_PATTERN_LENGTH)
    return { ok: false, problem: { code: 'too-long', at: MAX_PATTERN_LENGTH, params: { max: MAX_PATTERN_LENGTH } } };
  try {
    const tree = parseTree(text);
    checkTree(tree);
    return { ok: true, tree };
  } catch (e) {
    if (e instanceof PatternError) return { ok: false, problem: e.problem };
    // A RangeError from the engine's own stack is the only other way out; name it as depth.
    if (e instanceof RangeError) return { ok: false, problem: { code: 'too-deep', at: 0, params: { max: 64 } } };
    throw e;
  }
}
