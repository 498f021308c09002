/**
 * Two whole nodes on loopback sync, trading signed tree heads; then `audit verify` on either
 * side, before and after each kind of tampering with one node's database. Nothing is mocked:
 * the recorder is called by the node's own TAXII, push and intake code.
 */
import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { enlace } from '../cli/testing.js';
import { PeerClient } from '../sync/client.js';
import { indicator, postObjects } from '../sync/testing.js';
import { forEachNodeBackend, pinPeers, startTestNode, type Backend, type TestNode } from '../test-support/nodes.js';
import { isExchange, type LogEntry } from './entry.js';
import { auditOf } from './node-audit.js';
import { discrepancyMessage, verifyWithPeer, type NodeVerdict } from './node-verify.js';
import { alterEntry, alterHeldHeads, deleteEntry, rewriteLog, storedEntries, swapEntries } from './testing.js';

interface Pair {
  us: TestNode;
  mx: TestNode;
}

async function syncedPair(backend: Backend): Promise<Pair> {
  const us = await startTestNode({ name: 'us', country: 'US', backend });
  const mx = await startTestNode({ name: 'mx', country: 'MX', backend });
  await pinPeers(us, mx);
  await postObjects(us, [indicator({ name: 'US one' }), indicator({ name: 'US two' }), indicator({ name: 'US three', tlp: 'amber' })]);
  await postObjects(mx, [indicator({ name: 'MX one' }), indicator({ name: 'MX two' })]);
  for (const [node, peer] of [
    [mx, 'us'],
    [us, 'mx'],
    [mx, 'us'],
  ] as const) {
    const [report] = await node.engine.syncNow(peer);
    assert.equal(report?.ok, true, `sync ${node.name} → ${peer}: ${report?.error ?? ''}`);
    assert.equal(report?.audit?.ok, true, `head exchange ${node.name} → ${peer}: ${report?.audit?.error ?? ''}`);
  }
  return { us, mx };
}

/** The audit as `enlace audit verify` runs it, with no grace: both nodes are idle. */
function verify(node: TestNode, peer: string): Promise<NodeVerdict> {
  return (async () => {
    const record = await node.ctx.store.getPeer(peer);
    assert.ok(record);
    return verifyWithPeer(node.ctx, new PeerClient(node.ctx, record), { graceUs: 0 });
  })();
}

const codes = (v: NodeVerdict): string[] => [...new Set(v.discrepancies.map((d) => d.code))].sort();
const found = (v: NodeVerdict, code: string) => v.discrepancies.filter((d) => d.code === code);

async function exchangesOf(node: TestNode, direction: 'sent' | 'received'): Promise<LogEntry[]> {
  return (await storedEntries(node.ctx.store)).filter((e): e is LogEntry => isExchange(e) && e.direction === direction);
}

