/**
 * A TAXII 2.1 client written here from the specification alone (it imports nothing of the
 * server), run through the flow a client written elsewhere follows: discovery, the first API
 * root, its collections, objects paged with `next`, a POST, the status polled to completion, then
 * an incremental poll with `added_after`. It is as strict as common clients: the Content-Type
 * must carry the TAXII media type with `version=2.1` as written.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { forEachNodeBackend, startTestNode, type TestNode } from '../test-support/nodes.js';

const MEDIA = 'application/taxii+json;version=2.1';

type Resource = Record<string, unknown>;

class SpecClient {
  constructor(private readonly authorization: string) {}

  /** Same test as widely used clients: every Accept token must appear in the Content-Type. */
  private static checkType(contentType: string | null): void {
    const tokens = (contentType ?? '').replace(/ /g, '').split(';');
    assert.equal(tokens[0], 'application/taxii+json', `Content-Type ${contentType}`);
    assert.ok(tokens.includes('version=2.1'), `Content-Type ${contentType} names version=2.1`);
  }

  async get(url: string): Promise<{ resource: Resource; headers: Headers }> {
    const res = await fetch(url, { headers: { Accept: MEDIA, Authorization: this.authorization } });
    assert.equal(res.status, 200, `GET ${url}: ${res.status}`);
    SpecClient.checkType(res.headers.get('content-type'));
    return { resource: (await res.json()) as Resource, headers: res.headers };
  }

  async post(url: string, envelope: Resource, maxContentLength: number): Promise<Resource> {
    const text = JSON.stringify(envelope);
    assert.ok(Buffer.byteLength(text) <= maxContentLength, 'a client keeps within max_content_length');
    const res = await fetch(url, {
      method: 'POST',
      headers: { Accept: MEDIA, 'Content-Type': MEDIA, Authorization: this.authorization },
      body: text,
    });
    assert.equal(res.status, 202, `POST ${url}: ${res.status}`);
    SpecClient.checkType(res.headers.get('content-type'));
    return (await res.json()) as Resource;
  }

  /** Every object of a collection, following `next` while `more` is true, filters repeated. */
  async allObjects(collectionUrl: string, filters: Record<string, string>, pageSize: number): Promise<Resource[]> {
    const out: Resource[] = [];
    let next: string | undefined;
    for (let page = 0; page < 100; page++) {
      const q = new URLSearchParams({ ...filters, limit: String(pageSize) });
      if (next) q.set('next', next);
      const { resource } = await this.get(`${collectionUrl}objects/?${q.toString()}`);
      out.push(...((resource.objects as Resource[] | undefined) ?? []));
      if (resource.more !== true) return out;
      next = resource.next as string;
    }
    throw new Error('paging did not end');
  }
}

function indicator(name: string): Resource {
  const t = new Date().toISOString();
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: t,
    modified: t,
    name,
    pattern: "[domain-name:value = 'example.org']",
    pattern_type: 'stix',
    valid_from: t,
  };
}

forEachNodeBackend('an independent TAXII 2.1 client', (backend) => {
  let node: TestNode;
  const client = new SpecClient('Basic ' + Buffer.from('tool:tool-password').toString('base64'));

  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
  });
  after(() => node.close());

  it('discovers, lists, pages, posts, polls the status and polls incrementally', async () => {
    const discoveryUrl = `${node.url}/taxii2/`;
    const { resource: discovery } = await client.get(discoveryUrl);
    const roots = discovery.api_roots as string[];
    assert.ok(roots.length > 0);
    const apiRoot = new URL(roots[0] as string, discoveryUrl).toString();

    const { resource: root } = await client.get(apiRoot);
    assert.ok((root.versions as string[]).includes(MEDIA));
    const maxContentLength = root.max_content_length as number;

    const { resource: list } = await client.get(new URL('collections/', apiRoot).toString());
    const collection = (list.collections as Resource[]).find((c) => c.can_read === true && c.can_write === true);
    assert.ok(collection, 'a collection the client may read and write');
    const collectionUrl = new URL(`collections/${String(collection.id)}/`, apiRoot).toString();

    const existing = await client.allObjects(collectionUrl, {}, 2);
    const mine = Array.from({ length: 5 }, (_, i) => indicator(`Client indicator ${i}`));
    const status = await client.post(`${collectionUrl}objects/`, { objects: mine }, maxContentLength);
    let polled = status;
    for (let i = 0; polled.status !== 'complete' && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 50));
      polled = (await client.get(new URL(`status/${String(status.id)}/`, apiRoot).toString())).resource;
    }
    assert.equal(polled.status, 'complete');
    assert.equal(polled.success_count, mine.length);
    assert.equal(polled.total_count, mine.length);

    const indicators = await client.allObjects(collectionUrl, { 'match[type]': 'indicator' }, 2);
    const ids = indicators.map((o) => o.id);
    for (const o of mine) assert.equal(ids.filter((id) => id === o.id).length, 1, `${String(o.id)} once`);
    assert.equal((await client.allObjects(collectionUrl, {}, 3)).length, existing.length + mine.length);

    const { headers } = await client.get(`${collectionUrl}objects/`);
    const last = headers.get('X-TAXII-Date-Added-Last');
    assert.ok(last, 'X-TAXII-Date-Added-Last lets the client resume');
    const later = indicator('Client indicator, later');
    await client.post(`${collectionUrl}objects/`, { objects: [later] }, maxContentLength);
    const fresh = await client.allObjects(collectionUrl, { added_after: last }, 10);
    assert.deepEqual(
      fresh.map((o) => o.id),
      [later.id],
    );
  });
});
