/** Writes a parsed pattern back as text, in one canonical spelling (for display and tests). */
import type { Comparison, Literal, ObjectPath, Observation, Qualifier } from './ast.js';

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function literal(l: Literal): string {
  switch (l.kind) {
    case 'string':
      return quote(l.value);
    case 'hex':
      return `h'${l.value}'`;
    case 'binary':
      return `b'${l.value}'`;
    case 'timestamp':
      return `t'${l.value}'`;
    case 'float':
      return Number.isInteger(l.value) ? l.value.toFixed(1) : String(l.value);
    default:
      return String(l.value);
  }
}

const name = (n: string): string => (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(n) ? n : quote(n));

function path(p: ObjectPath): string {
  let out = `${p.objectType}:${name(p.property)}`;
  for (const s of p.steps) out += s.kind === 'key' ? `.${name(s.name)}` : `[${s.index}]`;
  return out;
}

function comparison(c: Comparison, parent?: 'and' | 'or'): string {
  if (c.kind === 'exists') return `EXISTS ${path(c.path)}`;
  if (c.kind === 'test') {
    const value = Array.isArray(c.value) ? `(${c.value.map(literal).join(', ')})` : literal(c.value);
    return `${path(c.path)} ${c.negated ? 'NOT ' : ''}${c.operator} ${value}`;
  }
  const text = c.operands.map((o) => comparison(o, c.kind)).join(` ${c.kind.toUpperCase()} `);
  return parent && parent !== c.kind ? `(${text})` : text;
}

function qualifier(q: Qualifier): string {
  if (q.kind === 'within') return ` WITHIN ${Number.isInteger(q.seconds) ? q.seconds : q.seconds} SECONDS`;
  if (q.kind === 'repeats') return ` REPEATS ${q.times} TIMES`;
  return ` START t'${q.start}' STOP t'${q.stop}'`;
}

const LEVEL = { followedby: 0, or: 1, and: 2 } as const;

export function printPattern(o: Observation, parentLevel = -1): string {
  if (o.kind === 'observation') return `[${comparison(o.comparison)}]${o.qualifiers.map(qualifier).join('')}`;
  if (o.kind === 'group') return `(${printPattern(o.inner)})${o.qualifiers.map(qualifier).join('')}`;
  const level = LEVEL[o.kind];
  const text = o.operands.map((x) => printPattern(x, level)).join(` ${o.kind.toUpperCase()} `);
  return parentLevel >= level ? `(${text})` : text;
}
