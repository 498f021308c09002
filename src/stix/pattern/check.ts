/**
 * The rules of STIX 2.1 Patterning that the grammar alone does not enforce (§9.2–§9.7): valid
 * object type and property names, one SCO type across the comparisons an AND joins inside one
 * observation expression (they must hold for the same object), real timestamps with START before
 * STOP, sets of one kind of value, and operators given the kind of value they compare.
 */
import { parseStixTimestamp } from '../timestamp.js';
import { pathsOf, type Comparison, type Literal, type ObjectPath, type Observation } from './ast.js';
import { PatternError } from './errors.js';

/** §3.1 type names: a–z, 0–9 and single hyphens, 3 to 250 characters, starting with a letter. */
const TYPE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function checkPath(p: ObjectPath): void {
  if (p.objectType.length < 3 || p.objectType.length > 250 || !TYPE_NAME.test(p.objectType)) {
    throw new PatternError('bad-object-type', p.at, { type: p.objectType.slice(0, 60) });
  }
}

function checkTimestamp(text: string, at: number): number {
  const us = parseStixTimestamp(text);
  if (us === null) throw new PatternError('bad-timestamp', at, { value: text.slice(0, 40) });
  return us;
}

function family(l: Literal): string {
  return l.kind === 'int' || l.kind === 'float' ? 'number' : l.kind;
}

/** A MATCHES value is a PCRE; JavaScript cannot compile every PCRE, so only its structure is checked. */
function checkRegex(source: string, at: number): void {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (i === source.length - 1) throw new PatternError('bad-regex', at, { detail: 'trailing \\' });
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) throw new PatternError('bad-regex', at, { detail: 'unbalanced )' });
  }
  if (inClass) throw new PatternError('bad-regex', at, { detail: 'unclosed [' });
  if (depth !== 0) throw new PatternError('bad-regex', at, { detail: 'unclosed (' });
}

function checkValue(op: string, value: Literal | Literal[], at: number): void {
  if (Array.isArray(value)) {
    const kinds = new Set(value.map(family));
    if (kinds.size > 1) throw new PatternError('mixed-set', at, { kinds: [...kinds].join(', ') });
    for (const v of value) if (v.kind === 'timestamp') checkTimestamp(v.value, v.at);
    return;
  }
  if (value.kind === 'timestamp') checkTimestamp(value.value, value.at);
  const stringOnly = op === 'LIKE' || op === 'MATCHES' || op === 'ISSUBSET' || op === 'ISSUPERSET';
  if (stringOnly && value.kind !== 'string') throw new PatternError('literal-type', value.at, { operator: op, expected: 'string' });
  if ((op === '<' || op === '<=' || op === '>' || op === '>=') && value.kind === 'bool') {
    throw new PatternError('literal-type', value.at, { operator: op, expected: 'orderable' });
  }
  if (op === 'MATCHES' && value.kind === 'string') checkRegex(value.value, value.at);
}

function checkComparison(c: Comparison): void {
  if (c.kind === 'exists') return checkPath(c.path);
  if (c.kind === 'test') {
    checkPath(c.path);
    return checkValue(c.operator, c.value, c.at);
  }
  c.operands.forEach(checkComparison);
  if (c.kind === 'and') {
    const types = new Set(pathsOf(c).map((p) => p.objectType));
    if (types.size > 1) throw new PatternError('mixed-object-types', c.at, { types: [...types].slice(0, 5).join(', ') });
  }
}

/** Throws PatternError at the first rule the parsed pattern breaks. */
export function checkTree(o: Observation): void {
  if (o.kind !== 'observation' && o.kind !== 'group') {
    o.operands.forEach(checkTree);
    return;
  }
  if (o.kind === 'group') checkTree(o.inner);
  else checkComparison(o.comparison);
  for (const q of o.qualifiers) {
    if (q.kind !== 'start-stop') continue;
    const start = checkTimestamp(q.start, q.at);
    const stop = checkTimestamp(q.stop, q.at);
    if (start >= stop) throw new PatternError('start-after-stop', q.at, { start: q.start, stop: q.stop });
  }
}
