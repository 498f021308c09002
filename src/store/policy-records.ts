/** Versions of the release policy (migration 0003); both backends share this code. */
import type { Kysely } from 'kysely';
import type { EnlaceDatabase } from './schema.js';
import type { ReleasePolicyRecord } from './types.js';
import { StoreError, isUniqueViolation } from './errors.js';

type Db = Kysely<EnlaceDatabase>;

const toRecord = (r: { version: number; body: string; author: string; created_us: number }): ReleasePolicyRecord => ({
  version: Number(r.version),
  body: r.body,
  author: r.author,
  createdUs: Number(r.created_us),
});

export async function latestReleasePolicy(db: Db): Promise<ReleasePolicyRecord | null> {
  const row = await db.selectFrom('release_policies').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function listReleasePolicies(db: Db, limit: number): Promise<ReleasePolicyRecord[]> {
  const rows = await db.selectFrom('release_policies').selectAll().orderBy('version', 'desc').limit(limit).execute();
  return rows.map(toRecord);
}

/** Inserts a new version; a version already taken (two administrators at once) is a conflict. */
export async function saveReleasePolicy(db: Db, p: ReleasePolicyRecord): Promise<void> {
  try {
    await db
      .insertInto('release_policies')
      .values({ version: p.version, body: p.body, author: p.author, created_us: p.createdUs })
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('store.policy_version_taken', { version: p.version });
    throw err;
  }
}