forEachNodeBackend('audit verify between two synced nodes', (backend) => {
  let pair: Pair;
  beforeEach(async () => {
    pair = await syncedPair(backend);
  });
  afterEach(async () => {
    await pair?.us.close();
    await pair?.mx.close();
  });

  it('passes on both sides after a sync, each exchange logged once on each side', async () => {
    const { us, mx } = pair;
    const sentByUs = await exchangesOf(us, 'sent');
    const receivedByMx = await exchangesOf(mx, 'received');
    // US's identity and its two GREEN/AMBER objects allowed out, each once although served by
    // pull and offered again by push.
    assert.ok(sentByUs.length >= 3);
    assert.deepEqual(
      receivedByMx.map((e) => `${e.objectId}|${e.contentHash}`).sort(),
      sentByUs.map((e) => `${e.objectId}|${e.contentHash}`).sort(),
    );
    for (const [node, peer] of [
      [us, 'mx'],
      [mx, 'us'],
    ] as const) {
      const v = await verify(node, peer);
      assert.deepEqual(v.discrepancies, [], `${node.name}: ${v.discrepancies.map((d) => discrepancyMessage(d, 'en')).join('; ')}`);
      assert.equal(v.ok, true);
      assert.equal(v.matched, sentByUs.length + (await exchangesOf(mx, 'sent')).length);
      assert.equal(v.pending, 0);
    }
    // Each side holds the other's heads, accepted, and its own.
    const held = await us.ctx.store.auditListHeads({ logId: mx.ctx.identity.id, statuses: ['accepted'], limit: 10 });
    assert.ok(held.length >= 1);
    assert.equal((await us.engine.status())[0]?.audit.state, 'ok');

    const cli = await enlace(['--dir', us.dir, 'audit', 'verify', '--peer', 'mx', '--grace', '0']);
    assert.equal(cli.code, 0, cli.stderr + cli.stdout);
    assert.match(cli.stdout, /^PASS: the logs of us and mx agree/);
    const es = await enlace(['--dir', mx.dir, '--lang', 'es', 'audit', 'verify', '--peer', 'us', '--grace', '0']);
    assert.equal(es.code, 0, es.stderr + es.stdout);
    assert.match(es.stdout, /^APROBADA: las bitácoras de mx y us coinciden/);
    const head = await enlace(['--dir', us.dir, 'audit', 'head', '--json']);
    assert.equal((JSON.parse(head.stdout) as { log_id: string }).log_id, us.ctx.identity.id);
  });

  it('names an entry whose stored body was altered, from both sides', async () => {
    const { us, mx } = pair;
    const target = (await exchangesOf(us, 'sent'))[1];
    assert.ok(target);
    await alterEntry(us.ctx.store, target.seq, (e) => ({ ...e, contentHash: 'f'.repeat(64) }));
    for (const [node, peer] of [
      [us, 'mx'],
      [mx, 'us'],
    ] as const) {
      const v = await verify(node, peer);
      assert.equal(v.ok, false);
      assert.deepEqual(codes(v), ['content-mismatch', 'entry-altered'], node.name);
      assert.deepEqual(found(v, 'entry-altered')[0]?.params, { log: 'us', index: target.seq });
      assert.equal(found(v, 'content-mismatch')[0]?.params.objectId, target.objectId);
      assert.equal(
        discrepancyMessage(found(v, 'entry-altered')[0]!, 'en'),
        `Entry ${target.seq} of log us was altered: its hash does not match the signed tree head.`,
      );
    }
    const cli = await enlace(['--dir', us.dir, 'audit', 'verify', '--peer', 'mx', '--grace', '0']);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /^FAIL: 2 discrepancies/);
    assert.match(cli.stdout, new RegExp(`✗ \\[entry-altered\\] Entry ${target.seq} of log us was altered`));
  });

  it('names an entry deleted from the database, and the exchange it leaves unmatched', async () => {
    const { us, mx } = pair;
    const target = (await exchangesOf(mx, 'received'))[0];
    assert.ok(target);
    await deleteEntry(mx.ctx.store, target.seq);
    for (const [node, peer] of [
      [mx, 'us'],
      [us, 'mx'],
    ] as const) {
      const v = await verify(node, peer);
      assert.deepEqual(codes(v), ['entry-dropped', 'entry-missing'], node.name);
      assert.deepEqual(found(v, 'entry-missing')[0]?.params, { log: 'mx', index: target.seq });
      assert.equal(
        discrepancyMessage(found(v, 'entry-missing')[0]!, 'en'),
        `Entry ${target.seq} of log mx was deleted: the log has a hole at that position.`,
      );
      const dropped = found(v, 'entry-dropped')[0]?.params;
      assert.deepEqual([dropped?.log, dropped?.direction, dropped?.objectId], ['mx', 'received', target.objectId]);
    }
  });

  it('names two entries swapped in place', async () => {
    const { us, mx } = pair;
    const [a, , b] = await exchangesOf(us, 'sent');
    assert.ok(a && b);
    await swapEntries(us.ctx.store, a.seq, b.seq);
    for (const [node, peer] of [
      [us, 'mx'],
      [mx, 'us'],
    ] as const) {
      const v = await verify(node, peer);
      assert.deepEqual(codes(v), ['entries-swapped'], node.name);
      assert.deepEqual(found(v, 'entries-swapped')[0]?.params, { log: 'us', index1: a.seq, index2: b.seq });
      assert.equal(
        discrepancyMessage(found(v, 'entries-swapped')[0]!, 'es'),
        `Las entradas ${a.seq} y ${b.seq} de la bitácora us fueron intercambiadas: cada una contiene lo que la cabeza de árbol firmada compromete en la posición de la otra.`,
      );
    }
  });

  it('calls a stored peer head that was altered forged, and the partner sees it too', async () => {
    const { us, mx } = pair;
    const changed = await alterHeldHeads(us.ctx.store, mx.ctx.identity.id, (h) => ({ ...h, tree_size: Number(h.tree_size) + 1 }));
    assert.ok(changed >= 1);
    const v = await verify(us, 'mx');
    assert.deepEqual(codes(v), ['head-forged']);
    assert.equal(found(v, 'head-forged').length, changed);
    assert.equal(found(v, 'head-forged')[0]?.params.log, 'mx');
    assert.equal(found(v, 'head-forged')[0]?.head?.origin, 'held');
    assert.match(
      discrepancyMessage(found(v, 'head-forged')[0]!, 'en'),
      /^Tree head #\d+ of log mx is forged: signature does not verify over the head\.$/,
    );
    // MX checks its own log against the heads US keeps of it: US kept a head MX never signed.
    const theirs = await verify(mx, 'us');
    assert.deepEqual(codes(theirs), ['head-forged']);
    assert.equal(found(theirs, 'head-forged')[0]?.head?.origin, 'witness');
  });

  it('catches a partner that rewrites its log after handing a head: refused at the next sync, named by the audit', async () => {
    const { us, mx } = pair;
    const entries = await storedEntries(mx.ctx.store);
    const hidden = entries.find((e): e is LogEntry => isExchange(e) && e.direction === 'received');
    assert.ok(hidden);
    // The log goes on growing past the head US holds, only without the entry MX wants gone.
    await rewriteLog(
      mx.ctx.store,
      entries.filter((e) => e !== hidden),
    );
    auditOf(mx.ctx).reopen();
    const held = (await us.ctx.store.auditListHeads({ logId: mx.ctx.identity.id, statuses: ['accepted'], limit: 1 }))[0];
    assert.ok(held);
    await mx.ctx.exchanges.accessed('analyst', 'view', [
      { objectId: hidden.objectId, version: hidden.version, contentHash: hidden.contentHash },
    ]);
    await mx.ctx.exchanges.accessed('analyst', 'view', [
      { objectId: hidden.objectId, version: hidden.version, contentHash: hidden.contentHash },
    ]);

    const [report] = await us.engine.syncNow('mx');
    assert.equal(report?.ok, true, 'objects still sync');
    assert.equal(report?.audit?.ok, false);
    assert.equal(report?.audit?.failure?.code, 'audit.head-inconsistent', report?.audit?.error);
    const status = (await us.engine.status())[0];
    assert.equal(status?.audit.state, 'failing');
    assert.match(status?.audit.lastFailureReason ?? '', /tree head of mx .* contradicts .*rewritten/);
    const cliStatus = await enlace(['--dir', us.dir, 'status']);
    assert.match(cliStatus.stdout, /tree head exchange failing since .*: The tree head of mx for \d+ entries contradicts/);

    const v = await verify(us, 'mx');
    assert.deepEqual(codes(v), ['entry-dropped', 'log-rewritten']);
    assert.deepEqual(found(v, 'log-rewritten')[0]?.params, { log: 'mx', size1: held.treeSize, size2: entries.length + 1 });
    assert.equal(
      discrepancyMessage(found(v, 'log-rewritten')[0]!, 'en'),
      `Log mx was rewritten: its signed head at size ${held.treeSize} is not a prefix of its head at size ${entries.length + 1}.`,
    );
    const dropped = found(v, 'entry-dropped').map((d) => [d.params.log, d.params.direction, d.params.objectId]);
    assert.deepEqual(dropped, [['mx', 'received', hidden.objectId]]);
    assert.equal(found(v, 'entry-altered').length, 0, 'the rewritten log is self-consistent');
  });
});
