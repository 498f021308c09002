/**
 * The proposal API over HTTP (each backend): who may list, propose and decide, and that bodies
 * and queries that are malformed, oversized or hostile are refused with a clear 400 (or 413/415)
 * and store nothing. Real: nodes, HTTP, accounts, node signatures, stores.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount } from '../accounts/service.js';
import { allVersions, type SampleObject } from '../sync/testing.js';
import { assertTaxiiError, peerRequest } from '../taxii/test-kit.js';
import { forEachNodeBackend, taxiiClient, type TestNode } from '../test-support/nodes.js';
import { MAX_PROPOSAL_BODY_BYTES } from './requests.js';
import { PROPOSALS, ok, proposalApi, startProposalScene, type Json, type ProposalScene } from './testing.js';

forEachNodeBackend('proposal API', (backend) => {
  let scene: ProposalScene;
  let us: TestNode;
  let mx: TestNode;
  let target: SampleObject;
  let proposalId: string;
  const stored = async (node: TestNode) => (await allVersions(node.ctx.store, node.collectionId)).length;

  before(async () => {
    scene = await startProposalScene(backend);
    ({ us, mx } = scene);
    await createAccount(us.ctx.store, { username: 'liaison', password: 'liaison-password', roles: ['liaison'] });
    target = await scene.usObject('Tunnel exit in Nogales');
    const made = ok(
      await proposalApi(mx, 'analyst').propose({
        target: target.id,
        changes: { confidence: 70 },
        rationale: 'Confirmed by a second source.',
      }),
      201,
    );
    proposalId = String((made.proposal as Json).id);
    await scene.sync();
  });
  after(() => scene?.close());

  it('lets accounts that read objects list, accounts that write propose, and liaison, supervisor and admin decide', async () => {
    for (const who of ['analyst', 'supervisor', 'admin', 'tool', 'liaison']) {
      const list = ok(await proposalApi(us, who).list()).proposals as Json[];
      assert.deepEqual(
        list.map((p) => p.id),
        [proposalId],
        who,
      );
    }
    assertTaxiiError(
      await proposalApi(mx, 'supervisor').propose({ target: target.id, changes: { confidence: 71 }, rationale: 'x' }),
      403,
      'auth.forbidden',
    );
    assertTaxiiError(await proposalApi(mx, 'supervisor').propose('{"not json'), 403, 'auth.forbidden');
    assertTaxiiError(await proposalApi(us, 'analyst').decide(proposalId, '[]'), 403, 'auth.forbidden');
    for (const who of ['analyst', 'tool']) {
      const r = assertTaxiiError(await proposalApi(us, who).decide(proposalId, { decision: 'accept' }), 403, 'auth.forbidden');
      assert.match(String(r.title), /accept or reject proposals/);
    }
    const es = assertTaxiiError(
      await proposalApi(us, 'analyst', 'es-MX').decide(proposalId, { decision: 'accept' }),
      403,
      'auth.forbidden',
    );
    assert.equal(es.title, 'Su cuenta no tiene permiso para esto: aceptar o rechazar propuestas.');
    assert.equal((ok(await proposalApi(us, 'liaison').list('?state=pending')).proposals as Json[]).length, 1, 'nothing was decided');
  });

  it('refuses nobody signed in (401) and partner nodes, whose proposals travel as objects (403)', async () => {
    assertTaxiiError(await proposalApi(us, null).list(), 401, 'auth.required');
    assertTaxiiError(
      await proposalApi(us, null).propose({ target: target.id, changes: { confidence: 1 }, rationale: 'x' }),
      401,
      'auth.required',
    );
    assertTaxiiError(await peerRequest(mx, us, 'GET', PROPOSALS), 403, 'auth.forbidden');
    const body = JSON.stringify({ decision: 'accept' });
    assertTaxiiError(await peerRequest(mx, us, 'POST', `${PROPOSALS}/${proposalId}/decision`, body), 403, 'auth.forbidden');
    assertTaxiiError(
      await peerRequest(us, mx, 'POST', PROPOSALS, JSON.stringify({ target: target.id, changes: { confidence: 1 }, rationale: 'x' })),
      403,
      'auth.forbidden',
    );
    assert.equal((ok(await proposalApi(us, 'admin').list('?state=pending')).proposals as Json[]).length, 1);
  });

  it('answers bad, oversized and hostile bodies with a clear error, and stores nothing', async () => {
    const api = proposalApi(mx, 'analyst');
    const before = await stored(mx);
    const valid = { target: target.id, changes: { confidence: 72 }, rationale: 'x' };
    const deep = (n: number): unknown => (n === 0 ? 1 : [deep(n - 1)]);
    const cases: [string, unknown, number, string, RegExp?][] = [
      ['not JSON', '{"target":', 400, 'http.malformed-json'],
      ['a list', '[]', 400, 'http.bad-request', /must be a JSON object/],
      ['a string', '"x"', 400, 'http.bad-request'],
      ['an unknown field', { ...valid, extra: 1 }, 400, 'http.bad-request', /unknown field "extra"/],
      ['no target', { changes: { confidence: 1 }, rationale: 'x' }, 400, 'http.bad-request', /field "target" is missing/],
      ['a target that is no id', { ...valid, target: '../../etc/passwd' }, 400, 'http.bad-request', /STIX identifier/],
      ['changes as a list', { ...valid, changes: [1] }, 400, 'http.bad-request', /"changes"/],
      ['removals as text', { ...valid, removals: 'description' }, 400, 'http.bad-request', /"removals"/],
      ['no rationale', { target: target.id, changes: { confidence: 1 } }, 400, 'http.bad-request', /"rationale" is missing/],
      ['a rationale that is no text', { ...valid, rationale: 5 }, 400, 'http.bad-request'],
      [
        'a prototype key',
        `{"target":"${target.id}","changes":{"__proto__":{"confidence":1}},"rationale":"x"}`,
        400,
        'http.bad-request',
        /__proto__/,
      ],
      ['a constructor key', { ...valid, changes: { constructor: 1 } }, 400, 'http.bad-request', /constructor/],
      ['nesting 40 deep', { ...valid, changes: { x_deep: deep(40) } }, 400, 'http.bad-request'],
      [
        'a protected property',
        { ...valid, changes: { id: 'indicator--9d1e3f5a-7b9c-4d2e-8f0a-1b2c3d4e5f6a' } },
        422,
        'proposal.not-allowed',
      ],
      ['an over-long rationale', { ...valid, rationale: 'x'.repeat(10_001) }, 422, 'proposal.not-allowed'],
    ];
    for (const [what, body, status, code, title] of cases) {
      const e = assertTaxiiError(await api.propose(body), status, code);
      if (title) assert.match(String(e.title), title, what);
    }
    const big = JSON.stringify({ ...valid, rationale: 'x'.repeat(MAX_PROPOSAL_BODY_BYTES) });
    assertTaxiiError(await api.propose(big), 413, 'http.payload-too-large');
    assertTaxiiError(await api.send(PROPOSALS, Buffer.from('x')), 400);
    const asText = await taxiiClient(mx, 'analyst').request('POST', PROPOSALS, {
      body: JSON.stringify(valid),
      headers: { 'content-type': 'text/plain' },
    });
    assertTaxiiError(asText, 415, 'http.unsupported-media-type');
    assert.equal(await stored(mx), before, 'nothing was stored');
    ok(await api.propose(valid), 201);
    assert.equal(await stored(mx), before + 1, 'the valid proposal, once');
  });

  it('answers bad decisions, ids and queries with a clear 400, and decides nothing', async () => {
    const api = proposalApi(us, 'admin');
    const before = await stored(us);
    for (const [body, pattern] of [
      [{}, /"decision" is missing/],
      [{ decision: 'maybe' }, /"accept" or "reject"/],
      [{ decision: 'accept', force: 'yes' }, /"force"/],
      [{ decision: 'accept', note: 1 }, /unknown field "note"/],
      [{ decision: 'reject', reason: 7 }, /"reason" must be text/],
    ] as const) {
      assert.match(String(assertTaxiiError(await api.decide(proposalId, body), 400, 'http.bad-request').title), pattern);
    }
    assertTaxiiError(await api.decide(proposalId, { decision: 'reject', reason: 'x'.repeat(4001) }), 400, 'proposal.bad-reason');
    assertTaxiiError(await api.decide('indicator--9d1e3f5a-7b9c-4d2e-8f0a-1b2c3d4e5f6a', { decision: 'accept' }), 400, 'http.bad-request');
    assertTaxiiError(
      await api.decide('x-enlace-proposal--9d1e3f5a-7b9c-4d2e-8f0a-1b2c3d4e5f6a', { decision: 'accept' }),
      404,
      'proposal.unknown',
    );
    for (const q of ['?state=maybe', '?whose=everyone', '?limit=0', '?limit=x', '?state=pending&state=accepted', '?page=2']) {
      assertTaxiiError(await api.list(q), 400, 'http.bad-request');
    }
    assert.equal(await stored(us), before, 'nothing was stored');
    assert.equal((ok(await api.list('?state=pending&whose=theirs&limit=5')).proposals as Json[]).length, 1);
  });
});
