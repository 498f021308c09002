/**
 * The audit log's rows, for both backends through Kysely. The store keeps positions, bodies and
 * hashes of numbered subtrees; what they mean (RFC 9162 Merkle trees) is the audit module's.
 */
import type { Kysely } from 'kysely';
import type { EnlaceDatabase } from './schema.js';
import type { AuditAppend, AuditNodeRef } from './types.js';
import { StoreError } from './errors.js';
import { insertAuditIndex, validateAuditIndex } from './audit-index-records.js';

/** Rows per INSERT or tuples per IN list: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;
/** Subtree levels above this cannot exist in a log whose positions are safe integers. */
const MAX_LEVEL = 53;

/** Number of entries in the log: one past the highest position (positions have no gaps). */
export async function auditSize(db: Kysely<EnlaceDatabase>): Promise<number> {
  // max() walks the primary key from its end; count(*) would scan every row on PostgreSQL.
  const row = await db
    .selectFrom('audit_entries')
    .select((eb) => eb.fn.max('seq').as('last'))
    .executeTakeFirst();
  const last = row?.last;
  return last === null || last === undefined ? 0 : Number(last) + 1;
}

/** Throws `store.invalid_audit_record` unless the batch is well formed. */
export function validateAuditAppend(a: AuditAppend): void {
  if (typeof a !== 'object' || a === null) throw invalid('batch');
  if (!isPosition(a.firstIndex)) throw invalid('firstIndex');
  if (!Array.isArray(a.bodies) || !a.bodies.every((b) => b instanceof Uint8Array)) throw invalid('bodies');
  if (!Array.isArray(a.nodes)) throw invalid('nodes');
  for (const n of a.nodes) {
    validateRef(n);
    if (!(n.hash instanceof Uint8Array)) throw invalid('hash');
  }
  validateAuditIndex(a);
}

/**
 * Inside a write transaction: refuses with `store.audit_conflict` unless the log holds exactly
 * `firstIndex` entries, then inserts the bodies and nodes. A writer that raced past the check
 * on PostgreSQL trips over the primary keys instead; the caller maps that to the same error.
 */
export async function insertAuditBatch(trx: Kysely<EnlaceDatabase>, a: AuditAppend): Promise<void> {
  const size = await auditSize(trx);
  if (size !== a.firstIndex) throw auditConflict(a.firstIndex, size);
  for (let i = 0; i < a.bodies.length; i += CHUNK) {
    const rows = a.bodies.slice(i, i + CHUNK).map((body, k) => ({ seq: a.firstIndex + i + k, body: asBuffer(body) }));
    await trx.insertInto('audit_entries').values(rows).execute();
  }
  for (let i = 0; i < a.nodes.length; i += CHUNK) {
    const rows = a.nodes.slice(i, i + CHUNK).map((n) => ({ level: n.level, idx: n.index, hash: asBuffer(n.hash) }));
    await trx.insertInto('audit_nodes').values(rows).execute();
  }
  await insertAuditIndex(trx, a);
}

/** The StoreError for an append that does not start at the log's current size. */
export function auditConflict(firstIndex: number, size: number): StoreError {
  return new StoreError('store.audit_conflict', { firstIndex, size });
}

/** Hashes of the given subtrees in the order asked; null where none is stored. */
export async function auditReadNodes(db: Kysely<EnlaceDatabase>, refs: readonly AuditNodeRef[]): Promise<(Buffer | null)[]> {
  if (!Array.isArray(refs)) throw invalid('refs');
  refs.forEach(validateRef);
  const wanted = [...new Map(refs.map((r) => [key(r.level, r.index), r])).values()];
  const found = new Map<string, Buffer>();
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const chunk = wanted.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('audit_nodes')
      .select(['level', 'idx', 'hash'])
      .where((eb) =>
        eb(
          eb.refTuple('level', 'idx'),
          'in',
          chunk.map((r) => eb.tuple(r.level, r.index)),
        ),
      )
      .execute();
    for (const r of rows) found.set(key(Number(r.level), Number(r.idx)), asBuffer(r.hash));
  }
  return refs.map((r) => found.get(key(r.level, r.index)) ?? null);
}

/** Bodies of the stored entries at positions [from, to), in order (fewer if some are missing). */
export async function auditReadBodies(db: Kysely<EnlaceDatabase>, from: number, to: number): Promise<Buffer[]> {
  if (!isPosition(from)) throw invalid('from');
  if (!isPosition(to) || to < from) throw invalid('to');
  if (from === to) return [];
  const rows = await db
    .selectFrom('audit_entries')
    .select(['seq', 'body'])
    .where('seq', '>=', from)
    .where('seq', '<', to)
    .orderBy('seq')
    .execute();
  return rows.map((r) => asBuffer(r.body));
}

function validateRef(r: AuditNodeRef): void {
  if (typeof r !== 'object' || r === null) throw invalid('refs');
  if (!Number.isInteger(r.level) || r.level < 0 || r.level > MAX_LEVEL) throw invalid('level');
  if (!isPosition(r.index)) throw invalid('index');
}

function isPosition(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** Drivers bind Buffers as bytes; a plain Uint8Array is wrapped without copying. */
function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function key(level: number, index: number): string {
  return `${level}/${index}`;
}

function invalid(field: string): StoreError {
  return new StoreError('store.invalid_audit_record', { field });
}
