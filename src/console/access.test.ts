import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachNodeBackend, startTestNode, type TestNode } from '../test-support/nodes.js';
import { sessionCookieName } from './sessions.js';
import { consoleClient, ok, signedIn, type Json } from './testing.js';

const GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
const SOME_ID = 'indicator--7c0d1b8e-2a3f-4f4e-9b1a-5c6d7e8f9a0b';

/** Every console API route, with a body that would be accepted from someone allowed. */
const ROUTES: [method: string, path: string, body?: unknown][] = [
  ['GET', '/console/api/session'],
  ['DELETE', '/console/api/session'],
  ['PUT', '/console/api/me/locale', { locale: 'es-MX' }],
  ['GET', '/console/api/overview'],
  ['GET', '/console/api/objects'],
  ['GET', '/console/api/objects?q=courier&type=indicator'],
  ['GET', `/console/api/objects/${SOME_ID}`],
  ['POST', '/console/api/objects', { type: 'indicator', name: 'x', pattern: "[ipv4-addr:value = '1.2.3.4']" }],
  ['POST', `/console/api/objects/${SOME_ID}/notes`, { content: 'x' }],
  ['POST', `/console/api/objects/${SOME_ID}/revoke`],
  ['GET', '/console/api/accounts'],
  ['POST', '/console/api/accounts', { username: 'new-one', password: 'new-one-password', roles: ['analyst'] }],
  ['PATCH', '/console/api/accounts/analyst', { disabled: true }],
  ['GET', '/console/api/no-such-thing'],
  ['POST', '/console/api/no-such-thing', {}],
];

forEachNodeBackend('console access', (backend) => {
  let node: TestNode;
  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
  });
  after(async () => node.close());

  it('answers no console API route without a session, not even with a forged or stale cookie', async () => {
    const name = sessionCookieName(node.ctx.identity.fingerprint);
    const cookies = [undefined, `${name}=${'A'.repeat(43)}`, `${name}=not-even-the-right-shape`, `enlace_session=${'A'.repeat(43)}`];
    for (const cookie of cookies) {
      for (const [method, path, body] of ROUTES) {
        const c = consoleClient(node);
        c.cookie = cookie ?? null;
        const r = await c.request(method, path, body === undefined ? {} : { body });
        assert.equal(r.status, 401, `${method} ${path} with ${cookie ?? 'no cookie'}: ${r.text}`);
        assert.equal((r.json as Json).error_code, 'console.session-required');
        assert.equal(r.headers.get('www-authenticate'), null);
        assert.ok(!r.text.includes('indicator--') || r.text.includes(SOME_ID) === false);
      }
    }
    const signIn = await consoleClient(node).signIn('analyst');
    assert.equal(signIn.status, 200, 'sign-in itself needs no session');
  });

  it('lets each role do what its permissions allow, and nothing more', async () => {
    const analyst = await signedIn(node, 'analyst');
    const supervisor = await signedIn(node, 'supervisor');
    const tool = await signedIn(node, 'tool');
    const admin = await signedIn(node, 'admin');
    const created = ok(
      await analyst.post('/console/api/objects', {
        type: 'indicator',
        name: 'analyst made',
        pattern: "[ipv4-addr:value = '1.2.3.4']",
        object_marking_refs: [GREEN],
      }),
      201,
    );
    const id = String(created.id);

    const expect = async (c: typeof analyst, method: string, path: string, status: number, body?: unknown) => {
      const r = await c.request(method, path, body === undefined ? {} : { body });
      assert.equal(r.status, status, `${method} ${path}: ${r.text.slice(0, 300)}`);
      if (status === 403) assert.equal((r.json as Json).error_code, 'auth.forbidden');
      return r;
    };
    await expect(supervisor, 'POST', '/console/api/objects', 403, { type: 'note', content: 'x', object_refs: [id] });
    await expect(supervisor, 'POST', `/console/api/objects/${id}/notes`, 403, { content: 'x' });
    await expect(analyst, 'POST', `/console/api/objects/${id}/revoke`, 403);
    await expect(supervisor, 'POST', `/console/api/objects/${id}/revoke`, 403);
    await expect(tool, 'GET', '/console/api/overview', 403);
    for (const c of [analyst, supervisor, tool]) {
      await expect(c, 'GET', '/console/api/accounts', 403);
      await expect(c, 'POST', '/console/api/accounts', 403, { username: 'sneaky', password: 'sneaky-password', roles: ['admin'] });
      await expect(c, 'PATCH', '/console/api/accounts/admin', 403, { disabled: true });
    }
    await expect(supervisor, 'GET', `/console/api/objects/${id}`, 200);
    await expect(analyst, 'GET', '/console/api/overview', 200);

    const detail = ok(await analyst.get(`/console/api/objects/${id}`));
    assert.deepEqual(detail.actions, { note: true, propose: false, revoke: false, release: false });
    const asAdmin = ok(await admin.get(`/console/api/objects/${id}`));
    assert.deepEqual(asAdmin.actions, { note: true, propose: false, revoke: true, release: true });
    const revoked = ok(await admin.post(`/console/api/objects/${id}/revoke`));
    assert.equal(revoked.id, id);
    const after = ok(await admin.get(`/console/api/objects/${id}`));
    assert.equal((after.item as Json).revoked, true);
    assert.equal((after.actions as Json).revoke, false);
    assert.equal((after.versions as Json[]).length, 2);
    const again = await admin.post(`/console/api/objects/${id}/revoke`);
    assert.equal(again.status, 409);
    assert.equal((again.json as Json).error_code, 'object.revoked');
  });

  it('lets administrators manage accounts, but never lock themselves out', async () => {
    const admin = await signedIn(node, 'admin');
    const made = ok(
      await admin.post('/console/api/accounts', {
        username: 'liaison-1',
        password: 'liaison-1-password',
        displayName: 'Liaison One',
        roles: ['liaison'],
      }),
      201,
    );
    assert.deepEqual((made.account as Json).roles, ['liaison']);
    const liaison = await signedIn(node, 'liaison-1');
    assert.ok(((ok(await liaison.get('/console/api/session')).user as Json).permissions as string[]).includes('policy:read'));
    ok(await admin.request('PATCH', '/console/api/accounts/liaison-1', { body: { roles: ['analyst'] } }));
    const perms = (ok(await liaison.get('/console/api/session')).user as Json).permissions as string[];
    assert.ok(!perms.includes('policy:read'), 'a role change applies from the next request');
    const list = ok(await admin.get('/console/api/accounts')).accounts as Json[];
    assert.ok(list.some((a) => a.username === 'liaison-1' && a.displayName === 'Liaison One'));
    assert.ok(list.every((a) => !('passwordHash' in a)));

    const self = await admin.request('PATCH', '/console/api/accounts/admin', { body: { disabled: true } });
    assert.equal(self.status, 409);
    assert.equal((self.json as Json).error_code, 'console.own-account');
    assert.equal((await admin.request('PATCH', '/console/api/accounts/admin', { body: { roles: ['analyst'] } })).status, 409);
    assert.equal((await admin.request('PATCH', '/console/api/accounts/nobody', { body: { disabled: true } })).status, 404);
    const dup = await admin.post('/console/api/accounts', { username: 'liaison-1', password: 'liaison-1-password', roles: ['liaison'] });
    assert.equal(dup.status, 409);
    assert.equal((dup.json as Json).error_code, 'account.exists');
  });
});
