/**
 * TAXII 2.1 conformance: Add Objects and the status resource (5.4, 4.3), Get Objects (5.3),
 * Get / Delete An Object (5.5, 5.6), Get Object Versions (5.7), Get Object Manifests (5.2), and
 * Enlace's signing of what local accounts submit.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { fingerprintOfKey, signObject, verifyObjectSignature } from '../crypto/index.js';
import { SIGNATURE_EXTENSION_ID, type StixObject } from '../stix/index.js';
import { validateWithOfficialSchemas } from '../stix/official-schemas.js';
import { forEachNodeBackend, startTestNode, taxiiClient, type TestNode } from '../test-support/nodes.js';
import {
  MICROSECOND_TIMESTAMP,
  STIX,
  assertTaxiiError,
  assertTaxiiType,
  at,
  body,
  idsOf,
  newIndicator,
  newMalware,
  newVersion,
  objectsOf,
  postObjects,
  type Client,
  type Json,
} from './test-kit.js';

const T1 = '2026-02-01T00:00:00.000Z';
const T2 = '2026-03-01T00:00:00.000Z';

forEachNodeBackend('TAXII objects, object, versions, manifest and status', (backend) => {
  let node: TestNode;
  let analyst: Client;
  let admin: Client;
  /** An object with three versions, each posted on its own. */
  const versioned = newMalware({ name: 'Versioned' });
  const posted = [newIndicator(), newMalware(), newIndicator({ tlp: 'amber' })];
  let firstStatus: Json;

  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
    analyst = taxiiClient(node);
    admin = taxiiClient(node, 'admin');
    firstStatus = (await postObjects(analyst, node, posted)).status;
    await postObjects(analyst, node, [versioned]);
    await postObjects(analyst, node, [newVersion(versioned, T1)]);
    await postObjects(analyst, node, [newVersion(versioned, T2)]);
  });
  after(() => node.close());

  it('POST is answered 202 with a complete status resource listing each success by id and version', () => {
    assert.equal(typeof firstStatus.id, 'string');
    assert.equal(firstStatus.status, 'complete');
    assert.equal(firstStatus.total_count, 3);
    assert.equal(firstStatus.success_count, 3);
    assert.equal(firstStatus.failure_count, 0);
    assert.equal(firstStatus.pending_count, 0);
    assert.match(firstStatus.request_timestamp as string, MICROSECOND_TIMESTAMP);
    const successes = firstStatus.successes as Json[];
    assert.deepEqual(
      successes.map((s) => s.id),
      posted.map((o) => o.id),
    );
    assert.deepEqual(
      successes.map((s) => s.version),
      posted.map((o) => o.modified),
    );
  });

  it('the status can be read back by the account that posted, and equals the POST answer', async () => {
    const r = await analyst.get(`/enlace/status/${String(firstStatus.id)}/`);
    assert.equal(r.status, 200);
    assertTaxiiType(r);
    assert.deepEqual(body(r), firstStatus);
  });

  it('another account cannot read that status (404, no content)', async () => {
    for (const user of ['admin', 'supervisor', 'tool']) {
      const r = await taxiiClient(node, user).get(`/enlace/status/${String(firstStatus.id)}/`);
      assertTaxiiError(r, 404, 'taxii.status-not-found');
      for (const o of posted) assert.ok(!r.text.includes(o.id));
    }
  });

  it('objects posted by a local account come back signed by the node, and the signature verifies', async () => {
    const r = await analyst.get(at(node, 'objects/?match[id]=' + posted.map((o) => o.id).join(',')));
    const back = objectsOf(r);
    assert.equal(back.length, posted.length);
    for (const o of back) {
      const sig = (o.extensions as Record<string, Record<string, unknown>>)[SIGNATURE_EXTENSION_ID];
      assert.ok(sig, `${String(o.id)} carries the signature extension`);
      assert.equal(sig.signer, node.ctx.identity.id);
      assert.equal(sig.key_fingerprint, node.ctx.identity.fingerprint);
      const check = verifyObjectSignature(o, (fp, signer) => node.ctx.keyring.resolve(fp, signer));
      assert.ok(check.ok, JSON.stringify(check));
      const sent = posted.find((p) => p.id === o.id);
      const { extensions: _ignored, ...unsigned } = o;
      assert.deepEqual(unsigned, sent, 'apart from the signature, the object is what was posted');
    }
  });

  it('every object the node serves validates against the official STIX 2.1 JSON schemas', async () => {
    const all = objectsOf(await analyst.get(at(node, 'objects/?match[version]=all')));
    assert.ok(all.length >= posted.length + 4, 'the node identity, the posted objects and every version');
    for (const o of all) assert.deepEqual(validateWithOfficialSchemas(o), [], `${String(o.id)}`);
  });

  it('an exact duplicate is a success ("already stored") and is not stored twice', async () => {
    const { status } = await postObjects(analyst, node, [posted[0]]);
    assert.equal(status.success_count, 1);
    assert.equal(status.failure_count, 0);
    const s = (status.successes as Json[])[0];
    assert.equal(s?.id, posted[0]?.id);
    assert.match(String(s?.message), /already stored/);
    const versions = body(await analyst.get(at(node, `objects/${posted[0]?.id}/versions/`))).versions;
    assert.deepEqual(versions, [posted[0]?.modified]);
  });

  it('a mixed envelope: valid objects succeed, the invalid one is a failure naming it and why, and is not stored', async () => {
    const good = newMalware();
    const bad = { ...newIndicator(), pattern_type: undefined, valid_from: 'not-a-date' };
    const { status } = await postObjects(analyst, node, [good, bad]);
    assert.equal(status.total_count, 2);
    assert.equal(status.success_count, 1);
    assert.equal(status.failure_count, 1);
    const failure = (status.failures as Json[])[0];
    assert.equal(failure?.id, bad.id);
    assert.equal(failure?.version, bad.modified);
    assert.match(String(failure?.message), /valid_from|pattern_type/, 'the message names the faulty property');
    assertTaxiiError(await analyst.get(at(node, `objects/${bad.id}/`)), 404, 'taxii.object-not-found');
    assert.ok(!idsOf(await analyst.get(at(node, 'manifest/'))).includes(bad.id));
    assert.equal(objectsOf(await analyst.get(at(node, `objects/${good.id}/`))).length, 1);
  });

  it('status messages are written in the poster’s language (Accept-Language: es-MX)', async () => {
    const bad = { ...newMalware(), created: 'ayer' };
    const r = await analyst.post(at(node, 'objects/'), { objects: [posted[0], bad] }, { 'accept-language': 'es-MX' });
    assert.equal(r.status, 202);
    const status = body(r);
    assert.equal((status.successes as Json[])[0]?.message, 'ya estaba almacenado');
    assert.match(String((status.failures as Json[])[0]?.message), /no es STIX 2\.1 válido/);
  });

  it('a failure without any id is named by its position in the envelope', async () => {
    const { status } = await postObjects(analyst, node, [newMalware(), 42, { type: 'malware' }]);
    const ids = (status.failures as Json[]).map((f) => f.id);
    assert.deepEqual(ids, ['(object #1)', '(object #2)']);
  });

  it('an empty envelope is accepted with a status of zero objects', async () => {
    const { status } = await postObjects(analyst, node, []);
    assert.equal(status.total_count, 0);
    assert.equal(status.success_count, 0);
    assert.equal(status.failure_count, 0);
  });

  it('another object with the same id and version is a failure (conflict), the stored one is unchanged', async () => {
    const original = posted[1] as StixObject;
    const changed = { ...original, name: 'Something else' };
    const { status } = await postObjects(analyst, node, [changed]);
    assert.equal(status.failure_count, 1);
    assert.match(String((status.failures as Json[])[0]?.message), /same id and version/);
    const stored = objectsOf(await analyst.get(at(node, `objects/${original.id}/`)))[0];
    assert.equal(stored?.name, original.name);
  });

  it('an object carrying a signature that does not verify is a failure, and is not stored', async () => {
    const signed = objectsOf(await analyst.get(at(node, `objects/${posted[1]?.id}/`)))[0] as Json;
    const forged = { ...signed, modified: T2, name: 'Tampered after signing' };
    const { status } = await postObjects(analyst, node, [forged]);
    assert.equal(status.failure_count, 1);
    const failure = (status.failures as Json[])[0];
    assert.equal(failure?.id, signed.id);
    assert.match(String(failure?.message), /signature/i);
    assert.deepEqual(body(await analyst.get(at(node, `objects/${String(signed.id)}/versions/`))).versions, [signed.modified]);
  });

  it('an object signed by a key this node has not pinned is a failure naming the signer', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const stranger = `identity--${randomUUID()}`;
    const obj = signObject(newMalware(), { identityId: stranger, privateKey, fingerprint: fingerprintOfKey(publicKey) });
    const { status } = await postObjects(analyst, node, [obj]);
    assert.equal(status.failure_count, 1);
    assert.match(String((status.failures as Json[])[0]?.message), new RegExp(`signed by ${stranger}`));
    assertTaxiiError(await analyst.get(at(node, `objects/${obj.id}/`)), 404);
  });

  it('GET object answers an envelope with the latest version by default', async () => {
    const r = await analyst.get(at(node, `objects/${versioned.id}/`));
    assert.equal(r.status, 200);
    assertTaxiiType(r);
    const env = body(r);
    assert.equal(env.more, false);
    const objs = objectsOf(r);
    assert.equal(objs.length, 1);
    assert.equal(objs[0]?.modified, T2);
  });

  it('GET object with match[version] all / first / a timestamp selects those versions', async () => {
    const modifieds = async (v: string) =>
      objectsOf(await analyst.get(at(node, `objects/${versioned.id}/?match[version]=${v}`))).map((o) => o.modified);
    assert.deepEqual(await modifieds('all'), [versioned.modified, T1, T2]);
    assert.deepEqual(await modifieds('first'), [versioned.modified]);
    assert.deepEqual(await modifieds(T1), [T1]);
    assert.deepEqual(await modifieds(`first,${T2}`), [versioned.modified, T2]);
  });

  it('GET object of an id the collection does not hold is 404', async () => {
    assertTaxiiError(await analyst.get(at(node, `objects/malware--${randomUUID()}/`)), 404, 'taxii.object-not-found');
    assertTaxiiError(
      await analyst.get(at(node, `objects/${versioned.id}/?match[version]=2020-01-01T00:00:00.000Z`)),
      404,
      'taxii.object-not-found',
    );
  });

  it('versions lists every version of an object in date_added order, with the date headers', async () => {
    const r = await analyst.get(at(node, `objects/${versioned.id}/versions/`));
    assert.equal(r.status, 200);
    assertTaxiiType(r);
    const env = body(r);
    assert.equal(env.more, false);
    assert.deepEqual(env.versions, [versioned.modified, T1, T2]);
    const manifest = objectsOf(await analyst.get(at(node, `manifest/?match[id]=${versioned.id}&match[version]=all`)));
    assert.equal(r.headers.get('x-taxii-date-added-first'), manifest[0]?.date_added);
    assert.equal(r.headers.get('x-taxii-date-added-last'), manifest[2]?.date_added);
  });

  it('versions of an id the collection does not hold is 404', async () => {
    assertTaxiiError(await analyst.get(at(node, `objects/malware--${randomUUID()}/versions/`)), 404, 'taxii.object-not-found');
  });

  it('manifest records carry id, date_added (microseconds), version and media_type', async () => {
    const r = await analyst.get(at(node, `manifest/?match[id]=${versioned.id}&match[version]=all`));
    assert.equal(r.status, 200);
    assertTaxiiType(r);
    const records = objectsOf(r);
    assert.deepEqual(
      records.map((m) => m.version),
      [versioned.modified, T1, T2],
    );
    for (const m of records) {
      assert.deepEqual(Object.keys(m).sort(), ['date_added', 'id', 'media_type', 'version']);
      assert.equal(m.id, versioned.id);
      assert.match(m.date_added as string, MICROSECOND_TIMESTAMP);
      assert.equal(m.media_type, STIX);
    }
  });

  it('object and manifest answers carry X-TAXII-Date-Added-First/-Last equal to the page bounds', async () => {
    const manifest = objectsOf(await analyst.get(at(node, `manifest/?match[id]=${versioned.id}&match[version]=all`)));
    const r = await analyst.get(at(node, `objects/${versioned.id}/?match[version]=all`));
    assert.equal(r.headers.get('x-taxii-date-added-first'), manifest[0]?.date_added);
    assert.equal(r.headers.get('x-taxii-date-added-last'), manifest[2]?.date_added);
    const m = await analyst.get(at(node, `manifest/?match[id]=${versioned.id}&match[version]=all`));
    assert.equal(m.headers.get('x-taxii-date-added-first'), manifest[0]?.date_added);
    assert.equal(m.headers.get('x-taxii-date-added-last'), manifest[2]?.date_added);
  });

  it('DELETE with match[version]=first removes only that version', async () => {
    const obj = newMalware();
    await postObjects(analyst, node, [obj]);
    await postObjects(analyst, node, [newVersion(obj, T1)]);
    const r = await admin.delete(at(node, `objects/${obj.id}/?match[version]=first`));
    assert.equal(r.status, 200);
    assertTaxiiType(r);
    assert.deepEqual(body(await analyst.get(at(node, `objects/${obj.id}/versions/`))).versions, [T1]);
  });

  it('DELETE of every version removes the object from objects, object, versions and manifest', async () => {
    const obj = newIndicator();
    await postObjects(analyst, node, [obj]);
    await postObjects(analyst, node, [newVersion(obj, T1)]);
    assert.equal((await admin.delete(at(node, `objects/${obj.id}/?match[version]=all`))).status, 200);
    assertTaxiiError(await analyst.get(at(node, `objects/${obj.id}/`)), 404);
    assertTaxiiError(await analyst.get(at(node, `objects/${obj.id}/versions/`)), 404);
    assert.ok(!idsOf(await analyst.get(at(node, `objects/?match[version]=all&match[id]=${obj.id}`))).includes(obj.id));
    assert.ok(!idsOf(await analyst.get(at(node, `manifest/?match[version]=all&match[id]=${obj.id}`))).includes(obj.id));
  });

  it('DELETE of an object the collection does not hold is 404', async () => {
    assertTaxiiError(await admin.delete(at(node, `objects/malware--${randomUUID()}/`)), 404, 'taxii.object-not-found');
  });
});
