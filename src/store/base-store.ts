/**
 * Everything both backends do the same way, through Kysely. Subclasses supply the connection,
 * the write transaction that serialises writers of a collection, and `putVersions`.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Expression, Kysely, SqlBool } from 'kysely';
import type { Dialect, EnlaceDatabase } from './schema.js';
import type {
  AccountRecord,
  AuditAccessRow,
  AuditAppend,
  AuditExchangeRow,
  AuditHeadRecord,
  AuditNodeRef,
  AuditPeerState,
  ApiTokenRecord,
  Collection,
  NewCollection,
  NewVersion,
  ObjectPage,
  ObjectQuery,
  PeerRecord,
  PeerSyncState,
  PullCursor,
  PushCursor,
  PutOutcome,
  RejectionRecord,
  ReleasePolicyRecord,
  StatusRecord,
  Store,
  StoredVersion,
  StoredVersionWithBody,
  VersionSelector,
} from './types.js';
import { StoreError, isUniqueViolation } from './errors.js';
import { runMigrations } from './migrate.js';
import { buildPageQuery, runObjectQuery, selectorCondition, selectsNothing, validateQuery, validateSelector } from './query.js';
import { toCollection } from './rows.js';
import * as rec from './records.js';
import * as audit from './audit-records.js';
import * as auditIndex from './audit-index-records.js';
import * as policies from './policy-records.js';
import * as lookups from './object-lookups.js';
import { ConsoleRecords } from './console-records.js';

/** Knobs for tests only; never part of the public `openStore` options. */
export interface StoreInternals {
  /** Microsecond clock for date_added and creation times. */
  clock?: () => number;
  /**
   * Runs inside `putVersions`' transaction after positions are assigned and before commit;
   * the PostgreSQL backend awaits it, so a test can hold a writer there.
   */
  onPositionsAssigned?: (info: { collectionId: string; seqs: number[] }) => Promise<void> | void;
}

/** The wall clock in microseconds. */
export const wallClockUs = (): number => Date.now() * 1000;

export abstract class BaseStore implements Store {
  abstract readonly backend: 'sqlite' | 'postgres';

  readonly console: ConsoleRecords;

  protected constructor(
    protected readonly db: Kysely<EnlaceDatabase>,
    protected readonly dialect: Dialect,
    protected readonly internals: StoreInternals,
  ) {
    this.console = new ConsoleRecords(db, dialect);
  }

  /**
   * Runs `fn` in a transaction that excludes every other writer of the store's collections
   * until commit (SQLite: BEGIN IMMEDIATE; PostgreSQL: callers lock the collection row).
   */
  protected abstract inWriteTransaction<T>(fn: (db: Kysely<EnlaceDatabase>) => Promise<T>): Promise<T>;

  /** Inside a write transaction, holds the collection against other writers and reads its feed head. */
  protected abstract lockCollection(
    db: Kysely<EnlaceDatabase>,
    collectionId: string,
  ): Promise<{ lastSeq: number; lastDateAddedUs: number } | null>;

  /** Schema holding Kysely's migration tables (PostgreSQL), or undefined for the default. */
  protected abstract migrationSchema(): Promise<string | undefined>;

  abstract putVersions(
    collectionId: string,
    versions: NewVersion[],
    alsoSave?: { pullCursor?: PullCursor; rejections?: RejectionRecord[] },
  ): Promise<PutOutcome[]>;

  protected nowUs(): number {
    return (this.internals.clock ?? wallClockUs)();
  }

  async migrate(): Promise<void> {
    await runMigrations(this.db, this.dialect, await this.migrationSchema());
  }

  async close(): Promise<void> {
    await this.console.settle();
    await this.db.destroy();
  }

  async createCollection(c: NewCollection): Promise<Collection> {
    for (const field of ['id', 'title'] as const) {
      if (typeof c[field] !== 'string' || c[field].length === 0) throw new StoreError('store.invalid_collection', { field });
    }
    const alias = c.alias ?? null;
    if (alias !== null && (typeof alias !== 'string' || alias.length === 0)) {
      throw new StoreError('store.invalid_collection', { field: 'alias' });
    }
    // An alias must never shadow another collection's id (or the reverse): lookups accept both.
    const keys = alias === null ? [c.id] : [c.id, alias];
    const clash = await this.db
      .selectFrom('collections')
      .select(['id', 'alias'])
      .where((eb) => eb.or([eb('id', 'in', keys), eb('alias', 'in', keys)]))
      .executeTakeFirst();
    if (clash) throw new StoreError('store.collection_exists', { key: keys.includes(clash.id) ? clash.id : (clash.alias ?? c.id) });
    const row = {
      id: c.id,
      alias,
      title: c.title,
      description: c.description ?? null,
      last_seq: 0,
      last_date_added_us: 0,
      created_us: this.nowUs(),
    };
    try {
      await this.db.insertInto('collections').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new StoreError('store.collection_exists', { key: c.id }, { cause: err });
      throw err;
    }
    return toCollection(row);
  }

