/**
 * What B does with objects from A that it must not believe: planted in A's store behind the
 * intake (as a faulty or compromised node would hold them), then pulled and pushed to B.
 * Real: HTTP, signatures, intake, stores (each backend).
 */
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprintOf, generateNodeKeyPair, loadPrivateKey, signObject } from '../crypto/index.js';
import { forEachNodeBackend, pinPeers, startTestNode, type TestNode } from '../test-support/nodes.js';
import { allVersions, indicator, plantedVersion, postObjects, versionKeys, type SampleObject } from './testing.js';

forEachNodeBackend('objects a partner must refuse', (backend) => {
  let a: TestNode;
  let b: TestNode;
  const bad = new Map<string, { id: string; version: string; reason: RegExp }>();
  let goodBefore: SampleObject;
  let goodAfter: SampleObject;
  let bOwn: SampleObject;

  before(async () => {
    a = await startTestNode({ name: 'a', country: 'US', backend });
    b = await startTestNode({ name: 'b', country: 'MX', backend });
    await pinPeers(a, b);
    const signAsA = <T extends object>(o: T): T =>
      signObject(o, { identityId: a.ctx.identity.id, privateKey: a.ctx.privateKey, fingerprint: a.ctx.identity.fingerprint });
    const plant = async (
      name: string,
      object: Record<string, unknown>,
      originator: string,
      reason: RegExp,
      hashOf?: Record<string, unknown>,
    ) => {
      const [outcome] = await a.ctx.store.putVersions(a.collectionId, [plantedVersion(object, originator, hashOf)]);
      assert.equal(outcome?.kind, 'added', `${name} planted on A`);
      bad.set(name, { id: String(object.id), version: String(object.modified), reason });
    };

    // B's own object, which A then holds too.
    bOwn = indicator({ name: 'B original' });
    await postObjects(b, [bOwn]);
    assert.equal((await b.engine.syncNow('a'))[0]?.ok, true);

    goodBefore = indicator({ name: 'good before' });
    await postObjects(a, [goodBefore]);

    const signed = signAsA(indicator({ name: 'signed, then altered' }));
    await plant('altered', { ...signed, name: 'altered after signing' }, a.ctx.identity.id, /^object\.signature: /, signed);

    await plant('unsigned', indicator({ name: 'never signed' }), a.ctx.identity.id, /^object\.unsigned: /);

    const stranger = generateNodeKeyPair();
    const strangerId = `identity--${randomUUID()}`;
    const byStranger = signObject(indicator({ name: 'signed by an unknown key' }), {
      identityId: strangerId,
      privateKey: loadPrivateKey(stranger.privateKeyPem),
      fingerprint: fingerprintOf(stranger.publicKey),
    });
    // Recorded as A's own: A's release policy would rightly keep a third party's object home.
    await plant('unknown key', byStranger, a.ctx.identity.id, /^object\.unknown-signer: .*identity--/);

    // A new version of B's object, made and signed by A: a valid signature, the wrong originator.
    const takeover = signAsA({ ...bOwn, modified: '2026-11-05T00:00:00.000Z', name: 'A rewrites B' });
    await plant('not originator', takeover, a.ctx.identity.id, /^object\.not-originator: .*Only the originator/);

    goodAfter = indicator({ name: 'good after' });
    await postObjects(a, [goodAfter]);
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  const heldOnB = async () => versionKeys(await allVersions(b.ctx.store, b.collectionId));

  it('refuses each bad object on pull, records why, and stores the rest of the page', async () => {
    const [report] = await b.engine.syncNow('a');
    assert.equal(report?.ok, true, report?.error);
    assert.equal(report?.pullRejected, 4);
    assert.equal(report?.pulled, 2, 'the good objects around them');

    const held = await heldOnB();
    for (const good of [goodBefore, goodAfter])
      assert.ok(held.includes(`${good.id}|${String(good.modified)}`), `${String(good.name)} stored`);
    for (const [name, v] of bad) assert.ok(!held.includes(`${v.id}|${v.version}`), `${name} not stored`);
    const versionsOfBOwn = await b.ctx.store.findVersionsAnywhere(bOwn.id);
    assert.deepEqual(
      versionsOfBOwn.map((v) => [v.version, v.originator]),
      [[String(bOwn.modified), b.ctx.identity.id]],
    );

    const [status] = await b.engine.status();
    assert.equal(status?.rejectedTotal, 4);
    assert.equal(status?.state, 'ok', 'refusing objects is not a failing link');
    const recent = status?.recentRejections ?? [];
    assert.equal(recent.length, 4);
    for (const [name, v] of bad) {
      const r = recent.find((x) => x.objectId === v.id);
      assert.ok(r, `${name} is among the recent rejections`);
      assert.match(r.reason, v.reason, name);
      assert.equal(r.direction, 'received');
      assert.ok(!Number.isNaN(Date.parse(r.at)));
    }
  });

  it('refuses them again when A pushes them, and A learns which and why', async () => {
    const before = await heldOnB();
    const [report] = await a.engine.syncNow('b');
    assert.equal(report?.ok, true, report?.error);
    assert.equal(report?.pushRejected, 4);
    assert.deepEqual(await heldOnB(), before, 'B stores nothing new');
    const refused = await a.ctx.store.listRejections('peer:b:refused', 10);
    assert.deepEqual(refused.map((r) => r.objectId).sort(), [...bad.values()].map((v) => v.id).sort());
    const [status] = await a.engine.status();
    assert.equal(status?.rejectedTotal, 4);
    const recent = status?.recentRejections ?? [];
    assert.deepEqual(recent.map((r) => r.objectId).sort(), [...bad.values()].map((v) => v.id).sort(), "A's status names what B refused");
    assert.ok(recent.every((r) => r.direction === 'sent'));
    const onB = await b.ctx.store.listRejections('peer:a', 20);
    assert.equal(onB.length, 8, 'B recorded both deliveries');
  });

  it('does not count the same refusals again on a later pass', async () => {
    const [report] = await b.engine.syncNow('a');
    assert.equal(report?.pullRejected, 0);
    assert.equal((await b.engine.status())[0]?.rejectedTotal, 4);
  });
});
