import { it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend } from '../test-support/stores.js';
import type { Store } from './types.js';
import { StoreError } from './errors.js';
import { isoToUs, makeVersion, stixId, versionsOf } from './test-versions.js';

const ALL = { all: true, first: false, last: false, timestampsUs: [] };

async function allRows(store: Store, collectionId: string) {
  return (await store.queryObjects({ collectionId, versions: ALL, limit: 10_000, withBody: true })).rows;
}

function isStoreError(code: string) {
  return (err: unknown) => err instanceof StoreError && err.code === code;
}

forEachBackend('store: collections and putVersions', (open, ctx) => {
  it('creates, finds by id or alias, lists, and refuses clashes', async () => {
    const store = await open();
    const c = await store.createCollection({ id: 'c1', alias: 'shared', title: 'Shared', description: 'd' });
    assert.deepEqual(
      { ...c, createdUs: 0 },
      { id: 'c1', alias: 'shared', title: 'Shared', description: 'd', lastSeq: 0, lastDateAddedUs: 0, createdUs: 0 },
    );
    assert.ok(c.createdUs > 0);
    await store.createCollection({ id: 'c2', title: 'Two' });
    assert.equal((await store.getCollection('c1'))?.title, 'Shared');
    assert.equal((await store.getCollection('shared'))?.id, 'c1');
    assert.equal(await store.getCollection('nope'), null);
    assert.deepEqual(
      (await store.listCollections()).map((x) => x.id),
      ['c1', 'c2'],
    );
    await assert.rejects(store.createCollection({ id: 'c1', title: 'again' }), isStoreError('store.collection_exists'));
    await assert.rejects(store.createCollection({ id: 'c3', alias: 'c2', title: 'x' }), isStoreError('store.collection_exists'));
    await assert.rejects(store.createCollection({ id: 'shared', title: 'x' }), isStoreError('store.collection_exists'));
    await assert.rejects(store.createCollection({ id: '', title: 'x' }), isStoreError('store.invalid_collection'));
  });

  it('migrate() is idempotent and data survives reopening', async () => {
    const store = await open();
    await store.createCollection({ id: 'c', title: 'C' });
    await store.putVersions('c', [makeVersion()]);
    await store.migrate();
    await store.migrate();
    const again = await ctx.openWith({}, store);
    assert.equal((await again.getCollection('c'))?.lastSeq, 1);
    assert.equal(await again.countObjects('c'), 1);
  });

  it('adds versions with increasing positions and strictly increasing microsecond date_added', async () => {
    const store = await open();
    await store.createCollection({ id: 'c', title: 'C' });
    const first = await store.putVersions('c', [makeVersion(), makeVersion(), makeVersion()]);
    const second = await store.putVersions('c', [makeVersion()]);
    const outcomes = [...first, ...second];
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      ['added', 'added', 'added', 'added'],
    );
    const seqs = outcomes.map((o) => (o.kind === 'added' ? o.seq : -1));
    assert.deepEqual(seqs, [1, 2, 3, 4]);
    const dates = outcomes.map((o) => (o.kind === 'added' ? o.dateAddedUs : -1));
    for (let i = 1; i < dates.length; i++) assert.ok(dates[i]! > dates[i - 1]!, `date_added ${i} increases`);
    const c = await store.getCollection('c');
    assert.equal(c?.lastSeq, 4);
    assert.equal(c?.lastDateAddedUs, dates[3]);
    assert.equal((await allRows(store, 'c')).length, 4);
  });

  it('date_added stays strictly increasing when the clock stands still or goes back', async () => {
    let now = 5_000_000;
    const store = await ctx.openWith({ clock: () => now });
    await store.createCollection({ id: 'c', title: 'C' });
    const a = await store.putVersions('c', [makeVersion(), makeVersion()]);
    now = 1_000; // clock stepped back
    const b = await store.putVersions('c', [makeVersion()]);
    const dates = [...a, ...b].map((o) => (o.kind === 'added' ? o.dateAddedUs : -1));
    assert.deepEqual(dates, [5_000_000, 5_000_001, 5_000_002]);
  });

  it('reports duplicates (same hash) and conflicts (other hash), also inside one batch', async () => {
    const store = await open();
    await store.createCollection({ id: 'c', title: 'C' });
    const v = makeVersion();
    const [added] = await store.putVersions('c', [v]);
    assert.equal(added?.kind, 'added');
    const changed = { ...v, body: v.body.replace('"indicator"', '"indicator" '), contentHash: 'f'.repeat(64) };
    const w = makeVersion();
    const w2 = { ...w, contentHash: 'e'.repeat(64) };
    const out = await store.putVersions('c', [v, changed, w, w, w2]);
    assert.deepEqual(
      out[0],
      added && added.kind === 'added' ? { kind: 'duplicate', seq: added.seq, dateAddedUs: added.dateAddedUs } : null,
    );
    assert.deepEqual(out[1], { kind: 'conflict', existingHash: v.contentHash });
    assert.equal(out[2]?.kind, 'added');
    const wAdded = out[2];
    assert.deepEqual(out[3], wAdded?.kind === 'added' ? { kind: 'duplicate', seq: wAdded.seq, dateAddedUs: wAdded.dateAddedUs } : null);
    assert.deepEqual(out[4], { kind: 'conflict', existingHash: w.contentHash });
    const rows = await allRows(store, 'c');
    assert.equal(rows.length, 2);
    assert.equal(rows[0]?.body, v.body, 'the conflicting body was not stored');
    assert.equal((await store.getCollection('c'))?.lastSeq, 2, 'no position is spent on duplicates or conflicts');
  });

  it('keeps is_latest / is_first right, including when an older version arrives later', async () => {
    const store = await open();
    await store.createCollection({ id: 'c', title: 'C' });
    const id = stixId();
    const [v1, v2, v3, v4] = versionsOf(id, 4);
    await store.putVersions('c', [v2!]);
    await store.putVersions('c', [v3!]);
    await store.putVersions('c', [v1!]); // older than everything stored
    await store.putVersions('c', [v4!, v4!]);
    const flags = (await allRows(store, 'c')).sort((a, b) => a.versionUs - b.versionUs).map((r) => [r.version, r.isFirst, r.isLatest]);
    assert.deepEqual(flags, [
      [v1!.version, true, false],
      [v2!.version, false, false],
      [v3!.version, false, false],
      [v4!.version, false, true],
    ]);
    // A batch mixing older and newer versions of several ids.
    const other = stixId();
    const [o1, o2, o3] = versionsOf(other, 3);
    await store.putVersions('c', [o2!, o3!, o1!]);
    const otherRows = (await allRows(store, 'c')).filter((r) => r.id === other).sort((a, b) => a.versionUs - b.versionUs);
    assert.deepEqual(
      otherRows.map((r) => [r.isFirst, r.isLatest]),
      [
        [true, false],
        [false, false],
        [false, true],
      ],
    );
    assert.equal(await store.countObjects('c'), 2);
  });

  it('flags are per collection', async () => {
    const store = await open();
    await store.createCollection({ id: 'a', title: 'A' });
    await store.createCollection({ id: 'b', title: 'B' });
    const id = stixId();
    const [v1, v2] = versionsOf(id, 2);
    await store.putVersions('a', [v1!, v2!]);
    await store.putVersions('b', [v1!]);
    const b = await allRows(store, 'b');
    assert.deepEqual(
      b.map((r) => [r.isFirst, r.isLatest]),
      [[true, true]],
    );
    assert.equal((await store.getCollection('b'))?.lastSeq, 1, 'positions are per collection');
  });

  it('saves the pull cursor and rejections in the same transaction as the versions', async () => {
    const store = await open();
    await store.createCollection({ id: 'c', title: 'C' });
    const cursor = { peer: 'mx', remoteCollectionId: 'rc', next: 'tok-1', lastDateAddedUs: 42, updatedUs: 43 };
    const rejection = { source: 'mx', objectId: stixId(), version: '2025-01-01T00:00:00Z', reason: 'bad signature', atUs: 44 };
    await store.putVersions('c', [makeVersion()], { pullCursor: cursor, rejections: [rejection] });
    assert.deepEqual(await store.getPullCursor('mx', 'rc'), cursor);
    assert.deepEqual(await store.listRejections('mx'), [rejection]);
    // A page where everything was rejected still advances the cursor.
    await store.putVersions('c', [], { pullCursor: { ...cursor, next: 'tok-2' } });
    assert.equal((await store.getPullCursor('mx', 'rc'))?.next, 'tok-2');
  });

  it('rolls everything back when the transaction fails, cursor included', async () => {
    const store = await open();
    await store.createCollection({ id: 'c', title: 'C' });
    const cursor = { peer: 'mx', remoteCollectionId: 'rc', next: 'tok-1', lastDateAddedUs: 42, updatedUs: 43 };
    const broken = { source: 'mx', objectId: null, version: null, reason: null as unknown as string, atUs: 1 };
    await assert.rejects(store.putVersions('c', [makeVersion()], { pullCursor: cursor, rejections: [broken] }));
    assert.equal(await store.getPullCursor('mx', 'rc'), null);
    assert.equal((await allRows(store, 'c')).length, 0);
    assert.equal((await store.getCollection('c'))?.lastSeq, 0);
    assert.equal((await store.putVersions('c', [makeVersion()]))[0]?.kind, 'added', 'the store still works after a rollback');
  });

  it('refuses an unknown collection and malformed or hostile versions, storing nothing', async () => {
    const store = await open();
    await store.createCollection({ id: 'c', title: 'C' });
    await assert.rejects(store.putVersions('missing', [makeVersion()]), isStoreError('store.collection_not_found'));
    const good = makeVersion();
    const hostile: [string, unknown][] = [
      ['body', 'nul\u0000inside'],
      ['body', 'lone \uD800 surrogate'],
      ['id', ''],
      ['id', 'x'.repeat(5000)],
      ['versionUs', 1.5],
      ['versionUs', Number.NaN],
      ['versionUs', 2 ** 60],
      ['revoked', 'yes'],
      ['tlp', 7],
      ['contentHash', undefined],
    ];
    for (const [field, value] of hostile) {
      const bad = { ...makeVersion(), [field]: value };
      await assert.rejects(
        store.putVersions('c', [good, bad as never]),
        (err: unknown) => {
          return err instanceof StoreError && err.code === 'store.invalid_version' && err.params.field === field && err.params.index === 1;
        },
        `${field}=${String(value).slice(0, 20)}`,
      );
    }
    assert.equal((await allRows(store, 'c')).length, 0);
    // Unicode that is well formed is stored byte for byte.
    const text = makeVersion({ body: JSON.stringify({ name: 'Tráfico de fentanilo 🚁 «Sinaloa»' }) });
    await store.putVersions('c', [text]);
    assert.equal((await allRows(store, 'c'))[0]?.body, text.body);
  });

  it('stores the microsecond fields and flags faithfully', async () => {
    const store = await open();
    await store.createCollection({ id: 'c', title: 'C' });
    const v = makeVersion({ versionUs: isoToUs('2031-05-06T07:08:09.123Z') + 456, revoked: true, tlp: null, originator: 'identity--x' });
    await store.putVersions('c', [v]);
    const [row] = await allRows(store, 'c');
    assert.equal(row?.versionUs, v.versionUs);
    assert.equal(typeof row?.seq, 'number');
    assert.equal(typeof row?.dateAddedUs, 'number');
    assert.equal(row?.revoked, true);
    assert.equal(row?.tlp, null);
    assert.equal(row?.originator, 'identity--x');
    assert.equal(row?.specVersion, '2.1');
    assert.equal(row?.contentHash, v.contentHash);
  });
});
