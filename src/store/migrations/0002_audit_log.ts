/**
 * The audit Merkle log: leaf bodies by position, and the hashes of complete subtrees (level 0 =
 * leaf hashes). Rows are only ever inserted; the primary keys are what refuse a second writer
 * that raced for the same positions.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../schema.js';

/** Builds migration 0002 for one dialect (only the name of the byte-string type differs). */
export function migration0002(dialect: Dialect): Migration {
  // Bodies are kept as bytes, not text: the log must hand back exactly the bytes it hashed.
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('audit_entries')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('body', bytes, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_nodes')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('idx', 'bigint', (c) => c.notNull())
        .addColumn('hash', bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_nodes_pk', ['level', 'idx'])
        .execute();
    },
  };
}
