/** Lookups of an id across every collection, for the intake's originator and revocation checks. */
import { sql, type Kysely } from 'kysely';
import type { EnlaceDatabase } from './schema.js';
import type { StoredVersion } from './types.js';
import { StoreError } from './errors.js';
import { MAX_FILTER_VALUES } from './query.js';
import { toStoredVersion, VERSION_COLUMNS } from './rows.js';

type Db = Kysely<EnlaceDatabase>;

export async function originatorsOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new StoreError('store.invalid_query', { field: 'ids' });
  }
  const originators = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += MAX_FILTER_VALUES) {
    // The first version names the originator; should collections disagree, the oldest wins.
    const rows = await db
      .selectFrom('objects')
      .select(['stix_id', 'originator'])
      .where('stix_id', 'in', unique.slice(i, i + MAX_FILTER_VALUES))
      .where('is_first', '=', sql.lit(1))
      .orderBy('version_us')
      .orderBy('date_added_us')
      .execute();
    for (const r of rows) if (!originators.has(r.stix_id)) originators.set(r.stix_id, r.originator);
  }
  return originators;
}

export async function revocationsOf(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new StoreError('store.invalid_query', { field: 'ids' });
  }
  const revoked = new Map<string, number>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += MAX_FILTER_VALUES) {
    const rows = await db
      .selectFrom('objects')
      .select(['stix_id', 'version_us'])
      .where('stix_id', 'in', unique.slice(i, i + MAX_FILTER_VALUES))
      .where('revoked', '=', sql.lit(1))
      .execute();
    for (const r of rows) {
      const at = Number(r.version_us);
      const known = revoked.get(r.stix_id);
      if (known === undefined || at < known) revoked.set(r.stix_id, at);
    }
  }
  return revoked;
}

export async function findVersionsAnywhere(db: Db, id: string): Promise<StoredVersion[]> {
  const rows = await db
    .selectFrom('objects')
    .select(VERSION_COLUMNS)
    .where('stix_id', '=', id)
    .orderBy('collection_id')
    .orderBy('version_us')
    .execute();
  return rows.map(toStoredVersion);
}

/** Objects this originator revoked (their newest version is revoked), across collections. */
export async function countRevokedBy(db: Db, originator: string): Promise<number> {
  const row = await db
    .selectFrom('objects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('originator', '=', originator)
    .where('revoked', '=', sql.lit(1))
    .where('is_latest', '=', sql.lit(1))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
