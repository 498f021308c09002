/**
 * TAXII 2.1 `max_content_length` (section 4.2.1): a request body above it is 413, whether its
 * size is declared honestly, sent chunked without a size, or hidden behind a smaller declared
 * Content-Length. Nothing from a refused request is stored, and the node keeps serving.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachNodeBackend, startTestNode, taxiiClient, type TestNode } from '../test-support/nodes.js';
import { TAXII, assertTaxiiError, at, basic, body, newMalware, rawExchange, type Client } from './test-kit.js';

forEachNodeBackend('TAXII max_content_length', (backend) => {
  let node: TestNode;
  let analyst: Client;
  let max: number;

  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
    analyst = taxiiClient(node);
    max = body(await analyst.get('/enlace/')).max_content_length as number;
  });
  after(() => node.close());

  /** A valid envelope of one object, padded with JSON whitespace to `size` bytes. */
  function paddedEnvelope(obj: object, size: number): string {
    const text = JSON.stringify({ objects: [obj] });
    return text.slice(0, -1) + ' '.repeat(Math.max(0, size - text.length)) + '}';
  }

  function head(path: string, extra: string[]): string {
    const lines = [
      `POST ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      `Authorization: ${basic('analyst')}`,
      `Accept: ${TAXII}`,
      `Content-Type: ${TAXII}`,
    ];
    return [...lines, 'Connection: close', ...extra, '', ''].join('\r\n');
  }

  it('a body of exactly max_content_length is accepted', async () => {
    const obj = newMalware();
    const r = await analyst.post(at(node, 'objects/'), paddedEnvelope(obj, max));
    assert.equal(r.status, 202);
    assert.equal(body(r).success_count, 1);
  });

  it('a body one byte over, with an honest Content-Length, is 413 naming the limit; nothing is stored', async () => {
    const obj = newMalware();
    const r = await analyst.post(at(node, 'objects/'), paddedEnvelope(obj, max + 1));
    const e = assertTaxiiError(r, 413, 'http.payload-too-large');
    assert.match(e.title as string, new RegExp(String(max)));
    assert.equal((await analyst.get(at(node, `objects/${obj.id}/`))).status, 404);
  });

  it('a declared Content-Length over the limit is refused before the body is read', async () => {
    const raw = await rawExchange(node, [head(at(node, 'objects/'), [`Content-Length: ${max * 100}`]), '{"objects":[]}']);
    assert.equal(raw.statuses[0], 413);
    assert.match(raw.text, /"http_status":"413"/);
  });

  /** The request line, headers and chunks of a chunked POST of `text`. */
  function chunked(text: string): string[] {
    const chunks: string[] = [head(at(node, 'objects/'), ['Transfer-Encoding: chunked'])];
    for (let i = 0; i < text.length; i += 256 * 1024) {
      const part = text.slice(i, i + 256 * 1024);
      chunks.push(`${part.length.toString(16)}\r\n${part}\r\n`);
    }
    chunks.push('0\r\n\r\n');
    return chunks;
  }

  it('a chunked body within the limit is accepted', async () => {
    const obj = newMalware();
    const raw = await rawExchange(node, chunked(paddedEnvelope(obj, 600 * 1024)));
    assert.deepEqual(raw.statuses, [202]);
    assert.equal((await analyst.get(at(node, `objects/${obj.id}/`))).status, 200);
  });

  it('a chunked body over the limit is 413; nothing is stored', async () => {
    const obj = newMalware();
    const raw = await rawExchange(node, chunked(paddedEnvelope(obj, max + 64 * 1024)));
    assert.equal(raw.statuses[0], 413);
    assert.match(raw.text, /"error_code":"http.payload-too-large"/);
    assert.equal((await analyst.get(at(node, `objects/${obj.id}/`))).status, 404);
  });

  it('a body longer than its declared Content-Length is never read past the declared size', async () => {
    // The declared bytes cut the envelope short; the rest is not a body but garbage on the wire.
    const obj = newMalware();
    const text = paddedEnvelope(obj, max * 2);
    const declared = 200;
    const raw = await rawExchange(node, [head(at(node, 'objects/'), [`Content-Length: ${declared}`]), text]);
    assert.equal(raw.statuses[0], 400, 'the declared bytes alone are not a complete envelope');
    assert.ok(!raw.statuses.includes(202), 'nothing was accepted');
    assert.equal((await analyst.get(at(node, `objects/${obj.id}/`))).status, 404);
    assert.equal((await analyst.get('/enlace/')).status, 200, 'the node keeps serving');
  });

  it('more than 10 000 objects in one envelope is refused as a whole', async () => {
    const objs = Array.from({ length: 10_001 }, () => 1);
    const r = await analyst.post(at(node, 'objects/'), { objects: objs });
    const e = assertTaxiiError(r, 413, 'taxii.too-many-objects');
    assert.match(e.title as string, /10001/);
  });
});
