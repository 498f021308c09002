/**
 * TAXII 2.1 conformance: server discovery (4.1), API root (4.2), collections (5.1, 5.2), status
 * lookup (4.3), and the media-type rules of section 1.6.8 / 3.1 on every kind of response.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachNodeBackend, startTestNode, taxiiClient, type TestNode } from '../test-support/nodes.js';
import { STIX, TAXII, assertTaxiiError, assertTaxiiType, at, basic, body, newMalware, rawExchange, type Client } from './test-kit.js';

forEachNodeBackend('TAXII discovery, API root and collections', (backend) => {
  let node: TestNode;
  let analyst: Client;

  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
    analyst = taxiiClient(node);
  });
  after(() => node.close());

  it('discovery lists the API root as an absolute URL, with a title and a default among api_roots', async () => {
    const r = await analyst.get('/taxii2/');
    assert.equal(r.status, 200);
    assertTaxiiType(r);
    const d = body(r);
    assert.equal(typeof d.title, 'string');
    assert.ok(Array.isArray(d.api_roots));
    const roots = d.api_roots as string[];
    assert.deepEqual(roots, [`${node.url}/enlace/`]);
    assert.ok(roots.includes(d.default as string), 'default is one of api_roots');
  });

  it('the API root names TAXII 2.1 among its versions and declares max_content_length', async () => {
    const r = await analyst.get('/enlace/');
    assert.equal(r.status, 200);
    assertTaxiiType(r);
    const info = body(r);
    assert.equal(typeof info.title, 'string');
    assert.ok((info.versions as string[]).includes(TAXII));
    assert.equal(info.max_content_length, node.ctx.config.taxii.maxContentLength);
    assert.ok(Number.isInteger(info.max_content_length) && (info.max_content_length as number) > 0);
  });

  it('collections lists each collection with id, title, can_read, can_write and the STIX media type', async () => {
    const r = await analyst.get('/enlace/collections/');
    assert.equal(r.status, 200);
    assertTaxiiType(r);
    const list = body(r).collections as Record<string, unknown>[];
    const mine = list.find((c) => c.id === node.collectionId);
    assert.ok(mine, 'the node collection is listed');
    assert.equal(typeof mine.title, 'string');
    assert.equal(mine.can_read, true);
    assert.equal(mine.can_write, true);
    assert.deepEqual(mine.media_types, [STIX]);
  });

  it('a single collection answers the same resource as its entry in the list', async () => {
    const list = body(await analyst.get('/enlace/collections/')).collections as Record<string, unknown>[];
    const r = await analyst.get(at(node));
    assert.equal(r.status, 200);
    assertTaxiiType(r);
    assert.deepEqual(
      body(r),
      list.find((c) => c.id === node.collectionId),
    );
  });

  it('can_write reflects the account: a supervisor may read but not write', async () => {
    const c = body(await taxiiClient(node, 'supervisor').get(at(node)));
    assert.equal(c.can_read, true);
    assert.equal(c.can_write, false);
  });

  it('an unknown API root is 404 with a message naming it', async () => {
    for (const path of ['/nope/', '/nope/collections/', `/nope/collections/${node.collectionId}/objects/`]) {
      const e = assertTaxiiError(await analyst.get(path), 404, 'taxii.api-root-not-found');
      assert.match(e.title as string, /"nope"/);
    }
  });

  it('an unknown collection is 404 with a message naming it, on every collection endpoint', async () => {
    const cid = '0b5b2c4e-0000-4000-8000-000000000000';
    const oid = 'malware--0b5b2c4e-0000-4000-8000-000000000000';
    for (const suffix of ['', 'objects/', 'manifest/', `objects/${oid}/`, `objects/${oid}/versions/`]) {
      const e = assertTaxiiError(await analyst.get(at(node, suffix, cid)), 404, 'taxii.collection-not-found');
      assert.match(e.title as string, new RegExp(cid));
    }
    assertTaxiiError(await analyst.post(at(node, 'objects/', cid), { objects: [] }), 404, 'taxii.collection-not-found');
  });

  it('an unknown status id is 404', async () => {
    assertTaxiiError(await analyst.get('/enlace/status/2f0bd8a4-3b0e-4d8f-a4f9-6c1f2f0b9c11/'), 404, 'taxii.status-not-found');
    assertTaxiiError(await analyst.get('/enlace/status/..%2F..%2Fetc/'), 404, 'taxii.status-not-found');
  });

  it('a path outside TAXII is 404 as a TAXII error', async () => {
    assertTaxiiError(await analyst.get('/enlace/collections/x/y/z/w/'), 404);
  });

  it('Accept with the 2.1 media type, without version, */* or application/* is answered 200', async () => {
    for (const accept of [TAXII, 'application/taxii+json', '*/*', 'application/*', 'text/html, application/taxii+json;version=2.1;q=0.5']) {
      const r = await analyst.get('/enlace/', { accept });
      assert.equal(r.status, 200, `Accept: ${accept}`);
      assertTaxiiType(r);
    }
  });

  it('a request without any Accept header is answered 200 with the TAXII media type', async () => {
    const request = `GET /enlace/collections/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${basic('analyst')}\r\nConnection: close\r\n\r\n`;
    const raw = await rawExchange(node, [request]);
    assert.deepEqual(raw.statuses, [200]);
    assert.match(raw.text, /\r\ncontent-type: application\/taxii\+json;version=2\.1\r\n/i);
  });

  it('Accept of another TAXII version or of text/html is 406, as a TAXII error', async () => {
    for (const accept of ['application/taxii+json;version=2.0', 'text/html', 'application/xml', 'application/taxii+json;version=2.1;q=0']) {
      const e = assertTaxiiError(await analyst.get('/enlace/', { accept }), 406, 'http.not-acceptable');
      assert.match(e.title as string, /application\/taxii\+json;version=2\.1/, 'the message names what the server serves');
    }
    assertTaxiiError(await analyst.get(at(node, 'objects/'), { accept: 'text/html' }), 406);
    assertTaxiiError(await analyst.get('/taxii2/', { accept: 'application/taxii+json;version=3.0' }), 406);
  });

  it('POST with a Content-Type other than TAXII 2.1 is 415, and nothing is stored', async () => {
    const obj = newMalware();
    const envelope = JSON.stringify({ objects: [obj] });
    for (const contentType of [
      'text/plain',
      'application/json',
      STIX,
      'application/taxii+json;version=2.0',
      'multipart/form-data; boundary=x',
    ]) {
      const r = await analyst.post(at(node, 'objects/'), envelope, { 'content-type': contentType });
      const e = assertTaxiiError(r, 415, 'http.unsupported-media-type');
      assert.match(e.title as string, /application\/taxii\+json;version=2\.1/);
    }
    assert.equal((await analyst.get(at(node, `objects/${obj.id}/`))).status, 404);
  });

  it('POST without a Content-Type is 415', async () => {
    const payload = JSON.stringify({ objects: [newMalware()] });
    const request = [
      `POST ${at(node, 'objects/')} HTTP/1.1`,
      'Host: 127.0.0.1',
      `Authorization: ${basic('analyst')}`,
      `Accept: ${TAXII}`,
      `Content-Length: ${Buffer.byteLength(payload)}`,
      'Connection: close',
      '',
      payload,
    ].join('\r\n');
    const raw = await rawExchange(node, [request]);
    assert.deepEqual(raw.statuses, [415]);
  });

  it('POST with application/taxii+json without version is accepted as 2.1', async () => {
    const r = await analyst.post(at(node, 'objects/'), { objects: [newMalware()] }, { 'content-type': 'application/taxii+json' });
    assert.equal(r.status, 202);
    assertTaxiiType(r);
  });

  it('error messages follow Accept-Language: Mexican Spanish title, English description', async () => {
    const e = assertTaxiiError(await analyst.get('/nope/', { 'accept-language': 'es-MX,es;q=0.9' }), 404, 'taxii.api-root-not-found');
    assert.match(e.title as string, /raíz de API/);
    assert.match(e.description as string, /API root/);
  });
});
