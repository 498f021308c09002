/*
 * The part of RFC 8941 (Structured Field Values) that HTTP Message Signatures and Content-Digest
 * need: dictionaries whose members are items or inner lists, with parameters; bare items that are
 * strings, tokens, integers, booleans or byte sequences. Decimals are refused. Written for hostile
 * input: bounded sizes, no recursion beyond one inner-list level, one error type.
 */

export type BareItem =
  | { type: 'string'; value: string }
  | { type: 'token'; value: string }
  | { type: 'integer'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'bytes'; value: Buffer };

/** Parameters keep their order: it is part of what a signature covers. */
export type Parameters = Array<[string, BareItem]>;

export interface Item {
  kind: 'item';
  value: BareItem;
  params: Parameters;
}

export interface InnerList {
  kind: 'inner-list';
  items: Item[];
  params: Parameters;
}

export type Dictionary = Map<string, Item | InnerList>;

/** Raised by the parser and serialiser; callers turn it into their own failure result. */
export class StructuredFieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StructuredFieldError';
  }
}

export const SF_LIMITS = { maxChars: 8192, maxMembers: 16, maxInnerItems: 32, maxParams: 16 } as const;
const MAX_INTEGER = 999_999_999_999_999;
const KEY = /^[a-z*][a-z0-9_\-.*]*$/;
const TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Parses an RFC 8941 dictionary (§4.2.2). Duplicate keys are refused rather than merged. */
export function parseDictionary(text: string): Dictionary {
  if (typeof text !== 'string') throw new StructuredFieldError('field value is not text');
  if (text.length > SF_LIMITS.maxChars) throw new StructuredFieldError(`field value longer than ${SF_LIMITS.maxChars}`);
  const p = new Parser(text);
  const dict: Dictionary = new Map();
  p.skipSpaces();
  if (p.done()) throw new StructuredFieldError('empty dictionary');
  for (;;) {
    const key = p.key();
    if (dict.has(key)) throw new StructuredFieldError(`duplicate member "${key}"`);
    if (dict.size >= SF_LIMITS.maxMembers) throw new StructuredFieldError(`more than ${SF_LIMITS.maxMembers} members`);
    let member: Item | InnerList;
    if (p.peek() === '=') {
      p.pos++;
      member = p.peek() === '(' ? p.innerList() : { kind: 'item', value: p.bareItem(), params: p.params() };
    } else {
      member = { kind: 'item', value: { type: 'boolean', value: true }, params: p.params() };
    }
    dict.set(key, member);
    p.skipOws();
    if (p.done()) return dict;
    p.expect(',');
    p.skipOws();
    if (p.done()) throw new StructuredFieldError('trailing comma');
  }
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text.charAt(this.pos);
  }

  expect(ch: string): void {
    if (this.peek() !== ch) throw this.fail(`expected "${ch}"`);
    this.pos++;
  }

  skipSpaces(): void {
    while (this.peek() === ' ') this.pos++;
  }

  skipOws(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  fail(what: string): StructuredFieldError {
    return new StructuredFieldError(`${what} at offset ${this.pos}`);
  }

  key(): string {
    const m = /^[a-z*][a-z0-9_\-.*]*/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!m) throw this.fail('expected a key');
    this.pos += m[0].length;
    return m[0];
  }

  innerList(): InnerList {
    this.expect('(');
    const items: Item[] = [];
    for (;;) {
      this.skipSpaces();
      if (this.peek() === ')') {
        this.pos++;
        return { kind: 'inner-list', items, params: this.params() };
      }
      if (items.length >= SF_LIMITS.maxInnerItems) throw this.fail(`more than ${SF_LIMITS.maxInnerItems} inner-list items`);
      items.push({ kind: 'item', value: this.bareItem(), params: this.params() });
      const next = this.peek();
      if (next !== ' ' && next !== ')') throw this.fail('expected space or ")" in inner list');
    }
  }

  params(): Parameters {
    const params: Parameters = [];
    while (this.peek() === ';') {
      this.pos++;
      this.skipSpaces();
      const key = this.key();
      if (params.some(([k]) => k === key)) throw this.fail(`duplicate parameter "${key}"`);
      if (params.length >= SF_LIMITS.maxParams) throw this.fail(`more than ${SF_LIMITS.maxParams} parameters`);
      let value: BareItem = { type: 'boolean', value: true };
      if (this.peek() === '=') {
        this.pos++;
        value = this.bareItem();
      }
      params.push([key, value]);
    }
    return params;
  }

  bareItem(): BareItem {
    const c = this.peek();
    if (c === '"') return this.string();
    if (c === ':') return this.bytes();
    if (c === '?') return this.boolean();
    if (c === '-' || (c >= '0' && c <= '9')) return this.integer();
    if (c === '*' || /[A-Za-z]/.test(c)) return this.token();
    throw this.fail('expected an item');
  }

  string(): BareItem {
    this.expect('"');
    let out = '';
    for (;;) {
      if (this.done()) throw this.fail('unterminated string');
      const c = this.text.charAt(this.pos++);
      if (c === '"') return { type: 'string', value: out };
      if (c === '\\') {
        const escaped = this.text.charAt(this.pos++);
        if (escaped !== '"' && escaped !== '\\') throw this.fail('bad escape in string');
        out += escaped;
      } else {
        const code = c.charCodeAt(0);
        if (code < 0x20 || code > 0x7e) throw this.fail('non-printable character in string');
        out += c;
      }
    }
  }

  token(): BareItem {
    const m = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*/.exec(this.text.slice(this.pos, this.pos + 512));
    if (!m) throw this.fail('expected a token');
    this.pos += m[0].length;
    return { type: 'token', value: m[0] };
  }

  integer(): BareItem {
    const m = /^-?[0-9]{1,15}/.exec(this.text.slice(this.pos, this.pos + 17));
    if (!m) throw this.fail('expected an integer');
    this.pos += m[0].length;
    const next = this.peek();
    if (next === '.') throw this.fail('decimals are not supported');
    if (next >= '0' && next <= '9') throw this.fail('integer longer than 15 digits');
    return { type: 'integer', value: Number(m[0]) };
  }

  boolean(): BareItem {
    this.expect('?');
    const c = this.text.charAt(this.pos++);
    if (c !== '0' && c !== '1') throw this.fail('boolean must be ?0 or ?1');
    return { type: 'boolean', value: c === '1' };
  }

  bytes(): BareItem {
    this.expect(':');
    const end = this.text.indexOf(':', this.pos);
    if (end < 0) throw this.fail('unterminated byte sequence');
    const b64 = this.text.slice(this.pos, end);
    if (b64.length % 4 !== 0 || !BASE64.test(b64)) throw this.fail('byte sequence is not padded base64');
    const value = Buffer.from(b64, 'base64');
    if (value.toString('base64') !== b64) throw this.fail('byte sequence is not canonical base64');
    this.pos = end + 1;
    return { type: 'bytes', value };
  }
}

