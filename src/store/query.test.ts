import { it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend } from '../test-support/stores.js';
import type { ObjectQuery, Store, VersionSelector } from './types.js';
import { StoreError } from './errors.js';
import { MAX_FILTER_VALUES, MAX_PAGE_LIMIT } from './query.js';
import { MX_NODE, US_NODE, isoToUs, makeVersion, stixId } from './test-versions.js';

const ALL: VersionSelector = { all: true, first: false, last: false, timestampsUs: [] };
const LAST: VersionSelector = { all: false, first: false, last: true, timestampsUs: [] };
const FIRST: VersionSelector = { all: false, first: true, last: false, timestampsUs: [] };
const T = (iso: string) => isoToUs(iso);

/**
 * A small collection: indicator A (3 versions, US, green), malware B (1 version, MX, red),
 * identity C (2 versions, spec 2.0 then 2.1, US, no TLP).
 */
async function seed(store: Store) {
  await store.createCollection({ id: 'c', title: 'C' });
  const a = stixId('indicator');
  const b = stixId('malware');
  const c = stixId('identity');
  const t1 = T('2025-01-01T00:00:00Z');
  const t2 = T('2025-02-01T00:00:00Z');
  const t3 = T('2025-03-01T00:00:00Z');
  await store.putVersions('c', [
    makeVersion({ id: a, versionUs: t1 }),
    makeVersion({ id: b, versionUs: t1, originator: MX_NODE, tlp: 'red' }),
  ]);
  await store.putVersions('c', [makeVersion({ id: c, versionUs: t1, tlp: null, specVersion: '2.0' })]);
  await store.putVersions('c', [makeVersion({ id: a, versionUs: t2 }), makeVersion({ id: c, versionUs: t2, tlp: null })]);
  await store.putVersions('c', [makeVersion({ id: a, versionUs: t3 })]);
  return { a, b, c, t1, t2, t3 };
}

const q = (over: Partial<ObjectQuery>): ObjectQuery => ({ collectionId: 'c', versions: ALL, limit: 100, withBody: false, ...over });
const keys = (rows: { id: string; versionUs: number }[]) => rows.map((r) => `${r.id}@${r.versionUs}`);

