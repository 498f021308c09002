import { AuditError } from './errors.js';
import type { AppendBatch, LogStorage, NodeRef } from './log.js';
import { HASH_BYTES } from './merkle.js';

/** A byte buffer that grows by doubling, so a million appends copy O(n) bytes in total. */
class GrowableBytes {
  bytes: Buffer;
  length = 0;

  constructor(initial: number) {
    this.bytes = Buffer.allocUnsafe(initial);
  }

  push(data: Uint8Array): void {
    if (this.length + data.length > this.bytes.length) {
      let capacity = this.bytes.length * 2;
      while (capacity < this.length + data.length) capacity *= 2;
      const next = Buffer.allocUnsafe(capacity);
      this.bytes.copy(next, 0, 0, this.length);
      this.bytes = next;
    }
    this.bytes.set(data, this.length);
    this.length += data.length;
  }
}

/**
 * LogStorage kept in process memory: one contiguous buffer of 32-byte hashes per tree level and
 * the bodies packed in one buffer with a Float64Array of offsets. About 64 MB of hashes plus the
 * body bytes for a million entries; no per-entry JS objects.
 */
export class MemoryLogStorage implements LogStorage {
  private readonly levels: GrowableBytes[] = [];
  private readonly bodyBytes = new GrowableBytes(1 << 16);
  /** bodyEnds[i] = offset just past body i; grows by doubling like the buffers. */
  private bodyEnds = new Float64Array(1024);
  private leaves = 0;

  size(): Promise<number> {
    return Promise.resolve(this.leaves);
  }

  append(batch: AppendBatch): Promise<void> {
    try {
      this.appendNow(batch);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private appendNow(batch: AppendBatch): void {
    if (batch.firstIndex !== this.leaves) {
      throw new AuditError('append-conflict', { expected: this.leaves, actual: batch.firstIndex });
    }
    if (batch.bodies.length !== batch.leafHashes.length) {
      throw new AuditError('storage-inconsistent', { reason: 'one body per leaf hash' });
    }
    // Check everything before writing anything, so a refused batch leaves no trace.
    const counts = this.levels.map((l) => l.length / HASH_BYTES);
    counts[0] = this.leaves;
    for (const h of batch.leafHashes) assertHash(h);
    for (const node of batch.nodes) {
      assertHash(node.hash);
      const expected = counts[node.level] ?? 0;
      if (node.level < 1 || node.index !== expected) {
        throw new AuditError('storage-inconsistent', { reason: `node ${node.level}/${node.index} out of order` });
      }
      counts[node.level] = expected + 1;
    }
    for (const h of batch.leafHashes) this.level(0).push(h);
    for (const node of batch.nodes) this.level(node.level).push(node.hash);
    for (const body of batch.bodies) {
      this.bodyBytes.push(body);
      if (this.leaves === this.bodyEnds.length) {
        const next = new Float64Array(this.bodyEnds.length * 2);
        next.set(this.bodyEnds);
        this.bodyEnds = next;
      }
      this.bodyEnds[this.leaves++] = this.bodyBytes.length;
    }
  }

  readNodes(refs: readonly NodeRef[]): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    for (const { level, index } of refs) {
      const store = this.levels[level];
      const start = index * HASH_BYTES;
      if (!store || !Number.isSafeInteger(index) || index < 0 || start + HASH_BYTES > store.length) {
        return Promise.reject(new AuditError('storage-inconsistent', { reason: `node ${level}/${index} missing` }));
      }
      // A copy: callers must not be able to change the log through what they read.
      out.push(Buffer.from(store.bytes.subarray(start, start + HASH_BYTES)));
    }
    return Promise.resolve(out);
  }

  readBodies(from: number, to: number): Promise<Uint8Array[]> {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to || to > this.leaves) {
      return Promise.reject(new AuditError('index-out-of-range', { index: `${from}..${to}`, size: this.leaves }));
    }
    const out: Uint8Array[] = [];
    for (let i = from; i < to; i++) {
      const start = i === 0 ? 0 : (this.bodyEnds[i - 1] as number);
      out.push(Buffer.from(this.bodyBytes.bytes.subarray(start, this.bodyEnds[i] as number)));
    }
    return Promise.resolve(out);
  }

  private level(level: number): GrowableBytes {
    let store = this.levels[level];
    if (!store) {
      store = new GrowableBytes(Math.max(1024, 1 << Math.max(10, 20 - level)));
      this.levels[level] = store;
    }
    return store;
  }
}

function assertHash(h: Uint8Array): void {
  if (!(h instanceof Uint8Array) || h.length !== HASH_BYTES) {
    throw new AuditError('storage-inconsistent', { reason: 'hash of the wrong length' });
  }
}
