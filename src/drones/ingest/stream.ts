/**
 * Splits a TAK client's TCP byte stream into messages: concatenated CoT XML events, or TAK
 * protobuf in streaming framing (0xbf, varint length, payload). Clients start in XML and may
 * switch to protobuf after negotiation, so the format is decided per message by its first byte.
 *
 * XML is delimited by a small byte-level tokenizer (tags, quoted attribute values, comments,
 * CDATA, processing instructions) rather than by searching for "</event>", so a remark that
 * contains "</event>" cannot cut an event in two. The tokenizer keeps its state between chunks,
 * which makes any chunking of a stream yield the same messages and costs one pass per byte.
 * A message that passes the size ceiling is refused as soon as that is known, before it is
 * buffered; the splitter then stops, and the caller closes the connection.
 */
import type { IngestRejection } from '../model.js';
import { MAX_MESSAGE_BYTES, rejection, type Params } from './model.js';
import { TAK_MAGIC } from './tak-schema.js';

export type SplitItem = { format: 'cot' | 'tak-protobuf'; bytes: Uint8Array } | { error: IngestRejection };

type Mode = 'idle' | 'xml' | 'frame-length' | 'frame-payload' | 'failed';
type XmlState = 'text' | 'lt' | 'pi' | 'bang' | 'comment' | 'cdata' | 'open' | 'open-dq' | 'open-sq' | 'close';

const LT = 0x3c,
  GT = 0x3e,
  SLASH = 0x2f,
  QUESTION = 0x3f,
  BANG = 0x21,
  DASH = 0x2d,
  RBRACKET = 0x5d,
  DQ = 0x22,
  SQ = 0x27;
const CDATA_OPEN = '[CDATA[';

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

export class TakStreamSplitter {
  private mode: Mode = 'idle';
  private parts: Uint8Array[] = [];
  private size = 0;
  // XML tokenizer state.
  private xml: XmlState = 'text';
  private depth = 0;
  private run = 0; // consecutive '-' or ']' (comment and CDATA ends), or '?' seen (PI end)
  private slash = false; // last byte inside a start tag was '/', so '>' closes it empty
  private bang = '';
  // Protobuf framing state.
  private lengthValue = 0;
  private lengthScale = 1;
  private lengthBytes = 0;
  private remaining = 0;

  constructor(readonly maxMessageBytes = MAX_MESSAGE_BYTES) {}

  /** True once a refusal stopped the splitter: the connection should be closed. */
  get failed(): boolean {
    return this.mode === 'failed';
  }

