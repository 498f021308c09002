/**
 * Model-based check of putVersions / deleteVersions on both backends: random sequences of
 * batches (with repeats, conflicts, out-of-order versions) and deletions must leave exactly
 * what a plain in-memory model predicts, outcomes and first/latest flags included.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { forEachBackend } from '../test-support/stores.js';
import type { NewVersion, PutOutcome, VersionSelector } from './types.js';
import { makeVersion } from './test-versions.js';

const OBJECTS = ['indicator--a', 'indicator--b', 'malware--c'];
const T0 = 1_735_689_600_000_000;

interface Item {
  obj: number;
  ver: number;
  variant: number;
}
type Op = { kind: 'put'; items: Item[] } | { kind: 'delete'; obj: number; first: boolean; last: boolean; vers: number[] };

const item = fc.record({ obj: fc.nat(OBJECTS.length - 1), ver: fc.nat(4), variant: fc.nat(1) });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('put' as const), items: fc.array(item, { maxLength: 6 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      obj: fc.nat(OBJECTS.length - 1),
      first: fc.boolean(),
      last: fc.boolean(),
      vers: fc.array(fc.nat(4), { maxLength: 2 }),
    }),
  },
);

const versionOf = (i: Item): NewVersion => {
  const id = OBJECTS[i.obj]!;
  const base = makeVersion({ id, versionUs: T0 + i.ver * 1_000_000, body: JSON.stringify({ id, ver: i.ver, variant: i.variant }) });
  return { ...base, contentHash: `hash-${i.obj}-${i.ver}-${i.variant}` };
};

interface Held {
  hash: string;
  seq: number;
}

forEachBackend('store: model-based putVersions / deleteVersions', (open, ctx) => {
  it('matches the in-memory model for random operation sequences', async () => {
    const store = await open();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const collectionId = `m${run++}`;
        await store.createCollection({ id: collectionId, title: collectionId });
        const model = new Map<string, Held>(); // key obj:ver
        let lastSeq = 0;
        for (const o of ops) {
          if (o.kind === 'put') {
            const expected: PutOutcome[] = [];
            for (const i of o.items) {
              const key = `${i.obj}:${i.ver}`;
              const hash = versionOf(i).contentHash;
              const held = model.get(key);
              if (!held) {
                model.set(key, { hash, seq: ++lastSeq });
                expected.push({ kind: 'added', seq: lastSeq, dateAddedUs: -1 });
              } else if (held.hash === hash) expected.push({ kind: 'duplicate', seq: held.seq, dateAddedUs: -1 });
              else expected.push({ kind: 'conflict', existingHash: held.hash });
            }
            const got = await store.putVersions(collectionId, o.items.map(versionOf));
            const comparable = got.map((g) => (g.kind === 'conflict' ? g : { ...g, dateAddedUs: -1 }));
            assert.deepEqual(comparable, expected);
          } else {
            const vers = [...model.keys()].filter((k) => k.startsWith(`${o.obj}:`)).map((k) => Number(k.split(':')[1]));
            const doomed = new Set(o.vers.filter((v) => vers.includes(v)));
            if (o.first && vers.length > 0) doomed.add(Math.min(...vers));
            if (o.last && vers.length > 0) doomed.add(Math.max(...vers));
            const selector: VersionSelector = {
              all: false,
              first: o.first,
              last: o.last,
              timestampsUs: o.vers.map((v) => T0 + v * 1_000_000),
            };
            assert.equal(await store.deleteVersions(collectionId, OBJECTS[o.obj]!, selector), doomed.size);
            for (const v of doomed) model.delete(`${o.obj}:${v}`);
          }
        }
        const page = await store.queryObjects({
          collectionId,
          versions: { all: true, first: false, last: false, timestampsUs: [] },
          limit: 1000,
          withBody: false,
        });
        const expectedRows = [...model.entries()]
          .map(([key, held]) => {
            const [obj, ver] = key.split(':').map(Number) as [number, number];
            const siblings = [...model.keys()].filter((k) => k.startsWith(`${obj}:`)).map((k) => Number(k.split(':')[1]));
            return {
              seq: held.seq,
              id: OBJECTS[obj]!,
              hash: held.hash,
              first: ver === Math.min(...siblings),
              latest: ver === Math.max(...siblings),
            };
          })
          .sort((a, b) => a.seq - b.seq);
        assert.deepEqual(
          page.rows.map((r) => ({ seq: r.seq, id: r.id, hash: r.contentHash, first: r.isFirst, latest: r.isLatest })),
          expectedRows,
        );
        for (let i = 1; i < page.rows.length; i++) assert.ok(page.rows[i]!.dateAddedUs > page.rows[i - 1]!.dateAddedUs);
        assert.equal((await store.getCollection(collectionId))?.lastSeq, lastSeq);
      }),
      { numRuns: ctx.kind === 'sqlite' ? 150 : 40 },
    );
  });
});
