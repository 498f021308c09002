import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import pino from 'pino';
import { buildApp } from '../server/app.js';
import { TAXII_MEDIA_TYPE } from '../taxii/media.js';
import { forEachNodeBackend, readResult, startTestNode, type TestNode } from '../test-support/nodes.js';
import { consoleClient, ok, signedIn, type Json } from './testing.js';

const MINUTE = 60_000;
const GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
const indicator = (name: string) => ({
  type: 'indicator',
  name,
  pattern: "[ipv4-addr:value = '198.51.100.7']",
  object_marking_refs: [GREEN],
});

forEachNodeBackend('console sessions', (backend) => {
  let node: TestNode;
  let now = Date.parse('2026-03-02T10:00:00Z');
  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend, console: { clock: () => now } });
  });
  after(async () => node.close());

  it('signs in with a cookie that scripts cannot read and other sites do not send', async () => {
    const c = consoleClient(node);
    const r = await c.signIn('analyst');
    const body = ok(r);
    const cookie = r.headers.get('set-cookie') ?? '';
    assert.match(cookie, new RegExp(`^enlace_session_${node.ctx.identity.fingerprint.slice(0, 8)}=[A-Za-z0-9_-]{43};`));
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(cookie, /Path=\//);
    assert.doesNotMatch(cookie, /Secure/, 'the test node is served over plain http');
    assert.deepEqual(body.user, {
      username: 'analyst',
      displayName: 'analyst',
      roles: ['analyst'],
      permissions: ['drones:ack', 'drones:read', 'objects:read', 'objects:write', 'status:read'],
      locale: null,
    });
    assert.match(String(body.csrfToken), /^[A-Za-z0-9_-]{43}$/);
    assert.equal(body.expiresAt, new Date(now + 30 * MINUTE).toISOString());
    const again = ok(await c.get('/console/api/session'));
    assert.equal(again.csrfToken, body.csrfToken);
  });

  it('refuses wrong credentials without a cookie, and never asks the browser for Basic credentials', async () => {
    for (const [username, password] of [
      ['analyst', 'wrong-password'],
      ['nobody', 'nobody-password'],
    ] as const) {
      const c = consoleClient(node);
      const r = await c.signIn(username, password);
      assert.equal(r.status, 401);
      assert.equal((r.json as Json).error_code, 'console.bad-credentials');
      assert.equal(r.headers.get('set-cookie'), null);
      assert.equal(r.headers.get('www-authenticate'), null);
    }
    const anonymous = await consoleClient(node).get('/console/api/session');
    assert.equal(anonymous.status, 401);
    assert.equal((anonymous.json as Json).error_code, 'console.session-required');
    assert.equal(anonymous.headers.get('www-authenticate'), null);
  });

  it('signs out: the cookie is cleared and the session is gone everywhere', async () => {
    const c = await signedIn(node, 'analyst');
    const forged = await c.request('DELETE', '/console/api/session', { csrf: false });
    assert.equal(forged.status, 403);
    assert.equal((forged.json as Json).error_code, 'console.csrf');
    const r = await c.request('DELETE', '/console/api/session');
    assert.equal(r.status, 204);
    assert.match(r.headers.get('set-cookie') ?? '', /^enlace_session_[0-9a-f]{8}=;.*Expires=Thu, 01 Jan 1970/);
    assert.equal((await c.get('/console/api/session')).status, 401);
    const api = await c.get('/api/v1/node');
    assert.equal(api.status, 401);
    assert.equal((api.json as Json).error_code, 'console.session-required');
    assert.equal(api.headers.get('www-authenticate'), null, 'no Basic prompt over the console');
  });

  it('ends the session a browser held when it signs in again', async () => {
    const c = await signedIn(node, 'analyst');
    const first = c.cookie;
    ok(await c.signIn('supervisor'));
    assert.notEqual(c.cookie, first);
    assert.equal((ok(await c.get('/console/api/session')).user as Json).username, 'supervisor');
    c.cookie = first;
    assert.equal((await c.get('/console/api/session')).status, 401);
  });

  it('ends a session after 30 idle minutes, and any session 12 hours after sign-in', async () => {
    const idle = await signedIn(node, 'analyst');
    now += 29 * MINUTE;
    ok(await idle.get('/console/api/session'));
    now += 29 * MINUTE;
    ok(await idle.get('/console/api/session'), 200);
    now += 31 * MINUTE;
    assert.equal((await idle.get('/console/api/session')).status, 401);

    const busy = await signedIn(node, 'analyst');
    const started = now;
    while (now < started + 12 * 60 * MINUTE - 20 * MINUTE) {
      now += 20 * MINUTE;
      ok(await busy.get('/console/api/objects?limit=1'));
    }
    const last = ok(await busy.get('/console/api/session'));
    assert.equal(last.expiresAt, new Date(started + 12 * 60 * MINUTE).toISOString());
    now = started + 12 * 60 * MINUTE;
    assert.equal((await busy.get('/console/api/objects?limit=1')).status, 401);
  });

  it('refuses changes without the CSRF token, on the console API and on the node API alike', async () => {
    const c = await signedIn(node, 'admin');
    const path = `/enlace/collections/${node.collectionId}/objects/`;
    const taxii = { accept: TAXII_MEDIA_TYPE, 'content-type': TAXII_MEDIA_TYPE };
    const envelope = JSON.stringify({
      objects: [
        {
          ...indicator('via TAXII'),
          type: 'indicator',
          spec_version: '2.1',
          id: 'indicator--7c0d1b8e-2a3f-4f4e-9b1a-5c6d7e8f9a0b',
          created: '2026-03-01T00:00:00.000Z',
          modified: '2026-03-01T00:00:00.000Z',
          valid_from: '2026-03-01T00:00:00.000Z',
          pattern_type: 'stix',
        },
      ],
    });
    const attempts: [string, () => Promise<{ status: number; json: unknown }>][] = [
      ['console create, no token', () => c.request('POST', '/console/api/objects', { body: indicator('x'), csrf: false })],
      [
        'console create, wrong token',
        () => c.request('POST', '/console/api/objects', { body: indicator('x'), csrf: false, headers: { 'x-csrf-token': 'A'.repeat(43) } }),
      ],
      ['node API sync', () => c.request('POST', '/api/v1/sync', { csrf: false })],
      ['TAXII add objects', () => c.request('POST', path, { raw: envelope, headers: taxii, csrf: false })],
      ['release policy', () => c.request('PUT', '/api/v1/release/policy', { body: { unmarked_as: 'amber' }, csrf: false })],
    ];
    for (const [what, attempt] of attempts) {
      const r = await attempt();
      assert.equal(r.status, 403, what);
      assert.equal((r.json as Json).error_code, 'console.csrf', what);
    }
    ok(await c.post('/console/api/objects', indicator('with token')), 201);
    const stored = await c.request('POST', path, { raw: envelope, headers: taxii });
    assert.equal(stored.status, 202, stored.text);
    assert.equal((stored.json as Json).success_count, 1);
  });

  it('is accepted by the node API and TAXII as the account itself, with its permissions', async () => {
    const analyst = await signedIn(node, 'analyst');
    ok(await analyst.get('/api/v1/node'));
    ok(await analyst.request('GET', `/enlace/collections/${node.collectionId}/objects/`, { headers: { accept: TAXII_MEDIA_TYPE } }));
    const forbidden = await analyst.get('/api/v1/release/policy');
    assert.equal(forbidden.status, 403, 'an analyst holds no policy:read');
    const supervisor = await signedIn(node, 'supervisor');
    ok(await supervisor.get('/api/v1/release/policy'));
    ok(await supervisor.get('/api/v1/audit/access'));
  });

  it('pauses sign-in after five failures for a username from one address, then lets it in again', async () => {
    const c = consoleClient(node);
    for (let i = 0; i < 5; i++) assert.equal((await c.signIn('supervisor', 'not-the-password')).status, 401);
    const limited = await c.signIn('supervisor');
    assert.equal(limited.status, 429, 'even the right password waits');
    assert.equal((limited.json as Json).error_code, 'console.rate-limited');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    ok(await consoleClient(node).signIn('admin'), 200);
    now += 61_000;
    ok(await c.signIn('supervisor'));
  });

  it('remembers the language per account and answers errors in it', async () => {
    const c = await signedIn(node, 'supervisor', { lang: 'en-US' });
    assert.equal((await c.request('PUT', '/console/api/me/locale', { body: { locale: 'es-MX' } })).status, 204);
    assert.equal((ok(await c.get('/console/api/session')).user as Json).locale, 'es-MX');
    const refused = await c.post('/console/api/objects', indicator('x'));
    assert.equal(refused.status, 403);
    assert.match(String((refused.json as Json).title), /Su cuenta no tiene permiso/);
    assert.equal((await c.request('PUT', '/console/api/me/locale', { body: { locale: 'fr' } })).status, 400);
    assert.equal((await c.request('PUT', '/console/api/me/locale', { body: { locale: 'en' } })).status, 204);
  });

  it('ends the sessions of an account an administrator disables', async () => {
    const admin = await signedIn(node, 'admin');
    ok(await admin.post('/console/api/accounts', { username: 'temp', password: 'temp-password', roles: ['analyst'] }), 201);
    const temp = await signedIn(node, 'temp');
    ok(await admin.request('PATCH', '/console/api/accounts/temp', { body: { disabled: true } }));
    assert.equal((await temp.get('/console/api/session')).status, 401);
    assert.equal((await consoleClient(node).signIn('temp')).status, 401);
  });
});

