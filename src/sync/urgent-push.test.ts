/**
 * Urgent push (issue 5): a commit flagged urgent reaches the partner at once, without the push
 * batching delay, the pull or the tree-head trade of a pass; pushes to one peer never overlap, so
 * the push cursor moves forward only and nothing is sent out of order or skipped.
 * Real: two nodes over loopback HTTP, each backend.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { ingestObjects } from '../intake/service.js';
import { forEachNodeBackend, pinPeers, startTestNode, type TestNode } from '../test-support/nodes.js';
import { indicator, waitFor } from './testing.js';

forEachNodeBackend('urgent push', (backend) => {
  let a: TestNode;
  let b: TestNode;

  before(async () => {
    a = await startTestNode({ name: 'a', country: 'US', backend });
    b = await startTestNode({ name: 'b', country: 'MX', backend });
    await pinPeers(a, b);
    // A batching delay and a pull interval far longer than the test: only the urgent path can deliver in time.
    a.ctx.config.sync.pushDelayMs = 60_000;
    a.ctx.config.sync.pullIntervalSeconds = 600;
    await a.engine.start();
    await waitFor(async () => (await a.engine.status())[0]?.lastSuccess, 10_000, 'the first pass');
    // What the first pass pulled (b's identity card) is a commit, which asks for one more pass
    // straight away; let it finish, so that from here on only the long delay or `urgent` pushes.
    await new Promise((r) => setTimeout(r, 500));
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  const held = async (id: string) => (await b.ctx.store.findVersionsAnywhere(id)).length;

  // First: before any urgent push has run, nothing but the (long) batching delay could push.
  it('without the urgent event a commit waits for the batching delay', async () => {
    const object = indicator({ name: 'not urgent' });
    await ingestObjects(a.ctx, a.collectionId, [object], { kind: 'account', username: 'analyst' });
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(await held(object.id), 0, 'nothing pushed it yet');
    a.ctx.events.emit('urgent', a.collectionId);
    await waitFor(async () => (await held(object.id)) === 1, 1000, 'delivered once urgent', 5);
  });

  it('a version committed with an urgent event is on the partner within a second', async () => {
    const object = indicator({ name: 'urgent' });
    await ingestObjects(a.ctx, a.collectionId, [object], { kind: 'account', username: 'analyst' });
    const started = Date.now();
    a.ctx.events.emit('urgent', a.collectionId);
    await waitFor(async () => (await held(object.id)) === 1, 1000, 'the urgent version on the partner', 5);
    assert.ok(Date.now() - started < 1000);
  });

  it('a burst of urgent commits delivers every version, in order, with no push overlapping another', async () => {
    const objects = Array.from({ length: 30 }, (_, i) => indicator({ name: `burst ${i}` }));
    await Promise.all(
      objects.map(async (o) => {
        await ingestObjects(a.ctx, a.collectionId, [o], { kind: 'account', username: 'analyst' });
        a.ctx.events.emit('urgent', a.collectionId);
      }),
    );
    await waitFor(async () => (await Promise.all(objects.map((o) => held(o.id)))).every((n) => n === 1), 5000, 'all 30 on the partner', 10);
    // The partner stores a page before this node saves its cursor past it: wait for the save.
    const last = await a.ctx.store.queryObjects({
      collectionId: a.collectionId,
      versions: { all: true, first: false, last: false, timestampsUs: [] },
      limit: 10_000,
      withBody: false,
    });
    const end = last.rows[last.rows.length - 1]?.seq;
    await waitFor(
      async () => (await a.ctx.store.getPushCursor('b', a.collectionId))?.lastSeq === end || null,
      2000,
      'the push cursor at the end of the feed',
    );
  });
});
