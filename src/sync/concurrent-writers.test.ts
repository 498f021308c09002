/**
 * Two processes of one node (two NodeContexts on the same PostgreSQL schema) write into the same
 * collection at once while a partner pulls over TAXII again and again. The partner must end with
 * every version exactly once: a pull that ran while commits landed must not have skipped any.
 * Real: PostgreSQL (node A, two pools), SQLite (node B), HTTP, signatures, intake.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { ingestObjects } from '../intake/service.js';
import type { NodeContext } from '../node/context.js';
import { openNode } from '../node/open.js';
import { pinPeers, startTestNode, type TestNode } from '../test-support/nodes.js';
import { requirePostgres } from '../test-support/stores.js';
import { PeerClient } from './client.js';
import { pullFromPeer } from './pull.js';
import { allVersions, duplicatesIn, indicator, versionKeys, type SampleObject } from './testing.js';

const BATCHES = 20;
const PER_BATCH = 15;

/** Batch `i` of a writer: new objects, a new version of one of its earlier objects, and one object both writers submit. */
function batchOf(writer: string, i: number, earlier: SampleObject[]): SampleObject[] {
  const fresh = Array.from({ length: PER_BATCH }, (_, k) => indicator({ name: `${writer} batch ${i} #${k}` }));
  const out = [...fresh];
  const old = earlier[i * 3];
  if (old) out.push({ ...old, modified: `2026-11-03T00:00:${String(i).padStart(2, '0')}.000Z`, name: `${String(old.name)} (v${i})` });
  earlier.push(...fresh);
  return out;
}

const shared = Array.from({ length: BATCHES }, (_, i) =>
  indicator({ id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `shared ${i}` }),
);

/** `between(i)` runs before batch i, so that a test can make pulls interleave with the writes. */
async function write(ctx: NodeContext, collectionId: string, writer: string, between: (i: number) => Promise<void>): Promise<number> {
  const earlier: SampleObject[] = [];
  let added = 0;
  for (let i = 0; i < BATCHES; i++) {
    await between(i);
    const results = await ingestObjects(ctx, collectionId, [...batchOf(writer, i, earlier), shared[i]!], {
      kind: 'account',
      username: writer,
    });
    for (const r of results) {
      if (r.outcome === 'rejected') throw new Error(`${writer} batch ${i}: ${r.error?.message ?? 'rejected'}`);
      if (r.outcome === 'added') added++;
    }
  }
  return added;
}

describe('concurrent writers on one PostgreSQL node while a partner pulls', async () => {
  if (!(await requirePostgres('concurrent-writer'))) return;
  let a: TestNode;
  let b: TestNode;
  let second: NodeContext;

  before(async () => {
    a = await startTestNode({ name: 'a', country: 'US', backend: 'postgres' });
    b = await startTestNode({ name: 'b', country: 'MX', backend: 'sqlite' });
    await pinPeers(a, b);
    second = await openNode(a.dir, { log: pino({ level: 'silent' }) });
  });
  after(async () => {
    await second?.store.close();
    await a?.close();
    await b?.close();
  });

  it('ends with every version on the partner exactly once', async () => {
    const peer = await b.ctx.store.getPeer('a');
    assert.ok(peer);
    const client = new PeerClient(b.ctx, peer);
    let writing = true;
    let passes = 0;
    let pulled = 0;
    let pullerStopped = false;
    const puller = (async () => {
      while (writing) {
        const r = await pullFromPeer(b.ctx, client, 20);
        assert.equal(r.rejected, 0);
        assert.equal(r.duplicates, 0, 'a version is never delivered twice');
        pulled += r.added;
        passes++;
      }
    })().finally(() => {
      pullerStopped = true;
    });
    // Every few batches a writer waits for one more completed pull, so pulls are sure to run
    // between commits whatever the machine's speed.
    const between = async (i: number) => {
      if (i === 0 || i % 6 !== 0) return;
      const target = passes + 1;
      while (passes < target && !pullerStopped) await new Promise((r) => setTimeout(r, 5));
    };
    const [byFirst, bySecond] = await Promise.all([
      write(a.ctx, a.collectionId, 'analyst', between),
      write(second, a.collectionId, 'admin', between),
    ]).finally(() => {
      writing = false;
    });
    await puller;
    const last = await pullFromPeer(b.ctx, client, 20);
    pulled += last.added;
    assert.ok(passes >= 3, `the partner pulled ${passes} times while the writers ran`);

    const onA = versionKeys((await allVersions(a.ctx.store, a.collectionId)).filter((v) => v.originator === a.ctx.identity.id));
    const onB = versionKeys((await allVersions(b.ctx.store, b.collectionId)).filter((v) => v.originator === a.ctx.identity.id));
    assert.deepEqual(duplicatesIn(onA), [], 'the shared objects were stored once on A');
    const expected = 1 + 2 * BATCHES * PER_BATCH + 2 * (BATCHES - 1) + BATCHES;
    assert.equal(onA.length, expected, "A's identity, both writers' objects and versions, the shared objects once");
    assert.equal(byFirst + bySecond, expected - 1);
    assert.deepEqual(duplicatesIn(onB), []);
    assert.deepEqual(onB, onA);
    assert.equal(pulled, expected);
  });
});
