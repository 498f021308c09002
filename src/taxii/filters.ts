import { EnlaceError } from '../errors/index.js';
import { parseStixTimestamp } from '../stix/index.js';
import type { VersionSelector } from '../store/types.js';

export type QueryParams = Record<string, string | string[] | undefined>;

/** The filters a TAXII request may carry, already checked. */
export interface TaxiiFilters {
  addedAfterUs?: number;
  limit: number;
  next?: string;
  ids?: string[];
  types?: string[];
  versions: VersionSelector;
  specVersions?: string[];
}

/** Which parameters each endpoint takes (TAXII 2.1 sections 5.3–5.8), and its default version. */
export type Endpoint = 'objects' | 'manifest' | 'object' | 'versions' | 'delete';

const allowedMatch: Record<Endpoint, string[]> = {
  objects: ['id', 'type', 'version', 'spec_version'],
  manifest: ['id', 'type', 'version', 'spec_version'],
  object: ['version', 'spec_version'],
  versions: ['spec_version'],
  delete: ['version', 'spec_version'],
};

const STIX_ID = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const STIX_TYPE = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;
const SPEC_VERSION = /^[0-9]\.[0-9]{1,2}$/;
const MAX_VALUES = 100;

/** True when a string is a well-formed STIX identifier (no path characters can pass). */
export function isStixId(s: string): boolean {
  return s.length <= 300 && STIX_ID.test(s) && !s.slice(0, s.indexOf('--')).includes('--');
}

function single(params: QueryParams, name: string): string | undefined {
  const v = params[name];
  if (Array.isArray(v)) throw new EnlaceError('taxii.bad-filter', { name, detail: 'given more than once' });
  return v;
}

/** Comma-separated values, also accepting the parameter repeated; OR semantics either way. */
function list(params: QueryParams, name: string): string[] | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  const values = (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim());
  if (values.length > MAX_VALUES) throw new EnlaceError('taxii.bad-filter', { name, detail: `more than ${MAX_VALUES} values` });
  if (values.some((s) => s === '')) throw new EnlaceError('taxii.bad-filter', { name, detail: 'empty value' });
  return values;
}

function timestamp(name: string, value: string): number {
  const us = value.length <= 40 ? parseStixTimestamp(value) : null;
  if (us === null) throw new EnlaceError('taxii.bad-timestamp', { name, value: value.slice(0, 60) });
  return us;
}

/**
 * Parses and checks the query of a TAXII request. Unknown `match[…]` fields are refused rather
 * than ignored, so that a client never believes a filter applied when it did not.
 */
export function parseFilters(params: QueryParams, endpoint: Endpoint, maxPageSize: number): TaxiiFilters {
  for (const key of Object.keys(params)) {
    const m = /^match\[(.*)\]$/.exec(key);
    if (key.startsWith('match') && (!m || !allowedMatch[endpoint].includes(m[1] ?? ''))) {
      throw new EnlaceError('taxii.bad-filter', { name: key.slice(0, 60), detail: 'not supported on this endpoint' });
    }
  }
  const filters: TaxiiFilters = {
    limit: maxPageSize,
    versions: { all: endpoint === 'versions' || endpoint === 'delete', first: false, last: false, timestampsUs: [] },
  };
  const paging = endpoint !== 'delete';
  const addedAfter = paging ? single(params, 'added_after') : undefined;
  if (addedAfter !== undefined) filters.addedAfterUs = timestamp('added_after', addedAfter);
  const limit = paging ? single(params, 'limit') : undefined;
  if (limit !== undefined) {
    if (!/^[0-9]{1,9}$/.test(limit) || Number(limit) < 1) {
      throw new EnlaceError('taxii.bad-limit', { value: limit.slice(0, 30), max: maxPageSize });
    }
    // A server may answer with fewer than asked (TAXII 2.1 section 3.4.1).
    filters.limit = Math.min(Number(limit), maxPageSize);
  }
  const next = paging ? single(params, 'next') : undefined;
  if (next !== undefined) filters.next = next;

  const ids = list(params, 'match[id]');
  if (ids) {
    const bad = ids.find((i) => !isStixId(i));
    if (bad) throw new EnlaceError('taxii.bad-filter', { name: 'match[id]', detail: `"${bad.slice(0, 80)}" is not a STIX id` });
    filters.ids = ids;
  }
  const types = list(params, 'match[type]');
  if (types) {
    const bad = types.find((t) => !STIX_TYPE.test(t) || t.includes('--'));
    if (bad) throw new EnlaceError('taxii.bad-filter', { name: 'match[type]', detail: `"${bad.slice(0, 80)}" is not a STIX type` });
    filters.types = types;
  }
  const specVersions = list(params, 'match[spec_version]');
  if (specVersions) {
    const bad = specVersions.find((v) => !SPEC_VERSION.test(v));
    if (bad)
      throw new EnlaceError('taxii.bad-filter', {
        name: 'match[spec_version]',
        detail: `"${bad.slice(0, 20)}" is not a version such as 2.1`,
      });
    filters.specVersions = specVersions;
  }
  const versions = list(params, 'match[version]');
  if (versions) {
    const sel: VersionSelector = { all: false, first: false, last: false, timestampsUs: [] };
    for (const v of versions) {
      if (v === 'all') sel.all = true;
      else if (v === 'first') sel.first = true;
      else if (v === 'last') sel.last = true;
      else sel.timestampsUs.push(timestamp('match[version]', v));
    }
    filters.versions = sel;
  } else if (!filters.versions.all) {
    filters.versions.last = true;
  }
  return filters;
}