forEachBackend('store: queryObjects', (open) => {
  it('filters by id, type and spec version (OR within, AND across), in feed order', async () => {
    const store = await open();
    const { a, b, c, t1, t2 } = await seed(store);
    const all = await store.queryObjects(q({}));
    assert.deepEqual(
      all.rows.map((r) => r.seq),
      [1, 2, 3, 4, 5, 6],
    );
    assert.equal(all.more, false);
    assert.deepEqual(keys((await store.queryObjects(q({ ids: [b, c] }))).rows), [`${b}@${t1}`, `${c}@${t1}`, `${c}@${t2}`]);
    assert.deepEqual(keys((await store.queryObjects(q({ types: ['malware', 'identity'], ids: [a, b] }))).rows), [`${b}@${t1}`]);
    assert.deepEqual(keys((await store.queryObjects(q({ specVersions: ['2.0'] }))).rows), [`${c}@${t1}`]);
    assert.deepEqual((await store.queryObjects(q({ types: ['nothing'] }))).rows, []);
    assert.equal((await store.queryObjects(q({ ids: [] }))).rows.length, 6, 'an empty list is no filter');
  });

  it('selects versions: all, first, last, exact timestamps, and their OR', async () => {
    const store = await open();
    const { a, b, c, t1, t2, t3 } = await seed(store);
    assert.deepEqual(keys((await store.queryObjects(q({ versions: LAST }))).rows), [`${b}@${t1}`, `${c}@${t2}`, `${a}@${t3}`]);
    assert.deepEqual(keys((await store.queryObjects(q({ versions: FIRST }))).rows), [`${a}@${t1}`, `${b}@${t1}`, `${c}@${t1}`]);
    const exact = await store.queryObjects(q({ ids: [a], versions: { ...ALL, all: false, timestampsUs: [t2, t3] } }));
    assert.deepEqual(keys(exact.rows), [`${a}@${t2}`, `${a}@${t3}`]);
    const firstOrExact = await store.queryObjects(q({ ids: [a], versions: { all: false, first: true, last: false, timestampsUs: [t3] } }));
    assert.deepEqual(keys(firstOrExact.rows), [`${a}@${t1}`, `${a}@${t3}`]);
    const nothing = await store.queryObjects(
      q({ versions: { all: false, first: false, last: false, timestampsUs: [] }, countRemaining: true }),
    );
    assert.deepEqual(nothing, { rows: [], more: false, remaining: 0 });
  });

  it('matches a version timestamp against date_added for objects without modified/created', async () => {
    const store = await open();
    const { a, t1 } = await seed(store);
    const sco = makeVersion({ id: 'ipv4-addr--4f6b4c9e-8a8e-5f2b-9d3c-1a2b3c4d5e6f', versionUs: 0, version: '' });
    const [added] = await store.putVersions('c', [sco]);
    assert.equal(added?.kind, 'added');
    const addedUs = added?.kind === 'added' ? added.dateAddedUs : -1;
    const byDateAdded = await store.queryObjects(q({ versions: { ...ALL, all: false, timestampsUs: [addedUs, t1] } }));
    assert.ok(keys(byDateAdded.rows).includes(`${sco.id}@0`), 'the SCO is found by its date_added');
    assert.ok(keys(byDateAdded.rows).includes(`${a}@${t1}`), 'versioned objects still match their own timestamp');
    const zero = await store.queryObjects(q({ ids: [sco.id], versions: { ...ALL, all: false, timestampsUs: [0] } }));
    assert.deepEqual(zero.rows, [], 'the 0 placeholder is not a version');
    assert.equal(await store.deleteVersions('c', sco.id, { ...ALL, all: false, timestampsUs: [addedUs] }), 1);
  });

  it('pages by position with limit, more and countRemaining, with or without bodies', async () => {
    const store = await open();
    await seed(store);
    const p1 = await store.queryObjects(q({ limit: 2, countRemaining: true }));
    assert.deepEqual(
      p1.rows.map((r) => r.seq),
      [1, 2],
    );
    assert.equal(p1.more, true);
    assert.equal(p1.remaining, 4);
    assert.equal('body' in p1.rows[0]!, false, 'no body unless asked');
    const p2 = await store.queryObjects({ ...q({ limit: 2, afterSeq: 2, countRemaining: true }), withBody: true });
    assert.deepEqual(
      p2.rows.map((r) => r.seq),
      [3, 4],
    );
    assert.equal(p2.remaining, 2);
    assert.equal(JSON.parse(p2.rows[0]!.body).id, p2.rows[0]!.id);
    const p3 = await store.queryObjects(q({ limit: 2, afterSeq: 4, countRemaining: true }));
    assert.deepEqual([p3.rows.map((r) => r.seq), p3.more, p3.remaining], [[5, 6], false, 0]);
    const p4 = await store.queryObjects(q({ limit: 2, afterSeq: 6, countRemaining: true }));
    assert.deepEqual(p4, { rows: [], more: false, remaining: 0 });
    const exact = await store.queryObjects(q({ limit: 6 }));
    assert.equal(exact.more, false, 'a page that ends exactly at the last row has no more');
  });

  it('addedAfter is strictly after, and combines with the other filters', async () => {
    const store = await open();
    const { a, c, t2, t3 } = await seed(store);
    const all = (await store.queryObjects(q({}))).rows;
    const third = all[2]!;
    const after = await store.queryObjects(q({ addedAfterUs: third.dateAddedUs }));
    assert.deepEqual(
      after.rows.map((r) => r.seq),
      [4, 5, 6],
    );
    const latestAfter = await store.queryObjects(q({ addedAfterUs: third.dateAddedUs, versions: LAST }));
    assert.deepEqual(keys(latestAfter.rows), [`${c}@${t2}`, `${a}@${t3}`]);
    assert.deepEqual((await store.queryObjects(q({ addedAfterUs: all[5]!.dateAddedUs }))).rows, []);
    assert.equal((await store.queryObjects(q({ addedAfterUs: 0 }))).rows.length, 6);
    const paged = await store.queryObjects(q({ addedAfterUs: all[0]!.dateAddedUs, afterSeq: 4, limit: 1, countRemaining: true }));
    assert.deepEqual([paged.rows.map((r) => r.seq), paged.more, paged.remaining], [[5], true, 1]);
  });

  it('excludes originators and TLP levels, never excluding objects without TLP', async () => {
    const store = await open();
    const { a, b, c } = await seed(store);
    const noMx = await store.queryObjects(q({ excludeOriginators: [MX_NODE], versions: LAST }));
    assert.deepEqual(noMx.rows.map((r) => r.id).sort(), [a, c].sort());
    const noRed = await store.queryObjects(q({ excludeTlp: ['red', 'amber'], versions: LAST }));
    assert.deepEqual(noRed.rows.map((r) => r.id).sort(), [a, c].sort(), 'the TLP-less identity stays');
    const noGreen = await store.queryObjects(q({ excludeTlp: ['green'], versions: LAST }));
    assert.deepEqual(noGreen.rows.map((r) => r.id).sort(), [b, c].sort());
    const neither = await store.queryObjects(q({ excludeOriginators: [US_NODE, MX_NODE] }));
    assert.deepEqual(neither.rows, []);
  });

  it('only reads its own collection', async () => {
    const store = await open();
    await seed(store);
    await store.createCollection({ id: 'other', title: 'O' });
    await store.putVersions('other', [makeVersion()]);
    assert.equal((await store.queryObjects(q({ collectionId: 'other' }))).rows.length, 1);
    assert.equal((await store.queryObjects(q({ collectionId: 'missing' }))).rows.length, 0);
  });

  it('rejects malformed and oversized queries', async () => {
    const store = await open();
    await seed(store);
    const code = (c: string) => (err: unknown) => err instanceof StoreError && err.code === c;
    for (const limit of [0, -1, 1.5, Number.NaN, MAX_PAGE_LIMIT + 1]) {
      await assert.rejects(store.queryObjects(q({ limit })), code('store.invalid_limit'), `limit ${limit}`);
    }
    const many = Array.from({ length: MAX_FILTER_VALUES + 1 }, () => stixId());
    await assert.rejects(store.queryObjects(q({ ids: many })), code('store.too_many_filter_values'));
    await assert.rejects(store.queryObjects(q({ types: [1 as unknown as string] })), code('store.invalid_query'));
    await assert.rejects(store.queryObjects(q({ afterSeq: Number.POSITIVE_INFINITY })), code('store.invalid_query'));
    await assert.rejects(store.queryObjects(q({ addedAfterUs: 1e300 })), code('store.invalid_query'));
    await assert.rejects(
      store.queryObjects(q({ versions: { ...ALL, timestampsUs: ['x' as unknown as number] } })),
      code('store.invalid_query'),
    );
    await assert.rejects(store.queryObjects(q({ versions: null as unknown as VersionSelector })), code('store.invalid_query'));
    const noStamps = { all: false, first: true, last: false } as unknown as VersionSelector;
    await assert.rejects(store.queryObjects(q({ versions: noStamps })), code('store.invalid_query'));
    // Values that look like SQL are just values.
    const sneaky = await store.queryObjects(q({ ids: ["x' or '1'='1"], types: ['indicator); drop table objects; --'] }));
    assert.deepEqual(sneaky.rows, []);
    assert.equal((await store.queryObjects(q({}))).rows.length, 6);
    const full = await store.queryObjects(q({ ids: many.slice(0, MAX_FILTER_VALUES) }));
    assert.deepEqual(full.rows, [], 'the largest allowed filter list works');
  });
});
