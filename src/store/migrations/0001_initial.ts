/**
 * The first schema: collections and their change feed of object versions, TAXII statuses,
 * peers and sync bookkeeping, accounts and API tokens.
 */
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../schema.js';

/** Builds migration 0001 for one dialect (only the auto-numbered rejection id differs). */
export function migration0001(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('collections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('alias', 'text', (c) => c.unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('last_date_added_us', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_us', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('objects')
        .addColumn('collection_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('stix_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('spec_version', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('version_us', 'bigint', (c) => c.notNull())
        .addColumn('date_added_us', 'bigint', (c) => c.notNull())
        .addColumn('originator', 'text', (c) => c.notNull())
        .addColumn('revoked', 'smallint', (c) => c.notNull())
        .addColumn('tlp', 'text')
        .addColumn('is_latest', 'smallint', (c) => c.notNull())
        .addColumn('is_first', 'smallint', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('objects_pk', ['collection_id', 'seq'])
        // Led by stix_id so that this one index also serves lookups of an id across collections:
        // ids are random, and every random-keyed index costs a page write per stored version.
        .addUniqueConstraint('objects_version_unique', ['stix_id', 'collection_id', 'version_us'])
        .execute();
      // No foreign key to collections: putVersions already holds the collection row, and a
      // per-row key check is a measurable share of bulk insert time on PostgreSQL.
      // The feed itself pages on the primary key (collection_id, seq); these serve the filters.
      await db.schema.createIndex('objects_type_seq').on('objects').columns(['collection_id', 'type', 'seq']).execute();
      await db.schema.createIndex('objects_date_added').on('objects').columns(['collection_id', 'date_added_us']).execute();
      // match[version]=last is TAXII's default, so the latest versions get their own feed index.
      await db.schema
        .createIndex('objects_latest_seq')
        .on('objects')
        .columns(['collection_id', 'seq'])
        .where(sql.ref('is_latest'), '=', 1)
        .execute();
      await db.schema
        .createIndex('objects_first_seq')
        .on('objects')
        .columns(['collection_id', 'seq'])
        .where(sql.ref('is_first'), '=', 1)
        .execute();

      await db.schema
        .createTable('statuses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('api_root', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('request_timestamp_us', 'bigint', (c) => c.notNull())
        .addColumn('total_count', 'bigint', (c) => c.notNull())
        .addColumn('successes', 'text', (c) => c.notNull())
        .addColumn('failures', 'text', (c) => c.notNull())
        .addColumn('pendings', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('peers')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('identity_id', 'text', (c) => c.notNull().unique())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('api_root', 'text', (c) => c.notNull())
        .addColumn('added_us', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('pull_cursors')
        .addColumn('peer', 'text', (c) => c.notNull())
        .addColumn('remote_collection_id', 'text', (c) => c.notNull())
        .addColumn('next', 'text')
        .addColumn('last_date_added_us', 'bigint', (c) => c.notNull())
        .addColumn('updated_us', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('pull_cursors_pk', ['peer', 'remote_collection_id'])
        .execute();

      await db.schema
        .createTable('push_cursors')
        .addColumn('peer', 'text', (c) => c.notNull())
        .addColumn('collection_id', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'bigint', (c) => c.notNull())
        .addColumn('updated_us', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('push_cursors_pk', ['peer', 'collection_id'])
        .execute();

      await db.schema
        .createTable('sync_state')
        .addColumn('peer', 'text', (c) => c.primaryKey())
        .addColumn('last_success_us', 'bigint')
        .addColumn('last_attempt_us', 'bigint')
        .addColumn('last_failure_us', 'bigint')
        .addColumn('last_failure_reason', 'text')
        .addColumn('consecutive_failures', 'bigint', (c) => c.notNull())
        .addColumn('pulled_total', 'bigint', (c) => c.notNull())
        .addColumn('pushed_total', 'bigint', (c) => c.notNull())
        .addColumn('rejected_total', 'bigint', (c) => c.notNull())
        .addColumn('incoming_backlog', 'bigint', (c) => c.notNull())
        .addColumn('last_pulled_date_added_us', 'bigint')
        .execute();

      await db.schema
        .createTable('rejections')
        .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
          dialect === 'postgres' ? c.generatedByDefaultAsIdentity().primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text')
        .addColumn('version', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('at_us', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rejections_source').on('rejections').columns(['source', 'id']).execute();

      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('locale', 'text')
        .addColumn('disabled', 'smallint', (c) => c.notNull())
        .addColumn('created_us', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_us', 'bigint', (c) => c.notNull())
        .addColumn('last_used_us', 'bigint')
        .execute();
      await db.schema.createIndex('api_tokens_account').on('api_tokens').column('account_id').execute();
    },
  };
}
