import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { EnlaceError } from '../errors/index.js';
import type { PeerRecord } from '../store/types.js';
import { forEachBackend } from '../test-support/stores.js';
import { AuditLog } from './audit-log.js';
import type { NewLogEntry } from './entry.js';
import { MemoryLogStorage } from './memory-storage.js';
import { decodeProof, encodeProof, takePeerHead, type ProofSource } from './peer-heads.js';

const MX = 'identity--00000000-0000-4000-8000-0000000000b2';
const mxKey = generateKeyPairSync('ed25519');
const otherKey = generateKeyPairSync('ed25519');
const peer: PeerRecord = {
  name: 'mx',
  identityId: MX,
  organisation: 'MX',
  country: 'MX',
  publicKey: Buffer.from(mxKey.publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64url'),
  fingerprint: 'f'.repeat(64),
  url: 'http://127.0.0.1:1',
  apiRoot: '/enlace/',
  addedUs: 0,
};
const entry = (i: number): NewLogEntry => ({
  atUs: 1_000 + i,
  peer: 'us',
  direction: 'received',
  objectId: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  version: '2026-10-01T00:00:00.000Z',
  contentHash: (i + 1).toString(16).padStart(64, '0'),
});

async function mxLog(n: number, first = 0): Promise<AuditLog> {
  const log = await AuditLog.open(new MemoryLogStorage());
  await log.record(Array.from({ length: n }, (_, i) => entry(first + i)));
  return log;
}

const isCode = (code: string) => (e: unknown) => e instanceof EnlaceError && e.code === code;
const proofsOf =
  (log: AuditLog): ProofSource =>
  (a, b) =>
    log.consistencyProof(a, b);
const never: ProofSource = () => Promise.reject(new Error('no proof should be needed'));

forEachBackend('takePeerHead', (open) => {
  it('accepts a first head, then only heads that extend it, keeping a contradicting one as evidence', async () => {
    const store = await open();
    const log = await mxLog(5);
    const h5 = await log.treeHead(MX, mxKey.privateKey, 10);
    assert.equal((await takePeerHead(store, peer, h5, never, 1)).stored, true);
    assert.equal(
      (await takePeerHead(store, peer, await log.treeHead(MX, mxKey.privateKey, 11), never, 2)).stored,
      false,
      'same size and root',
    );
    await log.record([entry(5), entry(6)]);
    const h7 = await log.treeHead(MX, mxKey.privateKey, 12);
    assert.equal((await takePeerHead(store, peer, h7, proofsOf(log), 3)).head.tree_size, 7);

    // The same history with entry 2 changed, grown past what is held: its proof cannot hold.
    const forked = await AuditLog.open(new MemoryLogStorage());
    await forked.record([entry(0), entry(1), entry(99), entry(3), entry(4), entry(5), entry(6), entry(7)]);
    const h8 = await forked.treeHead(MX, mxKey.privateKey, 13);
    await assert.rejects(takePeerHead(store, peer, h8, proofsOf(forked), 4), isCode('audit.head-inconsistent'));
    const held = await store.auditListHeads({ logId: MX, limit: 10 });
    assert.deepEqual(
      held.map((h) => [h.treeSize, h.status]),
      [
        [8, 'inconsistent'],
        [7, 'accepted'],
        [5, 'accepted'],
      ],
    );
    // The evidence does not become the reference: the next honest head is checked against 7.
    await log.record([entry(7)]);
    assert.equal((await takePeerHead(store, peer, await log.treeHead(MX, mxKey.privateKey, 14), proofsOf(log), 5)).head.tree_size, 8);
  });

  it('calls a later head for fewer entries a rewrite, and accepts an older head it can prove', async () => {
    const store = await open();
    const log = await mxLog(6);
    const h4 = await AuditLog.open(new MemoryLogStorage()).then(async (l) => {
      await l.record(Array.from({ length: 4 }, (_, i) => entry(i)));
      return l.treeHead(MX, mxKey.privateKey, 5);
    });
    await takePeerHead(store, peer, await log.treeHead(MX, mxKey.privateKey, 10), never, 1);
    // Signed before the held head (a pass that crossed another): proved, kept.
    assert.equal((await takePeerHead(store, peer, h4, proofsOf(log), 2)).stored, true);
    const shrunk = await mxLog(3);
    await assert.rejects(
      takePeerHead(store, peer, await shrunk.treeHead(MX, mxKey.privateKey, 20), never, 3),
      isCode('audit.head-inconsistent'),
    );
  });

  it('rejects heads not signed by the pinned key, naming another log, or malformed', async () => {
    const store = await open();
    const log = await mxLog(2);
    for (const bad of [
      await log.treeHead(MX, otherKey.privateKey, 1),
      await log.treeHead('identity--00000000-0000-4000-8000-0000000000c3', mxKey.privateKey, 1),
      { ...(await log.treeHead(MX, mxKey.privateKey, 1)), tree_size: 3 },
      null,
      'head',
      { tree_size: 1e300 },
    ]) {
      await assert.rejects(takePeerHead(store, peer, bad, never, 1), isCode('audit.head-rejected'));
    }
    assert.deepEqual(await store.auditListHeads({ logId: MX, limit: 10 }), []);
  });
});

describe('proofs in JSON', () => {
  it('round-trip, and anything but a short list of 32-byte canonical base64 hashes is refused', () => {
    const proof = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    assert.deepEqual(decodeProof(encodeProof(proof)), proof);
    assert.deepEqual(decodeProof([]), []);
    for (const bad of [
      null,
      'x',
      [1],
      [Buffer.alloc(31).toString('base64')],
      [Buffer.alloc(32).toString('base64url') + '-'],
      Array(107).fill(Buffer.alloc(32).toString('base64')),
    ]) {
      assert.equal(decodeProof(bad), null, JSON.stringify(bad).slice(0, 60));
    }
  });
});
