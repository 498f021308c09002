/**
 * Helpers for the audit tests (not used by the node): what someone with write access to a node's
 * database could do to its transparency log, done through the same tables the node uses.
 */
import type { Kysely } from 'kysely';
import { canonicalJson } from '../crypto/index.js';
import type { EnlaceDatabase } from '../store/schema.js';
import type { Store } from '../store/types.js';
import { AuditLog } from './audit-log.js';
import { parseEntryLeaf, type NewRecordedEntry, type RecordedEntry } from './entry.js';
import { StoreLogStorage } from './store-storage.js';

/** The Kysely handle of a store (both backends keep it as `db`); tests only. */
export function dbOf(store: Store): Kysely<EnlaceDatabase> {
  const db = (store as unknown as { db?: Kysely<EnlaceDatabase> }).db;
  if (!db) throw new Error('this store has no Kysely handle');
  return db;
}

/** Every entry of a node's log, read straight from its table. */
export async function storedEntries(store: Store): Promise<RecordedEntry[]> {
  const rows = await dbOf(store).selectFrom('audit_entries').select(['seq', 'body']).orderBy('seq').execute();
  return rows.map((r) => parseEntryLeaf(r.body));
}

/** Overwrites the body of one entry with the canonical JSON of `entry` (leaf hashes untouched). */
export async function writeBody(store: Store, seq: number, entry: RecordedEntry): Promise<void> {
  await dbOf(store)
    .updateTable('audit_entries')
    .set({ body: Buffer.from(canonicalJson(entry), 'utf8') })
    .where('seq', '=', seq)
    .execute();
}

/** Changes one entry in place. */
export async function alterEntry(store: Store, seq: number, change: (e: RecordedEntry) => RecordedEntry): Promise<void> {
  const entry = (await storedEntries(store)).find((e) => e.seq === seq);
  if (!entry) throw new Error(`no entry ${seq}`);
  await writeBody(store, seq, change(entry));
}

/** Deletes one entry's row. */
export async function deleteEntry(store: Store, seq: number): Promise<void> {
  await dbOf(store).deleteFrom('audit_entries').where('seq', '=', seq).execute();
}

/** Trades the contents of two entries, each given the other's position so both still parse. */
export async function swapEntries(store: Store, i: number, j: number): Promise<void> {
  const all = await storedEntries(store);
  const a = all.find((e) => e.seq === i);
  const b = all.find((e) => e.seq === j);
  if (!a || !b) throw new Error(`no entries ${i} and ${j}`);
  await writeBody(store, i, { ...b, seq: i });
  await writeBody(store, j, { ...a, seq: j });
}

/** Rewrites the stored JSON of every head held of one log. */
export async function alterHeldHeads(
  store: Store,
  logId: string,
  change: (head: Record<string, unknown>) => Record<string, unknown>,
): Promise<number> {
  const db = dbOf(store);
  const rows = await db.selectFrom('audit_heads').select(['tree_size', 'root_hash', 'head']).where('log_id', '=', logId).execute();
  for (const r of rows) {
    const head = JSON.stringify(change(JSON.parse(r.head) as Record<string, unknown>));
    await db
      .updateTable('audit_heads')
      .set({ head })
      .where('log_id', '=', logId)
      .where('tree_size', '=', r.tree_size)
      .where('root_hash', '=', r.root_hash)
      .execute();
  }
  return rows.length;
}

/**
 * Rebuilds the whole log from a new list of entries, hashes and all, as a node that wants to
 * change its history would: the result is a well-formed log, only not the one it signed before.
 */
export async function rewriteLog(store: Store, entries: readonly RecordedEntry[]): Promise<void> {
  const db = dbOf(store);
  await db.deleteFrom('audit_entries').execute();
  await db.deleteFrom('audit_nodes').execute();
  const log = await AuditLog.open(new StoreLogStorage(store));
  await log.record(entries.map(({ seq: _seq, ...rest }): NewRecordedEntry => rest));
}
