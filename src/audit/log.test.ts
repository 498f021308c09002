import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuditError } from './errors.js';
import { MerkleLog, type AppendBatch, type LogStorage, type NodeRef } from './log.js';
import { MemoryLogStorage } from './memory-storage.js';
import { leafHash, rootOf, verifyConsistency, verifyInclusion } from './merkle.js';
import { CONSISTENCY_VECTORS, CT_LEAVES, CT_ROOTS, INCLUSION_VECTORS } from './test-vectors.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Counts what the log reads, to hold it to O(log n). */
class CountingStorage extends MemoryLogStorage {
  nodeReads = 0;
  calls = 0;
  override readNodes(refs: readonly NodeRef[]): Promise<Uint8Array[]> {
    this.nodeReads += refs.length;
    this.calls++;
    return super.readNodes(refs);
  }
}

async function logOf(n: number, seed = 0, storage: LogStorage = new MemoryLogStorage()): Promise<{ log: MerkleLog; leaves: Buffer[] }> {
  const log = await MerkleLog.open(storage);
  const bytes = Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${seed}:${i}`));
  // Mixed batch sizes, so the incremental node bookkeeping crosses batch boundaries.
  for (let i = 0; i < n;) {
    const step = 1 + ((i * 7 + seed) % 5);
    await log.appendLeaves(bytes.slice(i, i + step));
    i += step;
  }
  return { log, leaves: bytes.map((b) => leafHash(b)) };
}

function flipBit(b: Uint8Array, bit: number): Buffer {
  const out = Buffer.from(b);
  out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7));
  return out;
}

describe('MerkleLog against the reference vectors', () => {
  it('produces the published roots and proofs', async () => {
    const log = await MerkleLog.open(new MemoryLogStorage());
    for (const leaf of CT_LEAVES) await log.appendLeaves([leaf]);
    for (let n = 0; n <= 8; n++) assert.equal(hex(await log.root(n)), CT_ROOTS[n]);
    for (const v of INCLUSION_VECTORS) assert.deepEqual((await log.inclusionProof(v.index, v.size)).map(hex), v.proof);
    for (const v of CONSISTENCY_VECTORS) assert.deepEqual((await log.consistencyProof(v.size1, v.size2)).map(hex), v.proof);
  });
});

describe('MerkleLog proofs (property)', () => {
  it('every inclusion proof for every index and past size verifies against rootOf', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.nat(), async (n, seed) => {
        const { log, leaves } = await logOf(n, seed);
        for (let size = 1; size <= n; size++) {
          const r = rootOf(leaves.slice(0, size));
          assert.equal(hex(await log.root(size)), hex(r));
          for (let i = 0; i < size; i++) {
            const proof = await log.inclusionProof(i, size);
            assert.ok(verifyInclusion(i, size, leaves[i] as Buffer, proof, r), `leaf ${i} of ${size}`);
          }
        }
      }),
      {
        numRuns: 6,
        examples: [
          [300, 1],
          [1, 0],
          [2, 0],
          [64, 3],
        ],
      },
    );
  });

  it('every consistency proof for size1 ≤ size2 ≤ n verifies against rootOf', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.nat(), async (n, seed) => {
        const { log, leaves } = await logOf(n, seed);
        const roots = Array.from({ length: n + 1 }, (_, s) => rootOf(leaves.slice(0, s)));
        for (let s2 = 0; s2 <= n; s2++) {
          for (let s1 = 0; s1 <= s2; s1++) {
            const proof = await log.consistencyProof(s1, s2);
            assert.ok(verifyConsistency(s1, s2, proof, roots[s1] as Buffer, roots[s2] as Buffer), `${s1} -> ${s2}`);
          }
        }
      }),
      {
        numRuns: 5,
        examples: [
          [300, 2],
          [1, 0],
          [33, 1],
        ],
      },
    );
  });

  it('flipping any one bit of an inclusion proof, leaf or root makes it fail', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 300 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n })))
          .chain(([n, size]) => fc.tuple(fc.constant(n), fc.constant(size), fc.integer({ min: 0, max: size - 1 }), fc.nat(), fc.nat())),
        async ([n, size, index, seed, pick]) => {
          const { log, leaves } = await logOf(n, seed);
          const proof = await log.inclusionProof(index, size);
          const r = await log.root(size);
          const leaf = leaves[index] as Buffer;
          const parts = [leaf, r, ...proof];
          const part = pick % parts.length;
          const bit = Math.floor(pick / parts.length) % 256;
          const mutated = parts.map((p, k) => (k === part ? flipBit(p, bit) : p));
          const [mLeaf, mRoot, ...mProof] = mutated as [Uint8Array, Uint8Array, ...Uint8Array[]];
          assert.equal(verifyInclusion(index, size, mLeaf, mProof, mRoot), false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('flipping any one bit of a consistency proof or either root makes it fail', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 300 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n - 1 })))
          .chain(([n, s1]) => fc.tuple(fc.constant(n), fc.constant(s1), fc.integer({ min: s1 + 1, max: n }), fc.nat(), fc.nat())),
        async ([n, s1, s2, seed, pick]) => {
          const { log } = await logOf(n, seed);
          const proof = await log.consistencyProof(s1, s2);
          const parts = [await log.root(s1), await log.root(s2), ...proof];
          const part = pick % parts.length;
          const bit = Math.floor(pick / parts.length) % 256;
          const mutated = parts.map((p, k) => (k === part ? flipBit(p, bit) : p));
          const [r1, r2, ...mProof] = mutated as [Uint8Array, Uint8Array, ...Uint8Array[]];
          assert.equal(verifyConsistency(s1, s2, mProof, r1, r2), false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('exhaustively: every bit of every proof of a 13-leaf log matters', async () => {
    const { log, leaves } = await logOf(13);
    for (let size = 1; size <= 13; size++) {
      const r = await log.root(size);
      for (let i = 0; i < size; i++) {
        const proof = await log.inclusionProof(i, size);
        for (let k = 0; k < proof.length; k++) {
          for (let bit = 0; bit < 256; bit++) {
            const bad = proof.map((p, j) => (j === k ? flipBit(p, bit) : p));
            assert.equal(verifyInclusion(i, size, leaves[i] as Buffer, bad, r), false);
          }
        }
      }
      for (let s1 = 1; s1 < size; s1++) {
        const proof = await log.consistencyProof(s1, size);
        const r1 = await log.root(s1);
        for (let k = 0; k < proof.length; k++) {
          for (let bit = 0; bit < 256; bit++) {
            const bad = proof.map((p, j) => (j === k ? flipBit(p, bit) : p));
            assert.equal(verifyConsistency(s1, size, bad, r1, r), false);
          }
        }
      }
    }
  });
});

describe('MerkleLog storage use', () => {
  it('writes each leaf once and each interior node once (amortised two writes per leaf)', async () => {
    const writes: AppendBatch[] = [];
    class Spy extends MemoryLogStorage {
      override append(batch: AppendBatch): Promise<void> {
        writes.push(batch);
        return super.append(batch);
      }
    }
    await logOf(1024, 0, new Spy());
    const leafWrites = writes.reduce((s, b) => s + b.leafHashes.length, 0);
    const nodeWrites = writes.reduce((s, b) => s + b.nodes.length, 0);
    assert.equal(leafWrites, 1024);
    assert.equal(nodeWrites, 1023, 'a complete tree of 1024 leaves has 1023 interior nodes');
  });

  it('reads O(log n) nodes in one call for a root, an inclusion or a consistency proof of any past size', async () => {
    const storage = new CountingStorage();
    const { log } = await logOf(5000, 0, storage);
    for (const [what, run] of [
      ['root', () => log.root(3333)],
      ['inclusion', () => log.inclusionProof(1234, 4999)],
      ['consistency', () => log.consistencyProof(1111, 4097)],
    ] as const) {
      storage.nodeReads = 0;
      storage.calls = 0;
      await run();
      assert.ok(storage.nodeReads <= 2 * 13, `${what} read ${storage.nodeReads} nodes`);
      assert.equal(storage.calls, 1, `${what} made ${storage.calls} storage calls`);
    }
    storage.calls = 0;
    await log.root();
    assert.equal(storage.calls, 0, 'the current root comes from the peaks in memory');
  });

  it('reopens from storage with the same roots and keeps appending consistently', async () => {
    const storage = new MemoryLogStorage();
    const { log } = await logOf(77, 5, storage);
    const reopened = await MerkleLog.open(storage);
    assert.equal(reopened.size, 77);
    assert.equal(hex(await reopened.root()), hex(await log.root()));
    await reopened.appendLeaves([Buffer.from('x'), Buffer.from('y')]);
    const all = [
      ...Array.from({ length: 77 }, (_, i) => leafHash(Buffer.from(`leaf 5:${i}`))),
      leafHash(Buffer.from('x')),
      leafHash(Buffer.from('y')),
    ];
    assert.equal(hex(await reopened.root()), hex(rootOf(all)));
    assert.deepEqual(
      (await reopened.bodies(77, 79)).map((b) => Buffer.from(b).toString()),
      ['x', 'y'],
    );
  });

  it('serialises concurrent appends without losing or duplicating leaves', async () => {
    const log = await MerkleLog.open(new MemoryLogStorage());
    const firsts = await Promise.all(Array.from({ length: 50 }, (_, i) => log.appendLeaves([Buffer.from(`a${i}`), Buffer.from(`b${i}`)])));
    assert.deepEqual(
      [...firsts].sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, i) => i * 2),
    );
    assert.equal(log.size, 100);
  });

  it('refuses sizes and indexes it never had', async () => {
    const { log } = await logOf(10);
    await assert.rejects(log.root(11), (e: unknown) => e instanceof AuditError && e.code === 'size-out-of-range');
    await assert.rejects(log.root(-1), AuditError);
    await assert.rejects(log.inclusionProof(10, 10), (e: unknown) => e instanceof AuditError && e.code === 'index-out-of-range');
    await assert.rejects(log.inclusionProof(0, 0), AuditError);
    await assert.rejects(log.inclusionProof(1.5, 10), AuditError);
    await assert.rejects(log.consistencyProof(6, 5), AuditError);
    await assert.rejects(log.consistencyProof(1, 11), AuditError);
    await assert.rejects(log.bodies(5, 11), AuditError);
    await assert.rejects(log.leafHashAt(10), AuditError);
    assert.deepEqual(await log.consistencyProof(0, 10), []);
    assert.deepEqual(await log.consistencyProof(10, 10), []);
  });

  it('storage refuses a batch at the wrong position and leaves the log untouched', async () => {
    const storage = new MemoryLogStorage();
    const { log } = await logOf(3, 0, storage);
    await assert.rejects(
      storage.append({ firstIndex: 1, leafHashes: [leafHash(Buffer.from('z'))], bodies: [Buffer.from('z')], nodes: [] }),
      (e: unknown) => e instanceof AuditError && e.code === 'append-conflict',
    );
    await assert.rejects(
      storage.append({ firstIndex: 3, leafHashes: [Buffer.alloc(5)], bodies: [Buffer.from('z')], nodes: [] }),
      (e: unknown) => e instanceof AuditError && e.code === 'storage-inconsistent',
    );
    assert.equal(await storage.size(), 3);
    assert.equal(hex(await (await MerkleLog.open(storage)).root()), hex(await log.root()));
  });

  it('a failed storage write leaves the log as it was', async () => {
    let fail = false;
    class Flaky extends MemoryLogStorage {
      override append(batch: AppendBatch): Promise<void> {
        return fail ? Promise.reject(new Error('disk full')) : super.append(batch);
      }
    }
    const { log } = await logOf(5, 0, new Flaky());
    const before = hex(await log.root());
    fail = true;
    await assert.rejects(log.appendLeaves([Buffer.from('lost')]), /disk full/);
    fail = false;
    assert.equal(log.size, 5);
    assert.equal(hex(await log.root()), before);
    await log.appendLeaves([Buffer.from('kept')]);
    assert.equal(log.size, 6);
  });
});
