/**
 * The pull's paging against a real node: how many requests a pass costs, and how it resumes from
 * a `next` token the partner no longer honours. Real: HTTP, signatures, intake, SQLite stores.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pinPeers, startTestNode, type TestNode } from '../test-support/nodes.js';
import { PeerClient, type RemotePage } from './client.js';
import { pullFromPeer } from './pull.js';
import { allVersions, duplicatesIn, indicator, postObjects, versionKeys } from './testing.js';

/** A client that remembers every page request and how each ended. */
class RecordingClient extends PeerClient {
  readonly calls: { next: boolean; addedAfter: boolean; outcome: string }[] = [];

  override async objectsPage(
    collectionId: string,
    opts: { next?: string | null; addedAfter?: string | null; limit: number },
  ): Promise<RemotePage> {
    const call = { next: Boolean(opts.next), addedAfter: Boolean(opts.addedAfter), outcome: 'ok' };
    this.calls.push(call);
    try {
      return await super.objectsPage(collectionId, opts);
    } catch (e) {
      call.outcome = (e as Error).message;
      throw e;
    }
  }
}

describe('pulling page by page', () => {
  let a: TestNode;
  let b: TestNode;
  const batch = (n: number, tag: string) => Array.from({ length: n }, (_, i) => indicator({ name: `${tag} ${i}` }));

  before(async () => {
    a = await startTestNode({ name: 'a', country: 'US', backend: 'sqlite' });
    b = await startTestNode({ name: 'b', country: 'MX', backend: 'sqlite' });
    await pinPeers(a, b);
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  const client = async () => {
    const peer = await b.ctx.store.getPeer('a');
    assert.ok(peer);
    return new RecordingClient(b.ctx, peer);
  };

  it('walks a first pass with next tokens, one request per page', async () => {
    await postObjects(a, batch(24, 'first'));
    const c = await client();
    const r = await pullFromPeer(b.ctx, c, 10);
    assert.equal(r.added, 25, "24 indicators and A's identity");
    assert.equal(r.remaining, 0);
    assert.deepEqual(
      c.calls.map((x) => x.outcome),
      ['ok', 'ok', 'ok'],
    );
  });

  it('walks a later pass, which starts from added_after, without a refused token', async () => {
    await postObjects(a, batch(25, 'second'));
    const c = await client();
    const r = await pullFromPeer(b.ctx, c, 10);
    assert.equal(r.added, 25);
    assert.equal(r.duplicates, 0);
    assert.deepEqual(
      c.calls.map((x) => x.outcome),
      ['ok', 'ok', 'ok'],
      'each page is asked once',
    );
    assert.ok(
      c.calls.every((x) => x.addedAfter),
      'the continuation repeats the filter that began the walk',
    );
  });

  it('resumes from the last date_added when the saved next token is refused, losing nothing', async () => {
    await postObjects(a, batch(15, 'third'));
    const c = await client();
    // Stops after one page, as a killed process would; the cursor saved with it holds a token.
    const first = await pullFromPeer(b.ctx, c, 10, { maxPages: 1 });
    assert.equal(first.added, 10);
    const saved = await b.ctx.store.getPullCursor('a', a.collectionId);
    assert.ok(saved?.next, 'a next token was saved with the page');
    // The partner no longer honours it (its cursor secret changed, or the token expired).
    await b.ctx.store.savePullCursor({ ...saved, next: `${saved.next.slice(0, -4)}AAAA` });
    const rest = await pullFromPeer(b.ctx, c, 10);
    assert.equal(rest.added, 5);
    assert.equal(rest.duplicates, 0);
    assert.match(c.calls[1]?.outcome ?? '', /taxii\.bad-cursor/);
    const keysA = versionKeys(await allVersions(a.ctx.store, a.collectionId));
    const keysB = versionKeys((await allVersions(b.ctx.store, b.collectionId)).filter((v) => v.originator === a.ctx.identity.id));
    assert.deepEqual(keysB, keysA);
    assert.deepEqual(duplicatesIn(keysB), []);
  });
});
