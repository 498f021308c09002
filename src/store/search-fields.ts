/**
 * What the console filters and searches on, taken out of an object's JSON once, when a version is
 * stored (and by migration 0005 for versions stored before): the list of 100,000 objects must be
 * searched in SQL without parsing a single body.
 */
import { GRADING_EXTENSION_ID } from '../stix/enlace-ids.js';

export interface SearchFields {
  /** What a person calls the object: its name, else its value, abstract or the start of its content. */
  name: string | null;
  /** Source reliability and information credibility, e.g. "B2"; null when ungraded. */
  grading: string | null;
  /** Folded labels as a JSON array text, so that `"label"` only ever matches a whole label. */
  labels: string | null;
  /** Folded free text (name, description, pattern, value…) for substring search. */
  text: string;
  /** Ids the object is about (relationship ends, a note's objects…), to find it from them. */
  refs: string[];
}

const MAX_NAME = 300;
const MAX_TEXT = 8000;
const MAX_REFS = 200;
const RELIABILITY = new Set(['A', 'B', 'C', 'X']);
/** Properties whose text a person would search for. */
const TEXT_PROPERTIES = [
  'name',
  'description',
  'pattern',
  'value',
  'aliases',
  'abstract',
  'content',
  'explanation',
  'rationale',
  'relationship_type',
  'roles',
  'goals',
  'country',
  'city',
  'region',
  'labels',
] as const;
/** The reference properties that say what an object is about, by type. */
const REFERENCE_PROPERTIES: Record<string, readonly string[]> = {
  relationship: ['source_ref', 'target_ref'],
  sighting: ['sighting_of_ref'],
  note: ['object_refs'],
  opinion: ['object_refs'],
  'language-content': ['object_ref'],
  'x-enlace-proposal': ['target_ref'],
  'x-enlace-proposal-response': ['target_ref'],
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text as both databases store it faithfully: well-formed UTF-16, no NUL. */
function storable(s: string): string {
  return s.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * Lower case without accents, so that "atlantico" finds "Atlántico" and "ÑANDÚ" finds "ñandu":
 * queries are folded the same way, and SQL compares plain bytes (LIKE on both backends).
 */
export function foldForSearch(s: string): string {
  return storable(s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
}

function texts(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
}

function nameOf(o: Record<string, unknown>): string | null {
  for (const key of ['name', 'value', 'abstract', 'content', 'relationship_type'] as const) {
    const v = o[key];
    if (typeof v === 'string' && v.trim().length > 0) return storable(v.trim().slice(0, MAX_NAME));
  }
  return null;
}

function gradingOf(o: Record<string, unknown>): string | null {
  const exts = o['extensions'];
  const g = isRecord(exts) ? exts[GRADING_EXTENSION_ID] : undefined;
  if (!isRecord(g)) return null;
  const r = g['source_reliability'];
  const c = g['information_credibility'];
  if (typeof r !== 'string' || !RELIABILITY.has(r) || typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > 4) return null;
  return `${r}${c}`;
}

function refsOf(o: Record<string, unknown>): string[] {
  const type = typeof o['type'] === 'string' ? o['type'] : '';
  const out = new Set<string>();
  for (const key of REFERENCE_PROPERTIES[type] ?? []) {
    const v = o[key];
    const list = Array.isArray(v) ? v : [v];
    for (const r of list) if (typeof r === 'string' && r.length > 0 && r.length <= 300 && out.size < MAX_REFS) out.add(storable(r));
  }
  return [...out];
}

/** The search fields of one object; anything unexpected yields empty fields, never an error. */
export function searchFieldsOf(object: unknown): SearchFields {
  if (!isRecord(object)) return { name: null, grading: null, labels: null, text: '', refs: [] };
  const parts: string[] = [];
  for (const key of TEXT_PROPERTIES) texts(object[key], parts);
  const labels = Array.isArray(object['labels']) ? object['labels'].filter((l): l is string => typeof l === 'string') : [];
  return {
    name: nameOf(object),
    grading: gradingOf(object),
    labels: labels.length > 0 ? JSON.stringify(labels.slice(0, 100).map(foldForSearch)) : null,
    text: foldForSearch(parts.join('\n').slice(0, MAX_TEXT)),
    refs: refsOf(object),
  };
}

/** The search fields of a stored body (JSON text). */
export function searchFieldsOfBody(body: string): SearchFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = null;
  }
  return searchFieldsOf(parsed);
}
