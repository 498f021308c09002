/**
 * Push: with both engines running and pulls an hour apart, a new object reaches the partner in
 * seconds, carried by the push that follows a local commit. Real: HTTP, engines, stores.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachNodeBackend, pinPeers, startTestNode, type TestNode } from '../test-support/nodes.js';
import { indicator, postObjects, waitFor } from './testing.js';
import type { PeerStatus } from './types.js';

const PULL_INTERVAL_SECONDS = 3600;

async function statusOf(node: TestNode, peer: string): Promise<PeerStatus> {
  const s = (await node.engine.status()).find((p) => p.peer === peer);
  assert.ok(s, `${node.name} has a status for ${peer}`);
  return s;
}

forEachNodeBackend('push between running engines', (backend) => {
  let a: TestNode;
  let b: TestNode;

  before(async () => {
    a = await startTestNode({ name: 'a', country: 'US', backend });
    b = await startTestNode({ name: 'b', country: 'MX', backend });
    await pinPeers(a, b);
    for (const n of [a, b]) {
      // Only the pass each engine runs when it starts, then nothing for an hour but pushes.
      n.ctx.config.sync.pullIntervalSeconds = PULL_INTERVAL_SECONDS;
      await n.engine.start();
    }
    for (const [n, peer] of [
      [a, 'b'],
      [b, 'a'],
    ] as const) {
      await waitFor(async () => (await statusOf(n, peer)).lastSuccess !== null, 10_000, `${n.name}'s first pass`);
    }
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  for (const [from, to] of [
    ['a', 'b'],
    ['b', 'a'],
  ] as const) {
    it(`delivers an object posted on ${from} to ${to} within seconds, by push`, async () => {
      const source = from === 'a' ? a : b;
      const target = to === 'a' ? a : b;
      const before = { sourcePushed: (await statusOf(source, to)).pushedTotal, targetPulled: (await statusOf(target, from)).pulledTotal };
      const object = indicator({ name: `pushed from ${from}` });
      const started = Date.now();
      assert.equal((await postObjects(source, [object])).success_count, 1);
      await waitFor(async () => (await target.ctx.store.findVersionsAnywhere(object.id)).length === 1, 10_000, `${object.id} on ${to}`, 10);
      const elapsed = Date.now() - started;
      // Typically a few hundred milliseconds; the bound leaves room for a loaded machine.
      assert.ok(elapsed < 5_000, `arrived after ${elapsed} ms`);
      await waitFor(async () => (await statusOf(source, to)).pushedTotal === before.sourcePushed + 1, 3_000, `${from}'s push count`);
      assert.equal((await statusOf(target, from)).pulledTotal, before.targetPulled, `${to} did not pull it`);
      const [stored] = await target.ctx.store.findVersionsAnywhere(object.id);
      assert.equal(stored?.originator, source.ctx.identity.id);
    });
  }

  it('pushes a burst of commits without losing any, and leaves nothing waiting', async () => {
    const objects = Array.from({ length: 30 }, (_, i) => indicator({ name: `burst ${i}` }));
    await Promise.all(objects.map((o) => postObjects(a, [o])));
    await waitFor(
      async () => {
        for (const o of objects) if ((await b.ctx.store.findVersionsAnywhere(o.id)).length !== 1) return false;
        return true;
      },
      10_000,
      'the whole burst on b',
    );
    const s = await waitFor(
      async () => {
        const st = await statusOf(a, 'b');
        return st.lagObjects.outgoing === 0 && st;
      },
      5_000,
      "a's outgoing lag to drain",
    );
    assert.equal(s.state, 'ok');
  });
});
