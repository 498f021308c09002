/**
 * What the transparency log keeps beside its Merkle tree, for both backends through Kysely: the
 * index of exchange entries that makes each exchange logged once, the index of access entries,
 * the signed tree heads held, and the state of the head exchange with each peer.
 */
import type { Kysely } from 'kysely';
import type { AuditHeadsTable, EnlaceDatabase } from './schema.js';
import type { AuditAccessRow, AuditAppend, AuditExchangeRow, AuditHeadRecord, AuditPeerState } from './types.js';
import { StoreError } from './errors.js';
import { MAX_FILTER_VALUES, MAX_PAGE_LIMIT } from './query.js';

type Db = Kysely<EnlaceDatabase>;

/** Rows per INSERT: well under both backends' parameter limits (7 columns each). */
const CHUNK = 500;
const HEAD_STATUSES = new Set<string>(['own', 'accepted', 'inconsistent']);

/** Throws `store.invalid_audit_record` unless the index rows of a batch are well formed and inside it. */
export function validateAuditIndex(a: AuditAppend): void {
  const inBatch = (seq: unknown): boolean =>
    typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= a.firstIndex && seq < a.firstIndex + a.bodies.length;
  if (a.exchanges !== undefined) {
    if (!Array.isArray(a.exchanges)) throw invalid('exchanges');
    for (const x of a.exchanges) {
      if (typeof x !== 'object' || x === null || !inBatch(x.seq)) throw invalid('exchanges.seq');
      if (x.direction !== 'sent' && x.direction !== 'received') throw invalid('exchanges.direction');
      for (const f of ['peer', 'objectId', 'version', 'contentHash'] as const) if (!isText(x[f])) throw invalid(`exchanges.${f}`);
    }
  }
  if (a.accesses !== undefined) {
    if (!Array.isArray(a.accesses)) throw invalid('accesses');
    for (const x of a.accesses) {
      if (typeof x !== 'object' || x === null || !inBatch(x.seq)) throw invalid('accesses.seq');
      if (!isAccessAction(x.action)) throw invalid('accesses.action');
      if (!isCount(x.atUs)) throw invalid('accesses.atUs');
      for (const f of ['account', 'objectId', 'version'] as const) if (!isText(x[f])) throw invalid(`accesses.${f}`);
    }
  }
}

/** Inside the append's transaction: the index rows of its entries. */
export async function insertAuditIndex(trx: Db, a: AuditAppend): Promise<void> {
  const exchanges = a.exchanges ?? [];
  for (let i = 0; i < exchanges.length; i += CHUNK) {
    const rows = exchanges.slice(i, i + CHUNK).map((x) => ({
      peer: x.peer,
      direction: x.direction,
      object_id: x.objectId,
      version: x.version,
      content_hash: x.contentHash,
      seq: x.seq,
    }));
    await trx.insertInto('audit_exchanges').values(rows).execute();
  }
  const accesses = a.accesses ?? [];
  for (let i = 0; i < accesses.length; i += CHUNK) {
    const rows = accesses.slice(i, i + CHUNK).map((x) => ({
      seq: x.seq,
      account: x.account,
      action: x.action,
      object_id: x.objectId,
      version: x.version,
      at_us: x.atUs,
    }));
    await trx.insertInto('audit_access').values(rows).execute();
  }
}

export async function auditFindExchanges(
  db: Db,
  peer: string,
  direction: 'sent' | 'received',
  objectIds: readonly string[],
): Promise<AuditExchangeRow[]> {
  if (!isText(peer)) throw invalid('peer');
  if (direction !== 'sent' && direction !== 'received') throw invalid('direction');
  if (!Array.isArray(objectIds) || !objectIds.every(isText)) throw invalid('objectIds');
  const unique = [...new Set(objectIds)];
  const out: AuditExchangeRow[] = [];
  for (let i = 0; i < unique.length; i += MAX_FILTER_VALUES) {
    const rows = await db
      .selectFrom('audit_exchanges')
      .selectAll()
      .where('peer', '=', peer)
      .where('direction', '=', direction)
      .where('object_id', 'in', unique.slice(i, i + MAX_FILTER_VALUES))
      .execute();
    for (const r of rows) {
      out.push({ peer: r.peer, direction, objectId: r.object_id, version: r.version, contentHash: r.content_hash, seq: Number(r.seq) });
    }
  }
  return out;
}