  push(chunk: Uint8Array): SplitItem[] {
    const out: SplitItem[] = [];
    let i = 0;
    let start = 0; // where the current message begins in this chunk
    const fail = (format: 'cot' | 'tak-protobuf', reason: string, params: Params): SplitItem[] => {
      this.mode = 'failed';
      this.parts = [];
      out.push({ error: rejection(format, reason, params) });
      return out;
    };
    const finish = (end: number, format: 'cot' | 'tak-protobuf'): void => {
      this.parts.push(chunk.slice(start, end));
      out.push({ format, bytes: concat(this.parts) });
      this.parts = [];
      this.size = 0;
      this.mode = 'idle';
    };
    while (i < chunk.length) {
      if (this.mode === 'failed') return out;
      if (this.mode === 'idle') {
        const c = chunk[i]!;
        if (isSpace(c)) {
          i++;
          continue;
        }
        start = i;
        this.size = 0;
        if (c === TAK_MAGIC) {
          this.mode = 'frame-length';
          this.lengthValue = 0;
          this.lengthScale = 1;
          this.lengthBytes = 0;
          i++;
          continue;
        }
        if (c !== LT) return fail('cot', 'stream-garbage', { byte: `0x${c.toString(16).padStart(2, '0')}` });
        this.mode = 'xml';
        this.xml = 'lt';
        this.depth = 0;
        this.run = 0;
        this.slash = false;
        i++;
        continue;
      }
      if (this.mode === 'frame-length') {
        const c = chunk[i++]!;
        this.lengthValue += (c & 0x7f) * this.lengthScale;
        this.lengthScale *= 128;
        this.lengthBytes++;
        if (c & 0x80) {
          if (this.lengthBytes >= 5) return fail('tak-protobuf', 'frame-length', { declared: '?', actual: '?' });
          continue;
        }
        const total = 1 + this.lengthBytes + this.lengthValue;
        if (total > this.maxMessageBytes) return fail('tak-protobuf', 'too-large', { actual: total, max: this.maxMessageBytes });
        this.remaining = this.lengthValue;
        this.mode = 'frame-payload';
        if (this.remaining === 0) finish(i, 'tak-protobuf');
        continue;
      }
      if (this.mode === 'frame-payload') {
        const take = Math.min(this.remaining, chunk.length - i);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) finish(i, 'tak-protobuf');
        continue;
      }
      // XML: one token step per byte, except plain text which jumps to the next '<'.
      if (this.size + (i - start) >= this.maxMessageBytes) {
        return fail('cot', 'too-large', { actual: this.size + (i - start) + 1, max: this.maxMessageBytes });
      }
      if (this.xml === 'text') {
        const next = chunk.indexOf(LT, i);
        const end = next < 0 ? chunk.length : next;
        if (this.size + (end - start) > this.maxMessageBytes) {
          return fail('cot', 'too-large', { actual: this.size + (end - start), max: this.maxMessageBytes });
        }
        if (next < 0) {
          i = chunk.length;
          continue;
        }
        this.xml = 'lt';
        i = next + 1;
        continue;
      }
      const c = chunk[i++]!;
      const done = this.step(c);
      if (done === 'declaration') return fail('cot', 'doctype', {});
      if (done === 'complete') finish(i, 'cot');
    }
    if (this.mode === 'xml' || this.mode === 'frame-length' || this.mode === 'frame-payload') {
      const rest = chunk.slice(start);
      if (rest.length > 0) {
        this.parts.push(rest);
        this.size += rest.length;
      }
    }
    return out;
  }

  /** Advances the XML tokenizer by one byte; says when the root element has closed. */
  private step(c: number): 'complete' | 'declaration' | null {
    switch (this.xml) {
      case 'lt':
        if (c === QUESTION) {
          this.xml = 'pi';
          this.run = 0;
        } else if (c === BANG) {
          this.xml = 'bang';
          this.bang = '';
        } else if (c === SLASH) this.xml = 'close';
        else {
          this.xml = 'open';
          this.slash = false;
        }
        return null;
      case 'pi':
        if (c === GT && this.run === 1) this.xml = 'text';
        this.run = c === QUESTION ? 1 : 0;
        return null;
      case 'bang':
        this.bang += String.fromCharCode(c);
        if (this.bang === '--') {
          this.xml = 'comment';
          this.run = 0;
        } else if (this.bang === CDATA_OPEN) {
          this.xml = 'cdata';
          this.run = 0;
        }
        // Anything else after "<!" is a declaration (DOCTYPE, ENTITY …): refused, never framed.
        else if (!'--'.startsWith(this.bang) && !CDATA_OPEN.startsWith(this.bang)) return 'declaration';
        return null;
      case 'comment':
        if (c === GT && this.run >= 2) this.xml = 'text';
        this.run = c === DASH ? this.run + 1 : 0;
        return null;
      case 'cdata':
        if (c === GT && this.run >= 2) this.xml = 'text';
        this.run = c === RBRACKET ? this.run + 1 : 0;
        return null;
      case 'open':
        if (c === DQ) this.xml = 'open-dq';
        else if (c === SQ) this.xml = 'open-sq';
        else if (c === GT) {
          this.xml = 'text';
          if (!this.slash) this.depth++;
          else if (this.depth === 0) return 'complete';
        }
        this.slash = c === SLASH;
        return null;
      case 'open-dq':
      case 'open-sq':
        if (c === (this.xml === 'open-dq' ? DQ : SQ)) {
          this.xml = 'open';
          this.slash = false;
        }
        return null;
      case 'close':
        if (c === GT) {
          this.xml = 'text';
          this.depth--;
          if (this.depth <= 0) return 'complete';
        }
        return null;
      case 'text':
        if (c === LT) this.xml = 'lt';
        return null;
    }
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
