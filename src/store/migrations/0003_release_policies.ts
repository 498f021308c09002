/**
 * The originator's release policy, kept as data: every version ever saved stays, so that what a
 * peer was allowed at any moment can be shown later. Versions are only ever inserted.
 */
import type { Kysely, Migration } from 'kysely';

export function migration0003(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('release_policies')
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('created_us', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
