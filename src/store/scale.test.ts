import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { forEachBackend } from '../test-support/stores.js';
import type { NewVersion, ObjectQuery, Store, VersionSelector } from './types.js';
import type { BaseStore } from './base-store.js';
import { MX_NODE, US_NODE } from './test-versions.js';

const ROWS = 100_000;
const BATCH = 2_000;
const ALL: VersionSelector = { all: true, first: false, last: false, timestampsUs: [] };
const LAST: VersionSelector = { all: false, first: false, last: true, timestampsUs: [] };
const FIRST: VersionSelector = { all: false, first: true, last: false, timestampsUs: [] };
// Slots 4 and 9 are revisits (every 5th row), so report and note sit at 3 and 8: 10% each.
const TYPES = ['indicator', 'indicator', 'malware', 'report', 'indicator', 'identity', 'sighting', 'malware', 'note', 'indicator'];
const TLPS = ['green', 'green', 'amber', 'green', 'red', null, 'green', 'amber', 'green', 'green'];

interface ModelRow {
  seq: number;
  id: string;
  type: string;
  originator: string;
  tlp: string | null;
  first: boolean;
  latest: boolean;
}

const idAt = (i: number) => `${TYPES[i % TYPES.length]!}--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** 100,000 versions: mostly new objects, every 5th a newer version of an earlier one. */
function seedVersions(): { batches: NewVersion[][]; model: ModelRow[] } {
  const model: ModelRow[] = [];
  const latestRowOf = new Map<string, ModelRow>();
  const versions: NewVersion[] = [];
  for (let i = 0; i < ROWS; i++) {
    const revisit = i % 5 === 4 ? model[(i * 7919) % (i - 1)] : undefined;
    const type = revisit?.type ?? TYPES[i % TYPES.length]!;
    const id = revisit?.id ?? idAt(i);
    const originator = revisit?.originator ?? (i % 10 < 7 ? US_NODE : MX_NODE);
    const tlp = TLPS[i % TLPS.length]!;
    const versionUs = 1_700_000_000_000_000 + i * 1000;
    const version = new Date(versionUs / 1000).toISOString();
    const body = JSON.stringify({ type, id, modified: version });
    versions.push({ id, type, specVersion: '2.1', version, versionUs, originator, revoked: false, tlp, contentHash: `h${i}`, body });
    const row: ModelRow = { seq: i + 1, id, type, originator, tlp, first: !revisit, latest: true };
    const previous = latestRowOf.get(id);
    if (previous) previous.latest = false;
    latestRowOf.set(id, row);
    model.push(row);
  }
  const batches: NewVersion[][] = [];
  for (let i = 0; i < versions.length; i += BATCH) batches.push(versions.slice(i, i + BATCH));
  return { batches, model };
}

/**
 * Lines of a plan that walk a whole table or a whole collection: a SQLite full scan, or an
 * index search bound by nothing but the collection; a PostgreSQL sequential scan.
 */
function fullScans(plan: string[]): string[] {
  return plan.filter((line) => /\bSCAN (objects|first_after)\b|\(collection_id=\?\)|Seq Scan on objects/.test(line));
}

/** On PostgreSQL (EXPLAIN ANALYZE): the most rows any one scan node produced. */
function largestScan(plan: string[]): number {
  return plan
    .filter((line) => /Scan/.test(line))
    .reduce((max, line) => {
      const m = /actual time=\S+ rows=(\d+) loops=(\d+)/.exec(line);
      return m ? Math.max(max, Number(m[1]) * Number(m[2])) : max;
    }, 0);
}

forEachBackend('store: 100,000 versions', (open, ctx) => {
  let store: Store;
  let model: ModelRow[];
  before(async () => {
    store = await open();
    await store.createCollection({ id: 'big', title: 'Big' });
    const seeded = seedVersions();
    model = seeded.model;
    for (const batch of seeded.batches) await store.putVersions('big', batch);
    const options = ctx.optionsOf(store);
    if (options.kind === 'postgres') {
      // What autovacuum would do soon after a bulk load; planners need row counts.
      const client = new pg.Client({ connectionString: options.url });
      await client.connect();
      await client.query(`analyze "${options.schema ?? 'public'}".objects`);
      await client.end();
    }
  });

  const shapes: [string, Partial<ObjectQuery>, (r: ModelRow) => boolean][] = [
    ['every version, deep in the feed', { versions: ALL, afterSeq: 99_000 }, (r) => r.seq > 99_000],
    ['latest versions (TAXII default), deep', { versions: LAST, afterSeq: 90_000 }, (r) => r.latest && r.seq > 90_000],
    ['first versions, deep', { versions: FIRST, afterSeq: 60_000 }, (r) => r.first && r.seq > 60_000],
    [
      'one type, latest, middle',
      { types: ['malware'], versions: LAST, afterSeq: 50_000 },
      (r) => r.type === 'malware' && r.latest && r.seq > 50_000,
    ],
    [
      'two types, all versions, deep',
      { types: ['report', 'note'], versions: ALL, afterSeq: 95_000 },
      (r) => (r.type === 'report' || r.type === 'note') && r.seq > 95_000,
    ],
    [
      'two rare types from the start',
      { types: ['report', 'note', 'report'], versions: ALL },
      (r) => r.type === 'report' || r.type === 'note',
    ],
    [
      'two common types, latest, from the start',
      { types: ['indicator', 'malware'], versions: LAST },
      (r) => (r.type === 'indicator' || r.type === 'malware') && r.latest,
    ],
    [
      'a few ids, early and late',
      { ids: [idAt(0), idAt(99_998), 'indicator--00000000-0000-4000-8000-999999999999'], versions: ALL },
      (r) => r.id === idAt(0) || r.id === idAt(99_998),
    ],
    [
      'release filters (no red, not from MX), deep',
      { versions: LAST, excludeTlp: ['red'], excludeOriginators: [MX_NODE], afterSeq: 97_000 },
      (r) => r.latest && r.tlp !== 'red' && r.originator !== MX_NODE && r.seq > 97_000,
    ],
  ];

  for (const [name, shape, matches] of shapes) {
    it(`pages through ${name} with an index range, not a scan`, async (t) => {
      const q: ObjectQuery = { collectionId: 'big', limit: 100, withBody: false, versions: ALL, ...shape };
      const started = performance.now();
      await store.queryObjects(q);
      const ms = performance.now() - started;
      // Counting what remains is O(matching rows) by nature; it is asked for separately.
      const page = await store.queryObjects({ ...q, countRemaining: true });
      const expected = model.filter(matches);
      assert.deepEqual(
        page.rows.map((r) => r.seq),
        expected.slice(0, 100).map((r) => r.seq),
      );
      assert.equal(page.more, expected.length > 100);
      assert.equal(page.remaining, Math.max(0, expected.length - 100));
      const plan = await (store as BaseStore).explainObjectQuery(q);
      t.diagnostic(`${ms.toFixed(1)} ms; plan: ${plan.join(' | ')}`);
      assert.deepEqual(fullScans(plan), [], `no full scan in:\n${plan.join('\n')}`);
      if (ctx.kind === 'postgres') assert.ok(largestScan(plan) <= 2_000, `no scan reads the feed at large:\n${plan.join('\n')}`);
      assert.ok(ms < 2_000, `page took ${ms.toFixed(0)} ms`);
    });
  }

  for (const cutAt of [1_000, 99_000]) {
    it(`pages by added_after (cut at position ${cutAt}) as a feed range`, async (t) => {
      const at = await store.queryObjects({ collectionId: 'big', versions: ALL, afterSeq: cutAt - 1, limit: 1, withBody: false });
      const q: ObjectQuery = { collectionId: 'big', versions: ALL, addedAfterUs: at.rows[0]!.dateAddedUs, limit: 100, withBody: false };
      const page = await store.queryObjects(q);
      assert.deepEqual(
        page.rows.map((r) => r.seq),
        Array.from({ length: 100 }, (_, i) => cutAt + 1 + i),
      );
      const plan = await (store as BaseStore).explainObjectQuery(q);
      t.diagnostic(plan.join(' | '));
      assert.deepEqual(fullScans(plan), [], plan.join('\n'));
      if (ctx.kind === 'postgres') assert.ok(largestScan(plan) <= 2_000, plan.join('\n'));
    });
  }

  it('counts and finds across the large collection', async () => {
    assert.equal(await store.countObjects('big'), model.filter((r) => r.latest).length);
    const someId = model[4_000]!.id;
    const versions = await store.findVersionsAnywhere(someId);
    assert.deepEqual(
      versions.map((v) => v.seq),
      model.filter((r) => r.id === someId).map((r) => r.seq),
    );
  });
});
