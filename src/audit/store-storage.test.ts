import { it } from 'node:test';
import assert from 'node:assert/strict';
import { AuditError } from './errors.js';
import { MerkleLog } from './log.js';
import { leafHash, rootOf, verifyConsistency, verifyInclusion } from './merkle.js';
import { StoreLogStorage } from './store-storage.js';
import { StoreError } from '../store/errors.js';
import type { Store } from '../store/types.js';
import { forEachBackend } from '../test-support/stores.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const leafBytes = (tag: string, n: number): Buffer[] => Array.from({ length: n }, (_, i) => Buffer.from(`${tag}:${i}`));

async function appendMixed(log: MerkleLog, leaves: readonly Buffer[]): Promise<void> {
  // Mixed batch sizes, so nodes completed across batch boundaries are exercised.
  for (let i = 0, step = 1; i < leaves.length; i += step, step = (step % 5) + 1) {
    await log.appendLeaves(leaves.slice(i, i + step));
  }
}

function isCode(code: string): (e: unknown) => boolean {
  return (e: unknown) => (e instanceof StoreError || e instanceof AuditError) && e.code === code;
}

forEachBackend('StoreLogStorage', (open, ctx) => {
  it('gives roots and proofs for every past size that match rootOf', async () => {
    const log = await MerkleLog.open(new StoreLogStorage(await open()));
    const leaves = leafBytes('a', 37);
    await appendMixed(log, leaves);
    const hashes = leaves.map((l) => leafHash(l));
    const roots = [];
    for (let size = 0; size <= leaves.length; size++) {
      const root = await log.root(size);
      assert.equal(hex(root), hex(rootOf(hashes.slice(0, size))), `root of ${size}`);
      roots.push(root);
    }
    for (const size of [1, 2, 7, 8, 13, 32, 37]) {
      for (let i = 0; i < size; i++) {
        assert.ok(verifyInclusion(i, size, hashes[i] as Uint8Array, await log.inclusionProof(i, size), roots[size] as Uint8Array));
      }
      for (let m = 1; m <= size; m++) {
        const proof = await log.consistencyProof(m, size);
        assert.ok(verifyConsistency(m, size, proof, roots[m] as Uint8Array, roots[size] as Uint8Array), `${m}→${size}`);
      }
    }
    assert.deepEqual(await log.bodies(3, 9), leaves.slice(3, 9));
    assert.equal(hex(await log.leafHashAt(20)), hex(hashes[20] as Uint8Array));
  });

  it('a batch larger than one INSERT still lands whole', async () => {
    const log = await MerkleLog.open(new StoreLogStorage(await open()));
    const leaves = leafBytes('big', 1203);
    await log.appendLeaves(leaves);
    assert.equal(hex(await log.root()), hex(rootOf(leaves.map((l) => leafHash(l)))));
    assert.equal(hex(await log.root(600)), hex(rootOf(leaves.slice(0, 600).map((l) => leafHash(l)))));
  });

  it('reopening the store gives the same root and appends continue consistently', async () => {
    const first = await open();
    const log = await MerkleLog.open(new StoreLogStorage(first));
    const leaves = leafBytes('r', 29);
    await appendMixed(log, leaves.slice(0, 21));
    const root21 = await log.root();
    await first.close();
    const again = await ctx.openWith({}, first);
    const reopened = await MerkleLog.open(new StoreLogStorage(again));
    assert.equal(reopened.size, 21);
    assert.equal(hex(await reopened.root()), hex(root21));
    await appendMixed(reopened, leaves.slice(21));
    assert.equal(hex(await reopened.root()), hex(rootOf(leaves.map((l) => leafHash(l)))));
    assert.ok(verifyConsistency(21, 29, await reopened.consistencyProof(21), root21, await reopened.root()));
  });

  it('keeps body bytes exactly, including empty, non-UTF-8 and 1 MB bodies', async () => {
    const log = await MerkleLog.open(new StoreLogStorage(await open()));
    const odd = [Buffer.alloc(0), Buffer.from([0xff, 0xfe, 0x00, 0xc3]), Buffer.alloc(1 << 20, 0xab)];
    await log.appendLeaves(odd);
    assert.deepEqual(await log.bodies(0, 3), odd);
    assert.equal(hex(await log.root()), hex(rootOf(odd.map((b) => leafHash(b)))));
  });

  it('a log writer that lost the race gets append-conflict and the log does not fork', async () => {
    const a = await open();
    const b = await ctx.openWith({}, a);
    const logA = await MerkleLog.open(new StoreLogStorage(a));
    const logB = await MerkleLog.open(new StoreLogStorage(b));
    await logA.appendLeaves([Buffer.from('from a')]);
    await assert.rejects(logB.appendLeaves([Buffer.from('from b')]), isCode('append-conflict'));
    assert.equal(logB.size, 0);
    const fresh = await MerkleLog.open(new StoreLogStorage(b));
    assert.equal(fresh.size, 1);
    assert.deepEqual(await fresh.bodies(0, 1), [Buffer.from('from a')]);
    assert.equal(hex(await fresh.root()), hex(rootOf([leafHash(Buffer.from('from a'))])));
  });

  // Two SQLite connections in one process cannot interleave: better-sqlite3 waits for the file's
  // write lock synchronously, stalling the event loop that would release it. Cross-process
  // SQLite writers are serialised by BEGIN IMMEDIATE; the sequential race above covers them.
  if (ctx.kind === 'postgres') {
    it('concurrent appends from two stores on one database: exactly one wins per position', async () => {
      const a = await open();
      const b = await ctx.openWith({}, a);
      const winners: Buffer[] = [];
      for (let pos = 0; pos < 12; pos++) {
        const batchOf = (who: string): Parameters<Store['auditAppend']>[0] => ({
          firstIndex: pos,
          bodies: [Buffer.from(`${who}${pos}`)],
          nodes: [{ level: 0, index: pos, hash: Buffer.from(leafHash(Buffer.from(`${who}${pos}`))) }],
        });
        const results = await Promise.allSettled([a.auditAppend(batchOf('a')), b.auditAppend(batchOf('b'))]);
        const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
        assert.equal(won.length, 1, `position ${pos}: ${results.map((r) => r.status).join(',')}`);
        const lost = results.find((r) => r.status === 'rejected');
        assert.ok(lost && isCode('store.audit_conflict')(lost.reason), String(lost?.reason));
        winners.push(Buffer.from(`${won[0] === 0 ? 'a' : 'b'}${pos}`));
      }
      assert.equal(await a.auditSize(), 12);
      assert.deepEqual(await b.auditReadBodies(0, 12), winners);
    });

    it('concurrent MerkleLogs on two stores: losers re-open and the log stays one tree', async () => {
      const a = await open();
      const b = await ctx.openWith({}, a);
      for (let round = 0; round < 6; round++) {
        const [logA, logB] = await Promise.all([MerkleLog.open(new StoreLogStorage(a)), MerkleLog.open(new StoreLogStorage(b))]);
        const results = await Promise.allSettled([
          logA.appendLeaves(leafBytes(`a${round}`, 3)),
          logB.appendLeaves(leafBytes(`b${round}`, 2)),
        ]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        for (const r of results) if (r.status === 'rejected') assert.ok(isCode('append-conflict')(r.reason), String(r.reason));
      }
      const log = await MerkleLog.open(new StoreLogStorage(a));
      const bodies = await log.bodies(0, log.size);
      assert.equal(hex(await log.root()), hex(rootOf(bodies.map((x) => leafHash(x)))));
    });
  }

  it('the store refuses a wrong firstIndex and stores nothing of the batch', async () => {
    const s = await open();
    const node = (index: number): { level: number; index: number; hash: Buffer } => ({ level: 0, index, hash: Buffer.alloc(32, index) });
    await s.auditAppend({ firstIndex: 0, bodies: [Buffer.from('x')], nodes: [node(0)] });
    for (const firstIndex of [0, 2, 1000]) {
      await assert.rejects(
        s.auditAppend({ firstIndex, bodies: [Buffer.from('y')], nodes: [node(firstIndex)] }),
        (e: unknown) => isCode('store.audit_conflict')(e) && (e as StoreError).params['size'] === 1,
      );
    }
    assert.equal(await s.auditSize(), 1);
    assert.deepEqual(
      await s.auditReadNodes([
        { level: 0, index: 2 },
        { level: 0, index: 0 },
        { level: 0, index: 0 },
      ]),
      [null, Buffer.alloc(32, 0), Buffer.alloc(32, 0)],
    );
  });

  it('the store refuses malformed and hostile input with store.invalid_audit_record', async () => {
    const s = await open();
    const hash = Buffer.alloc(32);
    const bad: unknown[] = [
      null,
      { firstIndex: -1, bodies: [], nodes: [] },
      { firstIndex: 0.5, bodies: [], nodes: [] },
      { firstIndex: 2 ** 53, bodies: [], nodes: [] },
      { firstIndex: '0', bodies: [], nodes: [] },
      { firstIndex: 0, bodies: ['text'], nodes: [] },
      { firstIndex: 0, bodies: [], nodes: [{ level: -1, index: 0, hash }] },
      { firstIndex: 0, bodies: [], nodes: [{ level: 1000, index: 0, hash }] },
      { firstIndex: 0, bodies: [], nodes: [{ level: 0, index: Number.NaN, hash }] },
      { firstIndex: 0, bodies: [], nodes: [{ level: 0, index: 0, hash: 'abc' }] },
      { firstIndex: 0, bodies: {}, nodes: [] },
    ];
    for (const b of bad) {
      await assert.rejects(
        s.auditAppend(b as Parameters<Store['auditAppend']>[0]),
        isCode('store.invalid_audit_record'),
        JSON.stringify(b),
      );
    }
    await assert.rejects(s.auditReadNodes([{ level: 0, index: -3 }]), isCode('store.invalid_audit_record'));
    await assert.rejects(s.auditReadBodies(5, 2), isCode('store.invalid_audit_record'));
    await assert.rejects(s.auditReadBodies(Number.POSITIVE_INFINITY, 2), isCode('store.invalid_audit_record'));
    assert.equal(await s.auditSize(), 0);
  });

  it('the adapter reports missing nodes, short body ranges and bad hashes as audit errors', async () => {
    const storage = new StoreLogStorage(await open());
    await assert.rejects(storage.readNodes([{ level: 3, index: 0 }]), isCode('storage-inconsistent'));
    await assert.rejects(storage.readBodies(0, 1), isCode('index-out-of-range'));
    await assert.rejects(storage.readBodies(-1, 1), isCode('index-out-of-range'));
    await assert.rejects(
      storage.append({ firstIndex: 0, leafHashes: [new Uint8Array(31)], bodies: [new Uint8Array(1)], nodes: [] }),
      isCode('storage-inconsistent'),
    );
    await assert.rejects(
      storage.append({ firstIndex: 0, leafHashes: [new Uint8Array(32)], bodies: [], nodes: [] }),
      isCode('storage-inconsistent'),
    );
    assert.equal(await storage.size(), 0);
  });
});
