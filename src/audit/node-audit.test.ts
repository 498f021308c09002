import { it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { forEachBackend } from '../test-support/stores.js';
import type { ExchangedVersion } from '../node/context.js';
import { isAccess, isExchange } from './entry.js';
import { AuditError } from './errors.js';
import { NodeAudit } from './node-audit.js';
import { deleteEntry, storedEntries } from './testing.js';
import { checkLog } from './verify-log.js';
import { verifyTreeHead } from './tree-head.js';

const LOG = 'identity--00000000-0000-4000-8000-0000000000a1';
const key = generateKeyPairSync('ed25519');
const version = (i: number, hash = i + 1): ExchangedVersion => ({
  objectId: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  version: '2026-10-01T00:00:00.000Z',
  contentHash: hash.toString(16).padStart(64, '0'),
});

forEachBackend('NodeAudit, the node recorder', (open, ctx) => {
  const audit = async () => new NodeAudit({ store: await open(), logId: LOG, privateKey: key.privateKey });

  it('logs each exchange once per peer and direction, however often and however concurrently it is reported', async () => {
    const a = await audit();
    const vs = [version(1), version(2), version(3)];
    await a.sent('mx', [...vs, vs[0] as ExchangedVersion]);
    await a.sent('mx', vs);
    await Promise.all([a.sent('mx', [version(4)]), a.sent('mx', [version(4), version(5)]), a.sent('mx', [version(5)])]);
    await a.received('mx', vs); // the other direction is another exchange
    await a.sent('ca', [version(1)]); // and so is another peer
    await a.sent('mx', [version(1, 99)]); // the same version with other content crossed too
    const entries = (await storedEntries(a.store)).filter(isExchange);
    const keys = entries.map((e) => `${e.peer}/${e.direction}/${e.objectId.slice(-2)}/${e.contentHash.slice(-2)}`);
    assert.deepEqual(keys.slice(0, 3), ['mx/sent/01/02', 'mx/sent/02/03', 'mx/sent/03/04']);
    assert.equal(keys.length, new Set(keys).size, `no exchange twice: ${keys.join(' ')}`);
    assert.equal(keys.length, 3 + 2 + 3 + 1 + 1);
    assert.ok(
      entries.every((e) => typeof e.salt === 'string' && e.salt.length >= 16),
      'every entry carries a salt',
    );
    assert.equal(new Set(entries.map((e) => e.salt)).size, entries.length);
    assert.deepEqual((await a.store.auditFindExchanges('mx', 'sent', [version(1).objectId])).map((r) => r.contentHash.slice(-2)).sort(), [
      '02',
      '63',
    ]);
  });

  it('two processes on one database log an exchange once and never fork the log', async () => {
    const first = await open();
    const second = await ctx.openWith({}, first);
    const a = new NodeAudit({ store: first, logId: LOG, privateKey: key.privateKey });
    const b = new NodeAudit({ store: second, logId: LOG, privateKey: key.privateKey });
    await a.sent('mx', [version(0)]); // both have opened their view of the log before the race
    await b.sent('mx', [version(0)]);
    const batches = Array.from({ length: 12 }, (_, i) => [version(i), version(i + 1)]);
    const calls = batches.flatMap((vs, i) => [() => (i % 2 ? a : b).sent('mx', vs), () => (i % 2 ? b : a).sent('mx', vs)]);
    // Two SQLite connections in one process cannot interleave (better-sqlite3 waits for the write
    // lock synchronously); there the two views go stale in turn instead of racing.
    if (ctx.kind === 'postgres') await Promise.all(calls.map((c) => c()));
    else for (const c of calls) await c();
    const entries = (await storedEntries(first)).filter(isExchange);
    assert.deepEqual(
      entries.map((e) => e.objectId.slice(-2)).sort(),
      Array.from({ length: 13 }, (_, i) => String(i).padStart(2, '0')),
    );
    assert.deepEqual(
      entries.map((e) => e.seq),
      entries.map((_, i) => i),
    );
    const head = await b.treeHead();
    const check = await checkLog({
      logId: LOG,
      publicKey: key.publicKey,
      counterpart: 'mx',
      heads: [head, await a.treeHead()],
      log: await a.current(),
    });
    assert.deepEqual(check.discrepancies, []);
    assert.equal(head.tree_size, 13);
  });

  it('records every access in the same log, listed newest first with the index', async () => {
    const a = await audit();
    await a.accessed('analyst', 'view', [version(1), version(1)]);
    await a.sent('mx', [version(1)]);
    await a.accessed('supervisor', 'export', [version(2)]);
    const entries = await storedEntries(a.store);
    assert.deepEqual(
      entries.map((e) => (isAccess(e) ? `${e.account}:${e.action}` : 'exchange')),
      ['analyst:view', 'analyst:view', 'exchange', 'supervisor:export'],
    );
    const listed = await a.store.auditListAccess({ limit: 10 });
    assert.deepEqual(
      listed.map((r) => [r.seq, r.account, r.action]),
      [
        [3, 'supervisor', 'export'],
        [1, 'analyst', 'view'],
        [0, 'analyst', 'view'],
      ],
    );
    assert.deepEqual(
      (await a.store.auditListAccess({ limit: 10, account: 'analyst', beforeSeq: 1 })).map((r) => r.seq),
      [0],
    );
  });

  it('signs heads over the whole log and keeps them once per size and root', async () => {
    const a = await audit();
    await a.sent('mx', [version(1), version(2)]);
    const h1 = await a.treeHead();
    const again = await a.treeHead();
    await a.received('mx', [version(3)]);
    const h2 = await a.treeHead();
    assert.equal(verifyTreeHead(h1, key.publicKey, LOG).ok, true);
    assert.deepEqual([h1.tree_size, again.tree_size, h2.tree_size], [2, 2, 3]);
    assert.deepEqual(
      (await a.ownHeads()).map((h) => h.treeSize),
      [3, 2],
    );
  });

  it('refuses malformed versions without writing anything', async () => {
    const a = await audit();
    await assert.rejects(
      a.sent('mx', [version(1), { ...version(2), contentHash: 'not a hash' }]),
      (e: unknown) => e instanceof AuditError && e.code === 'entry-invalid',
    );
    await assert.rejects(a.accessed('', 'view', [version(1)]), AuditError);
    assert.equal(await a.store.auditSize(), 0);
    await a.sent('mx', []);
    assert.equal(await a.store.auditSize(), 0);
  });

  it('sees appends of another process, and gives up with a clear error on a log whose rows were deleted', async () => {
    const first = await open();
    const a = new NodeAudit({ store: first, logId: LOG, privateKey: key.privateKey });
    const b = new NodeAudit({ store: await ctx.openWith({}, first), logId: LOG, privateKey: key.privateKey });
    await a.sent('mx', [version(1)]);
    await b.sent('mx', [version(2), version(3)]);
    assert.equal((await a.treeHead()).tree_size, 3, 'a head covers what the other process appended');
    await a.sent('mx', [version(4)]); // a's stale view is re-read after one conflict
    assert.equal(await first.auditSize(), 4);
    // The last row deleted by hand: the log now looks one shorter, but its hashes still cover it.
    await deleteEntry(first, 3);
    a.reopen();
    await assert.rejects(a.sent('mx', [version(5)]), (e: unknown) => e instanceof AuditError && e.code === 'storage-inconsistent');
  });
});
