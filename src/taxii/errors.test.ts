/**
 * TAXII 2.1 conformance on bad input: request bodies that are not envelopes, objects that are not
 * valid STIX 2.1 (each a failure in the status, section 4.3.1), hostile keys, invalid filters and
 * object ids. Every error is a TAXII error message with the status the specification gives.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { forEachNodeBackend, startTestNode, taxiiClient, type TestNode } from '../test-support/nodes.js';
import {
  assertTaxiiError,
  at,
  basic,
  body,
  idsOf,
  newMalware,
  objectsOf,
  postObjects,
  rawExchange,
  type Client,
  type Json,
} from './test-kit.js';

forEachNodeBackend('TAXII errors on bad input', (backend) => {
  let node: TestNode;
  let analyst: Client;
  const stored = newMalware();

  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
    analyst = taxiiClient(node);
    await postObjects(analyst, node, [stored]);
  });
  after(() => node.close());

  /** Posts one object and returns the failure the status gives for it; checks nothing was stored. */
  async function failureFor(obj: Json): Promise<string> {
    const { status } = await postObjects(analyst, node, [obj]);
    assert.equal(status.success_count, 0, JSON.stringify(status));
    assert.equal(status.failure_count, 1);
    const failure = (status.failures as Json[])[0] as Json;
    if (typeof obj.id === 'string') {
      assert.equal(failure.id, obj.id);
      assert.equal((await analyst.get(at(node, `objects/${obj.id}/`))).status, 404, 'a rejected object is not stored');
    }
    assert.equal(typeof failure.message, 'string');
    return failure.message as string;
  }

  it('malformed JSON is 400 saying the body is not JSON', async () => {
    for (const text of ['{nope', '{"objects":[', '', '\u0000', '{"objects":[]}}']) {
      const e = assertTaxiiError(await analyst.post(at(node, 'objects/'), text), 400, 'http.malformed-json');
      assert.match(e.title as string, /not valid JSON/);
    }
  });

  it('JSON that is not an envelope is 400 saying an envelope is expected', async () => {
    for (const text of ['[]', '"objects"', 'null', '42', '[{"objects":[]}]']) {
      const e = assertTaxiiError(await analyst.post(at(node, 'objects/'), text), 400, 'taxii.bad-envelope');
      assert.match(e.title as string, /envelope/);
    }
  });

  it('an envelope whose objects is missing or not an array is 400', async () => {
    for (const env of [{}, { objects: 'x' }, { objects: {} }, { objects: null }, { object: [newMalware()] }]) {
      const e = assertTaxiiError(await analyst.post(at(node, 'objects/'), env), 400, 'taxii.bad-envelope');
      assert.match(e.title as string, /"objects"/);
    }
  });

  it('schema-invalid STIX is a failure naming the object and the faulty property', async () => {
    const { is_family: _dropped, ...noFamily } = newMalware();
    assert.match(await failureFor(noFamily), /is_family/);
    assert.match(await failureFor({ ...newMalware(), created: 'yesterday' }), /created/);
    assert.match(await failureFor({ ...newMalware(), spec_version: '2.0' }), /spec_version/);
    assert.match(await failureFor({ ...newMalware(), id: 'indicator--' + randomUUID() }), /id/);
  });

  it('an unknown type without an extension definition is a failure that says so', async () => {
    const t = '2026-01-01T00:00:00.000Z';
    const obj = {
      type: 'x-smuggling-route',
      spec_version: '2.1',
      id: `x-smuggling-route--${randomUUID()}`,
      created: t,
      modified: t,
      name: 'R',
    };
    assert.match(await failureFor(obj), /x-smuggling-route|type|extension/i);
  });

  it('objects with __proto__ or constructor keys are failures, and pollute nothing', async () => {
    const text =
      `{"objects":[${JSON.stringify(newMalware()).replace(/^\{/, '{"__proto__":{"polluted":true},')},` +
      `${JSON.stringify(newMalware()).replace(/^\{/, '{"constructor":{"prototype":{"polluted":true}},')}]}`;
    const r = await analyst.post(at(node, 'objects/'), text);
    assert.equal(r.status, 202);
    const status = body(r);
    assert.equal(status.failure_count, 2);
    for (const f of status.failures as Json[]) assert.match(String(f.message), /__proto__|constructor/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });

  it('an envelope hiding objects behind __proto__ is not an envelope', async () => {
    const r = await analyst.post(at(node, 'objects/'), `{"__proto__":{"objects":[${JSON.stringify(newMalware())}]}}`);
    assertTaxiiError(r, 400, 'taxii.bad-envelope');
  });

  it('a deeply nested property is a failure, not a crash', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200; i++) deep = { x_level: deep };
    assert.match(await failureFor({ ...newMalware(), x_deep: deep }), /deep|depth|nest/i);
  });

  it('a body nested a hundred thousand levels deep is refused with 400, and the node keeps serving', async () => {
    const text = '{"objects":[' + '['.repeat(100_000) + ']'.repeat(100_000) + ']}';
    const r = await analyst.post(at(node, 'objects/'), text);
    assert.ok(r.status === 400 || r.status === 202, `got ${r.status}`);
    if (r.status === 202) assert.equal(body(r).failure_count, 1);
    else assertTaxiiError(r, 400);
    assert.equal((await analyst.get('/enlace/')).status, 200);
  });

  it('a huge string property is a failure naming the property', async () => {
    assert.match(await failureFor({ ...newMalware(), description: 'x'.repeat(2 * 1024 * 1024) }), /description/);
  });

  it('invalid added_after and timestamps are 400 naming the parameter and the value', async () => {
    for (const [q, name] of [
      ['added_after=yesterday', 'added_after'],
      ['added_after=2026-02-30T00:00:00Z', 'added_after'],
      ['added_after=2026-01-01', 'added_after'],
      ['match[version]=2026-13-01T00:00:00Z', 'match\\[version\\]'],
      ['match[version]=newest', 'match\\[version\\]'],
    ] as const) {
      const e = assertTaxiiError(await analyst.get(at(node, `objects/?${q}`)), 400, 'taxii.bad-timestamp');
      assert.match(e.title as string, new RegExp(name));
    }
  });

  it('limit=0, limit=-1, limit=abc and limit=1.5 are 400 saying what limit must be', async () => {
    for (const v of ['0', '-1', 'abc', '1.5', '', '1e3']) {
      const e = assertTaxiiError(await analyst.get(at(node, `objects/?limit=${v}`)), 400, 'taxii.bad-limit');
      assert.match(e.title as string, /limit must be a whole number/);
    }
  });

  it('an unknown match[foo] is 400 naming it, rather than silently ignored', async () => {
    const e = assertTaxiiError(await analyst.get(at(node, 'objects/?match[foo]=bar')), 400, 'taxii.bad-filter');
    assert.match(e.title as string, /match\[foo\]/);
    assertTaxiiError(await analyst.get(at(node, 'manifest/?match[foo]=bar')), 400, 'taxii.bad-filter');
  });

  it('a filter the endpoint does not define is 400 (match[type] on one object, match[version] on versions)', async () => {
    assertTaxiiError(await analyst.get(at(node, `objects/${stored.id}/?match[type]=malware`)), 400, 'taxii.bad-filter');
    assertTaxiiError(await analyst.get(at(node, `objects/${stored.id}/versions/?match[version]=all`)), 400, 'taxii.bad-filter');
  });

  it('ill-formed match values are 400 naming the filter', async () => {
    for (const q of [
      'match[id]=not-an-id',
      'match[id]=../../etc',
      'match[type]=BAD%20TYPE',
      'match[spec_version]=two',
      'match[type]=malware,',
      'added_after=2026-01-01T00:00:00Z&added_after=2026-01-02T00:00:00Z',
    ]) {
      const r = await analyst.get(at(node, `objects/?${q}`));
      const e = assertTaxiiError(r, 400, 'taxii.bad-filter');
      assert.match(e.title as string, /match\[|added_after/);
    }
  });

  it('more than 100 values in one filter is 400 saying so', async () => {
    const ids = Array.from({ length: 101 }, () => `malware--${randomUUID()}`).join(',');
    const e = assertTaxiiError(await analyst.get(at(node, `objects/?match[id]=${ids}`)), 400, 'taxii.bad-filter');
    assert.match(e.title as string, /more than 100 values/);
  });

  it('object ids with path characters are 400, never a lookup', async () => {
    for (const id of [
      '..%2F..%2Fetc%2Fpasswd',
      '%2E%2E%2F',
      'malware--%00',
      'malware--a%20b',
      `malware--${randomUUID()}%2F..`,
      'x'.repeat(290),
    ]) {
      for (const suffix of [`objects/${id}/`, `objects/${id}/versions/`]) {
        const e = assertTaxiiError(await analyst.get(at(node, suffix)), 400, 'taxii.bad-object-id');
        assert.match(e.title as string, /not a STIX identifier/);
      }
      assertTaxiiError(await taxiiClient(node, 'admin').delete(at(node, `objects/${id}/`)), 400, 'taxii.bad-object-id');
    }
  });

  it('a path with broken percent-encoding or an over-long segment is 400 as a TAXII error', async () => {
    for (const suffix of ['objects/%zz/', 'objects/%E0%A4%A/versions/', `objects/malware--${'a'.repeat(400)}/`]) {
      const e = assertTaxiiError(await analyst.get(at(node, suffix)), 400, 'http.bad-request');
      assert.match(e.title as string, /not valid/);
    }
  });

  it('malformed HTTP is answered with a TAXII error too (bad Content-Length, oversized headers)', async () => {
    const post = (extra: string) =>
      `POST ${at(node, 'objects/')} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${basic('analyst')}\r\n${extra}\r\n`;
    for (const [request, status] of [
      [post('Content-Length: abc\r\n') + '{}', 400],
      [post('Content-Length: 2\r\nTransfer-Encoding: chunked\r\n') + '0\r\n\r\n', 400],
      [post(`X-Padding: ${'p'.repeat(64 * 1024)}\r\n`), 431],
    ] as const) {
      const raw = await rawExchange(node, [request], 500);
      assert.deepEqual(raw.statuses, [status]);
      assert.match(raw.text, /\r\nContent-Type: application\/taxii\+json;version=2\.1\r\n/);
      assert.match(raw.text, new RegExp(`"http_status":"${status}"`));
    }
  });

  it('none of the bad requests above changed what the collection holds', async () => {
    const ids = idsOf(await analyst.get(at(node, 'objects/?match[version]=all')));
    assert.deepEqual(
      ids.filter((i) => !i.startsWith('identity--')),
      [stored.id],
    );
    assert.equal(objectsOf(await analyst.get(at(node, `objects/${stored.id}/`))).length, 1);
  });
});
