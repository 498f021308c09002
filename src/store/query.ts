/**
 * `queryObjects` as Kysely queries shared by both backends. Pages walk the change feed by
 * position (`seq > afterSeq` on the primary key, never OFFSET), so a page deep into a large
 * collection costs the same as the first one.
 */
import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { EnlaceDatabase, ObjectsTable } from './schema.js';
import type { ObjectPage, ObjectQuery, StoredVersionWithBody, VersionSelector } from './types.js';
import { StoreError } from './errors.js';
import { toStoredVersion, toStoredVersionWithBody, VERSION_COLUMNS } from './rows.js';
import type { VersionRow } from './rows.js';

/** Largest page one query may ask for. */
export const MAX_PAGE_LIMIT = 10_000;
/** Largest number of values in one filter list (keeps every query under both drivers' bind limits). */
export const MAX_FILTER_VALUES = 1_000;

type ObjectsEb = ExpressionBuilder<EnlaceDatabase, 'objects'>;

function checkList(field: string, values: unknown, kind: 'string' | 'integer'): void {
  if (values === undefined) return;
  if (!Array.isArray(values)) throw new StoreError('store.invalid_query', { field });
  if (values.length > MAX_FILTER_VALUES) {
    throw new StoreError('store.too_many_filter_values', { field, count: values.length, max: MAX_FILTER_VALUES });
  }
  const ok = kind === 'string' ? (v: unknown) => typeof v === 'string' : (v: unknown) => Number.isSafeInteger(v);
  if (!values.every(ok)) throw new StoreError('store.invalid_query', { field });
}

function checkInteger(field: string, value: unknown): void {
  if (value !== undefined && !Number.isSafeInteger(value)) throw new StoreError('store.invalid_query', { field });
}

/** Rejects a query a caller could only have built from malformed or hostile input. */
export function validateQuery(q: ObjectQuery): void {
  if (typeof q.collectionId !== 'string') throw new StoreError('store.invalid_query', { field: 'collectionId' });
  if (!Number.isSafeInteger(q.limit) || q.limit < 1 || q.limit > MAX_PAGE_LIMIT) {
    throw new StoreError('store.invalid_limit', { limit: String(q.limit), max: MAX_PAGE_LIMIT });
  }
  checkList('ids', q.ids, 'string');
  checkList('types', q.types, 'string');
  checkList('specVersions', q.specVersions, 'string');
  checkList('excludeOriginators', q.excludeOriginators, 'string');
  checkList('excludeTlp', q.excludeTlp, 'string');
  validateSelector(q.versions);
  checkInteger('afterSeq', q.afterSeq);
  checkInteger('addedAfterUs', q.addedAfterUs);
}

/** Checks a version selector's shape. */
export function validateSelector(v: VersionSelector): void {
  if (typeof v !== 'object' || v === null) throw new StoreError('store.invalid_query', { field: 'versions' });
  for (const f of ['all', 'first', 'last'] as const) {
    if (typeof v[f] !== 'boolean') throw new StoreError('store.invalid_query', { field: `versions.${f}` });
  }
  if (!Array.isArray(v.timestampsUs)) throw new StoreError('store.invalid_query', { field: 'versions.timestampsUs' });
  checkList('versions.timestampsUs', v.timestampsUs, 'integer');
}

/** True when the selector can match nothing (no flag and no timestamp). */
export function selectsNothing(v: VersionSelector): boolean {
  return !v.all && !v.first && !v.last && v.timestampsUs.length === 0;
}

/**
 * The version selector as one condition, or null when it selects every version. Flags are
 * literals, not parameters, so the planners can use the partial latest/first indexes.
 */
export function selectorCondition(eb: ObjectsEb, v: VersionSelector): Expression<SqlBool> | null {
  if (v.all) return null;
  const any: Expression<SqlBool>[] = [];
  if (v.first) any.push(eb('is_first', '=', sql.lit(1)));
  if (v.last) any.push(eb('is_latest', '=', sql.lit(1)));
  if (v.timestampsUs.length > 0) {
    // versionUs 0 marks objects without modified/created, whose TAXII version is date_added.
    const stamps = v.timestampsUs.filter((t) => t !== 0);
    if (stamps.length > 0) any.push(eb('version_us', 'in', stamps));
    any.push(eb.and([eb('version_us', '=', sql.lit(0)), eb('date_added_us', 'in', v.timestampsUs)]));
  }
  return eb.or(any);
}

