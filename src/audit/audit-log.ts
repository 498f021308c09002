import type { KeyObject } from 'node:crypto';
import { AuditError } from './errors.js';
import { leafOfChecked, parseEntryLeaf, toRecordedEntry, type NewRecordedEntry, type ReadEntry, type RecordedEntry } from './entry.js';
import { MerkleLog, type LogStorage } from './log.js';
import { makeTreeHead, signTreeHead, type SignedTreeHead } from './tree-head.js';

/** Read access to one node's log, as `compareLogs` needs it (local, or a peer's over the wire). */
export interface LogReader {
  size(): Promise<number>;
  /** Entries [from, to), each with seq equal to its position; a reader may seal those not for the asker. */
  entries(from: number, to: number): Promise<ReadEntry[]>;
  inclusionProof(index: number, size: number): Promise<Uint8Array[]>;
  consistencyProof(size1: number, size2: number): Promise<Uint8Array[]>;
}

/**
 * The node's transparency log: every object version sent to or received from a peer, each
 * entry a leaf of an RFC 9162 Merkle tree whose heads the node signs.
 */
export class AuditLog implements LogReader {
  private constructor(readonly merkle: MerkleLog) {}

  /** Opens the log kept in `storage`. */
  static async open(storage: LogStorage): Promise<AuditLog> {
    return new AuditLog(await MerkleLog.open(storage));
  }

  size(): Promise<number> {
    return Promise.resolve(this.merkle.size);
  }

  /**
   * Appends entries in order and returns them with their positions.
   * @throws AuditError entry-invalid (nothing is written then)
   */
  async record(entries: readonly NewRecordedEntry[]): Promise<RecordedEntry[]> {
    // Validate before taking a position, so one bad entry cannot leave a gap or half a batch.
    const checked = entries.map((e) => {
      if (e !== null && typeof e === 'object' && Object.hasOwn(e, 'seq'))
        throw new AuditError('entry-invalid', { field: 'seq', reason: 'positions are given by the log' });
      return toRecordedEntry({ ...e, seq: 0 });
    });
    return this.recordChecked(checked);
  }

  private async recordChecked(checked: RecordedEntry[]): Promise<RecordedEntry[]> {
    // Positions are only known inside the log's append queue, so bodies are built there.
    let placed: RecordedEntry[] = [];
    await this.merkle.appendLeavesAt((first) => {
      placed = checked.map((e, i) => ({ ...e, seq: first + i }));
      return placed.map(leafOfChecked);
    });
    return placed;
  }

  async entries(from: number, to: number): Promise<RecordedEntry[]> {
    const bodies = await this.merkle.bodies(from, to);
    return bodies.map((body, i) => {
      const entry = parseEntryLeaf(body);
      if (entry.seq !== from + i) {
        throw new AuditError('entry-invalid', { field: 'seq', reason: `entry at ${from + i} says seq ${entry.seq}` });
      }
      return entry;
    });
  }

  inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    return this.merkle.inclusionProof(index, size);
  }

  consistencyProof(size1: number, size2: number): Promise<Uint8Array[]> {
    return this.merkle.consistencyProof(size1, size2);
  }

  /** Signs a head over the whole log as it is now. */
  async treeHead(logId: string, privateKey: KeyObject, timestampUs: number = Date.now() * 1000): Promise<SignedTreeHead> {
    const size = this.merkle.size;
    const root = await this.merkle.root(size);
    return signTreeHead(makeTreeHead(size, root, timestampUs, logId), privateKey);
  }
}