forEachNodeBackend('console sessions of two nodes on one host', (backend) => {
  it('keeps each node its own cookie, as a browser with both consoles open sends both', async () => {
    const us = await startTestNode({ name: 'us', country: 'US', backend });
    const mx = await startTestNode({ name: 'mx', country: 'MX', backend });
    try {
      const onUs = await signedIn(us, 'analyst');
      const onMx = await signedIn(mx, 'admin');
      assert.notEqual(onUs.cookie?.split('=')[0], onMx.cookie?.split('=')[0]);
      const jar = `${onUs.cookie}; ${onMx.cookie}`;
      onUs.cookie = jar;
      onMx.cookie = jar;
      assert.equal((ok(await onUs.get('/console/api/session')).user as Json).username, 'analyst');
      assert.equal((ok(await onMx.get('/console/api/session')).user as Json).username, 'admin');
      ok(await onMx.post('/console/api/objects', indicator('both cookies sent')), 201);
    } finally {
      await us.close();
      await mx.close();
    }
  });
});

forEachNodeBackend('console cookie over https', (backend) => {
  it('marks the cookie Secure when the node is served over https', async () => {
    const node = await startTestNode({ name: 'us', country: 'US', backend });
    const ctx = { ...node.ctx, config: { ...node.ctx.config, http: { ...node.ctx.config.http, publicUrl: 'https://us.example.org' } } };
    const app = await buildApp({ ...ctx, log: pino({ level: 'silent' }) });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const r = await readResult(
        await fetch(`http://127.0.0.1:${port}/console/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'analyst', password: 'analyst-password' }),
        }),
      );
      assert.equal(r.status, 200);
      assert.match(r.headers.get('set-cookie') ?? '', /; Secure/);
    } finally {
      await app.close();
      await node.close();
    }
  });
});