function matchConditions(eb: ObjectsEb, q: ObjectQuery, afterSeq: number | undefined): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [eb('collection_id', '=', q.collectionId)];
  if (q.ids && q.ids.length > 0) all.push(eb('stix_id', 'in', q.ids));
  if (q.types && q.types.length > 0) all.push(eb('type', 'in', q.types));
  if (q.specVersions && q.specVersions.length > 0) all.push(eb('spec_version', 'in', q.specVersions));
  const versions = selectorCondition(eb, q.versions);
  if (versions) all.push(versions);
  if (afterSeq !== undefined) all.push(eb('seq', '>', afterSeq));
  if (q.addedAfterUs !== undefined) {
    // date_added strictly grows with seq inside a collection (both are assigned under the
    // collection's write lock), so "added after" is exactly "at or after the first position
    // added after": a feed range, rather than a date range to sort by position.
    all.push(
      eb(
        'seq',
        '>=',
        eb
          .selectFrom('objects as first_after')
          .select('first_after.seq')
          .where('first_after.collection_id', '=', q.collectionId)
          .where('first_after.date_added_us', '>', q.addedAfterUs)
          .orderBy('first_after.date_added_us')
          .limit(1),
      ),
    );
  }
  if (q.excludeOriginators && q.excludeOriginators.length > 0) {
    all.push(eb('originator', 'not in', q.excludeOriginators));
  }
  if (q.excludeTlp && q.excludeTlp.length > 0) {
    all.push(eb.or([eb('tlp', 'is', null), eb('tlp', 'not in', q.excludeTlp)]));
  }
  return all;
}

type PageRow = VersionRow & { body?: string };

/** Up to this many types, a multi-type query is answered as one index range per type, merged. */
const MAX_MERGED_TYPES = 32;

/** The query for one page (limit + 1 rows, to tell whether there are more). */
export function buildPageQuery(db: Kysely<EnlaceDatabase>, q: ObjectQuery) {
  const columns: readonly (keyof ObjectsTable)[] = q.withBody ? [...VERSION_COLUMNS, 'body'] : VERSION_COLUMNS;
  const matching = (types: string[] | undefined) =>
    db
      .selectFrom('objects')
      .select(columns)
      .where((eb) => eb.and(matchConditions(eb, { ...q, types }, q.afterSeq)));
  const types = [...new Set(q.types ?? [])];
  if (types.length > 1 && types.length <= MAX_MERGED_TYPES) {
    // One (collection, type, seq) range per type, each cut at the page size, merged by seq:
    // a single index cannot give several types in feed order, and a rare type would otherwise
    // mean walking the whole feed.
    const arms = types.map((t) =>
      db
        .selectFrom(
          matching([t])
            .orderBy('seq')
            .limit(q.limit + 1)
            .as('arm'),
        )
        .selectAll(),
    );
    const merged = arms.slice(1).reduce((union, arm) => union.unionAll(arm), arms[0]!);
    return db
      .selectFrom(merged.as('merged'))
      .selectAll()
      .orderBy('seq')
      .limit(q.limit + 1)
      .$castTo<PageRow>();
  }
  // With ids, the few versions of those ids are found by the id index and sorted; ordering by
  // the bare column would tempt the planner to walk the feed in order, filtering on id.
  const byIds = q.ids !== undefined && q.ids.length > 0;
  return matching(q.types)
    .orderBy(byIds ? sql`seq + 0` : sql.ref('seq'))
    .limit(q.limit + 1)
    .$castTo<PageRow>();
}

/** Runs one page of `queryObjects`. */
export async function runObjectQuery(db: Kysely<EnlaceDatabase>, q: ObjectQuery): Promise<ObjectPage | ObjectPage<StoredVersionWithBody>> {
  validateQuery(q);
  if (selectsNothing(q.versions)) return q.countRemaining ? { rows: [], more: false, remaining: 0 } : { rows: [], more: false };

  const found = await buildPageQuery(db, q).execute();
  const kept = found.slice(0, q.limit);
  const page: ObjectPage | ObjectPage<StoredVersionWithBody> = q.withBody
    ? { rows: kept.map((r) => toStoredVersionWithBody({ ...r, body: r.body ?? '' })), more: found.length > q.limit }
    : { rows: kept.map(toStoredVersion), more: found.length > q.limit };
  if (q.countRemaining) {
    const last = page.rows[page.rows.length - 1];
    page.remaining = page.more && last ? await countMatching(db, q, last.seq) : 0;
  }
  return page;
}

async function countMatching(db: Kysely<EnlaceDatabase>, q: ObjectQuery, afterSeq: number): Promise<number> {
  const row = await db
    .selectFrom('objects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.and(matchConditions(eb, q, afterSeq)))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