/** Serialises a bare item (RFC 8941 §4.1.3). */
export function serializeBareItem(item: BareItem): string {
  switch (item.type) {
    case 'string':
      if (!/^[\x20-\x7e]*$/.test(item.value)) throw new StructuredFieldError('string has non-printable characters');
      return `"${item.value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    case 'token':
      if (!TOKEN.test(item.value)) throw new StructuredFieldError('not a valid token');
      return item.value;
    case 'integer':
      if (!Number.isInteger(item.value) || Math.abs(item.value) > MAX_INTEGER) throw new StructuredFieldError('integer out of range');
      return String(item.value);
    case 'boolean':
      return item.value ? '?1' : '?0';
    case 'bytes':
      return `:${item.value.toString('base64')}:`;
  }
}

/** Serialises parameters (RFC 8941 §4.1.1.2): a true boolean is written as the bare key. */
export function serializeParams(params: Parameters): string {
  let out = '';
  for (const [key, value] of params) {
    if (!KEY.test(key)) throw new StructuredFieldError(`not a valid key: ${key}`);
    out += `;${key}`;
    if (!(value.type === 'boolean' && value.value)) out += `=${serializeBareItem(value)}`;
  }
  return out;
}

/** Serialises an inner list with its parameters (RFC 8941 §4.1.1.1). */
export function serializeInnerList(list: InnerList): string {
  const items = list.items.map((i) => serializeBareItem(i.value) + serializeParams(i.params)).join(' ');
  return `(${items})${serializeParams(list.params)}`;
}

/** Serialises one dictionary member as `key=value` (RFC 8941 §4.1.2). */
export function serializeMember(key: string, member: Item | InnerList): string {
  if (!KEY.test(key)) throw new StructuredFieldError(`not a valid key: ${key}`);
  if (member.kind === 'inner-list') return `${key}=${serializeInnerList(member)}`;
  if (member.value.type === 'boolean' && member.value.value) return key + serializeParams(member.params);
  return `${key}=${serializeBareItem(member.value)}${serializeParams(member.params)}`;
}
