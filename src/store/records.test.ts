import { it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend } from '../test-support/stores.js';
import type { AccountRecord, PeerRecord, PeerSyncState, StatusRecord, Store, VersionSelector } from './types.js';
import { StoreError } from './errors.js';
import { MX_NODE, makeVersion, stixId, versionsOf } from './test-versions.js';

const ALL: VersionSelector = { all: true, first: false, last: false, timestampsUs: [] };
const sel = (over: Partial<VersionSelector>): VersionSelector => ({ all: false, first: false, last: false, timestampsUs: [], ...over });
const code = (c: string) => (err: unknown) => err instanceof StoreError && err.code === c;

async function versionsIn(store: Store, collectionId: string, id: string) {
  const page = await store.queryObjects({ collectionId, ids: [id], versions: ALL, limit: 100, withBody: false });
  return page.rows.sort((a, b) => a.versionUs - b.versionUs).map((r) => ({ v: r.versionUs, first: r.isFirst, latest: r.isLatest }));
}

const peer = (over: Partial<PeerRecord> = {}): PeerRecord => ({
  name: 'mx',
  identityId: MX_NODE,
  organisation: 'Centro Nacional de Inteligencia',
  country: 'MX',
  publicKey: 'A'.repeat(43),
  fingerprint: 'ab'.repeat(32),
  url: 'http://127.0.0.1:7002',
  apiRoot: '/enlace/',
  addedUs: 1_700_000_000_000_000,
  ...over,
});

const account = (over: Partial<AccountRecord> = {}): AccountRecord => ({
  id: 'acct-1',
  username: 'ana',
  displayName: 'Ana López',
  passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
  roles: ['analyst', 'liaison'],
  locale: 'es-MX',
  disabled: false,
  createdUs: 1_700_000_000_000_001,
  ...over,
});

