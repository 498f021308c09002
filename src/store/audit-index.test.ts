import { it } from 'node:test';
import assert from 'node:assert/strict';
import { StoreError } from './errors.js';
import type { AuditAppend, AuditHeadRecord } from './types.js';
import { forEachBackend } from '../test-support/stores.js';

const isCode = (code: string) => (e: unknown) => e instanceof StoreError && e.code === code;
const hash = (n: number): Buffer => Buffer.alloc(32, n);
const CH = 'a'.repeat(64);

/** A batch of `n` opaque bodies at `first` with the given index rows (the store does not read bodies). */
function batch(first: number, n: number, extra: Pick<AuditAppend, 'exchanges' | 'accesses'> = {}): AuditAppend {
  return {
    firstIndex: first,
    bodies: Array.from({ length: n }, (_, i) => Buffer.from(`body ${first + i}`)),
    nodes: Array.from({ length: n }, (_, i) => ({ level: 0, index: first + i, hash: hash(first + i) })),
    ...extra,
  };
}

const head = (over: Partial<AuditHeadRecord>): AuditHeadRecord => ({
  logId: 'identity--mx',
  peer: 'mx',
  treeSize: 1,
  rootHash: 'cm9vdA==',
  timestampUs: 1,
  status: 'accepted',
  head: '{}',
  receivedUs: 1,
  ...over,
});

