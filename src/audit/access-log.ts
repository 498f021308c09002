import type { NodeContext } from '../node/context.js';
import { formatTimestampUs } from '../stix/index.js';
import type { AuditAccessRow } from '../store/types.js';
import { isAccess, parseEntryLeaf, type AccessAction } from './entry.js';
import { bounded, readParams } from './params.js';

/*
 * The access log: which account viewed or exported which object version, and when. Its entries
 * live in the transparency log itself (so they are append-only and covered by the signed heads);
 * an index lists them newest first, and each listed row is read back from the log, so a row
 * whose log entry was altered or removed shows as not intact.
 */

export const MAX_ACCESS_PER_REQUEST = 1000;

export interface AccessRecord {
  seq: number;
  at: string;
  account: string;
  action: AccessAction;
  object_id: string;
  version: string;
  content_hash: string | null;
  /** The log entry at `seq` still says what the index says. */
  intact: boolean;
}

export interface AccessQuery {
  limit: number;
  account?: string;
  /** Only entries before this position (paging backwards). */
  before?: number;
}

/** Reads the access log's query parameters (`limit`, `account`, `before`). */
export function accessQueryOf(query: unknown): AccessQuery {
  const p = readParams(query, { limit: 'count', account: 'name', before: 'count' });
  const out: AccessQuery = { limit: bounded(p.limit, 'limit', 50, 1, MAX_ACCESS_PER_REQUEST) };
  if (typeof p.account === 'string') out.account = p.account;
  if (typeof p.before === 'number') out.before = p.before;
  return out;
}

/** Access entries newest first, each checked against the log entry it indexes. */
export async function listAccess(ctx: NodeContext, q: AccessQuery): Promise<AccessRecord[]> {
  const rows = await ctx.store.auditListAccess({ limit: q.limit, account: q.account, beforeSeq: q.before });
  const out: AccessRecord[] = [];
  for (const row of rows) out.push(await readBack(ctx, row));
  return out;
}

async function readBack(ctx: NodeContext, row: AuditAccessRow): Promise<AccessRecord> {
  const record: AccessRecord = {
    seq: row.seq,
    at: formatTimestampUs(row.atUs, 3),
    account: row.account,
    action: row.action,
    object_id: row.objectId,
    version: row.version,
    content_hash: null,
    intact: false,
  };
  const [body] = await ctx.store.auditReadBodies(row.seq, row.seq + 1);
  if (!body) return record;
  try {
    const e = parseEntryLeaf(body);
    if (!isAccess(e)) return record;
    record.content_hash = e.contentHash;
    record.intact =
      e.seq === row.seq &&
      e.account === row.account &&
      e.action === row.action &&
      e.objectId === row.objectId &&
      e.version === row.version &&
      e.atUs === row.atUs;
  } catch {
    // An unreadable entry is simply not intact; `audit verify` says what is wrong with it.
  }
  return record;
}
