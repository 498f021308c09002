/**
 * Two whole nodes on loopback, each served over real HTTP, synced with `engine.syncNow`.
 * Real: HTTP, request signatures, intake, stores (each backend). Nothing is mocked.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { SIGNATURE_EXTENSION_ID } from '../stix/index.js';
import { forEachNodeBackend, pinPeers, startTestNode, taxiiClient, type TestNode } from '../test-support/nodes.js';
import { PeerClient } from './client.js';
import { allVersions, duplicatesIn, indicator, postObjects, signedGet, signerOf, versionKeys } from './testing.js';
import type { SyncReport } from './types.js';

async function syncOnce(node: TestNode, peer: string): Promise<SyncReport> {
  const [report] = await node.engine.syncNow(peer);
  assert.ok(report, `a report for ${peer}`);
  assert.equal(report.ok, true, `sync ${node.name} ↔ ${peer} failed: ${report.error ?? ''}`);
  return report;
}

const moved = (r: SyncReport) => ({
  pulled: r.pulled,
  duplicates: r.pulledDuplicates,
  pullRejected: r.pullRejected,
  pushed: r.pushed,
  pushRejected: r.pushRejected,
});

forEachNodeBackend('sync between two nodes', (backend) => {
  let a: TestNode;
  let b: TestNode;
  const fromA = [indicator({ name: 'A one' }), indicator({ name: 'A two', tlp: 'amber' }), indicator({ name: 'A three', tlp: 'clear' })];
  const redOnA = indicator({ name: 'A red', tlp: 'red' });
  const fromB = [indicator({ name: 'B one' }), indicator({ name: 'B two', tlp: 'amber+strict' })];

  before(async () => {
    a = await startTestNode({ name: 'a', country: 'US', backend });
    b = await startTestNode({ name: 'b', country: 'MX', backend });
    await pinPeers(a, b);
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  it('moves objects both ways with their originator signature, never TLP:RED, never back to their originator', async () => {
    assert.equal((await postObjects(a, [...fromA, redOnA])).success_count, 4);
    assert.equal((await postObjects(b, fromB)).success_count, 2);

    // B pulls A's three objects and A's identity, then pushes its identity and its GREEN one: its
    // AMBER+STRICT one names no organisation, so B's policy keeps it home.
    assert.deepEqual(moved(await syncOnce(b, 'a')), { pulled: 4, duplicates: 0, pullRejected: 0, pushed: 2, pushRejected: 0 });
    // A already holds B's objects (pushed); B sends none of A's own back; A pushes its 4 (not the red one).
    assert.deepEqual(moved(await syncOnce(a, 'b')), { pulled: 0, duplicates: 2, pullRejected: 0, pushed: 4, pushRejected: 0 });

    const onA = await allVersions(a.ctx.store, a.collectionId);
    const onB = await allVersions(b.ctx.store, b.collectionId);
    assert.equal(onA.length, 1 + 4 + 2);
    assert.equal(
      onA.find((r) => r.id === fromB[1]?.id),
      undefined,
      'AMBER+STRICT naming nobody stays on B',
    );
    assert.equal(onB.length, 1 + 2 + 4);
    assert.equal(
      onB.find((r) => r.id === redOnA.id),
      undefined,
      'TLP:RED stays on A',
    );

    const aById = new Map(onA.map((r) => [r.id, r]));
    for (const o of fromA) {
      const there = onB.find((r) => r.id === o.id);
      assert.ok(there, `${String(o.name)} reached B`);
      assert.equal(there.originator, a.ctx.identity.id);
      assert.equal(signerOf(there.body), a.ctx.identity.id);
      assert.equal(there.body, aById.get(there.id)?.body, 'B serves exactly the bytes A signed');
      const ext = (JSON.parse(there.body) as { extensions: Record<string, { key_fingerprint: string }> }).extensions[
        SIGNATURE_EXTENSION_ID
      ];
      assert.equal(ext?.key_fingerprint, a.ctx.identity.fingerprint);
    }
    for (const o of fromB.slice(0, 1)) {
      const there = onA.find((r) => r.id === o.id);
      assert.ok(there, `${String(o.name)} reached A`);
      assert.equal(signerOf(there.body), b.ctx.identity.id);
    }
    assert.ok(
      onB.some((r) => r.id === a.ctx.identity.id),
      "A's identity object reached B",
    );
  });

  it('serves a partner neither TLP:RED nor its own objects, whatever it asks', async () => {
    const peerA = await b.ctx.store.getPeer('a');
    assert.ok(peerA);
    const page = await new PeerClient(b.ctx, peerA).objectsPage(a.collectionId, { limit: 1000 });
    const ids = page.objects.map((o) => (o as { id: string }).id);
    assert.equal(ids.length, 4);
    assert.ok(!ids.includes(redOnA.id));
    for (const o of fromB) assert.ok(!ids.includes(String(o.id)), 'B is not sent its own objects back');
    assert.ok(!ids.includes(b.ctx.identity.id));
    // Asking by id changes nothing: the red object and B's own stay out of B's view.
    for (const id of [String(redOnA.id), String(fromB[0]?.id)]) {
      const path = `/enlace/collections/${a.collectionId}/objects/${id}/`;
      assert.equal((await taxiiClient(a, null).get(path)).status, 401, 'anonymous requests are refused');
      const r = await signedGet(b.ctx, a.url + path);
      assert.equal(r.status, 404, `${id} as B sees it: ${r.text}`);
    }
  });

  it('carries a revocation: the partner keeps only the revoked version, the proof its audit needs', async () => {
    const target = fromA[0]!;
    const revoked = { ...target, modified: '2026-11-02T08:30:00.000Z', revoked: true };
    assert.equal((await postObjects(a, [revoked])).success_count, 1);
    assert.deepEqual(moved(await syncOnce(b, 'a')), { pulled: 1, duplicates: 0, pullRejected: 0, pushed: 0, pushRejected: 0 });

    const versions = (await allVersions(b.ctx.store, b.collectionId)).filter((r) => r.id === target.id);
    assert.deepEqual(
      versions.map((v) => [v.version, v.revoked, v.isLatest]),
      [['2026-11-02T08:30:00.000Z', true, true]],
    );
    const r = await taxiiClient(b).get(`/enlace/collections/${b.collectionId}/objects/${String(target.id)}/`);
    assert.equal(r.status, 200);
    const latest = (r.json as { objects: { revoked?: boolean; modified: string }[] }).objects;
    assert.equal(latest.length, 1);
    assert.equal(latest[0]?.revoked, true);
    assert.equal(signerOf(JSON.stringify(latest[0])), a.ctx.identity.id);
  });

  it('refuses an earlier version replayed after the revocation, even signed by the originator', async () => {
    const target = fromA[0]!;
    const original = (await allVersions(a.ctx.store, a.collectionId)).find((r) => r.id === target.id && !r.revoked);
    assert.ok(original, 'A keeps its own history');
    const peerB = await a.ctx.store.getPeer('b');
    assert.ok(peerB);
    const status = await new PeerClient(a.ctx, peerB).postObjects(b.collectionId, [original.body]);
    assert.equal(status.failure_count, 1);
    assert.match(status.failures?.[0]?.message ?? '', /revoked by its originator/);
    const onB = (await allVersions(b.ctx.store, b.collectionId)).filter((r) => r.id === target.id);
    assert.deepEqual(
      onB.map((v) => v.revoked),
      [true],
    );
  });

  it('moves and duplicates nothing on a second sync', async () => {
    const beforeA = versionKeys(await allVersions(a.ctx.store, a.collectionId));
    const beforeB = versionKeys(await allVersions(b.ctx.store, b.collectionId));
    // A has not pushed the revocation yet (B pulled it): this pass sends it, as an already-held version.
    await syncOnce(a, 'b');
    for (const [node, peer] of [
      [b, 'a'],
      [a, 'b'],
      [b, 'a'],
    ] as const) {
      assert.deepEqual(
        moved(await syncOnce(node, peer)),
        { pulled: 0, duplicates: 0, pullRejected: 0, pushed: 0, pushRejected: 0 },
        `${node.name} ↔ ${peer}`,
      );
    }
    const afterA = versionKeys(await allVersions(a.ctx.store, a.collectionId));
    const afterB = versionKeys(await allVersions(b.ctx.store, b.collectionId));
    assert.deepEqual(afterA, beforeA);
    assert.deepEqual(afterB, beforeB);
    assert.deepEqual(duplicatesIn(afterA), []);
    assert.deepEqual(duplicatesIn(afterB), []);
    const status = await b.engine.status();
    assert.equal(status[0]?.state, 'ok');
    assert.deepEqual(status[0]?.lagObjects, { incoming: 0, outgoing: 0 });
    assert.equal(status[0]?.pulledTotal, 5);
    assert.equal(status[0]?.pushedTotal, 2);
    assert.equal(status[0]?.revokedByPeer, 1, 'B says that A revoked one of its objects');
  });
});
