/**
 * The intelligence list: the newest version of every object the node holds, across collections,
 * newest first, filtered and searched in the database (src/store/console-records.ts) one page at
 * a time, so the first page comes as fast with 100,000 objects as with ten.
 */
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { foldForSearch } from '../store/search-fields.js';
import type { ConsoleSearch } from '../store/types.js';
import { isStixId } from '../taxii/filters.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { Originators, TLP_FILTERS, listItemOf, type ListItem, type Viewer } from './model.js';
import { badRequest, bothLanguages } from './phrase.js';

export const LIST_DEFAULT_LIMIT = 50;
export const LIST_MAX_LIMIT = 200;
const MAX_Q = 200;
/** Objects about objects, shown on the object they describe rather than in the list (unless asked for by type). */
const HIDDEN_BY_DEFAULT = ['marking-definition', 'extension-definition', 'language-content'];
const STIX_TYPE = /^[a-z0-9][a-z0-9-]{0,248}[a-z0-9]$/;
const GRADING = /^[ABCX][1-4]$/;

/** The list's filters as the API names them (values as received; checked here). */
export interface SearchParams {
  q?: string;
  type?: string[];
  origin?: string[];
  marking?: string[];
  grading?: string[];
  label?: string[];
  since?: string;
  revoked?: string;
  limit?: string;
  cursor?: string;
}

export interface SearchResult {
  items: ListItem[];
  next: string | null;
}

const invalid = (name: string, value: string, expected: string): EnlaceError =>
  badRequest('param.invalid', { name, value: value.slice(0, 60), expected });

function requireReader(viewer: Viewer): void {
  if (!viewer.permissions.has('objects:read')) throw new EnlaceError('auth.forbidden', { action: bothLanguages('action.read-objects') });
}

function readLimit(raw: string | undefined): number {
  if (raw === undefined) return LIST_DEFAULT_LIMIT;
  const n = /^[0-9]{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= LIST_MAX_LIMIT)) throw invalid('limit', raw, `1-${LIST_MAX_LIMIT}`);
  return n;
}

/** "amber+strict" arrives as "amber strict" when a client leaves the + of a query string unencoded. */
function readMarking(raw: string): string | null {
  const v = raw
    .trim()
    .toLowerCase()
    .replace(/[ _-]strict$/, '+strict');
  if (!(TLP_FILTERS as readonly string[]).includes(v)) throw invalid('marking', raw, TLP_FILTERS.join(', '));
  return v === 'none' ? null : v;
}

function readGrading(raw: string): string | null {
  const v = raw.trim().toUpperCase();
  if (v === 'UNGRADED') return null;
  if (!GRADING.test(v)) throw invalid('grading', raw, 'A1…X4, ungraded');
  return v;
}

function readSince(raw: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(raw) ? Date.parse(raw) : NaN;
  if (!Number.isFinite(ms)) throw invalid('since', raw, 'an ISO 8601 date or timestamp');
  return ms * 1000;
}

/** Identities an origin names: this node ("self"), a pinned peer by name, or every node of a country. */
function readOrigins(raw: readonly string[], originators: Originators): string[] | undefined {
  if (raw.length === 0) return undefined;
  const ids = new Set<string>();
  for (const value of raw) {
    const v = value.trim();
    const all = originators.all();
    const self = all.find((o) => o.self);
    if (v.toLowerCase() === 'self' && self) {
      ids.add(self.id);
      continue;
    }
    const peer = all.find((o) => o.peer === v);
    if (peer) {
      ids.add(peer.id);
      continue;
    }
    if (!/^[A-Za-z]{2}$/.test(v)) {
      const peers = all.flatMap((o) => (o.peer === null ? [] : [o.peer])).join(', ') || '—';
      throw badRequest('param.origin', { value: v.slice(0, 60), peers });
    }
    for (const o of all) if (o.country?.toUpperCase() === v.toUpperCase()) ids.add(o.id);
  }
  // A country no known node belongs to matches nothing, rather than everything.
  return ids.size > 0 ? [...ids] : ['identity--none'];
}

/** Turns the API's parameters into a store search. */
export function searchOf(p: SearchParams, originators: Originators): ConsoleSearch {
  const search: ConsoleSearch = { revoked: 'exclude', limit: readLimit(p.limit) };
  const q = p.q?.trim() ?? '';
  if (q.length > MAX_Q) throw invalid('q', q, `at most ${MAX_Q} characters`);
  if (q.length > 0) {
    if (isStixId(q)) search.ids = [q];
    else search.text = foldForSearch(q);
  }
  const types = p.type ?? [];
  for (const t of types) if (!STIX_TYPE.test(t)) throw invalid('type', t, 'a STIX type such as indicator');
  if (types.length > 0) search.types = types;
  else if (search.ids === undefined) search.excludeTypes = HIDDEN_BY_DEFAULT;
  search.originators = readOrigins(p.origin ?? [], originators);
  if (p.marking && p.marking.length > 0) search.tlp = p.marking.map(readMarking);
  if (p.grading && p.grading.length > 0) search.gradings = p.grading.map(readGrading);
  if (p.label && p.label.length > 0) {
    for (const l of p.label) if (l.trim().length === 0 || l.length > 250) throw invalid('label', l, '1-250 characters');
    search.labels = p.label.map((l) => foldForSearch(l.trim()));
  }
  if (p.since !== undefined) search.addedAfterUs = readSince(p.since);
  // An id pasted in the search box finds its object, whatever it is and even if revoked, unless told otherwise.
  if (search.ids !== undefined) search.revoked = 'include';
  if (p.revoked !== undefined) {
    if (p.revoked !== 'include' && p.revoked !== 'only' && p.revoked !== 'exclude')
      throw invalid('revoked', p.revoked, 'include, only, exclude');
    search.revoked = p.revoked;
  }
  if (p.cursor !== undefined) search.after = decodeCursor(p.cursor);
  return search;
}

/** One page of the intelligence list. */
export async function searchObjects(ctx: NodeContext, viewer: Viewer, p: SearchParams): Promise<SearchResult> {
  requireReader(viewer);
  const originators = await Originators.load(ctx);
  const page = await ctx.store.console.searchObjects(searchOf(p, originators));
  const last = page.rows[page.rows.length - 1];
  return {
    items: page.rows.map((row) => listItemOf(row, originators)),
    next: page.more && last ? encodeCursor({ dateAddedUs: last.dateAddedUs, collectionId: last.collectionId, seq: last.seq }) : null,
  };
}
