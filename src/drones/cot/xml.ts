/**
 * The XML half of CoT parsing: the checks that must happen before any parser sees the text, and
 * fast-xml-parser configured so that nothing in a hostile document can expand, coerce or pollute.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_NESTING, type CotRejection } from './model.js';

/** One parsed element: attributes under `@_name`, text under `#text`, children by tag name. */
export type XmlNode = Record<string, unknown>;

export const ATTR = '@_';
const TEXT = '#text';

/**
 * Entity processing off: with DOCTYPE refused there is nothing legitimate to expand, and the
 * library's own expansion is exactly the surface billion-laughs attacks aim at. Values stay
 * strings (no strnum) so that "0x10", "1e999" or "Infinity" reach our own strict number check
 * instead of being silently turned into numbers. Depth is capped here too as a second line.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  textNodeName: TEXT,
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  allowBooleanAttributes: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  trimValues: true,
  maxNestedTags: MAX_NESTING,
});

/**
 * Refused before parsing so that no entity can ever be declared, let alone expanded; case-blind
 * and anywhere in the text (even inside a comment) because CoT has no use for either word.
 */
const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

export function hasDeclaration(text: string): boolean {
  return DECLARATION.test(text);
}

/** Text that cannot begin an XML document is "not XML" rather than "malformed XML". */
export function looksLikeXml(text: string): boolean {
  return /^\uFEFF?\s*</.test(text);
}

/**
 * Deepest element nesting, counted on text the validator already accepted. Comments, CDATA and
 * processing instructions are skipped so that a `<` inside them does not count as a tag. Runs
 * before the parser so that a deep document is refused without building its tree.
 */
export function nestingDepth(text: string): number {
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)[^\s/>!?]+(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  let depth = 0;
  let deepest = 0;
  for (const match of text.matchAll(token)) {
    if (match[1] === undefined) continue;
    if (match[1] === '/') depth -= 1;
    else if (match[2] !== '/') deepest = Math.max(deepest, ++depth);
    else deepest = Math.max(deepest, depth + 1);
  }
  return deepest;
}

/** Well-formedness first, then the tree; any failure of either is "malformed". */
export function parseXml(text: string): { ok: true; root: XmlNode } | { ok: false; rejection: CotRejection } {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    return { ok: false, rejection: { reason: 'malformed', params: { detail: `${valid.err.msg} (${valid.err.line}:${valid.err.col})` } } };
  }
  if (nestingDepth(text) > MAX_NESTING) return { ok: false, rejection: { reason: 'too-deep', params: { max: MAX_NESTING } } };
  try {
    const tree: unknown = parser.parse(text);
    if (!isNode(tree)) return { ok: false, rejection: { reason: 'malformed', params: { detail: 'no element' } } };
    return { ok: true, root: tree };
  } catch (caught) {
    const detail = caught instanceof Error ? caught.message : String(caught);
    return { ok: false, rejection: { reason: 'malformed', params: { detail } } };
  }
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A child element, or `undefined`; repeated elements give the array so callers can refuse them. */
export function child(node: XmlNode, name: string): unknown {
  return Object.hasOwn(node, name) ? node[name] : undefined;
}

export function attribute(node: XmlNode, name: string): string | undefined {
  const value = child(node, ATTR + name);
  return typeof value === 'string' ? decodeEntities(value) : undefined;
}

/** Text content of an element that may be bare text or carry attributes beside its text. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return decodeEntities(value);
  if (isNode(value)) {
    const text = child(value, TEXT);
    return typeof text === 'string' ? decodeEntities(text) : '';
  }
  return undefined;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The five predefined entities and character references, in one pass: a replacement is never
 * scanned again, so `&amp;lt;` stays `&lt;` and nothing can expand recursively. Unknown names
 * are left as written.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return Object.hasOwn(PREDEFINED, name) ? PREDEFINED[name]! : whole;
  });
}
