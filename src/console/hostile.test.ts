import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { TLP2_MARKING_IDS } from '../stix/index.js';
import { forEachNodeBackend, readResult, startTestNode, type HttpResult, type TestNode } from '../test-support/nodes.js';
import { NOTE_BODY, OBJECT_BODY, SMALL_BODY } from './http.js';
import { ok, signedIn, type ConsoleClient, type Json } from './testing.js';

const GREEN = TLP2_MARKING_IDS.green;
const valid = { type: 'indicator', name: 'Valid one', pattern: "[ipv4-addr:value = '192.0.2.1']", object_marking_refs: [GREEN] };

forEachNodeBackend('console hostile input', (backend) => {
  let node: TestNode;
  let admin: ConsoleClient;
  let target: string;
  /** Every endpoint that takes a body, with a body it accepts and its size limit. */
  let endpoints: [method: string, path: string, limit: number][];

  const held = async () => {
    let versions = 0;
    for (const c of await node.ctx.store.listCollections()) versions += await node.ctx.store.countVersions(c.id);
    return { versions, accounts: (await node.ctx.store.listAccounts()).length };
  };
  const refused = (r: HttpResult, status: number, what: string, code?: string) => {
    assert.equal(r.status, status, `${what}: ${r.text.slice(0, 300)}`);
    const body = r.json as Json;
    assert.equal(typeof body.title, 'string', what);
    assert.equal(body.http_status, String(status), what);
    if (code) assert.equal(body.error_code, code, what);
  };

  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
    admin = await signedIn(node, 'admin');
    target = String(ok(await admin.post('/console/api/objects', valid), 201).id);
    endpoints = [
      ['POST', '/console/api/session', SMALL_BODY],
      ['PUT', '/console/api/me/locale', SMALL_BODY],
      ['POST', '/console/api/objects', OBJECT_BODY],
      ['POST', `/console/api/objects/${target}/notes`, NOTE_BODY],
      ['POST', `/console/api/objects/${target}/revoke`, SMALL_BODY],
      ['POST', '/console/api/accounts', SMALL_BODY],
      ['PATCH', '/console/api/accounts/analyst', SMALL_BODY],
    ];
  });
  after(async () => node.close());

  it('refuses bodies of the wrong type, malformed, hostile or oversized on every endpoint, storing nothing', async () => {
    const before = await held();
    let deep: unknown = 'x';
    for (let i = 0; i < 300; i++) deep = { a: deep };
    for (const [method, path, limit] of endpoints) {
      const what = `${method} ${path}`;
      const send = (raw: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
        admin.request(method, path, { raw, headers });
      refused(await send('{"locale":"en"}', { 'content-type': 'text/plain' }), 415, `${what} text/plain`, 'http.unsupported-media-type');
      refused(await send('{"locale":"en"}', { 'content-type': 'application/x-www-form-urlencoded' }), 415, `${what} form`);
      refused(await send('{"content": "x",'), 400, `${what} malformed`, 'http.malformed-json');
      refused(await send('[1,2,3]'), 400, `${what} array`);
      refused(await send('"text"'), 400, `${what} string`);
      refused(await send(JSON.stringify(deep)), 400, `${what} deep`);
      refused(await send('{"__proto__":{"admin":true},"content":"x"}'), 400, `${what} prototype key`);
      refused(await send('{"unexpected-field":1}'), 400, `${what} unknown field`);
      refused(await send(Buffer.alloc(limit + 1, 0x20)), 413, `${what} declared too large`, 'http.payload-too-large');
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let sent = 0; sent <= limit; sent += 8192) controller.enqueue(new Uint8Array(8192).fill(0x20));
          controller.close();
        },
      });
      const streamed = await fetch(node.url + path, {
        method,
        body: chunks,
        duplex: 'half',
        headers: { 'content-type': 'application/json', cookie: admin.cookie ?? '', 'x-csrf-token': admin.csrf ?? '' },
      } as RequestInit);
      refused(await readResult(streamed), 413, `${what} streamed too large`, 'http.payload-too-large');
      refused(await admin.request(method, `${path}?debug=1`, { body: {} }), 400, `${what} unknown query parameter`);
    }
    assert.deepEqual(await held(), before, 'nothing half-stored');
  });

  it('refuses objects that are not what a person may create, naming the problem', async () => {
    const before = await held();
    const attempts: [string, unknown][] = [
      ['no type', { name: 'x' }],
      ['bundle', { type: 'bundle', objects: [] }],
      ['relationship', { type: 'relationship', relationship_type: 'uses', source_ref: target, target_ref: target }],
      ['id given', { ...valid, id: 'indicator--7c0d1b8e-2a3f-4f4e-9b1a-5c6d7e8f9a0b' }],
      ['created given', { ...valid, created: '2020-01-01T00:00:00Z' }],
      ['revoked given', { ...valid, revoked: true }],
      ['spec_version given', { ...valid, spec_version: '2.0' }],
      ['someone else as creator', { ...valid, created_by_ref: 'identity--6c1b7d2e-4a3f-4e58-8d1c-2b9e7a4f0c22' }],
      [
        'a signature',
        {
          ...valid,
          extensions: { 'extension-definition--3389e1a9-99af-42e8-8c13-59b3a4bb0f2d': { extension_type: 'property-extension' } },
        },
      ],
      ['markings not ids', { ...valid, object_marking_refs: ['TLP:GREEN'] }],
      ['markings not a list', { ...valid, object_marking_refs: GREEN }],
      ['indicator without pattern', { type: 'indicator', name: 'x' }],
      ['pattern not text', { ...valid, pattern: 42 }],
      ['name of the wrong type', { type: 'malware', name: ['a'], is_family: false }],
    ];
    for (const [what, body] of attempts) {
      const r = await admin.post('/console/api/objects', body);
      refused(r, 400, what);
      assert.ok(String((r.json as Json).title).length > 15, what);
    }
    const invalid = await admin.post('/console/api/objects', { type: 'indicator', name: 'x' });
    assert.equal((invalid.json as Json).error_code, 'console.invalid-object');
    assert.ok(Array.isArray(((invalid.json as Json).details as Json).issues), 'the problems are listed');
    assert.deepEqual(await held(), before, 'nothing half-stored');
    for (const name of ['nul \u0000 inside', 'lone \ud800 surrogate', '<script>alert(1)</script>', "'; drop table objects; --"]) {
      const r = await admin.post('/console/api/objects', { ...valid, name });
      assert.ok(r.status === 201 || r.status === 400, `${JSON.stringify(name)}: ${r.status} ${r.text.slice(0, 200)}`);
      if (r.status === 201) ok(await admin.get(`/console/api/objects/${String((r.json as Json).id)}`));
    }
  });

  it('refuses malformed ids, notes, accounts and sign-ins with 4xx, never a 500', async () => {
    const before = await held();
    for (const path of ['/console/api/session', '/console/api/overview', `/console/api/objects/${target}`, '/console/api/accounts']) {
      refused(await admin.get(`${path}?x=1`), 400, `${path} with an unknown parameter`, 'http.bad-request');
    }
    refused(await admin.get('/console/api/objects/not-an-id'), 400, 'malformed id', 'http.bad-request');
    refused(
      await admin.get('/console/api/objects/indicator--7c0d1b8e-2a3f-4f4e-9b1a-5c6d7e8f9a0b'),
      404,
      'unknown id',
      'console.object-not-found',
    );
    const long = await admin.get(`/console/api/objects/indicator--${'a'.repeat(400)}`);
    assert.ok(long.status >= 400 && long.status < 500, `over-long id: ${long.status}`);
    refused(await admin.post(`/console/api/objects/${target}/notes`, {}), 400, 'note without content');
    refused(await admin.post(`/console/api/objects/${target}/notes`, { content: '   ' }), 400, 'blank note');
    refused(await admin.post(`/console/api/objects/${target}/notes`, { content: 'x'.repeat(20_001) }), 400, 'note too long');
    refused(await admin.post(`/console/api/objects/${target}/notes`, { content: 'x', object_marking_refs: ['red'] }), 400, 'note markings');
    refused(await admin.post(`/console/api/objects/${target}/notes`, { content: 7 }), 400, 'note content not text');
    refused(
      await admin.post('/console/api/objects/indicator--7c0d1b8e-2a3f-4f4e-9b1a-5c6d7e8f9a0b/notes', { content: 'x' }),
      404,
      'note on nothing',
    );
    refused(await admin.post('/console/api/objects/indicator--7c0d1b8e-2a3f-4f4e-9b1a-5c6d7e8f9a0b/revoke'), 404, 'revoke nothing');
    refused(await admin.post(`/console/api/objects/${target}/revoke`, { reason: 'x' }), 400, 'revoke with fields');
    const accounts: [string, unknown][] = [
      ['bad username', { username: 'Bad Name!', password: 'long-enough-password', roles: ['analyst'] }],
      ['short password', { username: 'shorty', password: 'short', roles: ['analyst'] }],
      ['unknown role', { username: 'roly', password: 'long-enough-password', roles: ['overlord'] }],
      ['roles not a list', { username: 'roly', password: 'long-enough-password', roles: 'admin' }],
      ['no roles', { username: 'roly', password: 'long-enough-password', roles: [] }],
      ['no password', { username: 'roly', roles: ['analyst'] }],
    ];
    for (const [what, body] of accounts) refused(await admin.post('/console/api/accounts', body), 400, what);
    refused(await admin.request('PATCH', '/console/api/accounts/analyst', { body: { disabled: 'yes' } }), 400, 'disabled not boolean');
    refused(
      await admin.request('PATCH', '/console/api/accounts/analyst', { body: { roles: ['analyst', 'analyst', 'x'] } }),
      400,
      'bad roles',
    );
    refused(await admin.request('PUT', '/console/api/me/locale', { body: { locale: ['en'] } }), 400, 'locale not text');
    for (const body of [{ username: 'analyst' }, { username: 'analyst', password: 12345 }, { username: 'x'.repeat(201), password: 'y' }]) {
      const r = await admin.request('POST', '/console/api/session', { body });
      refused(r, 400, `sign-in ${JSON.stringify(body).slice(0, 40)}`);
    }
    assert.deepEqual(await held(), before, 'nothing half-stored');
  });
});
