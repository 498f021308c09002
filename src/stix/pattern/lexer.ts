/**
 * The tokens of STIX 2.1 Patterning (STIX 2.1 §9, and the OASIS ANTLR grammar `STIXPattern.g4`
 * it publishes). Written here rather than generated: the grammar is small, and a hand-written
 * lexer and parser give errors with the exact character position an analyst needs while typing,
 * and run unchanged in the browser (no Node built-ins).
 */
import { PatternError } from './errors.js';

export type Keyword =
  | 'AND'
  | 'OR'
  | 'NOT'
  | 'FOLLOWEDBY'
  | 'LIKE'
  | 'MATCHES'
  | 'ISSUBSET'
  | 'ISSUPERSET'
  | 'IN'
  | 'EXISTS'
  | 'START'
  | 'STOP'
  | 'WITHIN'
  | 'REPEATS'
  | 'SECONDS'
  | 'TIMES';

const KEYWORDS = new Set<string>([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'ISSUPERSET',
  'IN',
  'EXISTS',
  'START',
  'STOP',
  'WITHIN',
  'REPEATS',
  'SECONDS',
  'TIMES',
]);

export type Token =
  | { kind: 'punct'; value: '[' | ']' | '(' | ')' | ':' | '.' | ',' | '*'; at: number }
  | { kind: 'op'; value: '=' | '!=' | '<' | '<=' | '>' | '>='; at: number }
  | { kind: 'keyword'; value: Keyword; at: number }
  | { kind: 'identifier'; value: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'int'; value: number; text: string; at: number }
  | { kind: 'float'; value: number; text: string; at: number }
  | { kind: 'bool'; value: boolean; at: number }
  | { kind: 'hex'; value: string; at: number }
  | { kind: 'binary'; value: string; at: number }
  | { kind: 'timestamp'; value: string; at: number }
  | { kind: 'end'; at: number };

/** Characters the grammar skips as white space (its WS rule). */
const WHITE = /[ \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const IDENT_START = /[a-zA-Z_]/;
const IDENT_PART = /[a-zA-Z0-9_-]/;
const DIGIT = /[0-9]/;

/** Reads a quoted literal body starting at the quote; `\'` and `\\` are the only escapes (§9.2). */
function readQuoted(src: string, quoteAt: number, startedAt: number): { text: string; end: number } {
  let out = '';
  let i = quoteAt + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      const next = src[i + 1];
      if (next === "'" || next === '\\') {
        out += next;
        i += 2;
        continue;
      }
      throw new PatternError('bad-escape', i, { char: next ?? '' });
    }
    if (c === "'") return { text: out, end: i + 1 };
    out += c;
    i++;
  }
  throw new PatternError('unterminated-string', startedAt);
}

function skipSpaceAndComments(src: string, i: number): number {
  for (;;) {
    while (i < src.length && WHITE.test(src[i]!)) i++;
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new PatternError('unterminated-comment', i);
      i = end + 2;
    } else if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
    } else return i;
  }
}

function readNumber(src: string, i: number): Token {
  const start = i;
  if (src[i] === '+' || src[i] === '-') i++;
  while (i < src.length && DIGIT.test(src[i]!)) i++;
  const intEnd = i;
  if (src[i] === '.' && DIGIT.test(src[i + 1] ?? '')) {
    i++;
    while (i < src.length && DIGIT.test(src[i]!)) i++;
    const text = src.slice(start, i);
    return { kind: 'float', value: Number(text), text, at: start };
  }
  const text = src.slice(start, intEnd);
  const digits = text.replace(/^[+-]/, '');
  if (digits.length === 0) throw new PatternError('unexpected-character', start, { char: src[start] ?? '' });
  if (digits.length > 1 && digits.startsWith('0')) throw new PatternError('leading-zero', start, { text });
  return { kind: 'int', value: Number(text), text, at: start };
}

/** Splits a pattern into tokens; throws PatternError at the first character that fits no token. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    i = skipSpaceAndComments(src, i);
    if (i >= src.length) break;
    const c = src[i]!;
    const at = i;
    if ('[]():,*'.includes(c)) {
      tokens.push({ kind: 'punct', value: c as '[' | ']' | '(' | ')' | ':' | ',' | '*', at });
      i++;
    } else if (c === '.' && !DIGIT.test(src[i + 1] ?? '')) {
      tokens.push({ kind: 'punct', value: '.', at });
      i++;
    } else if (c === '=' || c === '!' || c === '<' || c === '>') {
      const two = src.slice(i, i + 2);
      if (two === '==' || two === '!=' || two === '<>' || two === '<=' || two === '>=') {
        const value = two === '==' ? '=' : two === '<>' ? '!=' : (two as '!=' | '<=' | '>=');
        tokens.push({ kind: 'op', value, at });
        i += 2;
      } else if (c === '!') throw new PatternError('unexpected-character', at, { char: c });
      else {
        tokens.push({ kind: 'op', value: c as '=' | '<' | '>', at });
        i++;
      }
    } else if (c === "'") {
      const q = readQuoted(src, i, at);
      tokens.push({ kind: 'string', value: q.text, at });
      i = q.end;
    } else if ((c === 'h' || c === 'b' || c === 't') && src[i + 1] === "'") {
      const q = readQuoted(src, i + 1, at);
      i = q.end;
      if (c === 'h') {
        if (!/^([0-9A-Fa-f]{2})*$/.test(q.text)) throw new PatternError('bad-hex', at);
        tokens.push({ kind: 'hex', value: q.text, at });
      } else if (c === 'b') {
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(q.text) || q.text.length % 4 !== 0) throw new PatternError('bad-binary', at);
        tokens.push({ kind: 'binary', value: q.text, at });
      } else tokens.push({ kind: 'timestamp', value: q.text, at });
    } else if (DIGIT.test(c) || ((c === '+' || c === '-' || c === '.') && /[0-9.]/.test(src[i + 1] ?? ''))) {
      const n = readNumber(src, i);
      tokens.push(n);
      i = at + (n.kind === 'int' || n.kind === 'float' ? n.text.length : 0);
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < src.length && IDENT_PART.test(src[j]!)) j++;
      const word = src.slice(i, j);
      const upper = word.toUpperCase();
      if (upper === 'TRUE' || upper === 'FALSE') tokens.push({ kind: 'bool', value: upper === 'TRUE', at });
      else if (KEYWORDS.has(upper)) tokens.push({ kind: 'keyword', value: upper as Keyword, at });
      else tokens.push({ kind: 'identifier', value: word, at });
      i = j;
    } else throw new PatternError('unexpected-character', at, { char: c });
  }
  tokens.push({ kind: 'end', at: src.length });
  return tokens;
}
