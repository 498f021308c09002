/**
 * A recursive-descent parser for STIX 2.1 Patterning, following the precedence of the OASIS
 * grammar: FOLLOWEDBY binds loosest, then OR, then AND between observation expressions;
 * qualifiers follow an observation; inside brackets OR binds looser than AND.
 */
import type { Comparison, ComparisonOperator, Literal, ObjectPath, Observation, PathStep, Qualifier } from './ast.js';
import { PatternError } from './errors.js';
import { tokenize, type Keyword, type Token } from './lexer.js';

/** Nesting deeper than this is refused rather than risking the stack on hostile input. */
export const MAX_PATTERN_DEPTH = 64;

const WORDS: Record<string, string> = { '[': '[', ']': ']', '(': '(', ')': ')', ':': ':' };

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'end';
    case 'punct':
    case 'op':
    case 'keyword':
      return String(t.value);
    case 'identifier':
      return t.value;
    case 'string':
      return `'${t.value.slice(0, 20)}'`;
    default:
      return t.kind;
  }
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private isKeyword(k: Keyword): boolean {
    const t = this.peek();
    return t.kind === 'keyword' && t.value === k;
  }
  private isPunct(p: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.value === p;
  }
  private expectPunct(p: string): Token {
    const t = this.next();
    if (t.kind !== 'punct' || t.value !== p) throw new PatternError('expected', t.at, { expected: WORDS[p] ?? p, found: describe(t) });
    return t;
  }
  private expectKeyword(k: Keyword): Token {
    const t = this.next();
    if (t.kind !== 'keyword' || t.value !== k) throw new PatternError('expected', t.at, { expected: k, found: describe(t) });
    return t;
  }
  private enter(at: number): void {
    if (++this.depth > MAX_PATTERN_DEPTH) throw new PatternError('too-deep', at, { max: MAX_PATTERN_DEPTH });
  }
  private leave(): void {
    this.depth--;
  }

  pattern(): Observation {
    const first = this.peek();
    if (first.kind === 'end') throw new PatternError('empty', 0);
    const o = this.followedBy();
    const rest = this.peek();
    if (rest.kind !== 'end') throw new PatternError('trailing-input', rest.at, { found: describe(rest) });
    return o;
  }

  private binaryObservation(kind: 'followedby' | 'or' | 'and', keyword: Keyword, operand: () => Observation): Observation {
    const at = this.peek().at;
    const operands = [operand()];
    while (this.isKeyword(keyword)) {
      this.next();
      operands.push(operand());
    }
    return operands.length === 1 ? operands[0]! : { kind, operands, at };
  }

  private followedBy(): Observation {
    return this.binaryObservation('followedby', 'FOLLOWEDBY', () => this.observationOr());
  }
  private observationOr(): Observation {
    return this.binaryObservation('or', 'OR', () => this.observationAnd());
  }
  private observationAnd(): Observation {
    return this.binaryObservation('and', 'AND', () => this.qualified());
  }

  private qualified(): Observation {
    const t = this.peek();
    this.enter(t.at);
    let o: Observation;
    if (this.isPunct('[')) {
      this.next();
      const comparison = this.comparisonOr();
      this.expectPunct(']');
      o = { kind: 'observation', comparison, qualifiers: [], at: t.at };
    } else if (this.isPunct('(')) {
      this.next();
      const inner = this.followedBy();
      this.expectPunct(')');
      o = { kind: 'group', inner, qualifiers: [], at: t.at };
    } else throw new PatternError('expected', t.at, { expected: '[', found: describe(t) });
    while (this.isKeyword('WITHIN') || this.isKeyword('REPEATS') || this.isKeyword('START')) o.qualifiers.push(this.qualifier());
    this.leave();
    return o;
  }

  private qualifier(): Qualifier {
    const k = this.next();
    const at = k.at;
    if (k.kind === 'keyword' && k.value === 'WITHIN') {
      const n = this.next();
      if (n.kind !== 'int' && n.kind !== 'float') throw new PatternError('expected', n.at, { expected: 'number', found: describe(n) });
      if (!(n.value > 0)) throw new PatternError('not-positive', n.at, { what: 'WITHIN' });
      this.expectKeyword('SECONDS');
      return { kind: 'within', seconds: n.value, at };
    }
    if (k.kind === 'keyword' && k.value === 'REPEATS') {
      const n = this.next();
      if (n.kind !== 'int') throw new PatternError('expected', n.at, { expected: 'integer', found: describe(n) });
      if (!(n.value > 0)) throw new PatternError('not-positive', n.at, { what: 'REPEATS' });
      this.expectKeyword('TIMES');
      return { kind: 'repeats', times: n.value, at };
    }
    const start = this.next();
    if (start.kind !== 'timestamp') throw new PatternError('expected', start.at, { expected: "t'…'", found: describe(start) });
    this.expectKeyword('STOP');
    const stop = this.next();
    if (stop.kind !== 'timestamp') throw new PatternError('expected', stop.at, { expected: "t'…'", found: describe(stop) });
    return { kind: 'start-stop', start: start.value, stop: stop.value, at };
  }

  private comparisonOr(): Comparison {
    const at = this.peek().at;
    const operands = [this.comparisonAnd()];
    while (this.isKeyword('OR')) {
      this.next();
      operands.push(this.comparisonAnd());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands, at };
  }

  private comparisonAnd(): Comparison {
    const at = this.peek().at;
    const operands = [this.propTest()];
    while (this.isKeyword('AND')) {
      this.next();
      operands.push(this.propTest());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands, at };
  }

  private propTest(): Comparison {
    const t = this.peek();
    if (this.isPunct('(')) {
      this.enter(t.at);
      this.next();
      const inner = this.comparisonOr();
      this.expectPunct(')');
      this.leave();
      return inner;
    }
    if (this.isKeyword('EXISTS')) {
      this.next();
      return { kind: 'exists', path: this.objectPath(), at: t.at };
    }
    const path = this.objectPath();
    let negated = false;
    if (this.isKeyword('NOT')) {
      this.next();
      negated = true;
    }
    const op = this.next();
    let operator: ComparisonOperator;
    if (op.kind === 'op') operator = op.value;
    else if (op.kind === 'keyword' && ['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'].includes(op.value)) {
      operator = op.value as ComparisonOperator;
    } else throw new PatternError('expected', op.at, { expected: 'comparison operator', found: describe(op) });
    const value = operator === 'IN' ? this.set() : this.literal();
    return { kind: 'test', path, negated, operator, value, at: t.at };
  }

  private objectPath(): ObjectPath {
    const type = this.next();
    if (type.kind !== 'identifier') throw new PatternError('expected', type.at, { expected: 'object type', found: describe(type) });
    this.expectPunct(':');
    const first = this.next();
    if (first.kind !== 'identifier' && first.kind !== 'string') {
      throw new PatternError('expected', first.at, { expected: 'property', found: describe(first) });
    }
    const steps: PathStep[] = [];
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        const key = this.next();
        if (key.kind !== 'identifier' && key.kind !== 'string') {
          throw new PatternError('expected', key.at, { expected: 'property', found: describe(key) });
        }
        steps.push({ kind: 'key', name: key.value, at: key.at });
        if (key.kind === 'identifier' && key.value.includes('-')) throw new PatternError('bad-property-name', key.at, { name: key.value });
      } else if (this.isPunct('[')) {
        const open = this.next();
        const idx = this.next();
        if (idx.kind === 'punct' && idx.value === '*') steps.push({ kind: 'index', index: '*', at: open.at });
        else if (idx.kind === 'int' && idx.value >= 0) steps.push({ kind: 'index', index: idx.value, at: open.at });
        else throw new PatternError('expected', idx.at, { expected: 'index', found: describe(idx) });
        this.expectPunct(']');
      } else break;
    }
    if (first.kind === 'identifier' && first.value.includes('-'))
      throw new PatternError('bad-property-name', first.at, { name: first.value });
    return { objectType: type.value, property: first.value, steps, at: type.at };
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'int':
      case 'float':
      case 'bool':
      case 'string':
      case 'hex':
      case 'binary':
      case 'timestamp':
        return { kind: t.kind, value: t.value, at: t.at } as Literal;
      default:
        throw new PatternError('expected', t.at, { expected: 'value', found: describe(t) });
    }
  }

  private set(): Literal[] {
    this.expectPunct('(');
    const out: Literal[] = [];
    if (this.isPunct(')')) {
      this.next();
      return out;
    }
    out.push(this.literal());
    while (this.isPunct(',')) {
      this.next();
      out.push(this.literal());
    }
    this.expectPunct(')');
    return out;
  }
}

/** Parses the text of a pattern; throws PatternError (caught by `parsePattern`). */
export function parseTree(src: string): Observation {
  return new Parser(tokenize(src)).pattern();
}