export async function auditListAccess(db: Db, q: { limit: number; account?: string; beforeSeq?: number }): Promise<AuditAccessRow[]> {
  checkLimit(q.limit);
  if (q.account !== undefined && !isText(q.account)) throw invalid('account');
  if (q.beforeSeq !== undefined && !isCount(q.beforeSeq)) throw invalid('beforeSeq');
  let query = db.selectFrom('audit_access').selectAll();
  if (q.account !== undefined) query = query.where('account', '=', q.account);
  if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    account: r.account,
    // A value this version does not know reads as 'view': the row then no longer matches its log
    // entry and is listed as not intact, which is what it is.
    action: isAccessAction(r.action) ? r.action : 'view',
    objectId: r.object_id,
    version: r.version,
    atUs: Number(r.at_us),
  }));
}

export async function auditSaveHead(db: Db, h: AuditHeadRecord): Promise<boolean> {
  if (!isText(h.logId) || !isText(h.rootHash) || !isText(h.head)) throw invalid('head');
  if (!isCount(h.treeSize) || !isCount(h.timestampUs) || !isCount(h.receivedUs)) throw invalid('treeSize');
  if (!HEAD_STATUSES.has(h.status)) throw invalid('status');
  if (h.peer !== null && !isText(h.peer)) throw invalid('peer');
  const result = await db
    .insertInto('audit_heads')
    .values({
      log_id: h.logId,
      tree_size: h.treeSize,
      root_hash: h.rootHash,
      timestamp_us: h.timestampUs,
      peer: h.peer,
      status: h.status,
      head: h.head,
      received_us: h.receivedUs,
    })
    .onConflict((oc) => oc.columns(['log_id', 'tree_size', 'root_hash']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function auditListHeads(
  db: Db,
  q: { logId: string; statuses?: AuditHeadRecord['status'][]; limit: number },
): Promise<AuditHeadRecord[]> {
  checkLimit(q.limit);
  if (!isText(q.logId)) throw invalid('logId');
  let query = db.selectFrom('audit_heads').selectAll().where('log_id', '=', q.logId);
  if (q.statuses !== undefined) {
    if (!Array.isArray(q.statuses) || !q.statuses.every((s) => HEAD_STATUSES.has(s))) throw invalid('statuses');
    if (q.statuses.length === 0) return [];
    query = query.where('status', 'in', q.statuses);
  }
  const rows = await query.orderBy('tree_size', 'desc').orderBy('received_us', 'desc').limit(q.limit).execute();
  return rows.map(toHead);
}

export async function getAuditPeerState(db: Db, peer: string): Promise<AuditPeerState | null> {
  const r = await db.selectFrom('audit_peer_state').selectAll().where('peer', '=', peer).executeTakeFirst();
  if (!r) return null;
  return {
    peer: r.peer,
    lastAttemptUs: nullableNumber(r.last_attempt_us),
    lastSuccessUs: nullableNumber(r.last_success_us),
    lastFailureUs: nullableNumber(r.last_failure_us),
    lastFailureCode: r.last_failure_code,
    lastFailureReason: r.last_failure_reason,
    consecutiveFailures: Number(r.consecutive_failures),
    peerTreeSize: nullableNumber(r.peer_tree_size),
    handedTreeSize: nullableNumber(r.handed_tree_size),
  };
}

export async function saveAuditPeerState(db: Db, s: AuditPeerState): Promise<void> {
  if (!isText(s.peer)) throw invalid('peer');
  const changes = {
    last_attempt_us: s.lastAttemptUs,
    last_success_us: s.lastSuccessUs,
    last_failure_us: s.lastFailureUs,
    last_failure_code: s.lastFailureCode,
    last_failure_reason: s.lastFailureReason,
    consecutive_failures: s.consecutiveFailures,
    peer_tree_size: s.peerTreeSize,
    handed_tree_size: s.handedTreeSize,
  };
  await db
    .insertInto('audit_peer_state')
    .values({ peer: s.peer, ...changes })
    .onConflict((oc) => oc.column('peer').doUpdateSet(changes))
    .execute();
}

function toHead(r: AuditHeadsTable): AuditHeadRecord {
  const status = r.status === 'own' || r.status === 'accepted' ? r.status : 'inconsistent';
  return {
    logId: r.log_id,
    peer: r.peer,
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash,
    timestampUs: Number(r.timestamp_us),
    status,
    head: r.head,
    receivedUs: Number(r.received_us),
  };
}

function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new StoreError('store.invalid_limit', { limit: String(limit), max: MAX_PAGE_LIMIT });
  }
}

const nullableNumber = (v: number | null): number | null => (v === null ? null : Number(v));
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1024;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isAccessAction = (v: unknown): v is AuditAccessRow['action'] => v === 'view' || v === 'export' || v === 'evidence';

function invalid(field: string): StoreError {
  return new StoreError('store.invalid_audit_record', { field });
}
