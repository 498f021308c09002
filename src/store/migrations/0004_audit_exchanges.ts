/**
 * What the node's transparency log needs beside its Merkle tree (0002): an index of its
 * exchange entries whose primary key lets each (peer, direction, version, content) be logged
 * once, an index of its access entries for listing, the signed tree heads it holds (its own and
 * its peers'), and how the head exchange with each peer stands.
 */
import type { Kysely, Migration } from 'kysely';

export function migration0004(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Written in the same transaction as the entry it indexes: a second writer of the same
      // exchange trips over the primary key and re-reads the log instead of logging it twice.
      await db.schema
        .createTable('audit_exchanges')
        .addColumn('peer', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_exchanges_pk', ['peer', 'direction', 'object_id', 'version', 'content_hash'])
        .execute();

      await db.schema
        .createTable('audit_access')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('at_us', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_access_account').on('audit_access').columns(['account', 'seq']).execute();

      // One row per distinct (log, size, root): a head re-signed later for an unchanged log adds nothing.
      await db.schema
        .createTable('audit_heads')
        .addColumn('log_id', 'text', (c) => c.notNull())
        .addColumn('tree_size', 'bigint', (c) => c.notNull())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('timestamp_us', 'bigint', (c) => c.notNull())
        .addColumn('peer', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('head', 'text', (c) => c.notNull())
        .addColumn('received_us', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_heads_pk', ['log_id', 'tree_size', 'root_hash'])
        .execute();
      await db.schema.createIndex('audit_heads_log_status').on('audit_heads').columns(['log_id', 'status', 'tree_size']).execute();

      await db.schema
        .createTable('audit_peer_state')
        .addColumn('peer', 'text', (c) => c.primaryKey())
        .addColumn('last_attempt_us', 'bigint')
        .addColumn('last_success_us', 'bigint')
        .addColumn('last_failure_us', 'bigint')
        .addColumn('last_failure_code', 'text')
        .addColumn('last_failure_reason', 'text')
        .addColumn('consecutive_failures', 'bigint', (c) => c.notNull())
        .addColumn('peer_tree_size', 'bigint')
        .addColumn('handed_tree_size', 'bigint')
        .execute();
    },
  };
}
