/**
 * A pull passes over what the peer already pushed (same text, logged as received from it) without
 * verifying it again, and still takes, and logs, a version that reached the node some other way.
 * Real: two nodes over loopback HTTP, each backend.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { ingestObjects } from '../intake/service.js';
import { forEachNodeBackend, pinPeers, startTestNode, type TestNode } from '../test-support/nodes.js';
import { PeerClient } from './client.js';
import { pullFromPeer } from './pull.js';
import { pushToPeer } from './push.js';
import { alreadyReceived } from './known-versions.js';
import { allVersions, indicator } from './testing.js';

forEachNodeBackend('pulling what was pushed', (backend) => {
  let a: TestNode;
  let b: TestNode;

  before(async () => {
    a = await startTestNode({ name: 'a', country: 'US', backend });
    b = await startTestNode({ name: 'b', country: 'MX', backend });
    await pinPeers(a, b);
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  const peerOn = async (node: TestNode, name: string) => {
    const peer = await node.ctx.store.getPeer(name);
    assert.ok(peer);
    return peer;
  };
  const received = async (ids: string[]) => (await b.ctx.store.auditFindExchanges('a', 'received', ids)).length;

  it('passes over the versions the peer pushed, and logs each as received once', async () => {
    const objects = Array.from({ length: 5 }, (_, i) => indicator({ name: `pushed ${i}` }));
    await ingestObjects(a.ctx, a.collectionId, objects, { kind: 'account', username: 'analyst' });
    const pushed = await pushToPeer(a.ctx, new PeerClient(a.ctx, await peerOn(a, 'b')), 100);
    assert.ok(pushed.pushed >= 5);
    const pulled = await pullFromPeer(b.ctx, new PeerClient(b.ctx, await peerOn(b, 'a')), 100);
    assert.equal(pulled.added, 0);
    assert.ok(pulled.duplicates >= 5, `duplicates ${pulled.duplicates}`);
    assert.equal(await received(objects.map((o) => o.id)), 5, 'one received entry per version, from the push');
  });

  it('recognises only the exact text: the same id and version with other content is not passed over', async () => {
    const [object] = (await allVersions(b.ctx.store, b.collectionId)).filter((r) => r.type === 'indicator');
    assert.ok(object);
    const stored = JSON.parse(object.body) as Record<string, unknown>;
    const peer = await peerOn(b, 'a');
    assert.deepEqual([...(await alreadyReceived(b.ctx, peer, b.collectionId, [stored]))], [0]);
    assert.deepEqual([...(await alreadyReceived(b.ctx, peer, b.collectionId, [{ ...stored, name: 'altered' }]))], []);
    assert.deepEqual([...(await alreadyReceived(b.ctx, peer, b.collectionId, [{ ...stored, modified: '2030-01-01T00:00:00.000Z' }]))], []);
    assert.deepEqual(
      [...(await alreadyReceived(b.ctx, peer, b.collectionId, [null, 'x', [], { id: 3 }]))],
      [],
      'malformed entries are left to intake',
    );
  });

  it('takes and logs a version that reached the node another way (an import), when the peer sends it', async () => {
    const object = indicator({ name: 'imported first' });
    await ingestObjects(a.ctx, a.collectionId, [object], { kind: 'account', username: 'analyst' });
    // b's administrators import a's signed object from a file before any sync: no received entry.
    const [signed] = (await allVersions(a.ctx.store, a.collectionId)).filter((r) => r.id === object.id);
    assert.ok(signed);
    const [imported] = await ingestObjects(b.ctx, b.collectionId, [JSON.parse(signed.body)], { kind: 'import', username: 'admin' });
    assert.equal(imported?.outcome, 'added');
    assert.equal(await received([object.id]), 0);
    await pullFromPeer(b.ctx, new PeerClient(b.ctx, await peerOn(b, 'a')), 100);
    assert.equal(await received([object.id]), 1, 'the pull logged it as received from a');
  });
});
