/**
 * Crashes in the middle of a sync. Node A runs as `enlace serve` in its own process; B syncs with
 * `enlace sync` in another. B is killed mid-pull and resumes; then A is killed mid-pull, B reports
 * the failure, and catches up once A is back. Nothing is lost and nothing is held twice.
 * Real: processes, HTTP, signatures, stores (each backend); B pulls 50 objects a page.
 */
import { once } from 'node:events';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { benchObject } from '../bench/objects.js';
import { enlace, kill, killAll, spawnCli, track } from '../cli/testing.js';
import { CONFIG_FILE } from '../config/index.js';
import { pinEachOther, startNode } from '../demo/nodes.js';
import type { NodeContext } from '../node/context.js';
import { initNode } from '../node/init.js';
import { openNode } from '../node/open.js';
import { forEachNodeBackend, freePort, TEST_RELEASE_POLICY } from '../test-support/nodes.js';
import { dropSchema, randomSchemaName, removeTempDir, tempDir, TEST_PG_URL } from '../test-support/stores.js';
import { allVersions, duplicatesIn, versionKeys, waitFor } from './testing.js';
import { SyncEngine } from './engine.js';
import type { PeerStatus } from './types.js';

const BATCH = 1200;

async function writeJsonLines(file: string, from: number, count: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = from; i < from + count; i++) if (!out.write(JSON.stringify(benchObject(i)) + '\n')) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

forEachNodeBackend('sync that crashes midway', (backend) => {
  const work = tempDir(`resume-${backend}`);
  const dirA = join(work, 'a');
  const dirB = join(work, 'b');
  const schemas = backend === 'postgres' ? [randomSchemaName(), randomSchemaName()] : [];
  let portA = 0;
  let nodeA: ChildProcess | null = null;
  let a: NodeContext;
  let b: NodeContext;
  let collectionA = '';
  let collectionB = '';

  const countOnB = () => b.store.countObjects(collectionB);
  /** B's sync state as `enlace status` reads it from B's store. */
  const statusOfB = async (): Promise<PeerStatus> => {
    const [peer] = await new SyncEngine(b).status();
    assert.ok(peer);
    return peer;
  };
  /** Every version A originated, as each node holds them; equal and duplicate-free when in sync. */
  const assertInSync = async () => {
    const onA = versionKeys((await allVersions(a.store, collectionA)).filter((v) => v.originator === a.identity.id));
    const onB = versionKeys((await allVersions(b.store, collectionB)).filter((v) => v.originator === a.identity.id));
    assert.deepEqual(duplicatesIn(onB), []);
    assert.equal(onB.length, onA.length);
    assert.deepEqual(onB, onA);
  };
  /** Starts `enlace sync` for B and calls `whenMidway` once B holds some but not all of `target`. */
  const syncKilledMidway = async (target: number, whenMidway: (child: ChildProcess) => Promise<void>) => {
    const start = await countOnB();
    const run = spawnCli(['--dir', dirB, 'sync']);
    const seen = await waitFor(
      async () => {
        const n = await countOnB();
        return n >= start + 100 && n;
      },
      30_000,
      'B to receive some pages',
      5,
    );
    assert.ok(seen < target, `B already held ${seen} of ${target} when the crash came`);
    await whenMidway(run.child);
    return run.done;
  };

  before(async () => {
    portA = await freePort();
    const db = (i: number) => (backend === 'postgres' ? { databaseUrl: TEST_PG_URL, databaseSchema: schemas[i] } : {});
    collectionA = (await initNode(dirA, { name: 'a', organisation: 'Node A', country: 'US', port: portA, ...db(0) })).collectionId;
    collectionB = (await initNode(dirB, { name: 'b', organisation: 'Node B', country: 'MX', port: await freePort(), ...db(1) }))
      .collectionId;
    await pinEachOther(dirA, dirB);
    const policyA = await openNode(dirA);
    await policyA.release.save(TEST_RELEASE_POLICY, 'admin');
    await policyA.store.close();
    const configB = JSON.parse(readFileSync(join(dirB, CONFIG_FILE), 'utf8')) as { sync: { pageSize: number } };
    configB.sync.pageSize = 50;
    writeFileSync(join(dirB, CONFIG_FILE), JSON.stringify(configB));
    await writeJsonLines(join(work, 'first.jsonl'), 0, BATCH);
    await writeJsonLines(join(work, 'second.jsonl'), BATCH, BATCH);
    const imported = await enlace(['--dir', dirA, 'import', join(work, 'first.jsonl')]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, new RegExp(`Imported ${BATCH} new, 0 already held, 0 rejected`));
    nodeA = track(await startNode(dirA, portA, 'silent'));
    a = await openNode(dirA);
    b = await openNode(dirB);
  });
  after(async () => {
    await killAll();
    await a?.store.close();
    await b?.store.close();
    for (const s of schemas) await dropSchema(s);
    removeTempDir(work);
  });

  it('resumes a pull killed midway where it stopped: every version once, none lost', async () => {
    const total = 1 + BATCH + 1; // B's identity, A's objects and A's identity
    const killed = await syncKilledMidway(total, kill);
    assert.equal(killed.signal, 'SIGKILL');
    const held = await countOnB();
    assert.ok(held > 1 && held < total, `B holds ${held} after the crash`);

    const resumed = await enlace(['--dir', dirB, 'sync']);
    assert.equal(resumed.code, 0, resumed.stderr);
    // Exactly what was missing came over: the crashed run's last page was committed with its cursor.
    assert.match(resumed.stdout, new RegExp(`^a: pulled ${total - held} new \\(0 already held, 0 rejected\\)`));
    assert.equal(await countOnB(), total);
    await assertInSync();
  });

  it('fails with the reason when the partner dies midway, keeps failing while it is down, and catches up after', async () => {
    const imported = await enlace(['--dir', dirA, 'import', join(work, 'second.jsonl')]);
    assert.equal(imported.code, 0, imported.stderr);
    const total = 1 + 2 * BATCH + 1;

    const failed = await syncKilledMidway(total, async () => {
      assert.ok(nodeA);
      await kill(nodeA);
    });
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /a: sync failed: Peer a could not be reached: /);
    let status = await statusOfB();
    assert.equal(status.state, 'failing');
    assert.equal(status.consecutiveFailures, 1);
    assert.match(status.lastFailureReason ?? '', /^Peer a could not be reached: /);
    const held = await countOnB();
    assert.ok(held < total);

    const again = await enlace(['--dir', dirB, 'sync']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /ECONNREFUSED/);
    status = await statusOfB();
    assert.equal(status.consecutiveFailures, 2);
    const human = await enlace(['--dir', dirB, 'status']);
    assert.match(human.stdout, /Peer a: FAILING/);
    assert.match(human.stdout, /last failure .*: Peer a could not be reached: ECONNREFUSED/);

    nodeA = track(await startNode(dirA, portA, 'silent'));
    const caughtUp = await enlace(['--dir', dirB, 'sync']);
    assert.equal(caughtUp.code, 0, caughtUp.stderr);
    assert.match(caughtUp.stdout, new RegExp(`^a: pulled ${total - held} new \\(0 already held, 0 rejected\\)`));
    status = await statusOfB();
    assert.equal(status.state, 'ok');
    assert.equal(status.consecutiveFailures, 0);
    assert.deepEqual(status.lagObjects, { incoming: 0, outgoing: 0 });
    assert.equal(await countOnB(), total);
    await assertInSync();
  });
});
