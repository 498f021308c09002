/**
 * The background loop while a partner is down: growing waits between attempts, a status that
 * says why, and a prompt return to normal once the partner answers again.
 * Real: HTTP (a partner that stops listening), engines, stores (each backend).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { forEachNodeBackend, pinPeers, startTestNode, type TestNode } from '../test-support/nodes.js';
import { indicator, postObjects, waitFor } from './testing.js';

forEachNodeBackend('sync engine with a partner that is down', (backend) => {
  let a: TestNode;
  let b: TestNode;
  let revived: FastifyInstance | null = null;

  before(async () => {
    a = await startTestNode({ name: 'a', country: 'US', backend });
    b = await startTestNode({ name: 'b', country: 'MX', backend });
    await pinPeers(a, b);
  });
  after(async () => {
    await revived?.close();
    await a?.close();
    await b?.close();
  });

  it('retries with growing waits and reports the link as failing, with the reason', async () => {
    await a.app.close();
    b.ctx.config.sync.pullIntervalSeconds = 2;
    const attempts: number[] = [];
    await b.engine.start();
    const status = await waitFor(
      async () => {
        const [s] = await b.engine.status();
        if (s?.lastAttempt && !attempts.includes(Date.parse(s.lastAttempt))) attempts.push(Date.parse(s.lastAttempt));
        return s && s.consecutiveFailures >= 3 && s;
      },
      10_000,
      'three failed attempts',
      10,
    );
    assert.equal(status.state, 'failing');
    assert.match(status.lastFailureReason ?? '', /^Peer a could not be reached: ECONNREFUSED/);
    assert.equal(status.lastSuccess, null);
    assert.equal(status.consecutiveFailures, 3);
    assert.equal(attempts.length, 3, `attempts at ${attempts.join(', ')}`);
    const [gap1, gap2] = [attempts[1]! - attempts[0]!, attempts[2]! - attempts[1]!];
    // Each gap is the wait plus the failed pass before it; the waits are 1 s, then 2 s.
    assert.ok(gap1 >= 950 && gap1 < 5000, `first wait ${gap1} ms`);
    assert.ok(gap2 >= 1950, `second wait ${gap2} ms`);
    assert.ok(gap2 > gap1 + 500, `the wait grew: ${gap1} ms, then ${gap2} ms`);
    assert.equal(b.engine.nextPassDelayMs('a'), 4000, 'the wait doubles again');
    // Local commits do not cut a failing peer's backoff short.
    await postObjects(b, [indicator({ name: 'written while a is down' })]);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await b.engine.status())[0]?.consecutiveFailures, 3);
  });

  it('returns to its normal rhythm as soon as a pass succeeds, and pushes commits again', async () => {
    revived = await buildApp(a.ctx, { sync: a.engine });
    await revived.listen({ host: '127.0.0.1', port: Number(new URL(a.url).port) });
    const [report] = await b.engine.syncNow('a');
    assert.equal(report?.ok, true, report?.error);
    assert.equal(report?.pushed, 2, "B's identity and what it wrote while A was down");
    assert.equal(b.engine.nextPassDelayMs('a'), 2000);
    const [s] = await b.engine.status();
    assert.equal(s?.state, 'ok');
    assert.equal(s?.consecutiveFailures, 0);
    assert.equal(s?.lastFailureReason?.startsWith('Peer a could not be reached'), true, 'the last failure stays on record');

    const object = indicator({ name: 'after recovery' });
    const started = Date.now();
    await postObjects(b, [object]);
    await waitFor(async () => (await a.ctx.store.findVersionsAnywhere(object.id)).length === 1, 5_000, 'the object on A', 10);
    assert.ok(Date.now() - started < 2500, `pushed after ${Date.now() - started} ms, not after the old backoff`);
  });

  it('starts its loop for a peer that was synced by hand before the engine started', async () => {
    await b.engine.stop();
    await a.engine.syncNow('b');
    // Only a pass of A's own loop can bring this object over: B's engine is stopped.
    const object = indicator({ name: 'waiting on B' });
    await postObjects(b, [object]);
    a.ctx.config.sync.pullIntervalSeconds = 3600;
    await a.engine.start();
    await waitFor(async () => (await a.ctx.store.findVersionsAnywhere(object.id)).length === 1, 3_000, 'the object on A', 10);
    await waitFor(async () => a.engine.nextPassDelayMs('b') === 3_600_000, 3_000, "A's loop to settle on the pull interval");
  });
});

describe('sync engine passes', () => {
  let a: TestNode;
  let b: TestNode;

  before(async () => {
    a = await startTestNode({ name: 'a', country: 'US', backend: 'sqlite' });
    b = await startTestNode({ name: 'b', country: 'MX', backend: 'sqlite' });
    await pinPeers(a, b);
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  it('runs one pass per peer at a time: a second request joins the one under way', async () => {
    const [first, second] = await Promise.all([b.engine.syncNow('a'), b.engine.syncNow('a')]);
    assert.equal(first[0]?.ok, true, first[0]?.error);
    assert.equal(first[0], second[0], 'both callers got the report of the same pass');
    assert.equal((await b.engine.status())[0]?.pulledTotal, 1, "A's identity, pulled once");
  });

  it('lets a pass that has just begun finish before stop() returns', async () => {
    await b.engine.start();
    const pending = b.engine.syncNow('a');
    await b.engine.stop();
    // Whatever the pass writes, it wrote before stop() returned: the store may be closed now.
    const atStop = await b.ctx.store.getSyncState('a');
    const [report] = await pending;
    assert.equal(report?.ok, true, report?.error);
    assert.deepEqual(await b.ctx.store.getSyncState('a'), atStop);
  });
});
