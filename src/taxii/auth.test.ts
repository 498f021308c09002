/**
 * TAXII 2.1 authentication and authorisation (sections 1.6.6, 3.6): 401 with WWW-Authenticate for
 * missing or rejected credentials, API tokens as Bearer or as the Basic password, 403 for an
 * account without the permission, and no object data in either answer.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { issueApiToken } from '../accounts/service.js';
import { forEachNodeBackend, startTestNode, taxiiClient, type TestNode } from '../test-support/nodes.js';
import { assertTaxiiError, at, basic, newMalware, objectsOf, postObjects, type Client } from './test-kit.js';

forEachNodeBackend('TAXII authentication and permissions', (backend) => {
  let node: TestNode;
  let analyst: Client;
  let anonymous: Client;
  let toolToken: string;
  const secret = newMalware({ name: 'Must not leak' });

  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
    analyst = taxiiClient(node);
    anonymous = taxiiClient(node, null);
    await postObjects(analyst, node, [secret]);
    const tool = await node.ctx.store.getAccountByUsername('tool');
    assert.ok(tool);
    toolToken = await issueApiToken(node.ctx.store, tool.id, 'conformance test');
  });
  after(() => node.close());

  /** Every TAXII endpoint, so that none is left open by mistake. */
  function endpoints(): { method: 'GET' | 'POST' | 'DELETE'; path: string }[] {
    return [
      { method: 'GET', path: '/taxii2/' },
      { method: 'GET', path: '/enlace/' },
      { method: 'GET', path: '/enlace/collections/' },
      { method: 'GET', path: at(node) },
      { method: 'GET', path: at(node, 'objects/') },
      { method: 'GET', path: at(node, 'manifest/') },
      { method: 'GET', path: at(node, `objects/${secret.id}/`) },
      { method: 'GET', path: at(node, `objects/${secret.id}/versions/`) },
      { method: 'GET', path: '/enlace/status/2f0bd8a4-3b0e-4d8f-a4f9-6c1f2f0b9c11/' },
      { method: 'POST', path: at(node, 'objects/') },
      { method: 'DELETE', path: at(node, `objects/${secret.id}/`) },
    ];
  }

  function assertNoObjectData(text: string): void {
    assert.ok(!text.includes(secret.id), 'no object id');
    assert.ok(!text.includes('Must not leak'), 'no object content');
  }

  it('no credentials: 401 with WWW-Authenticate on every endpoint, and no object data', async () => {
    for (const { method, path } of endpoints()) {
      const r = await anonymous.request(method, path, method === 'POST' ? { body: JSON.stringify({ objects: [newMalware()] }) } : {});
      assertTaxiiError(r, 401, 'auth.required');
      assert.match(r.headers.get('www-authenticate') ?? '', /Basic/, `${method} ${path}`);
      assertNoObjectData(r.text);
    }
  });

  it('a wrong password, an unknown user or a malformed Basic value is 401', async () => {
    for (const authorization of [
      basic('analyst', 'wrong-password'),
      basic('nobody'),
      basic('analyst', ''),
      'Basic ' + Buffer.from('analyst-password').toString('base64'),
      'Basic !!!not-base64!!!',
      'Basic',
      'Digest username="analyst"',
    ]) {
      const r = await analyst.get(at(node, 'objects/'), { authorization });
      assertTaxiiError(r, 401);
      assert.ok(r.headers.get('www-authenticate'), 'WWW-Authenticate says how to sign in');
      assertNoObjectData(r.text);
    }
  });

  it('an unknown or malformed bearer token is 401', async () => {
    for (const authorization of ['Bearer enl_not-a-real-token', 'Bearer ', 'Bearer ' + 'x'.repeat(5000), `Bearer ${toolToken}x`]) {
      const r = await analyst.get(at(node, 'objects/'), { authorization });
      assertTaxiiError(r, 401);
      assertNoObjectData(r.text);
    }
  });

  it('an API token works as a Bearer token', async () => {
    const r = await analyst.get(at(node, `objects/${secret.id}/`), { authorization: `Bearer ${toolToken}` });
    assert.equal(r.status, 200);
    assert.equal(objectsOf(r)[0]?.id, secret.id);
  });

  it('an API token works as the Basic password of its own account, and of no other', async () => {
    const ok = await analyst.get(at(node, `objects/${secret.id}/`), { authorization: basic('tool', toolToken) });
    assert.equal(ok.status, 200);
    assertTaxiiError(await analyst.get(at(node, 'objects/'), { authorization: basic('analyst', toolToken) }), 401);
  });

  it('a supervisor posting is 403 naming the collection, and nothing is stored', async () => {
    const obj = newMalware();
    const r = await taxiiClient(node, 'supervisor').post(at(node, 'objects/'), { objects: [obj] });
    const e = assertTaxiiError(r, 403, 'taxii.cannot-write');
    assert.match(e.title as string, new RegExp(node.collectionId));
    assertTaxiiError(await analyst.get(at(node, `objects/${obj.id}/`)), 404);
  });

  it('an analyst or a connector deleting is 403, and the object stays', async () => {
    for (const user of ['analyst', 'tool', 'supervisor']) {
      const r = await taxiiClient(node, user).delete(at(node, `objects/${secret.id}/`));
      assertTaxiiError(r, 403, 'auth.forbidden');
      assertNoObjectData(r.text);
    }
    assert.equal(objectsOf(await analyst.get(at(node, `objects/${secret.id}/`))).length, 1);
  });

  it('a supervisor reads what an analyst reads', async () => {
    const r = await taxiiClient(node, 'supervisor').get(at(node, `objects/${secret.id}/`));
    assert.equal(r.status, 200);
  });

  it('credentials are checked before the body: an unauthenticated POST of bad JSON is 401, not 400', async () => {
    assertTaxiiError(await anonymous.post(at(node, 'objects/'), '{not json'), 401);
  });
});