  async getCollection(idOrAlias: string): Promise<Collection | null> {
    const rows = await this.db
      .selectFrom('collections')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrAlias), eb('alias', '=', idOrAlias)]))
      .execute();
    const row = rows.find((r) => r.id === idOrAlias) ?? rows[0];
    return row ? toCollection(row) : null;
  }

  async listCollections(): Promise<Collection[]> {
    const rows = await this.db.selectFrom('collections').selectAll().orderBy('id').execute();
    return rows.map(toCollection);
  }

  queryObjects(q: ObjectQuery & { withBody: true }): Promise<ObjectPage<StoredVersionWithBody>>;
  queryObjects(q: ObjectQuery): Promise<ObjectPage>;
  async queryObjects(q: ObjectQuery): Promise<ObjectPage | ObjectPage<StoredVersionWithBody>> {
    return runObjectQuery(this.db, q);
  }

  /**
   * Test support, not part of `Store`: the database's plan for one page of `queryObjects`
   * (on PostgreSQL executed, with actual row counts).
   */
  async explainObjectQuery(q: ObjectQuery): Promise<string[]> {
    validateQuery(q);
    const compiled = buildPageQuery(this.db, q).compile();
    const explain = this.dialect === 'sqlite' ? 'explain query plan ' : 'explain (analyze, costs off) ';
    const { rows } = await this.db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]),
    );
    return rows.map((r) => String(r['detail'] ?? r['QUERY PLAN'] ?? JSON.stringify(r)));
  }

  originatorsOf(ids: string[]): Promise<Map<string, string>> {
    return lookups.originatorsOf(this.db, ids);
  }
  revocationsOf(ids: string[]): Promise<Map<string, number>> {
    return lookups.revocationsOf(this.db, ids);
  }
  findVersionsAnywhere(id: string): Promise<StoredVersion[]> {
    return lookups.findVersionsAnywhere(this.db, id);
  }
  countRevokedBy(originator: string): Promise<number> {
    return lookups.countRevokedBy(this.db, originator);
  }

  async deleteVersions(collectionId: string, id: string, versions: VersionSelector, specVersions?: string[]): Promise<number> {
    validateSelector(versions);
    validateQuery({ collectionId, ids: [id], specVersions, versions, limit: 1, withBody: false });
    if (selectsNothing(versions)) return 0;
    return this.inWriteTransaction(async (trx) => {
      if (!(await this.lockCollection(trx, collectionId))) return 0;
      const result = await trx
        .deleteFrom('objects')
        .where((eb) => {
          const all: Expression<SqlBool>[] = [eb('collection_id', '=', collectionId), eb('stix_id', '=', id)];
          const selector = selectorCondition(eb, versions);
          if (selector) all.push(selector);
          if (specVersions && specVersions.length > 0) all.push(eb('spec_version', 'in', specVersions));
          return eb.and(all);
        })
        .executeTakeFirst();
      const removed = Number(result.numDeletedRows);
      if (removed > 0) await recomputeFlags(trx, collectionId, id);
      return removed;
    });
  }

  async countObjects(collectionId: string): Promise<number> {
    const row = await this.db
      .selectFrom('objects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('collection_id', '=', collectionId)
      .where('is_latest', '=', sql.lit(1))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async countVersions(collectionId: string): Promise<number> {
    const row = await this.db
      .selectFrom('objects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('collection_id', '=', collectionId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  saveStatus(s: StatusRecord): Promise<void> {
    return rec.saveStatus(this.db, s);
  }
  getStatus(id: string): Promise<StatusRecord | null> {
    return rec.getStatus(this.db, id);
  }

  upsertPeer(p: PeerRecord): Promise<void> {
    return rec.upsertPeer(this.db, p);
  }
  getPeer(name: string): Promise<PeerRecord | null> {
    return rec.getPeerBy(this.db, 'name', name);
  }
  getPeerByIdentity(identityId: string): Promise<PeerRecord | null> {
    return rec.getPeerBy(this.db, 'identity_id', identityId);
  }
  getPeerByFingerprint(fingerprint: string): Promise<PeerRecord | null> {
    return rec.getPeerBy(this.db, 'fingerprint', fingerprint);
  }
  listPeers(): Promise<PeerRecord[]> {
    return rec.listPeers(this.db);
  }
  removePeer(name: string): Promise<boolean> {
    return this.inWriteTransaction((trx) => rec.removePeer(trx, name));
  }

  getPullCursor(peer: string, remoteCollectionId: string): Promise<PullCursor | null> {
    return rec.getPullCursor(this.db, peer, remoteCollectionId);
  }
  savePullCursor(c: PullCursor): Promise<void> {
    return rec.savePullCursor(this.db, c);
  }
  getPushCursor(peer: string, collectionId: string): Promise<PushCursor | null> {
    return rec.getPushCursor(this.db, peer, collectionId);
  }
  savePushCursor(c: PushCursor): Promise<void> {
    return rec.savePushCursor(this.db, c);
  }
  getSyncState(peer: string): Promise<PeerSyncState | null> {
    return rec.getSyncState(this.db, peer);
  }
  saveSyncState(s: PeerSyncState): Promise<void> {
    return rec.saveSyncState(this.db, s);
  }
  addRejections(r: RejectionRecord[]): Promise<void> {
    return this.inWriteTransaction((trx) => rec.addRejections(trx, r));
  }
  listRejections(source?: string, limit?: number): Promise<RejectionRecord[]> {
    return rec.listRejections(this.db, source, limit);
  }

  createAccount(a: AccountRecord): Promise<void> {
    return rec.createAccount(this.db, a);
  }
  getAccountByUsername(username: string): Promise<AccountRecord | null> {
    return rec.getAccountBy(this.db, 'username', username);
  }
  getAccount(id: string): Promise<AccountRecord | null> {
    return rec.getAccountBy(this.db, 'id', id);
  }
  listAccounts(): Promise<AccountRecord[]> {
    return rec.listAccounts(this.db);
  }
  updateAccount(a: AccountRecord): Promise<void> {
    return rec.updateAccount(this.db, a);
  }
  createApiToken(t: ApiTokenRecord): Promise<void> {
    return rec.createApiToken(this.db, t);
  }
  getApiTokenByHash(hash: string): Promise<ApiTokenRecord | null> {
    return rec.getApiTokenByHash(this.db, hash);
  }
  touchApiToken(id: string, atUs: number): Promise<void> {
    return rec.touchApiToken(this.db, id, atUs);
  }

  latestReleasePolicy(): Promise<ReleasePolicyRecord | null> {
    return policies.latestReleasePolicy(this.db);
  }
  listReleasePolicies(limit: number): Promise<ReleasePolicyRecord[]> {
    return policies.listReleasePolicies(this.db, limit);
  }
  saveReleasePolicy(p: ReleasePolicyRecord): Promise<void> {
    return policies.saveReleasePolicy(this.db, p);
  }

  auditSize(): Promise<number> {
    return audit.auditSize(this.db);
  }
  async auditAppend(a: AuditAppend): Promise<void> {
    audit.validateAuditAppend(a);
    if (a.bodies.length === 0 && a.nodes.length === 0) return;
    try {
      await this.inWriteTransaction((trx) => audit.insertAuditBatch(trx, a));
    } catch (err) {
      // A concurrent writer on PostgreSQL passes the size check and then hits the primary keys.
      if (isUniqueViolation(err)) throw audit.auditConflict(a.firstIndex, await this.auditSize());
      throw err;
    }
  }
  auditReadNodes(refs: readonly AuditNodeRef[]): Promise<(Buffer | null)[]> {
    return audit.auditReadNodes(this.db, refs);
  }
  auditReadBodies(from: number, to: number): Promise<Buffer[]> {
    return audit.auditReadBodies(this.db, from, to);
  }
  auditFindExchanges(peer: string, direction: 'sent' | 'received', objectIds: readonly string[]): Promise<AuditExchangeRow[]> {
    return auditIndex.auditFindExchanges(this.db, peer, direction, objectIds);
  }
  auditListAccess(q: { limit: number; account?: string; beforeSeq?: number }): Promise<AuditAccessRow[]> {
    return auditIndex.auditListAccess(this.db, q);
  }
  auditSaveHead(h: AuditHeadRecord): Promise<boolean> {
    return auditIndex.auditSaveHead(this.db, h);
  }
  auditListHeads(q: { logId: string; statuses?: AuditHeadRecord['status'][]; limit: number }): Promise<AuditHeadRecord[]> {
    return auditIndex.auditListHeads(this.db, q);
  }
  getAuditPeerState(peer: string): Promise<AuditPeerState | null> {
    return auditIndex.getAuditPeerState(this.db, peer);
  }
  saveAuditPeerState(s: AuditPeerState): Promise<void> {
    return auditIndex.saveAuditPeerState(this.db, s);
  }
}

/** Re-derives is_latest / is_first of one object after some of its versions went away. */
async function recomputeFlags(db: Kysely<EnlaceDatabase>, collectionId: string, id: string): Promise<void> {
  await sql`
    update objects set
      is_latest = case when version_us = (select max(m.version_us) from objects m
        where m.collection_id = ${collectionId} and m.stix_id = ${id}) then 1 else 0 end,
      is_first = case when version_us = (select min(m.version_us) from objects m
        where m.collection_id = ${collectionId} and m.stix_id = ${id}) then 1 else 0 end
    where collection_id = ${collectionId} and stix_id = ${id}`.execute(db);
}
