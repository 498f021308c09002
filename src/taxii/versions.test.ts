/**
 * TAXII 2.1 object versions over their life: versions arriving out of order, several in one
 * envelope, deletion of the first or last one, deletion and re-submission, and cyber-observables,
 * which carry no created/modified and are versioned by date_added (manifest, versions, status).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { scoId, type StixObject } from '../stix/index.js';
import { forEachNodeBackend, startTestNode, taxiiClient, type TestNode } from '../test-support/nodes.js';
import {
  MICROSECOND_TIMESTAMP,
  assertTaxiiError,
  at,
  body,
  newMalware,
  newVersion,
  objectsOf,
  postObjects,
  type Client,
  type Json,
} from './test-kit.js';

const T1 = '2026-02-01T00:00:00.000Z';
const T2 = '2026-03-01T00:00:00.000Z';

forEachNodeBackend('TAXII versions over an object’s life', (backend) => {
  let node: TestNode;
  let analyst: Client;
  let admin: Client;

  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
    analyst = taxiiClient(node);
    admin = taxiiClient(node, 'admin');
  });
  after(() => node.close());

  async function modifieds(obj: StixObject, version = 'last'): Promise<unknown[]> {
    return objectsOf(await analyst.get(at(node, `objects/${obj.id}/?match[version]=${version}`))).map((o) => o.modified);
  }

  /** Posts three versions of a new object, the newest first. */
  async function threeVersionsOutOfOrder(): Promise<StixObject> {
    const v1 = newMalware();
    await postObjects(analyst, node, [newVersion(v1, T2)]);
    await postObjects(analyst, node, [v1]);
    await postObjects(analyst, node, [newVersion(v1, T1)]);
    return v1;
  }

  it('versions posted out of order: last is the newest modified, first the oldest', async () => {
    const v1 = await threeVersionsOutOfOrder();
    assert.deepEqual(await modifieds(v1), [T2]);
    assert.deepEqual(await modifieds(v1, 'first'), [v1.modified]);
    assert.deepEqual(
      body(await analyst.get(at(node, `objects/${v1.id}/versions/`))).versions,
      [T2, v1.modified, T1],
      'in date_added order',
    );
  });

  it('several versions and a repeat in one envelope: each version stored once, the repeat a success', async () => {
    const v1 = newMalware();
    const v2 = newVersion(v1, T1);
    const { status } = await postObjects(analyst, node, [v1, v2, v2]);
    assert.equal(status.success_count, 3);
    assert.match(String((status.successes as Json[])[2]?.message), /already stored/);
    assert.deepEqual(await modifieds(v1, 'all'), [v1.modified, T1]);
  });

  it('deleting the last version makes the previous one the last', async () => {
    const v1 = await threeVersionsOutOfOrder();
    assert.equal((await admin.delete(at(node, `objects/${v1.id}/?match[version]=last`))).status, 200);
    assert.deepEqual(await modifieds(v1), [T1]);
    assert.deepEqual(await modifieds(v1, 'all'), [v1.modified, T1]);
  });

  it('deleting the first version makes the next one the first', async () => {
    const v1 = await threeVersionsOutOfOrder();
    assert.equal((await admin.delete(at(node, `objects/${v1.id}/?match[version]=first`))).status, 200);
    assert.deepEqual(await modifieds(v1, 'first'), [T1]);
  });

  it('deleting one version by its timestamp leaves the others', async () => {
    const v1 = await threeVersionsOutOfOrder();
    assert.equal((await admin.delete(at(node, `objects/${v1.id}/?match[version]=${T1}`))).status, 200);
    assert.deepEqual(await modifieds(v1, 'all'), [T2, v1.modified], 'in date_added order');
  });

  it('a deleted object can be submitted again, and is served again', async () => {
    const obj = newMalware();
    await postObjects(analyst, node, [obj]);
    assert.equal((await admin.delete(at(node, `objects/${obj.id}/?match[version]=all`))).status, 200);
    assertTaxiiError(await analyst.get(at(node, `objects/${obj.id}/`)), 404);
    const { status } = await postObjects(analyst, node, [obj]);
    assert.equal(status.success_count, 1);
    assert.equal((status.successes as Json[])[0]?.message, undefined, 'added anew, not "already stored"');
    assert.deepEqual(await modifieds(obj), [obj.modified]);
  });

  it('an SCO is versioned by date_added alike in the status, the manifest and the versions endpoint', async () => {
    const value = '198.51.100.23';
    const sco = { type: 'ipv4-addr', spec_version: '2.1', id: scoId('ipv4-addr', { value }), value };
    const { status } = await postObjects(analyst, node, [sco]);
    const announced = (status.successes as Json[])[0]?.version as string;
    assert.match(announced, MICROSECOND_TIMESTAMP);
    const manifest = objectsOf(await analyst.get(at(node, `manifest/?match[id]=${sco.id}`)))[0];
    assert.equal(manifest?.version, announced);
    assert.equal(manifest?.date_added, announced);
    assert.deepEqual(body(await analyst.get(at(node, `objects/${sco.id}/versions/`))).versions, [announced]);
    const again = await postObjects(analyst, node, [sco]);
    assert.equal((again.status.successes as Json[])[0]?.version, announced, 'a duplicate names the stored version');
  });

  it('the version a manifest announces for an SCO selects it with match[version]', async () => {
    const value = '198.51.100.24';
    const sco = { type: 'ipv4-addr', spec_version: '2.1', id: scoId('ipv4-addr', { value }), value };
    await postObjects(analyst, node, [sco]);
    const version = objectsOf(await analyst.get(at(node, `manifest/?match[id]=${sco.id}`)))[0]?.version as string;
    const r = await analyst.get(at(node, `objects/${sco.id}/?match[version]=${version}`));
    assert.equal(r.status, 200, r.text);
    assert.equal(objectsOf(r)[0]?.id, sco.id);
  });
});
