/**
 * Proposals between two whole nodes on loopback (each backend): the Mexico node proposes a change
 * to a U.S. object, the U.S. node accepts or rejects it, and sync carries the proposal, the new
 * version the U.S. node signed and its response. Real: HTTP, signatures, intake, release policy,
 * stores. Nothing is mocked.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { signObject, stripSignature } from '../crypto/index.js';
import { PROPOSAL_EXTENSION_ID, PROPOSAL_RESPONSE_EXTENSION_ID, type StixObject } from '../stix/index.js';
import { PeerClient } from '../sync/client.js';
import { allVersions, postObjects, signerOf, type SampleObject } from '../sync/testing.js';
import { assertTaxiiError } from '../taxii/test-kit.js';
import { TEST_RELEASE_POLICY, forEachNodeBackend, type TestNode } from '../test-support/nodes.js';
import { ok, proposalApi, startProposalScene, type Json, type ProposalScene } from './testing.js';

async function newest(node: TestNode, id: string): Promise<{ object: Json; signer: string | null; originator: string }> {
  const rows = (await allVersions(node.ctx.store, node.collectionId)).filter((r) => r.id === id && r.isLatest);
  const row = rows[0];
  assert.ok(row, `${node.name} holds ${id}`);
  return { object: JSON.parse(row.body) as Json, signer: signerOf(row.body), originator: row.originator };
}

const proposalOf = (r: Json): Json => r.proposal as Json;

forEachNodeBackend('proposals between two nodes', (backend) => {
  let scene: ProposalScene;
  let us: TestNode;
  let mx: TestNode;
  let target: SampleObject;

  before(async () => {
    scene = await startProposalScene(backend);
    ({ us, mx } = scene);
    target = await scene.usObject('Courier phone in Nogales', { description: 'Used by the Sonora cell.' });
  });
  after(() => scene?.close());

  it('MX proposes, US lists it pending, accepts, and MX receives the new version signed by US and the response', async () => {
    const made = proposalOf(
      ok(
        await proposalApi(mx, 'analyst').propose({
          target: target.id,
          changes: { confidence: 85, labels: ['corroborated'] },
          removals: ['description'],
          rationale: 'Seen again at the San Luis crossing on 2026-11-20.',
        }),
        201,
      ),
    );
    assert.equal(made.state, 'pending');
    assert.equal(made.mine, true);
    assert.equal(made.target_version, target.modified);
    const stored = await newest(mx, String(made.id));
    assert.equal(stored.signer, mx.ctx.identity.id, 'the MX node signed its proposal');
    assert.deepEqual(stored.object.object_marking_refs, target.object_marking_refs, "the proposal carries the target's markings");

    await scene.sync();
    const pending = ok(await proposalApi(us, 'supervisor').list('?state=pending')).proposals as Json[];
    assert.deepEqual(
      pending.map((p) => [p.id, p.mine, p.proposer, p.stale]),
      [[made.id, false, mx.ctx.identity.id, false]],
    );
    assert.deepEqual(pending[0]?.changes, { confidence: 85, labels: ['corroborated'] });

    const decided = ok(
      await proposalApi(us, 'supervisor').decide(String(made.id), { decision: 'accept', reason: 'Matches our own reporting.' }),
    );
    const version = String(decided.resulting_version);
    assert.equal(proposalOf(decided).state, 'accepted');
    const onUs = await newest(us, target.id);
    assert.equal(onUs.object.modified, version);
    assert.equal(onUs.signer, us.ctx.identity.id);
    assert.equal(onUs.object.confidence, 85);
    assert.equal(Object.hasOwn(onUs.object, 'description'), false);

    await scene.sync();
    const onMx = await newest(mx, target.id);
    assert.equal(onMx.object.modified, version, 'MX holds the new version');
    assert.equal(onMx.signer, us.ctx.identity.id, '… signed by the U.S. node');
    assert.equal(onMx.originator, us.ctx.identity.id);
    assert.deepEqual(onMx.object.labels, ['corroborated']);
    const response = await newest(mx, String(decided.response_id));
    assert.equal(response.signer, us.ctx.identity.id);
    assert.deepEqual(response.object.object_marking_refs, target.object_marking_refs, 'the response is marked like the target');
    const mine = ok(await proposalApi(mx, 'analyst').list('?whose=mine')).proposals as Json[];
    assert.deepEqual(
      mine.map((p) => [p.id, p.state]),
      [[made.id, 'accepted']],
    );
    assert.deepEqual(mine[0]?.response, {
      id: decided.response_id,
      decision: 'accepted',
      reason: 'Matches our own reporting.',
      resulting_version: version,
      created: response.object.created,
    });
  });

  it('US rejects with a reason; the object stays as it was and MX learns why', async () => {
    const before = await newest(us, target.id);
    const made = proposalOf(
      ok(
        await proposalApi(mx, 'analyst').propose({
          target: target.id,
          changes: { name: 'Courier phone in Agua Prieta' },
          rationale: 'Wrong town.',
        }),
        201,
      ),
    );
    await scene.sync();
    assertTaxiiError(await proposalApi(us, 'admin').decide(String(made.id), { decision: 'reject' }), 400, 'proposal.bad-reason');
    const decided = ok(
      await proposalApi(us, 'admin').decide(String(made.id), { decision: 'reject', reason: 'Our surveillance places it in Nogales.' }),
    );
    assert.equal(proposalOf(decided).state, 'rejected');
    assert.equal(decided.resulting_version, undefined);
    assert.deepEqual(await newest(us, target.id), before, 'a rejection makes no version');
    assertTaxiiError(await proposalApi(us, 'admin').decide(String(made.id), { decision: 'accept' }), 409, 'proposal.already-decided');

    await scene.sync();
    const rejected = ok(await proposalApi(mx, 'analyst').list('?state=rejected')).proposals as Json[];
    assert.deepEqual(
      rejected.map((p) => [p.id, (p.response as Json).reason]),
      [[made.id, 'Our surveillance places it in Nogales.']],
    );
  });

  it('refuses to accept a proposal made on an older version, unless forced', async () => {
    const made = proposalOf(
      ok(
        await proposalApi(mx, 'analyst').propose({
          target: target.id,
          changes: { valid_until: '2027-12-31T00:00:00.000Z' },
          rationale: 'The number is still in use.',
        }),
        201,
      ),
    );
    await scene.sync();
    const current = (await newest(us, target.id)).object;
    const edited = {
      ...stripSignature(current),
      modified: new Date(Date.parse(String(current.modified)) + 60_000).toISOString(),
      confidence: 90,
    };
    assert.equal((await postObjects(us, [edited])).success_count, 1);
    assert.equal((ok(await proposalApi(us, 'admin').list('?state=pending')).proposals as Json[])[0]?.stale, true);
    const stale = assertTaxiiError(await proposalApi(us, 'admin').decide(String(made.id), { decision: 'accept' }), 409, 'proposal.stale');
    assert.match(String(stale.title), /changed since the proposal/);
    const forced = ok(await proposalApi(us, 'admin').decide(String(made.id), { decision: 'accept', force: true }));
    const now = (await newest(us, target.id)).object;
    assert.equal(now.modified, forced.resulting_version);
    assert.equal(now.confidence, 90, 'the change was applied to the newest version');
    assert.equal(now.valid_until, '2027-12-31T00:00:00.000Z');
  });

  it('never lets MX make a version of a U.S. object itself: not through its own node, not by pushing one to US', async () => {
    const current = (await newest(mx, target.id)).object;
    const forged = { ...stripSignature(current), modified: '2030-01-01T00:00:00.000Z', confidence: 1 } as StixObject;
    const local = await postObjects(mx, [forged]);
    assert.equal(local.failure_count, 1);
    assert.match(local.failures?.[0]?.message ?? '', /Only the originator/);

    const peerUs = await mx.ctx.store.getPeer('us');
    assert.ok(peerUs);
    const signed = signObject(forged, {
      identityId: mx.ctx.identity.id,
      privateKey: mx.ctx.privateKey,
      fingerprint: mx.ctx.identity.fingerprint,
    });
    const pushed = await new PeerClient(mx.ctx, peerUs).postObjects(us.collectionId, [JSON.stringify(signed)]);
    assert.equal(pushed.failure_count, 1);
    assert.match(pushed.failures?.[0]?.message ?? '', /Only the originator/);
    assert.notEqual((await newest(us, target.id)).object.modified, '2030-01-01T00:00:00.000Z');
  });

  it('refuses proposals about own, unknown or revoked objects, protected properties, invalid results, and ones that could not be delivered', async () => {
    const api = proposalApi(mx, 'analyst');
    const own = await postObjects(mx, [{ ...target, id: target.id.replace(/^indicator--.{8}/, 'indicator--0000aaaa') }]);
    assert.equal(own.success_count, 1);
    const ownId = target.id.replace(/^indicator--.{8}/, 'indicator--0000aaaa');
    const es = assertTaxiiError(
      await proposalApi(mx, 'analyst', 'es-MX').propose({ target: ownId, changes: { confidence: 1 }, rationale: 'x' }),
      409,
      'proposal.own-object',
    );
    assert.match(String(es.title), /fue originado por este nodo/);
    assertTaxiiError(
      await api.propose({ target: 'indicator--9d1e3f5a-7b9c-4d2e-8f0a-1b2c3d4e5f6a', changes: { confidence: 1 }, rationale: 'x' }),
      404,
      'proposal.target-unknown',
    );
    const prot = assertTaxiiError(
      await api.propose({ target: target.id, changes: { created_by_ref: mx.ctx.identity.id }, rationale: 'x' }),
      422,
      'proposal.not-allowed',
    );
    assert.match(String(prot.title), /"created_by_ref" is kept by the originator alone/);
    assertTaxiiError(
      await api.propose({ target: target.id, removals: ['object_marking_refs'], rationale: 'x' }),
      422,
      'proposal.not-allowed',
    );
    const invalid = assertTaxiiError(
      await api.propose({ target: target.id, changes: { confidence: 'high' }, rationale: 'x' }),
      422,
      'proposal.invalid-result',
    );
    assert.match(String(invalid.title), /\/confidence/);
    assertTaxiiError(await api.propose({ target: target.id, changes: { confidence: 2 }, rationale: '   ' }), 422, 'proposal.not-allowed');

    // MX's own release policy would keep a GREEN proposal home: it is refused, not left stranded.
    await mx.ctx.release.save({ ...TEST_RELEASE_POLICY, default: { ...TEST_RELEASE_POLICY.default, allow_green: false } }, 'admin');
    try {
      const held = assertTaxiiError(
        await api.propose({ target: target.id, changes: { confidence: 3 }, rationale: 'x' }),
        409,
        'proposal.not-deliverable',
      );
      assert.match(String(held.title), /TLP:GREEN/);
    } finally {
      await mx.ctx.release.save(TEST_RELEASE_POLICY, 'admin');
    }

    const revoked = await scene.usObject('Stash house in Sasabe');
    const current = (await newest(us, revoked.id)).object;
    assert.equal(
      (await postObjects(us, [{ ...stripSignature(current), modified: '2026-11-05T00:00:00.000Z', revoked: true }])).success_count,
      1,
    );
    await scene.sync();
    assertTaxiiError(await api.propose({ target: revoked.id, changes: { confidence: 5 }, rationale: 'x' }), 409, 'proposal.target-revoked');
  });

  it('checks again at the originator what a partner proposed, and trusts only responses the originator signed', async () => {
    // A partner could post any proposal object through TAXII, bypassing its node's checks.
    const forged = {
      type: 'x-enlace-proposal',
      spec_version: '2.1',
      id: 'x-enlace-proposal--6b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
      created: '2026-11-20T00:00:00.000Z',
      modified: '2026-11-20T00:00:00.000Z',
      target_ref: target.id,
      target_version: String((await newest(us, target.id)).object.modified),
      changes: { created_by_ref: mx.ctx.identity.id },
      rationale: 'Give it to us.',
      extensions: { [PROPOSAL_EXTENSION_ID]: { extension_type: 'new-sdo' } },
    };
    assert.equal((await postObjects(mx, [forged])).success_count, 1);
    const claim = {
      type: 'x-enlace-proposal-response',
      spec_version: '2.1',
      id: 'x-enlace-proposal-response--0c9b8a7f-6e5d-4c4b-9a3f-2e1d0c9b8a7f',
      created: '2026-11-20T00:00:01.000Z',
      modified: '2026-11-20T00:00:01.000Z',
      proposal_ref: forged.id,
      target_ref: target.id,
      decision: 'accepted',
      resulting_version: '2026-11-20T00:00:02.000Z',
      extensions: { [PROPOSAL_RESPONSE_EXTENSION_ID]: { extension_type: 'new-sdo' } },
    };
    assert.equal((await postObjects(mx, [claim])).success_count, 1);
    const onMx = (ok(await proposalApi(mx, 'analyst').list('?whose=mine')).proposals as Json[]).find((p) => p.id === forged.id);
    assert.equal(onMx?.state, 'pending', "a response the target's originator did not sign decides nothing");

    await scene.sync();
    const refused = assertTaxiiError(await proposalApi(us, 'admin').decide(forged.id, { decision: 'accept' }), 422, 'proposal.not-allowed');
    assert.match(String(refused.title), /created_by_ref/);
    assert.equal((await newest(us, target.id)).originator, us.ctx.identity.id);
    ok(await proposalApi(us, 'admin').decide(forged.id, { decision: 'reject', reason: 'The originator is not for proposing.' }));
  });

  it('lets only the originator decide: MX cannot decide on its own proposal about a U.S. object', async () => {
    const made = proposalOf(
      ok(await proposalApi(mx, 'analyst').propose({ target: target.id, changes: { confidence: 7 }, rationale: 'x' }), 201),
    );
    assertTaxiiError(await proposalApi(mx, 'admin').decide(String(made.id), { decision: 'accept' }), 403, 'proposal.not-ours');
    assertTaxiiError(await proposalApi(us, 'admin').decide(String(made.id), { decision: 'accept' }), 404, 'proposal.unknown');
  });
});
