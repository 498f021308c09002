import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { forEachBackend } from '../test-support/stores.js';
import type { Store, StoredVersion } from './types.js';
import type { StoreInternals } from './base-store.js';
import { makeVersion } from './test-versions.js';

const ALL = { all: true, first: false, last: false, timestampsUs: [] };

/** Tails a collection's feed like a pulling peer: always `afterSeq` = the last position seen. */
function tail(reader: Store, collectionId: string, pageSize: number) {
  const seen: StoredVersion[] = [];
  let stop = false;
  const done = (async () => {
    for (;;) {
      const finishing = stop;
      const after = seen[seen.length - 1]?.seq ?? 0;
      const page = await reader.queryObjects({ collectionId, versions: ALL, afterSeq: after, limit: pageSize, withBody: false });
      seen.push(...page.rows);
      if (page.rows.length === 0) {
        if (finishing) return;
        await sleep(1);
      }
    }
  })();
  return {
    seen,
    /** Runs the writers, then lets the tail drain what is left; the tail stops even if writers fail. */
    async whileRunning<T>(writers: () => Promise<T>): Promise<T> {
      try {
        return await writers();
      } finally {
        stop = true;
        await done;
      }
    },
  };
}

/** What every tail must show: each added row exactly once, in feed order, date_added strictly increasing. */
function assertSawEverythingInOrder(seen: StoredVersion[], added: number[]): void {
  const seqs = seen.map((r) => r.seq);
  assert.equal(new Set(seqs).size, seqs.length, 'no row seen twice');
  assert.deepEqual(
    [...seqs].sort((a, b) => a - b),
    [...added].sort((a, b) => a - b),
    'the reader saw every added row',
  );
  assert.deepEqual(
    seqs,
    Array.from({ length: seqs.length }, (_, i) => i + 1),
    'positions are gap-free and in order',
  );
  for (let i = 1; i < seen.length; i++) {
    assert.ok(seen[i]!.dateAddedUs > seen[i - 1]!.dateAddedUs, `date_added increases at position ${seen[i]!.seq}`);
  }
}

forEachBackend('store: concurrent writers', (open, ctx) => {
  // In one process SQLite writers share one connection; the worker-thread test below covers SQLite.
  if (ctx.kind === 'postgres')
    it('a writer stalled after taking its position holds the next writer back; a tailing reader skips nothing', async () => {
      let release: () => void = () => undefined;
      let reached: () => void = () => undefined;
      const atGate = new Promise<void>((r) => (reached = r));
      const gate: StoreInternals = {
        onPositionsAssigned: () => {
          reached();
          return new Promise<void>((r) => (release = r));
        },
      };
      const writerA = await ctx.openWith(gate);
      const writerB = await ctx.openWith({}, writerA);
      const reader = await ctx.openWith({}, writerA);
      await writerA.createCollection({ id: 'c', title: 'C' });

      const a = writerA.putVersions('c', [makeVersion()]);
      await atGate; // A holds position 1, inserted but not committed
      let bDone = false;
      const b = writerB.putVersions('c', [makeVersion()]).then((o) => ((bDone = true), o));
      for (let i = 0; i < 20; i++) {
        await sleep(10);
        const page = await reader.queryObjects({ collectionId: 'c', versions: ALL, limit: 10, withBody: false });
        assert.deepEqual(page.rows, [], 'nothing is visible while A is uncommitted');
        assert.equal(bDone, false, 'B waits behind A');
      }
      release();
      const [[oa], [ob]] = await Promise.all([a, b]);
      assert.equal(oa?.kind === 'added' && oa.seq, 1);
      assert.equal(ob?.kind === 'added' && ob.seq, 2);
      const rows = (await reader.queryObjects({ collectionId: 'c', versions: ALL, limit: 10, withBody: false })).rows;
      assert.deepEqual(
        rows.map((r) => r.seq),
        [1, 2],
      );
      assert.ok(rows[1]!.dateAddedUs > rows[0]!.dateAddedUs);
    });

  if (ctx.kind === 'postgres')
    it('many writers in separate pools and a tailing reader: every row seen once, in order', async () => {
      const jitter: StoreInternals = { onPositionsAssigned: () => sleep(Math.floor(Math.random() * 4)) };
      const first = await ctx.openWith(jitter);
      await first.createCollection({ id: 'c', title: 'C' });
      const writers = [first, ...(await Promise.all([1, 2, 3].map(() => ctx.openWith(jitter, first))))];
      const reader = await ctx.openWith({}, first);
      const feed = tail(reader, 'c', 7);
      const added = await feed.whileRunning(async () =>
        (
          await Promise.all(
            writers.map(async (w) => {
              const mine: number[] = [];
              for (let i = 0; i < 25; i++) {
                const batch = Array.from({ length: 1 + Math.floor(Math.random() * 12) }, () => makeVersion());
                for (const o of await w.putVersions('c', batch)) if (o.kind === 'added') mine.push(o.seq);
              }
              return mine;
            }),
          )
        ).flat(),
      );
      assert.ok(added.length >= 100);
      assertSawEverythingInOrder(feed.seen, added);
    });

  it('writers in other threads (own connections) and a tailing reader: every row seen once, in order', async () => {
    const main = await open();
    await main.createCollection({ id: 'c', title: 'C' });
    const options = ctx.optionsOf(main);
    const feed = tail(main, 'c', 5);
    const runWorker = () =>
      new Promise<number[]>((resolve, reject) => {
        const w = new Worker(new URL('./concurrency-worker.js', import.meta.url), {
          workerData: { options, collectionId: 'c', batches: 20, maxBatch: 10 },
        });
        w.once('message', (m: number[]) => resolve(m));
        w.once('error', reject);
        w.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker exited with ${code}`))));
      });
    const added = await feed.whileRunning(async () => (await Promise.all([runWorker(), runWorker(), runWorker()])).flat());
    assert.ok(added.length >= 60);
    assertSawEverythingInOrder(feed.seen, added);
  });
});
