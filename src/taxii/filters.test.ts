/**
 * TAXII 2.1 conformance: sorting and paging (3.3, 3.4: added_after, limit, next, more), the
 * match[…] filters (3.4.1–3.4.2), and the X-TAXII-Date-Added-First/-Last headers.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { formatTimestampUs, parseStixTimestamp, type StixObject } from '../stix/index.js';
import { forEachNodeBackend, startTestNode, taxiiClient, type TestNode } from '../test-support/nodes.js';
import {
  MICROSECOND_TIMESTAMP,
  allPages,
  at,
  body,
  idsOf,
  newIndicator,
  newMalware,
  newVersion,
  objectsOf,
  postObjects,
  query,
  type Client,
  type Json,
} from './test-kit.js';

const T1 = '2026-02-01T00:00:00.000Z';
const T2 = '2026-03-01T00:00:00.000Z';

/** The date_added of every manifest record, checked to be microsecond timestamps. */
function datesOf(records: Json[]): string[] {
  return records.map((m) => {
    assert.match(m.date_added as string, MICROSECOND_TIMESTAMP);
    return m.date_added as string;
  });
}

function us(ts: string): number {
  const v = parseStixTimestamp(ts);
  assert.notEqual(v, null, ts);
  return v as number;
}

forEachNodeBackend('TAXII filters, paging and date headers', (backend) => {
  let node: TestNode;
  let analyst: Client;
  const malware = [0, 1, 2, 3].map((i) => newMalware({ name: `M${i}` }));
  const indicators = [0, 1, 2, 3, 4, 5].map((i) => newIndicator({ name: `I${i}` }));
  const m0 = malware[0] as StixObject;
  /** Every version in the collection, in date_added order, from one unpaged manifest request. */
  let feed: Json[];

  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
    analyst = taxiiClient(node);
    await postObjects(analyst, node, [...malware, ...indicators.slice(0, 4)]);
    await postObjects(analyst, node, [newVersion(m0, T1)]);
    await postObjects(analyst, node, [newVersion(m0, T2), ...indicators.slice(4)]);
    feed = objectsOf(await analyst.get(at(node, 'manifest/?match[version]=all')));
  });
  after(() => node.close());

  it('date_added is strictly increasing across the collection, in microseconds', () => {
    assert.equal(feed.length, 1 + 10 + 2, 'node identity, ten objects, two later versions');
    const times = datesOf(feed).map(us);
    for (let i = 1; i < times.length; i++) assert.ok((times[i] as number) > (times[i - 1] as number), `record ${i}`);
  });

  it('objects are sorted by date_added: the object feed follows the manifest order', async () => {
    const r = await analyst.get(at(node, 'objects/?match[version]=all'));
    assert.deepEqual(
      objectsOf(r).map((o) => `${String(o.id)}@${String(o.modified)}`),
      feed.map((m) => `${String(m.id)}@${String(m.version)}`),
    );
  });

  it('limit bounds a page; more and next say that the rest remains', async () => {
    const env = body(await analyst.get(at(node, 'objects/?limit=5&match[version]=all')));
    assert.equal((env.objects as unknown[]).length, 5);
    assert.equal(env.more, true);
    assert.equal(typeof env.next, 'string');
  });

  it('a page that reaches the end says more:false and carries no next', async () => {
    for (const limit of [feed.length, feed.length + 1, 1000]) {
      const env = body(await analyst.get(at(node, `objects/?limit=${limit}&match[version]=all`)));
      assert.equal((env.objects as unknown[]).length, feed.length);
      assert.equal(env.more, false);
      assert.ok(!('next' in env));
    }
  });

  it('a limit above the server maximum is answered with at most the maximum', async () => {
    const r = await analyst.get(at(node, 'objects/?limit=999999999'));
    assert.equal(r.status, 200);
    assert.ok(objectsOf(r).length <= node.ctx.config.taxii.maxPageSize);
  });

  it('following next on objects returns every version exactly once, in date_added order', async () => {
    for (const limit of [1, 2, 5]) {
      const pages = await allPages(analyst, at(node, `objects/?match[version]=all&limit=${limit}`));
      const seen = pages.flatMap((p) => objectsOf(p).map((o) => `${String(o.id)}@${String(o.modified)}`));
      assert.deepEqual(
        seen,
        feed.map((m) => `${String(m.id)}@${String(m.version)}`),
        `limit ${limit}`,
      );
      assert.equal(pages.length, Math.ceil(feed.length / limit));
    }
  });

  it('following next on the manifest returns every record exactly once, in date_added order', async () => {
    const pages = await allPages(analyst, at(node, 'manifest/?match[version]=all&limit=4'));
    assert.deepEqual(pages.flatMap(objectsOf), feed);
  });

  it('next may be followed with a different limit', async () => {
    const first = body(await analyst.get(at(node, 'objects/?match[version]=all&limit=3')));
    const rest = await analyst.get(at(node, `objects/?match[version]=all&limit=100&next=${encodeURIComponent(first.next as string)}`));
    assert.equal(objectsOf(rest).length, feed.length - 3);
    assert.equal(body(rest).more, false);
  });

  it('each page carries X-TAXII-Date-Added-First/-Last equal to its first and last date_added', async () => {
    const pages = await allPages(analyst, at(node, 'manifest/?match[version]=all&limit=4'));
    for (const p of pages) {
      const dates = datesOf(objectsOf(p));
      assert.equal(p.headers.get('x-taxii-date-added-first'), dates[0]);
      assert.equal(p.headers.get('x-taxii-date-added-last'), dates[dates.length - 1]);
    }
    const objPages = await allPages(analyst, at(node, 'objects/?match[version]=all&limit=4'));
    objPages.forEach((p, i) => {
      const dates = datesOf(objectsOf(pages[i] as (typeof pages)[number]));
      assert.equal(p.headers.get('x-taxii-date-added-first'), dates[0]);
      assert.equal(p.headers.get('x-taxii-date-added-last'), dates[dates.length - 1]);
    });
  });

  it('the date headers increase strictly from page to page', async () => {
    const pages = await allPages(analyst, at(node, 'objects/?match[version]=all&limit=3'));
    let previous = -1;
    for (const p of pages) {
      const first = us(p.headers.get('x-taxii-date-added-first') ?? '');
      const last = us(p.headers.get('x-taxii-date-added-last') ?? '');
      assert.ok(first > previous && last >= first);
      previous = last;
    }
  });

  it('an empty page carries neither date header', async () => {
    const r = await analyst.get(at(node, 'objects/?match[type]=campaign'));
    assert.equal(r.status, 200);
    assert.deepEqual(objectsOf(r), []);
    assert.equal(body(r).more, false);
    assert.equal(r.headers.get('x-taxii-date-added-first'), null);
    assert.equal(r.headers.get('x-taxii-date-added-last'), null);
  });

  it('added_after is strictly after: the record added at that instant is not returned', async () => {
    const k = 4;
    const since = feed[k]?.date_added as string;
    const r = await analyst.get(at(node, 'manifest/' + query({ 'match[version]': 'all', added_after: since })));
    assert.deepEqual(objectsOf(r), feed.slice(k + 1));
    const o = await analyst.get(at(node, 'objects/' + query({ 'match[version]': 'all', added_after: since })));
    assert.equal(objectsOf(o).length, feed.length - k - 1);
    assert.ok(us(o.headers.get('x-taxii-date-added-first') ?? '') > us(since));
  });

  it('added_after one microsecond earlier includes that record', async () => {
    const k = 4;
    const before = us(feed[k]?.date_added as string) - 1;
    const r = await analyst.get(at(node, 'manifest/' + query({ 'match[version]': 'all', added_after: formatTimestampUs(before) })));
    assert.deepEqual(objectsOf(r), feed.slice(k));
  });

  it('added_after the newest record is an empty page', async () => {
    const last = feed[feed.length - 1]?.date_added as string;
    const env = body(await analyst.get(at(node, 'objects/' + query({ added_after: last }))));
    assert.equal(env.more, false);
    assert.equal(env.objects, undefined);
  });

  it('paging by added_after from X-TAXII-Date-Added-Last also visits every record once', async () => {
    const seen: Json[] = [];
    let since: string | null = null;
    for (let i = 0; i < 50; i++) {
      const q: Record<string, string> = { 'match[version]': 'all', limit: '4' };
      if (since) q.added_after = since;
      const r = await analyst.get(at(node, 'manifest/' + query(q)));
      seen.push(...objectsOf(r));
      if (body(r).more !== true) break;
      since = r.headers.get('x-taxii-date-added-last');
    }
    assert.deepEqual(seen, feed);
  });

  it('next combined with added_after keeps both', async () => {
    const since = feed[2]?.date_added as string;
    const pages = await allPages(analyst, at(node, 'manifest/' + query({ 'match[version]': 'all', added_after: since, limit: '3' })));
    assert.deepEqual(pages.flatMap(objectsOf), feed.slice(3));
  });

  it('match[id] selects one object, and a comma-separated list selects any of them', async () => {
    assert.deepEqual(idsOf(await analyst.get(at(node, `objects/?match[id]=${indicators[2]?.id}`))), [indicators[2]?.id]);
    const two = [malware[1]?.id, indicators[3]?.id] as string[];
    assert.deepEqual(new Set(idsOf(await analyst.get(at(node, `objects/?match[id]=${two.join(',')}`)))), new Set(two));
  });

  it('match[type] selects by type, comma-separated types are OR-ed', async () => {
    const onlyMalware = idsOf(await analyst.get(at(node, 'objects/?match[type]=malware')));
    assert.deepEqual(new Set(onlyMalware), new Set(malware.map((o) => o.id)));
    const both = idsOf(await analyst.get(at(node, 'objects/?match[type]=malware,indicator')));
    assert.equal(both.length, malware.length + indicators.length);
  });

  it('different match fields are AND-ed', async () => {
    const ids = [malware[1]?.id, indicators[1]?.id].join(',');
    assert.deepEqual(idsOf(await analyst.get(at(node, `objects/?match[id]=${ids}&match[type]=indicator`))), [indicators[1]?.id]);
    assert.deepEqual(idsOf(await analyst.get(at(node, `objects/?match[id]=${malware[1]?.id}&match[type]=indicator`))), []);
  });

  it('match[version] defaults to last, and takes first, all and exact timestamps', async () => {
    const versionsOf = async (extra: string) =>
      objectsOf(await analyst.get(at(node, `objects/?match[id]=${m0.id}${extra}`))).map((o) => o.modified);
    assert.deepEqual(await versionsOf(''), [T2]);
    assert.deepEqual(await versionsOf('&match[version]=last'), [T2]);
    assert.deepEqual(await versionsOf('&match[version]=first'), [m0.modified]);
    assert.deepEqual(await versionsOf('&match[version]=all'), [m0.modified, T1, T2]);
    assert.deepEqual(await versionsOf(`&match[version]=${T1}`), [T1]);
    assert.deepEqual(await versionsOf('&match[version]=2026-02-01T00:00:00Z'), [T1], 'the same instant written with less precision');
    assert.deepEqual(await versionsOf('&match[version]=2025-01-01T00:00:00.000Z'), []);
  });

  it('comma-separated match[version] values are OR-ed', async () => {
    const versionsOf = async (v: string) =>
      objectsOf(await analyst.get(at(node, `objects/?match[id]=${m0.id}&match[version]=${v}`))).map((o) => o.modified);
    assert.deepEqual(await versionsOf('first,last'), [m0.modified, T2]);
    assert.deepEqual(await versionsOf(`first,${T1}`), [m0.modified, T1]);
    assert.deepEqual(await versionsOf(`${T1},${T2}`), [T1, T2]);
    assert.deepEqual(await versionsOf(`last,all`), [m0.modified, T1, T2]);
  });

  it('match[version]=first applies per object, with other filters', async () => {
    const r = objectsOf(await analyst.get(at(node, 'objects/?match[type]=malware&match[version]=first')));
    assert.equal(r.length, malware.length);
    assert.ok(r.every((o) => o.modified === o.created));
  });

  it('match[spec_version] selects by STIX version; 2.1 is every object here, 2.0 none', async () => {
    assert.equal(objectsOf(await analyst.get(at(node, 'objects/?match[spec_version]=2.1'))).length, feed.length - 2);
    assert.deepEqual(objectsOf(await analyst.get(at(node, 'objects/?match[spec_version]=2.0'))), []);
    assert.equal(objectsOf(await analyst.get(at(node, 'objects/?match[spec_version]=2.0,2.1'))).length, feed.length - 2);
  });

  it('the manifest honours the same filters as objects', async () => {
    const q = `?match[type]=malware&match[version]=all`;
    const manifest = objectsOf(await analyst.get(at(node, 'manifest/' + q)));
    const objects = objectsOf(await analyst.get(at(node, 'objects/' + q)));
    assert.deepEqual(
      manifest.map((m) => [m.id, m.version]),
      objects.map((o) => [o.id, o.modified]),
    );
  });

  it('object and versions endpoints page with limit and next too', async () => {
    const objectPages = await allPages(analyst, at(node, `objects/${m0.id}/?match[version]=all&limit=1`));
    assert.deepEqual(
      objectPages.flatMap(objectsOf).map((o) => o.modified),
      [m0.modified, T1, T2],
    );
    const versionPages = await allPages(analyst, at(node, `objects/${m0.id}/versions/?limit=2`));
    assert.equal(versionPages.length, 2);
    assert.deepEqual(
      versionPages.flatMap((p) => body(p).versions as string[]),
      [m0.modified, T1, T2],
    );
  });

  it('versions honours added_after, strictly after', async () => {
    const records = feed.filter((m) => m.id === m0.id);
    const r = await analyst.get(at(node, `objects/${m0.id}/versions/` + query({ added_after: records[1]?.date_added as string })));
    assert.deepEqual(body(r).versions, [T2]);
    assert.equal(r.headers.get('x-taxii-date-added-first'), records[2]?.date_added);
  });

  // Last: it adds to the collection that the tests above compare with `feed`.
  it('concurrent POSTs still give every version its own, strictly later date_added, and paging sees each once', async () => {
    const batches = Array.from({ length: 6 }, () => [newMalware(), newIndicator()]);
    await Promise.all(batches.map((b) => postObjects(analyst, node, b)));
    const since = feed[feed.length - 1]?.date_added as string;
    const pages = await allPages(analyst, at(node, 'manifest/' + query({ added_after: since, limit: '5' })));
    const records = pages.flatMap(objectsOf);
    assert.deepEqual(new Set(records.map((m) => m.id)), new Set(batches.flat().map((o) => o.id)));
    assert.equal(records.length, 12);
    const times = datesOf(records).map(us);
    for (let i = 1; i < times.length; i++) assert.ok((times[i] as number) > (times[i - 1] as number), `record ${i}`);
  });
});
