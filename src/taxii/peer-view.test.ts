/**
 * What a partner node sees through TAXII: requests signed with its pinned key (RFC 9421) are
 * answered within the release view, which never holds TLP:RED nor the partner's own objects, on
 * objects, manifest, object and versions alike. Requests with a forged signature are 401.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { signRequest } from '../crypto/index.js';
import { SIGNATURE_EXTENSION_ID, TLP1_MARKING_IDS, TLP2_MARKING_IDS, type StixObject } from '../stix/index.js';
import { PeerClient } from '../sync/client.js';
import { forEachNodeBackend, pinPeers, startTestNode, taxiiClient, type TestNode } from '../test-support/nodes.js';
import {
  TAXII,
  allPages,
  assertTaxiiError,
  at,
  body,
  idsOf,
  newIndicator,
  newMalware,
  newVersion,
  objectsOf,
  peerRequest,
  postObjects,
  sendSigned,
  type Client,
  type Json,
} from './test-kit.js';

const T1 = '2026-02-01T00:00:00.000Z';
const RED_IDS = new Set([TLP2_MARKING_IDS.red, TLP1_MARKING_IDS.red]);

forEachNodeBackend('TAXII as a partner node sees it', (backend) => {
  let us: TestNode;
  let mx: TestNode;
  let analyst: Client;
  let mxAsPeer: PeerClient;
  const green = newMalware({ tlp: 'green' });
  const amber = newIndicator({ tlp: 'amber' });
  const unmarked = newMalware();
  const red = newIndicator({ tlp: 'red' });
  const redTlp1 = newMalware({ markingRefs: [TLP1_MARKING_IDS.red] });
  const redAmongOthers = newMalware({ markingRefs: [TLP2_MARKING_IDS.green, TLP2_MARKING_IDS.red] });
  /** Green at first; its second version is marked RED. */
  const turnsRed = newMalware({ tlp: 'green' });
  const turnsRedV2: StixObject = { ...newVersion(turnsRed, T1), object_marking_refs: [TLP2_MARKING_IDS.red] };
  const fromMx = [newMalware({ name: 'Origen MX' }), newIndicator({ name: 'Indicador MX' })];
  // turnsRed is hidden whole: the originator's newest marking governs every version of an object.
  const hidden = () => [red, redTlp1, redAmongOthers, turnsRed, ...fromMx].map((o) => o.id);
  let peerStatusId: string;

  before(async () => {
    [us, mx] = await Promise.all([
      startTestNode({ name: 'us', country: 'US', backend }),
      startTestNode({ name: 'mx', country: 'MX', backend }),
    ]);
    await pinPeers(us, mx);
    analyst = taxiiClient(us);
    await postObjects(analyst, us, [green, amber, unmarked, red, redTlp1, redAmongOthers, turnsRed]);
    await postObjects(analyst, us, [turnsRedV2]);
    // Objects the Mexico node originates reach the U.S. node as a partner's TAXII POST.
    const mxAnalyst = taxiiClient(mx);
    await postObjects(mxAnalyst, mx, fromMx);
    const signedByMx = fromMx.map(async (o) => (await mxAnalyst.get(at(mx, `objects/${o.id}/`))).text);
    const bodies = (await Promise.all(signedByMx)).map((t) => JSON.stringify((JSON.parse(t) as { objects: unknown[] }).objects[0]));
    const usPeer = await mx.ctx.store.getPeer('us');
    assert.ok(usPeer);
    mxAsPeer = new PeerClient(mx.ctx, usPeer);
    const status = await mxAsPeer.postObjects(us.collectionId, bodies);
    assert.equal(status.success_count, 2, JSON.stringify(status));
    peerStatusId = status.id;
  });
  after(() => Promise.all([us?.close(), mx?.close()]));

  function assertReleasable(objects: Json[]): void {
    for (const o of objects) {
      assert.ok(!hidden().includes(String(o.id)), `${String(o.id)} must not reach the partner`);
      const refs = (o.object_marking_refs ?? []) as string[];
      assert.ok(!refs.some((r) => RED_IDS.has(r)), `${String(o.id)} is not TLP:RED`);
      const sig = (o.extensions as Record<string, { signer?: string }> | undefined)?.[SIGNATURE_EXTENSION_ID];
      assert.notEqual(sig?.signer, mx.ctx.identity.id, 'the partner is never sent its own objects');
    }
  }

  it('the node’s own accounts see everything, RED and the partner’s objects included', async () => {
    const ids = idsOf(await analyst.get(at(us, 'objects/?match[version]=all')));
    for (const id of hidden()) assert.ok(ids.includes(id), id);
  });

  it('objects, as the sync client pulls them (every version), hold no RED and none of the partner’s own', async () => {
    const page = await mxAsPeer.objectsPage(us.collectionId, { limit: 1000 });
    const objects = page.objects as Json[];
    assertReleasable(objects);
    const ids = objects.map((o) => o.id);
    for (const o of [green, amber, unmarked]) assert.ok(ids.includes(o.id), `${o.id} is releasable`);
    assert.ok(!objects.some((o) => o.id === turnsRed.id), 'no version of an object now marked RED goes');
  });

  it('objects paged with limit and next hold no RED and none of the partner’s own', async () => {
    const pages: Json[] = [];
    let next: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page = await mxAsPeer.objectsPage(us.collectionId, { limit: 2, next });
      pages.push(...(page.objects as Json[]));
      if (!page.more) break;
      next = page.next;
    }
    assertReleasable(pages);
    assert.equal(new Set(pages.map((o) => `${String(o.id)}@${String(o.modified)}`)).size, pages.length, 'each version once');
  });

  it('objects with the default filter hold no RED and none of the partner’s own', async () => {
    const r = await peerRequest(mx, us, 'GET', at(us, 'objects/'));
    assert.equal(r.status, 200);
    assertReleasable(objectsOf(r));
    assert.ok(!objectsOf(r).some((o) => o.modified === T1 && o.id === turnsRed.id));
  });

  it('the manifest lists no RED object and none of the partner’s own', async () => {
    for (const q of ['', '?match[version]=all']) {
      const r = await peerRequest(mx, us, 'GET', at(us, `manifest/${q}`));
      assert.equal(r.status, 200);
      const records = objectsOf(r);
      const ids = records.map((m) => String(m.id));
      for (const id of hidden()) assert.ok(!ids.includes(id), id);
      assert.ok(!records.some((m) => m.id === turnsRed.id && m.version === T1));
      assert.ok(ids.includes(green.id));
    }
  });

  it('asking for a RED object or one of the partner’s own by id is 404, as if absent', async () => {
    for (const id of hidden()) {
      for (const suffix of [`objects/${id}/`, `objects/${id}/?match[version]=all`, `objects/${id}/versions/`]) {
        const r = await peerRequest(mx, us, 'GET', at(us, suffix));
        assertTaxiiError(r, 404, 'taxii.object-not-found');
      }
    }
    const filtered = await peerRequest(mx, us, 'GET', at(us, `objects/?match[id]=${hidden().join(',')}&match[version]=all`));
    assert.deepEqual(objectsOf(filtered), []);
  });

  it('an object whose newest version is RED is withheld in every version, its earlier GREEN one included', async () => {
    for (const q of ['?match[version]=all', `?match[version]=${turnsRed.modified}`, '?match[version]=first', `?match[version]=${T1}`]) {
      assertTaxiiError(await peerRequest(mx, us, 'GET', at(us, `objects/${turnsRed.id}/${q}`)), 404, 'taxii.object-not-found');
    }
    assertTaxiiError(await peerRequest(mx, us, 'GET', at(us, `objects/${turnsRed.id}/versions/`)), 404, 'taxii.object-not-found');
    // The node's own analysts still see both versions.
    const own = await analyst.get(at(us, `objects/${turnsRed.id}/versions/`));
    assert.deepEqual(body(own).versions, [turnsRed.modified, T1]);
  });

  it('a releasable object is served to the partner, signed by its originator', async () => {
    const r = await peerRequest(mx, us, 'GET', at(us, `objects/${green.id}/`));
    assert.equal(r.status, 200);
    const o = objectsOf(r)[0] as Json;
    assert.equal(o.id, green.id);
    const sig = (o.extensions as Record<string, { signer?: string }>)[SIGNATURE_EXTENSION_ID];
    assert.equal(sig?.signer, us.ctx.identity.id);
  });

  it('the partner reads back the status of its own POST; local accounts cannot', async () => {
    const r = await peerRequest(mx, us, 'GET', `/enlace/status/${peerStatusId}/`);
    assert.equal(r.status, 200);
    assert.equal(body(r).success_count, 2);
    assertTaxiiError(await analyst.get(`/enlace/status/${peerStatusId}/`), 404);
  });

  it('a partner may not delete (403)', async () => {
    assertTaxiiError(await peerRequest(mx, us, 'DELETE', at(us, `objects/${green.id}/`)), 403);
    assert.equal((await analyst.get(at(us, `objects/${green.id}/`))).status, 200);
  });

  it('a partner posting an unsigned object gets a failure saying it is unsigned', async () => {
    const obj = newMalware();
    const r = await peerRequest(mx, us, 'POST', at(us, 'objects/'), JSON.stringify({ objects: [obj] }));
    assert.equal(r.status, 202);
    assert.match(String((body(r).failures as Json[])[0]?.message), /signature/);
    assertTaxiiError(await analyst.get(at(us, `objects/${obj.id}/`)), 404);
  });

  it('junk signature headers are 401', async () => {
    const r = await sendSigned(us.url + at(us, 'objects/'), 'GET', {
      accept: TAXII,
      'signature-input': 'enlace=("@method");keyid="x"',
      signature: 'enlace=:AAAA:',
    });
    assertTaxiiError(r, 401, 'auth.peer-signature');
    assert.equal(objectsOf(r).length, 0);
  });

  it('a well-formed signature by a key nobody pinned is 401', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const url = us.url + at(us, 'objects/');
    const signed = signRequest({ method: 'GET', url, headers: { accept: TAXII }, keyId: 'f'.repeat(64), privateKey });
    assertTaxiiError(await sendSigned(url, 'GET', { accept: TAXII, ...signed }), 401, 'auth.peer-signature');
  });

  it('the partner’s key id with a signature made by another key is 401', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const url = us.url + at(us, 'objects/');
    const signed = signRequest({ method: 'GET', url, headers: { accept: TAXII }, keyId: mx.ctx.identity.fingerprint, privateKey });
    assertTaxiiError(await sendSigned(url, 'GET', { accept: TAXII, ...signed }), 401, 'auth.peer-signature');
  });

  it('a genuine signature replayed is 401 the second time', async () => {
    const url = us.url + at(us, 'objects/');
    const signed = signRequest({
      method: 'GET',
      url,
      headers: { accept: TAXII },
      keyId: mx.ctx.identity.fingerprint,
      privateKey: mx.ctx.privateKey,
    });
    assert.equal((await sendSigned(url, 'GET', { accept: TAXII, ...signed })).status, 200);
    assertTaxiiError(await sendSigned(url, 'GET', { accept: TAXII, ...signed }), 401, 'auth.peer-signature');
  });

  it('a genuine signature on another URL, or an old one, is 401', async () => {
    const signedFor = us.url + at(us, 'objects/');
    const signed = signRequest({
      method: 'GET',
      url: signedFor,
      headers: { accept: TAXII },
      keyId: mx.ctx.identity.fingerprint,
      privateKey: mx.ctx.privateKey,
    });
    assertTaxiiError(await sendSigned(us.url + at(us, 'manifest/'), 'GET', { accept: TAXII, ...signed }), 401);
    const stale = signRequest({
      method: 'GET',
      url: signedFor,
      headers: { accept: TAXII },
      keyId: mx.ctx.identity.fingerprint,
      privateKey: mx.ctx.privateKey,
      created: Math.floor(Date.now() / 1000) - 3600,
      nonce: randomUUID(),
    });
    assertTaxiiError(await sendSigned(signedFor, 'GET', { accept: TAXII, ...stale }), 401);
  });

  it('a signed POST whose body was changed after signing is 401, and nothing is stored', async () => {
    const url = us.url + at(us, 'objects/');
    const headers = { accept: TAXII, 'content-type': TAXII };
    const signedBody = JSON.stringify({ objects: [] });
    const signed = signRequest({
      method: 'POST',
      url,
      headers,
      body: signedBody,
      keyId: mx.ctx.identity.fingerprint,
      privateKey: mx.ctx.privateKey,
    });
    const obj = newMalware();
    assertTaxiiError(await sendSigned(url, 'POST', { ...headers, ...signed }, JSON.stringify({ objects: [obj] })), 401);
    assertTaxiiError(await analyst.get(at(us, `objects/${obj.id}/`)), 404);
  });

  it('every page the partner can reach ends, and never repeats', async () => {
    const client = { get: (p: string) => peerRequest(mx, us, 'GET', p) };
    const pages = await allPages(client, at(us, 'manifest/?match[version]=all&limit=3'));
    const seen = pages.flatMap((p) => objectsOf(p).map((m) => `${String(m.id)}@${String(m.version)}`));
    assert.equal(new Set(seen).size, seen.length);
  });
});
