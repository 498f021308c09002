/**
 * The intelligence list's filters: one shape kept in the page address (so a filtered view can be
 * bookmarked, shared with a colleague, and survives a reload) and turned into the query of
 * GET /console/api/objects.
 */
import type { Query } from './api.js';
import type { TlpLevel } from './types.js';

export const MARKING_FILTERS = ['clear', 'green', 'amber', 'amber+strict', 'red', 'none'] as const;
export type MarkingFilter = (typeof MARKING_FILTERS)[number];
export const REVOKED_FILTERS = ['exclude', 'include', 'only'] as const;
export type RevokedFilter = (typeof REVOKED_FILTERS)[number];

/** The STIX types offered as filters: what analysts look for, not every type the node holds. */
export const TYPE_FILTERS = [
  'indicator',
  'threat-actor',
  'malware',
  'campaign',
  'infrastructure',
  'intrusion-set',
  'location',
  'report',
  'identity',
  'relationship',
  'sighting',
  'note',
  'opinion',
  'x-enlace-proposal',
] as const;

export interface ObjectFilters {
  q: string;
  types: string[];
  /** '' any; 'self'; a peer's name; or an ISO 3166 country code. */
  origin: string;
  marking: MarkingFilter | '';
  /** 'A1'…'X4' or 'ungraded'. */
  grading: string[];
  labels: string[];
  /** A calendar day, YYYY-MM-DD: objects added from that day on. */
  since: string;
  revoked: RevokedFilter;
}

export const EMPTY_FILTERS: ObjectFilters = {
  q: '',
  types: [],
  origin: '',
  marking: '',
  grading: [],
  labels: [],
  since: '',
  revoked: 'exclude',
};

const GRADING = /^([ABCX][1-4]|ungraded)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 200;

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}

/** Filters from a page address's query; anything malformed is dropped, never passed on. */
export function filtersFromSearch(search: string): ObjectFilters {
  const p = new URLSearchParams(search);
  const since = p.get('since') ?? '';
  return {
    q: (p.get('q') ?? '').slice(0, MAX_TEXT),
    types: unique(p.getAll('type')).filter((t) => /^[a-z0-9-]{1,250}$/.test(t)),
    origin: (p.get('origin') ?? '').slice(0, 64),
    marking: oneOf(p.get('marking'), MARKING_FILTERS, '' as MarkingFilter | '') as MarkingFilter | '',
    grading: unique(p.getAll('grading')).filter((g) => GRADING.test(g)),
    labels: unique(p.getAll('label')).map((l) => l.slice(0, 100)),
    since: DAY.test(since) ? since : '',
    revoked: oneOf(p.get('revoked'), REVOKED_FILTERS, 'exclude'),
  };
}

/** The page address query for filters: only what differs from no filter at all. */
export function filtersToSearch(f: ObjectFilters): string {
  const p = new URLSearchParams();
  if (f.q.trim() !== '') p.set('q', f.q.trim());
  for (const t of f.types) p.append('type', t);
  if (f.origin !== '') p.set('origin', f.origin);
  if (f.marking !== '') p.set('marking', f.marking);
  for (const g of f.grading) p.append('grading', g);
  for (const l of f.labels) p.append('label', l);
  if (f.since !== '') p.set('since', f.since);
  if (f.revoked !== 'exclude') p.set('revoked', f.revoked);
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

/** The start of a calendar day in the reader's time zone, as the ISO timestamp the API takes. */
export function dayStartIso(day: string): string | undefined {
  if (!DAY.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The query of GET /console/api/objects for filters and a page. */
export function toApiQuery(f: ObjectFilters, page: { cursor?: string | null; limit?: number } = {}): Query {
  return {
    q: f.q.trim(),
    type: f.types,
    origin: f.origin,
    marking: f.marking,
    grading: f.grading,
    label: f.labels,
    since: dayStartIso(f.since),
    revoked: f.revoked === 'exclude' ? undefined : f.revoked,
    limit: page.limit,
    cursor: page.cursor ?? undefined,
  };
}

/** How many filters narrow the list (the free-text search not counted: it shows on its own). */
export function activeFilterCount(f: ObjectFilters): number {
  return (
    (f.types.length > 0 ? 1 : 0) +
    (f.origin !== '' ? 1 : 0) +
    (f.marking !== '' ? 1 : 0) +
    (f.grading.length > 0 ? 1 : 0) +
    (f.labels.length > 0 ? 1 : 0) +
    (f.since !== '' ? 1 : 0) +
    (f.revoked !== 'exclude' ? 1 : 0)
  );
}

/** The list with `value` added, or removed when it was there. */
export function toggled(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** Labels as typed in one field, separated by commas. */
export function parseLabels(text: string): string[] {
  return unique(text.split(','));
}

export function isTlpFilter(m: MarkingFilter | ''): m is TlpLevel {
  return m !== '' && m !== 'none';
}
