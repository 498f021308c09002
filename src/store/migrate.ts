import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import type { Dialect, EnlaceDatabase } from './schema.js';
import { staticMigrations } from './migrations/index.js';
import { StoreError, reasonOf } from './errors.js';

/**
 * Brings the schema up to date; running it again is a no-op. On PostgreSQL the migration
 * bookkeeping lives in the store's own schema (Kysely otherwise looks for its tables in any
 * schema and could mistake another store's for this one's).
 */
export async function runMigrations(db: Kysely<EnlaceDatabase>, dialect: Dialect, schema: string | undefined): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: staticMigrations(dialect),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'setup';
    throw new StoreError('store.migration_failed', { migration: failed, reason: reasonOf(error) }, { cause: error });
  }
}