forEachBackend('audit index, heads and head-exchange state', (open) => {
  it('indexes exchange entries with their batch, and refuses a second entry for one exchange as a conflict', async () => {
    const store = await open();
    const x = (seq: number, objectId: string, direction: 'sent' | 'received' = 'sent') => ({
      peer: 'mx',
      direction,
      objectId,
      version: 'v1',
      contentHash: CH,
      seq,
    });
    await store.auditAppend(batch(0, 2, { exchanges: [x(0, 'o1'), x(1, 'o2')] }));
    await store.auditAppend(batch(2, 1, { exchanges: [x(2, 'o1', 'received')] }));
    assert.deepEqual((await store.auditFindExchanges('mx', 'sent', ['o1', 'o2', 'o3'])).map((r) => [r.objectId, r.seq]).sort(), [
      ['o1', 0],
      ['o2', 1],
    ]);
    assert.deepEqual(
      (await store.auditFindExchanges('mx', 'received', ['o1'])).map((r) => r.seq),
      [2],
    );
    assert.deepEqual(await store.auditFindExchanges('ca', 'sent', ['o1']), []);
    // The same exchange again: nothing of the batch is stored (its entry, its hashes, its index row).
    await assert.rejects(store.auditAppend(batch(3, 1, { exchanges: [x(3, 'o2')] })), isCode('store.audit_conflict'));
    assert.equal(await store.auditSize(), 3);
    assert.deepEqual(await store.auditReadNodes([{ level: 0, index: 3 }]), [null]);
  });

  it('refuses index rows outside their batch or out of shape', async () => {
    const store = await open();
    const good = { peer: 'mx', direction: 'sent' as const, objectId: 'o', version: 'v', contentHash: CH, seq: 0 };
    await assert.rejects(store.auditAppend(batch(0, 1, { exchanges: [{ ...good, seq: 1 }] })), isCode('store.invalid_audit_record'));
    await assert.rejects(store.auditAppend(batch(0, 1, { exchanges: [{ ...good, peer: '' }] })), isCode('store.invalid_audit_record'));
    const access = { seq: 0, account: 'a', action: 'view' as const, objectId: 'o', version: 'v', atUs: 1 };
    await assert.rejects(store.auditAppend(batch(0, 1, { accesses: [{ ...access, atUs: -1 }] })), isCode('store.invalid_audit_record'));
    await assert.rejects(
      store.auditAppend(batch(0, 1, { accesses: [{ ...access, action: 'delete' as 'view' }] })),
      isCode('store.invalid_audit_record'),
    );
    assert.equal(await store.auditSize(), 0);
    await assert.rejects(store.auditListAccess({ limit: 0 }), isCode('store.invalid_limit'));
    await assert.rejects(store.auditListHeads({ logId: 'x', limit: 100_000 }), isCode('store.invalid_limit'));
  });

  it('lists access entries newest first, by account and before a position', async () => {
    const store = await open();
    const a = (seq: number, account: string) => ({
      seq,
      account,
      action: 'view' as const,
      objectId: `o${seq}`,
      version: 'v',
      atUs: 1000 + seq,
    });
    await store.auditAppend(batch(0, 4, { accesses: [a(0, 'ana'), a(1, 'bob'), a(3, 'ana')] }));
    assert.deepEqual(
      (await store.auditListAccess({ limit: 10 })).map((r) => r.seq),
      [3, 1, 0],
    );
    assert.deepEqual(
      (await store.auditListAccess({ limit: 1, account: 'ana' })).map((r) => [r.seq, r.objectId, r.atUs]),
      [[3, 'o3', 1003]],
    );
    assert.deepEqual(
      (await store.auditListAccess({ limit: 10, account: 'ana', beforeSeq: 3 })).map((r) => r.seq),
      [0],
    );
  });

  it('keeps a head once per log, size and root, and lists them largest first by status', async () => {
    const store = await open();
    assert.equal(await store.auditSaveHead(head({ treeSize: 3, rootHash: 'AAA=' })), true);
    assert.equal(await store.auditSaveHead(head({ treeSize: 3, rootHash: 'AAA=', timestampUs: 99 })), false);
    await store.auditSaveHead(head({ treeSize: 7, rootHash: 'BBB=', receivedUs: 5 }));
    await store.auditSaveHead(head({ treeSize: 7, rootHash: 'CCC=', status: 'inconsistent', receivedUs: 6 }));
    await store.auditSaveHead(head({ logId: 'identity--us', peer: null, status: 'own', treeSize: 9, rootHash: 'DDD=' }));
    assert.deepEqual(
      (await store.auditListHeads({ logId: 'identity--mx', limit: 10 })).map((h) => [h.treeSize, h.rootHash, h.status]),
      [
        [7, 'CCC=', 'inconsistent'],
        [7, 'BBB=', 'accepted'],
        [3, 'AAA=', 'accepted'],
      ],
    );
    const [latest] = await store.auditListHeads({ logId: 'identity--mx', statuses: ['accepted'], limit: 1 });
    assert.deepEqual([latest?.treeSize, latest?.timestampUs, latest?.peer], [7, 1, 'mx']);
    assert.deepEqual(await store.auditListHeads({ logId: 'identity--mx', statuses: [], limit: 1 }), []);
    assert.equal((await store.auditListHeads({ logId: 'identity--us', statuses: ['own'], limit: 5 }))[0]?.peer, null);
    await assert.rejects(store.auditSaveHead(head({ status: 'trusted' as 'own' })), isCode('store.invalid_audit_record'));
  });

  it('keeps the head-exchange state of each peer', async () => {
    const store = await open();
    assert.equal(await store.getAuditPeerState('mx'), null);
    const state = {
      peer: 'mx',
      lastAttemptUs: 5,
      lastSuccessUs: null,
      lastFailureUs: 5,
      lastFailureCode: 'audit.head-inconsistent',
      lastFailureReason: 'rewritten',
      consecutiveFailures: 1,
      peerTreeSize: 12,
      handedTreeSize: null,
    };
    await store.saveAuditPeerState(state);
    assert.deepEqual(await store.getAuditPeerState('mx'), state);
    await store.saveAuditPeerState({ ...state, lastSuccessUs: 9, consecutiveFailures: 0, handedTreeSize: 40 });
    assert.deepEqual(await store.getAuditPeerState('mx'), { ...state, lastSuccessUs: 9, consecutiveFailures: 0, handedTreeSize: 40 });
  });
});
