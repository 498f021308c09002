import { AuditError } from './errors.js';
import type { AppendBatch, LogStorage, NodeRef } from './log.js';
import { HASH_BYTES } from './merkle.js';
import type { AuditAppend, AuditNode, Store } from '../store/types.js';
import { StoreError } from '../store/errors.js';

/**
 * LogStorage over the node's database (SQLite or PostgreSQL), through the store's audit
 * methods: entry bodies by position, and leaf and interior hashes as level-0 and higher nodes.
 * A batch that lost a race to another writer of the same database surfaces as the audit's
 * `append-conflict`; the MerkleLog that sent it must then be re-opened.
 */
export class StoreLogStorage implements LogStorage {
  /**
   * @param indexOf index rows the store keeps for a batch's entries, written in the same
   *   transaction as the entries (the node's log indexes exchanges and accesses)
   */
  constructor(
    private readonly store: Store,
    private readonly indexOf?: (firstIndex: number, bodies: readonly Uint8Array[]) => Pick<AuditAppend, 'exchanges' | 'accesses'>,
  ) {}

  size(): Promise<number> {
    return this.store.auditSize();
  }

  async append(batch: AppendBatch): Promise<void> {
    if (batch.bodies.length !== batch.leafHashes.length) {
      throw new AuditError('storage-inconsistent', { reason: 'one body per leaf hash' });
    }
    const nodes: AuditNode[] = batch.leafHashes.map((hash, i) => ({ level: 0, index: batch.firstIndex + i, hash: checked(hash) }));
    for (const n of batch.nodes) {
      if (n.level < 1) throw new AuditError('storage-inconsistent', { reason: `node ${n.level}/${n.index} out of order` });
      nodes.push({ level: n.level, index: n.index, hash: checked(n.hash) });
    }
    try {
      const index = this.indexOf?.(batch.firstIndex, batch.bodies) ?? {};
      await this.store.auditAppend({ firstIndex: batch.firstIndex, bodies: batch.bodies.map(asBuffer), nodes, ...index });
    } catch (err) {
      if (err instanceof StoreError && err.code === 'store.audit_conflict') {
        throw new AuditError('append-conflict', { expected: err.params['size'] ?? '?', actual: batch.firstIndex });
      }
      throw err;
    }
  }

  async readNodes(refs: readonly NodeRef[]): Promise<Uint8Array[]> {
    const hashes = await this.store.auditReadNodes(refs);
    return hashes.map((h, i) => {
      if (h === null || h.length !== HASH_BYTES) {
        const ref = refs[i];
        throw new AuditError('storage-inconsistent', { reason: `node ${ref?.level ?? '?'}/${ref?.index ?? '?'} missing` });
      }
      return h;
    });
  }

  async readBodies(from: number, to: number): Promise<Uint8Array[]> {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) {
      throw new AuditError('index-out-of-range', { index: `${from}..${to}`, size: await this.store.auditSize() });
    }
    const bodies = await this.store.auditReadBodies(from, to);
    if (bodies.length === to - from) return bodies;
    const size = await this.store.auditSize();
    // Rows gone from inside the log (its size is set by the last one): a hole, not a bad request.
    if (to <= size) throw new AuditError('body-missing', { index: to - from === 1 ? from : `${from}..${to - 1}` });
    throw new AuditError('index-out-of-range', { index: `${from}..${to}`, size });
  }
}

function checked(hash: Uint8Array): Buffer {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_BYTES) {
    throw new AuditError('storage-inconsistent', { reason: 'hash of the wrong length' });
  }
  return asBuffer(hash);
}

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
