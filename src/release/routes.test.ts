/**
 * The release policy API over HTTP (each backend): who may read, change and preview the policy,
 * how a refused policy is explained, and that bodies that are malformed, oversized or hostile
 * change nothing. Real: nodes, HTTP, accounts, node signatures, stores.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, it } from 'node:test';
import { createAccount } from '../accounts/service.js';
import { signRequest } from '../crypto/index.js';
import { readResult, taxiiClient, forEachNodeBackend, type HttpResult, type TestNode } from '../test-support/nodes.js';
import { assertTaxiiError, body, peerRequest, sendSigned } from '../taxii/test-kit.js';
import { MAX_POLICY_BODY_BYTES } from './admin.js';
import { SCENE_POLICY, startPreviewScene, type PreviewScene } from './testing.js';

const POLICY = '/api/v1/release/policy';
const HISTORY = '/api/v1/release/policy/history';
const PREVIEW = '/api/v1/release/preview';

type Json = Record<string, unknown>;

forEachNodeBackend('release policy API', (backend) => {
  let scene: PreviewScene;
  let us: TestNode;
  const as = (username: string | null) => taxiiClient(us, username);
  const put = (username: string | null, text: string | Buffer, headers: Record<string, string> = {}) =>
    as(username).request('PUT', POLICY, { body: text, headers: { 'content-type': 'application/json', ...headers } });
  const versionNow = async () => body(await as('admin').get(POLICY)).version as number;

  before(async () => {
    scene = await startPreviewScene(backend);
    us = scene.us;
    await createAccount(us.ctx.store, { username: 'liaison', password: 'liaison-password', roles: ['liaison'] });
  });
  after(() => scene?.close());

  it('shows the policy in force, with version, author and time, to liaison, supervisor and admin', async () => {
    for (const who of ['liaison', 'supervisor', 'admin']) {
      const r = await as(who).get(POLICY);
      assert.equal(r.status, 200, `${who}: ${r.text}`);
      assert.equal(r.headers.get('content-type')?.split(';')[0], 'application/json');
      const doc = body(r);
      assert.equal(doc.author, 'admin');
      assert.equal(doc.saved, true);
      assert.match(String(doc.saved_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const policy = doc.policy as Json;
      assert.equal(policy.version, doc.version);
      assert.deepEqual({ unmarked_as: policy.unmarked_as, default: policy.default, peers: policy.peers }, SCENE_POLICY);
    }
  });

  it('refuses the policy and the preview to analysts and tools (403), to nobody signed in (401), and to partner nodes (403)', async () => {
    for (const path of [POLICY, HISTORY, `${PREVIEW}?peer=mx`]) {
      for (const who of ['analyst', 'tool']) assertTaxiiError(await as(who).get(path), 403, 'auth.forbidden');
      assertTaxiiError(await as(null).get(path), 401, 'auth.required');
      assertTaxiiError(await peerRequest(scene.mx, us, 'GET', path), 403, 'auth.forbidden');
    }
    const es = await as('analyst').get(`${PREVIEW}?peer=mx`, { 'accept-language': 'es-MX' });
    assert.equal(body(es).title, 'Su cuenta no tiene permiso para esto: ver qué recibe un socio.');
  });

  it('previews what a partner receives, by id, with reasons in both languages', async () => {
    for (const who of ['liaison', 'supervisor', 'admin']) {
      const r = await as(who).get(`${PREVIEW}?peer=mx`);
      assert.equal(r.status, 200, `${who}: ${r.text}`);
      const summary = body(r).summary as Json;
      assert.equal(summary.redact, 1);
      assert.ok(Number(summary.withhold) >= 5);
    }
    const q = `?peer=mx&id=${scene.o.redacted.id}&id=${scene.o.red.id}`;
    const r = body(await as('liaison').get(PREVIEW + q));
    const objects = r.objects as Json[];
    assert.deepEqual(
      objects.map((o) => [o.id, o.decision]),
      [
        [scene.o.red.id, 'withhold'],
        [scene.o.redacted.id, 'redact'],
      ],
    );
    assert.deepEqual(objects[1]?.withheld_properties, ['description', 'external_references.[0]']);
    const reason = (objects[0]?.reasons as Json[])[0];
    assert.deepEqual(reason?.text, { en: 'TLP:RED never leaves this node.', es: 'TLP:RED nunca sale de este nodo.' });
  });

  it('answers an unknown peer with the pinned ones, in the reader’s language', async () => {
    const en = assertTaxiiError(await as('liaison').get(`${PREVIEW}?peer=gt`), 404, 'release.unknown-peer');
    assert.equal(en.title, 'No peer named "gt" to preview; pinned peers are: ca, mx.');
    const es = assertTaxiiError(await as('liaison').get(`${PREVIEW}?peer=gt`, { 'accept-language': 'es-MX' }), 404);
    assert.equal(es.title, 'No existe un par llamado "gt" para la vista previa; los pares registrados son: ca, mx.');
  });

  it('names the query parameter that is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['', /parameter "peer" is missing/],
      ['?peer=mx&peer=ca', /parameter "peer" given more than once/],
      ['?peer=mx&colour=red', /unknown parameter "colour"/],
      ['?peer=mx&limit=0', /parameter "limit" must be a whole number from 1 to 1000/],
      ['?peer=mx&limit=ten', /the value "ten" of parameter "limit" is not valid/],
      ['?peer=mx&after=-1', /the value "-1" of parameter "after" is not valid/],
      ['?peer=mx&id=not-an-id', /the value "not-an-id" of parameter "id" is not valid/],
    ];
    for (const [q, message] of cases) {
      const e = assertTaxiiError(await as('liaison').get(PREVIEW + q), 400, 'http.bad-request');
      assert.match(String(e.title), message, q);
    }
    const es = assertTaxiiError(await as('liaison').get(`${PREVIEW}?peer=mx&colour=red`, { 'accept-language': 'es' }), 400);
    assert.equal(es.title, 'La solicitud no es válida: parámetro desconocido "colour".');
    assertTaxiiError(await as('liaison').get(`${PREVIEW}?peer=mx&collection=nope`), 404, 'taxii.collection-not-found');
  });

  it('saves a new version for an administrator, ignoring a version or time sent with it, and keeps the history', async () => {
    const before = await versionNow();
    const next = { ...SCENE_POLICY, peers: { ...SCENE_POLICY.peers, mx: { ...SCENE_POLICY.peers.mx, allow_amber: false } } };
    const r = await put('admin', JSON.stringify({ ...next, version: 999, updated_at: '2000-01-01T00:00:00Z' }));
    assert.equal(r.status, 200, r.text);
    assert.equal(body(r).version, before + 1);
    assert.equal(body(r).author, 'admin');
    const again = await put('admin', JSON.stringify(SCENE_POLICY, null, 2));
    assert.equal(body(again).version, before + 2);
    const history = body(await as('supervisor').get(`${HISTORY}?limit=2`)).versions as Json[];
    assert.deepEqual(
      history.map((h) => h.version),
      [before + 2, before + 1],
    );
    assert.equal((history[1]?.policy as { peers: { mx: { allow_amber: boolean } } }).peers.mx.allow_amber, false);
    assertTaxiiError(await as('admin').get(`${HISTORY}?limit=0`), 400);
  });

  it('applies a saved policy to the very next preview', async () => {
    const amberMarking = `${PREVIEW}?peer=mx&id=${scene.o.relMx.id}`;
    const decision = async () => (body(await as('admin').get(amberMarking)).objects as Json[])[0]?.decision;
    assert.equal(await decision(), 'release');
    const closed = { ...SCENE_POLICY, peers: { ...SCENE_POLICY.peers, mx: { ...SCENE_POLICY.peers.mx, allow_amber: false } } };
    const saved = body(await put('admin', JSON.stringify(closed)));
    assert.equal(await decision(), 'withhold');
    assert.equal((body(await as('admin').get(amberMarking)).policy as Json).version, saved.version);
    assert.equal(body(await put('admin', JSON.stringify(SCENE_POLICY))).version, Number(saved.version) + 1);
  });

  it('lets only administrators save (analyst, supervisor and liaison 403, nobody 401, a partner node 403)', async () => {
    const before = await versionNow();
    const text = JSON.stringify(SCENE_POLICY);
    for (const who of ['analyst', 'supervisor', 'liaison', 'tool']) assertTaxiiError(await put(who, text), 403, 'auth.forbidden');
    assertTaxiiError(await put(null, text), 401, 'auth.required');
    const url = us.url + POLICY;
    const headers = { accept: 'application/json', 'content-type': 'application/json' };
    const signed = signRequest({
      method: 'PUT',
      url,
      headers,
      body: text,
      keyId: scene.mx.ctx.identity.fingerprint,
      privateKey: scene.mx.ctx.privateKey,
    });
    const r: HttpResult = await sendSigned(url, 'PUT', { ...headers, ...signed }, text);
    assertTaxiiError(r, 403, 'auth.forbidden');
    assert.equal(await versionNow(), before);
  });

  it('refuses an invalid policy with every problem named, and saves nothing', async () => {
    const before = await versionNow();
    const bad = {
      unmarked_as: 'purple',
      default: { allow_green: 'yes', alow_amber: true, ceiling: 'red', allow_third_party: false },
      peers: {
        MX: SCENE_POLICY.peers.mx,
        ca: { ...SCENE_POLICY.peers.ca, min_grading: { source_reliability: 'E', information_credibility: 9 } },
      },
      colour: 'blue',
    };
    const e = assertTaxiiError(await put('admin', JSON.stringify(bad)), 400, 'release.policy-invalid');
    const problems = (e.details as { problems: { path: string; problem: string }[] }).problems;
    const paths = problems.map((p) => p.path);
    for (const path of [
      '/unmarked_as',
      '/default/allow_green',
      '/default/allow_amber',
      '/default/alow_amber',
      '/default/ceiling',
      '/peers/MX',
      '/peers/ca/min_grading/source_reliability',
      '/peers/ca/min_grading/information_credibility',
      '/colour',
    ]) {
      assert.ok(paths.includes(path), `${path} is named: ${paths.join(', ')}`);
      assert.ok(String(e.title).includes(path), `${path} is in the message`);
    }
    assert.match(String(e.title), /^The release policy was not saved: \d+ problem\(s\): /);
    const es = assertTaxiiError(await put('admin', JSON.stringify(bad), { 'accept-language': 'es-MX' }), 400);
    assert.match(String(es.title), /^La política de divulgación no se guardó: \d+ problema\(s\): /);
    assert.equal(await versionNow(), before);
  });

  it('refuses malformed, mistyped, oversized and hostile bodies without saving or polluting anything', async () => {
    const before = await versionNow();
    assertTaxiiError(await put('admin', '{"unmarked_as": '), 400, 'http.malformed-json');
    assertTaxiiError(await put('admin', ''), 400);
    assertTaxiiError(await put('admin', '[1, 2]'), 400, 'release.policy-invalid');
    assertTaxiiError(await put('admin', 'null'), 400, 'release.policy-invalid');
    assertTaxiiError(await put('admin', JSON.stringify(SCENE_POLICY), { 'content-type': 'text/plain' }), 415);
    const hostile = `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, ${JSON.stringify(SCENE_POLICY).slice(1)}`;
    const h = assertTaxiiError(await put('admin', hostile), 400, 'release.policy-invalid');
    assert.match(String(h.title), /\/__proto__ \(unrecognized_key\)/);
    assert.equal(({} as Json).polluted, undefined, 'no prototype was polluted');
    const deep = `{"default": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    assert.match(String(assertTaxiiError(await put('admin', deep), 400, 'release.policy-invalid').title), /nests deeper than 8 levels/);
    const manyPeers = {
      ...SCENE_POLICY,
      peers: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`p${i}`, SCENE_POLICY.peers.mx])),
    };
    const tooBig = assertTaxiiError(await put('admin', JSON.stringify(manyPeers)), 400, 'release.policy-invalid');
    assert.match(String(tooBig.title), /over 262144 bytes/);
    const huge = Buffer.alloc(MAX_POLICY_BODY_BYTES + 10, 0x20);
    const declared = assertTaxiiError(await put('admin', huge), 413, 'http.payload-too-large');
    assert.equal(declared.title, `The request body is ${huge.length} bytes; this API root accepts at most ${MAX_POLICY_BODY_BYTES} bytes.`);
    // No Content-Length: the body is cut off at the limit while it streams.
    const auth = 'Basic ' + Buffer.from('admin:admin-password').toString('base64');
    const streamed = await fetch(us.url + POLICY, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: Readable.toWeb(Readable.from([huge])) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const cut = await readResult(streamed);
    assert.equal(cut.status, 413);
    assert.equal(
      (cut.json as Json).title,
      `The request body is more than ${MAX_POLICY_BODY_BYTES} bytes; this API root accepts at most ${MAX_POLICY_BODY_BYTES} bytes.`,
    );
    assert.equal(await versionNow(), before);
  });
});