forEachBackend('store: deletions and records', (open) => {
  it('deletes selected versions and re-derives the first / latest flags', async () => {
    const store = await open();
    await store.createCollection({ id: 'c', title: 'C' });
    const id = stixId();
    const vs = versionsOf(id, 4);
    const us = vs.map((v) => v.versionUs);
    await store.putVersions('c', vs);
    assert.equal(await store.deleteVersions('c', id, sel({ last: true })), 1);
    assert.deepEqual(await versionsIn(store, 'c', id), [
      { v: us[0], first: true, latest: false },
      { v: us[1], first: false, latest: false },
      { v: us[2], first: false, latest: true },
    ]);
    assert.equal(await store.deleteVersions('c', id, sel({ first: true, timestampsUs: [us[2]!] })), 2);
    assert.deepEqual(await versionsIn(store, 'c', id), [{ v: us[1], first: true, latest: true }]);
    assert.equal(await store.deleteVersions('c', id, sel({ timestampsUs: [12345] })), 0);
    assert.equal(await store.deleteVersions('c', id, sel({})), 0, 'an empty selector deletes nothing');
    assert.equal(await store.deleteVersions('c', id, ALL, ['2.0']), 0, 'spec version filter applies');
    assert.equal(await store.deleteVersions('c', id, ALL, ['2.1']), 1);
    assert.equal(await store.countObjects('c'), 0);
    assert.equal(await store.deleteVersions('missing', id, ALL), 0);
    // The feed head never moves back: a later write gets a new position.
    const [again] = await store.putVersions('c', [vs[0]!]);
    assert.deepEqual(again?.kind === 'added' && again.seq, 5);
  });

  it('finds versions and originators across collections, and counts', async () => {
    const store = await open();
    await store.createCollection({ id: 'a', title: 'A' });
    await store.createCollection({ id: 'b', title: 'B' });
    const id = stixId();
    const [v1, v2] = versionsOf(id, 2);
    const mx = makeVersion({ originator: MX_NODE });
    await store.putVersions('a', [v1!, v2!, mx]);
    await store.putVersions('b', [v2!]);
    const found = await store.findVersionsAnywhere(id);
    assert.deepEqual(
      found.map((f) => [f.collectionId, f.versionUs]),
      [
        ['a', v1!.versionUs],
        ['a', v2!.versionUs],
        ['b', v2!.versionUs],
      ],
    );
    assert.deepEqual(await store.findVersionsAnywhere(stixId()), []);
    const originators = await store.originatorsOf([id, mx.id, stixId(), id]);
    assert.deepEqual(
      [...originators.entries()].sort(),
      [
        [id, v1!.originator],
        [mx.id, MX_NODE],
      ].sort(),
    );
    const many = Array.from({ length: 2500 }, () => stixId());
    many.push(mx.id);
    assert.equal((await store.originatorsOf(many)).get(mx.id), MX_NODE, 'long lists are looked up in chunks');
    assert.equal(await store.countObjects('a'), 2);
    assert.equal(await store.countObjects('b'), 1);
  });

  it('saves and updates statuses', async () => {
    const store = await open();
    const s: StatusRecord = {
      id: 'status-1',
      apiRoot: 'enlace',
      owner: 'ana',
      status: 'pending',
      requestTimestampUs: 1_700_000_000_123_456,
      totalCount: 2,
      successes: [{ id: 'indicator--1', version: '2025-01-01T00:00:00Z' }],
      failures: [],
      pendings: [{ id: 'indicator--2', version: '2025-01-01T00:00:00Z', message: 'en cola «ñ»' }],
    };
    await store.saveStatus(s);
    assert.deepEqual(await store.getStatus('status-1'), s);
    const done: StatusRecord = { ...s, status: 'complete', pendings: [], failures: [{ id: 'indicator--2', version: 'v', message: 'bad' }] };
    await store.saveStatus(done);
    assert.deepEqual(await store.getStatus('status-1'), done);
    assert.equal(await store.getStatus('nope'), null);
  });

  it('keeps peers, unique by identity and fingerprint, and forgets their sync state on removal', async () => {
    const store = await open();
    await store.upsertPeer(peer());
    await store.upsertPeer(peer({ url: 'http://127.0.0.1:7003' }));
    assert.equal((await store.getPeer('mx'))?.url, 'http://127.0.0.1:7003');
    assert.equal((await store.getPeerByIdentity(MX_NODE))?.name, 'mx');
    assert.equal((await store.getPeerByFingerprint('ab'.repeat(32)))?.name, 'mx');
    await assert.rejects(store.upsertPeer(peer({ name: 'mx2', fingerprint: 'cd'.repeat(32) })), code('store.peer_conflict'));
    await assert.rejects(store.upsertPeer(peer({ name: 'mx3', identityId: 'identity--other' })), code('store.peer_conflict'));
    await store.upsertPeer(peer({ name: 'us', identityId: 'identity--us', fingerprint: 'ef'.repeat(32) }));
    assert.deepEqual(
      (await store.listPeers()).map((p) => p.name),
      ['mx', 'us'],
    );
    await store.savePullCursor({ peer: 'mx', remoteCollectionId: 'r', next: null, lastDateAddedUs: 1, updatedUs: 2 });
    await store.savePushCursor({ peer: 'mx', collectionId: 'c', lastSeq: 9, updatedUs: 2 });
    assert.equal(await store.removePeer('mx'), true);
    assert.equal(await store.removePeer('mx'), false);
    assert.equal(await store.getPeer('mx'), null);
    assert.equal(await store.getPullCursor('mx', 'r'), null);
    assert.equal(await store.getPushCursor('mx', 'c'), null);
  });

  it('saves cursors and sync state, overwriting on save', async () => {
    const store = await open();
    assert.equal(await store.getPullCursor('mx', 'r'), null);
    await store.savePullCursor({ peer: 'mx', remoteCollectionId: 'r', next: 'a', lastDateAddedUs: 10, updatedUs: 11 });
    await store.savePullCursor({ peer: 'mx', remoteCollectionId: 'r', next: null, lastDateAddedUs: 12, updatedUs: 13 });
    assert.deepEqual(await store.getPullCursor('mx', 'r'), {
      peer: 'mx',
      remoteCollectionId: 'r',
      next: null,
      lastDateAddedUs: 12,
      updatedUs: 13,
    });
    await store.savePushCursor({ peer: 'mx', collectionId: 'c', lastSeq: 5, updatedUs: 1 });
    await store.savePushCursor({ peer: 'mx', collectionId: 'c', lastSeq: 8_000_000_000, updatedUs: 2 });
    assert.deepEqual(await store.getPushCursor('mx', 'c'), { peer: 'mx', collectionId: 'c', lastSeq: 8_000_000_000, updatedUs: 2 });
    const state: PeerSyncState = {
      peer: 'mx',
      lastSuccessUs: null,
      lastAttemptUs: 1_700_000_000_000_000,
      lastFailureUs: 1_700_000_000_000_000,
      lastFailureReason: 'ECONNREFUSED',
      consecutiveFailures: 3,
      pulledTotal: 10,
      pushedTotal: 20,
      rejectedTotal: 1,
      incomingBacklog: 500,
      lastPulledDateAddedUs: null,
    };
    await store.saveSyncState(state);
    assert.deepEqual(await store.getSyncState('mx'), state);
    const ok = {
      ...state,
      lastSuccessUs: 1_700_000_000_000_009,
      lastFailureReason: null,
      consecutiveFailures: 0,
      lastPulledDateAddedUs: 7,
    };
    await store.saveSyncState(ok);
    assert.deepEqual(await store.getSyncState('mx'), ok);
    assert.equal(await store.getSyncState('us'), null);
  });

  it('lists rejections newest first, by source, with a bounded limit', async () => {
    const store = await open();
    const r = (i: number, source = 'mx') => ({
      source,
      objectId: i % 2 ? null : `indicator--${i}`,
      version: null,
      reason: `r${i}`,
      atUs: i,
    });
    await store.addRejections([r(1), r(2), r(3, 'import')]);
    await store.addRejections([r(4)]);
    await store.addRejections([]);
    assert.deepEqual(
      (await store.listRejections('mx')).map((x) => x.reason),
      ['r4', 'r2', 'r1'],
    );
    assert.deepEqual(
      (await store.listRejections(undefined, 2)).map((x) => x.reason),
      ['r4', 'r3'],
    );
    assert.deepEqual(await store.listRejections('nobody'), []);
    await assert.rejects(store.listRejections('mx', 0), code('store.invalid_limit'));
    await assert.rejects(store.listRejections('mx', 1e9), code('store.invalid_limit'));
    await store.addRejections(Array.from({ length: 1200 }, (_, i) => r(100 + i, 'bulk')));
    assert.equal((await store.listRejections('bulk', 5000)).length, 1200);
  });

  it('keeps accounts and API tokens', async () => {
    const store = await open();
    await store.createAccount(account());
    assert.deepEqual(await store.getAccount('acct-1'), account());
    assert.deepEqual(await store.getAccountByUsername('ana'), account());
    await assert.rejects(store.createAccount(account({ id: 'acct-2' })), code('store.account_exists'));
    await store.createAccount(account({ id: 'acct-2', username: 'bob', roles: [], locale: null, disabled: true }));
    assert.deepEqual(
      (await store.listAccounts()).map((a) => a.username),
      ['ana', 'bob'],
    );
    await store.updateAccount(account({ displayName: 'Ana L.', roles: ['admin'], disabled: true }));
    assert.deepEqual(await store.getAccount('acct-1'), account({ displayName: 'Ana L.', roles: ['admin'], disabled: true }));
    await assert.rejects(store.updateAccount(account({ id: 'ghost', username: 'ghost' })), code('store.account_not_found'));
    await assert.rejects(store.updateAccount(account({ username: 'bob' })), code('store.account_exists'));

    const token = { id: 'tok-1', accountId: 'acct-1', label: 'laptop', tokenHash: 'aa'.repeat(32), createdUs: 5, lastUsedUs: null };
    await store.createApiToken(token);
    assert.deepEqual(await store.getApiTokenByHash('aa'.repeat(32)), token);
    await store.touchApiToken('tok-1', 99);
    assert.equal((await store.getApiTokenByHash('aa'.repeat(32)))?.lastUsedUs, 99);
    await assert.rejects(store.createApiToken({ ...token, id: 'tok-2' }), code('store.token_exists'));
    await assert.rejects(
      store.createApiToken({ ...token, id: 'tok-3', tokenHash: 'bb'.repeat(32), accountId: 'ghost' }),
      code('store.account_not_found'),
    );
    assert.equal(await store.getApiTokenByHash('cc'.repeat(32)), null);
    assert.equal(await store.getAccountByUsername('nobody'), null);
  });
});
