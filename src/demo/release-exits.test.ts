/**
 * The demo's other ways out of the U.S. node for the Mexico node: push alone (Mexico never pulls),
 * the sync client's pull, an export made for Mexico, and the status of a POST. Each is held to the
 * expectation computed from the release evaluator alone (release-expected.ts).
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, it } from 'node:test';
import { signObject } from '../crypto/index.js';
import { PeerClient } from '../sync/client.js';
import { observableId, sco } from './scenario-kit.js';
import { TLP2_MARKING_IDS, type StixObject } from '../stix/index.js';
import { exportBundle } from '../transfer/export.js';
import { at, body, peerRequest, type Json } from '../taxii/test-kit.js';
import { forEachNodeBackend } from '../test-support/nodes.js';
import { assertServedAs, servedKey, type ExpectedVersion } from './release-expected.js';
import { heldFrom, startDemoPair, type DemoPair } from './release-setup.js';
import { DEMO_RED_IDS, US_REVOKED_ID } from './scenario.js';

/** Collects what a stream receives. */
class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

async function exported(pair: DemoPair, opts: { allVersions: boolean; includeRevoked: boolean }): Promise<Json[]> {
  const collection = await pair.us.ctx.store.getCollection(pair.us.collectionId);
  const peer = await pair.us.ctx.store.getPeer('mx');
  assert.ok(collection && peer);
  const sink = new Sink();
  const count = await exportBundle(pair.us.ctx, collection, { ...opts, forPeer: peer, account: 'admin' }, sink);
  const bundle = JSON.parse(sink.text) as { type: string; objects: Json[] };
  assert.equal(bundle.type, 'bundle');
  assert.equal(bundle.objects.length, count);
  return bundle.objects;
}

function assertSame(objects: unknown[], expected: ExpectedVersion[], pair: DemoPair, what: string): void {
  assert.deepEqual(
    objects.map((o) => servedKey(o as Json)),
    expected.map((x) => servedKey(x.object)),
    what,
  );
  objects.forEach((o, i) => assertServedAs(o, expected[i] as ExpectedVersion, pair.us, pair.mx));
}

forEachNodeBackend('the demo: what leaves the U.S. node for Mexico by push, pull, export and status', (backend) => {
  let pair: DemoPair;

  before(async () => {
    pair = await startDemoPair(backend, { mexicoPulls: false });
  });
  after(() => pair?.close());

  it('by push alone, Mexico stores exactly what the policy releases, and the revocation replaces what it held', async () => {
    const first = pair.firstSync;
    assert.deepEqual(
      first.mxHeld.map((r) => `${r.id}@${r.version}`).sort(),
      first.expected.all.map((x) => `${x.row.id}@${x.row.version}`).sort(),
    );
    const held = await heldFrom(pair.mx, pair.us);
    const expected = pair.expected.all.filter((x) => x.row.id !== US_REVOKED_ID || x.row.revoked);
    assert.deepEqual(held.map((r) => `${r.id}@${r.version}`).sort(), expected.map((x) => `${x.row.id}@${x.row.version}`).sort());
    const byKey = new Map(expected.map((x) => [`${x.row.id}@${x.row.version}`, x]));
    for (const r of held) assertServedAs(JSON.parse(r.body), byKey.get(`${r.id}@${r.version}`) as ExpectedVersion, pair.us, pair.mx);
    assert.ok(!held.some((r) => DEMO_RED_IDS.includes(r.id)), 'TLP:RED never pushed');
  });

  it('the sync client’s pull, page by page, receives every released version and nothing else', async () => {
    const peer = await pair.mx.ctx.store.getPeer('us');
    assert.ok(peer);
    const client = new PeerClient(pair.mx.ctx, peer);
    const objects: unknown[] = [];
    let next: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page = await client.objectsPage(pair.us.collectionId, { limit: 4, next });
      objects.push(...page.objects);
      if (!page.more) break;
      next = page.next;
    }
    assertSame(objects, pair.expected.all, pair, 'pull');
  });

  it('an export for Mexico holds the same versions as the objects endpoint, redacted alike', async () => {
    assertSame(await exported(pair, { allVersions: true, includeRevoked: true }), pair.expected.all, pair, 'every version');
    const latest = pair.expected.latest.filter((x) => !x.row.revoked);
    assertSame(await exported(pair, { allVersions: false, includeRevoked: false }), latest, pair, 'latest, without revoked objects');
  });

  it('the status of Mexico’s POST does not tell whether the U.S. node holds an observable Mexico may not see', async () => {
    // Observable ids are derived from their values: Mexico can name the informant's number
    // without ever having received it, and post it as its own.
    const asMexicoPostsIt = (value: string): StixObject =>
      signObject(
        { ...sco('phone-number', 'green', { value, country: 'US' }), object_marking_refs: [TLP2_MARKING_IDS.green] },
        {
          identityId: pair.mx.ctx.identity.id,
          privateKey: pair.mx.ctx.privateKey,
          fingerprint: pair.mx.ctx.identity.fingerprint,
        },
      );
    const held = asMexicoPostsIt('+15205550178');
    const notHeld = asMexicoPostsIt('+15205550177');
    assert.ok(DEMO_RED_IDS.includes(observableId('phone-number', { value: '+15205550178' })), 'the U.S. node holds it, TLP:RED');
    const outcome = async (o: StixObject) => {
      const r = await peerRequest(pair.mx, pair.us, 'POST', at(pair.us, 'objects/'), JSON.stringify({ objects: [o] }));
      assert.equal(r.status, 202);
      const s = body(r);
      const entries = [...((s.successes ?? []) as Json[]), ...((s.failures ?? []) as Json[])];
      return { success: s.success_count, failure: s.failure_count, messages: entries.map((x) => x.message ?? null) };
    };
    assert.deepEqual(await outcome(held), await outcome(notHeld), 'the same answer whether or not the U.S. node holds the observable');
  });
});
