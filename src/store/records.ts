/** Plain record keeping (statuses, peers, cursors, rejections, accounts, tokens) shared by both backends. */
import type { Kysely } from 'kysely';
import type { EnlaceDatabase } from './schema.js';
import type {
  AccountRecord,
  ApiTokenRecord,
  PeerRecord,
  PeerSyncState,
  PullCursor,
  PushCursor,
  RejectionRecord,
  StatusRecord,
} from './types.js';
import { StoreError, isForeignKeyViolation, isUniqueViolation } from './errors.js';
import {
  accountToRow,
  apiTokenToRow,
  peerToRow,
  pullCursorToRow,
  rejectionToRow,
  statusToRow,
  syncStateToRow,
  toAccount,
  toApiToken,
  toPeer,
  toPullCursor,
  toPushCursor,
  toRejection,
  toStatus,
  toSyncState,
} from './rows.js';

type Db = Kysely<EnlaceDatabase>;

/** Default and largest number of rejections one listing returns. */
export const DEFAULT_REJECTION_LIMIT = 100;
export const MAX_REJECTION_LIMIT = 10_000;
// Rows per INSERT: keeps every statement far below both drivers' bind-parameter limits.
const INSERT_CHUNK = 500;

export async function saveStatus(db: Db, s: StatusRecord): Promise<void> {
  const row = statusToRow(s);
  const { id: _id, ...changes } = row;
  await db
    .insertInto('statuses')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .execute();
}

export async function getStatus(db: Db, id: string): Promise<StatusRecord | null> {
  const row = await db.selectFrom('statuses').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStatus(row) : null;
}

export async function upsertPeer(db: Db, p: PeerRecord): Promise<void> {
  const row = peerToRow(p);
  const { name: _name, ...changes } = row;
  try {
    await db
      .insertInto('peers')
      .values(row)
      .onConflict((oc) => oc.column('name').doUpdateSet(changes))
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('store.peer_conflict', { name: p.name }, { cause: err });
    throw err;
  }
}

export async function getPeerBy(db: Db, column: 'name' | 'identity_id' | 'fingerprint', value: string): Promise<PeerRecord | null> {
  const row = await db.selectFrom('peers').selectAll().where(column, '=', value).executeTakeFirst();
  return row ? toPeer(row) : null;
}

export async function listPeers(db: Db): Promise<PeerRecord[]> {
  return (await db.selectFrom('peers').selectAll().orderBy('name').execute()).map(toPeer);
}

/** Removes a peer with its cursors and sync state (a peer added again under that name starts afresh). */
export async function removePeer(db: Db, name: string): Promise<boolean> {
  const result = await db.deleteFrom('peers').where('name', '=', name).executeTakeFirst();
  await db.deleteFrom('pull_cursors').where('peer', '=', name).execute();
  await db.deleteFrom('push_cursors').where('peer', '=', name).execute();
  await db.deleteFrom('sync_state').where('peer', '=', name).execute();
  return Number(result.numDeletedRows) > 0;
}

export async function getPullCursor(db: Db, peer: string, remoteCollectionId: string): Promise<PullCursor | null> {
  const row = await db
    .selectFrom('pull_cursors')
    .selectAll()
    .where('peer', '=', peer)
    .where('remote_collection_id', '=', remoteCollectionId)
    .executeTakeFirst();
  return row ? toPullCursor(row) : null;
}

export async function savePullCursor(db: Db, c: PullCursor): Promise<void> {
  const row = pullCursorToRow(c);
  await db
    .insertInto('pull_cursors')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['peer', 'remote_collection_id']).doUpdateSet({
        next: row.next,
        last_date_added_us: row.last_date_added_us,
        updated_us: row.updated_us,
      }),
    )
    .execute();
}

export async function getPushCursor(db: Db, peer: string, collectionId: string): Promise<PushCursor | null> {
  const row = await db
    .selectFrom('push_cursors')
    .selectAll()
    .where('peer', '=', peer)
    .where('collection_id', '=', collectionId)
    .executeTakeFirst();
  return row ? toPushCursor(row) : null;
}

export async function savePushCursor(db: Db, c: PushCursor): Promise<void> {
  await db
    .insertInto('push_cursors')
    .values({ peer: c.peer, collection_id: c.collectionId, last_seq: c.lastSeq, updated_us: c.updatedUs })
    .onConflict((oc) => oc.columns(['peer', 'collection_id']).doUpdateSet({ last_seq: c.lastSeq, updated_us: c.updatedUs }))
    .execute();
}

export async function getSyncState(db: Db, peer: string): Promise<PeerSyncState | null> {
  const row = await db.selectFrom('sync_state').selectAll().where('peer', '=', peer).executeTakeFirst();
  return row ? toSyncState(row) : null;
}

export async function saveSyncState(db: Db, s: PeerSyncState): Promise<void> {
  const row = syncStateToRow(s);
  const { peer: _peer, ...changes } = row;
  await db
    .insertInto('sync_state')
    .values(row)
    .onConflict((oc) => oc.column('peer').doUpdateSet(changes))
    .execute();
}

export async function addRejections(db: Db, rejections: readonly RejectionRecord[]): Promise<void> {
  for (let i = 0; i < rejections.length; i += INSERT_CHUNK) {
    await db
      .insertInto('rejections')
      .values(rejections.slice(i, i + INSERT_CHUNK).map(rejectionToRow))
      .execute();
  }
}

/** Newest first, optionally of one source only. */
export async function listRejections(db: Db, source?: string, limit = DEFAULT_REJECTION_LIMIT): Promise<RejectionRecord[]> {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_REJECTION_LIMIT) {
    throw new StoreError('store.invalid_limit', { limit: String(limit), max: MAX_REJECTION_LIMIT });
  }
  let q = db.selectFrom('rejections').select(['source', 'object_id', 'version', 'reason', 'at_us']);
  if (source !== undefined) q = q.where('source', '=', source);
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toRejection);
}

export async function createAccount(db: Db, a: AccountRecord): Promise<void> {
  try {
    await db.insertInto('accounts').values(accountToRow(a)).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('store.account_exists', { username: a.username }, { cause: err });
    throw err;
  }
}

export async function getAccountBy(db: Db, column: 'id' | 'username', value: string): Promise<AccountRecord | null> {
  const row = await db.selectFrom('accounts').selectAll().where(column, '=', value).executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function listAccounts(db: Db): Promise<AccountRecord[]> {
  return (await db.selectFrom('accounts').selectAll().orderBy('username').execute()).map(toAccount);
}

export async function updateAccount(db: Db, a: AccountRecord): Promise<void> {
  const { id: _id, ...changes } = accountToRow(a);
  let updated: bigint;
  try {
    updated = (await db.updateTable('accounts').set(changes).where('id', '=', a.id).executeTakeFirst()).numUpdatedRows;
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('store.account_exists', { username: a.username }, { cause: err });
    throw err;
  }
  if (updated === 0n) throw new StoreError('store.account_not_found', { accountId: a.id });
}

export async function createApiToken(db: Db, t: ApiTokenRecord): Promise<void> {
  try {
    await db.insertInto('api_tokens').values(apiTokenToRow(t)).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('store.token_exists', {}, { cause: err });
    if (isForeignKeyViolation(err)) throw new StoreError('store.account_not_found', { accountId: t.accountId }, { cause: err });
    throw err;
  }
}

export async function getApiTokenByHash(db: Db, hash: string): Promise<ApiTokenRecord | null> {
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  return row ? toApiToken(row) : null;
}

export async function touchApiToken(db: Db, id: string, atUs: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_us: atUs }).where('id', '=', id).execute();
}
