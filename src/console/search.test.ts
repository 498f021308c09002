import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { TLP2_MARKING_IDS, GRADING_EXTENSION_ID, type TlpLevel } from '../stix/index.js';
import { searchFieldsOf } from '../store/search-fields.js';
import type { NewVersion } from '../store/types.js';
import { forEachNodeBackend, startTestNode, type TestNode } from '../test-support/nodes.js';
import type { ListItem } from './model.js';
import { signedIn, ok, type ConsoleClient, type Json } from './testing.js';

const MX = 'identity--6c1b7d2e-4a3f-4e58-8d1c-2b9e7a4f0c22';
const MARKINGS: (TlpLevel | null)[] = ['clear', 'green', 'amber', 'amber+strict', 'red', null];
const GRADINGS = [null, 'A1', 'B2', 'C3'];

/** What the seed holds of each object, to compute every expected answer independently of the store. */
interface Seeded {
  id: string;
  type: string;
  name: string;
  self: boolean;
  tlp: TlpLevel | null;
  grading: string | null;
  labels: string[];
  revoked: boolean;
  dateAddedUs: number;
  hidden?: boolean;
}

function objectOf(i: number, s: Omit<Seeded, 'dateAddedUs'>, modified: string): Record<string, unknown> {
  const [r, c] = s.grading ? [s.grading[0], Number(s.grading[1])] : [];
  return {
    type: s.type,
    spec_version: '2.1',
    id: s.id,
    created: '2026-01-01T00:00:00.000Z',
    modified,
    name: s.name,
    description: `Registro ${i} de prueba`,
    labels: s.labels,
    revoked: s.revoked,
    ...(s.tlp ? { object_marking_refs: [TLP2_MARKING_IDS[s.tlp]] } : {}),
    ...(s.grading
      ? {
          extensions: {
            [GRADING_EXTENSION_ID]: { extension_type: 'property-extension', source_reliability: r, information_credibility: c },
          },
        }
      : {}),
  };
}

function versionOf(o: Record<string, unknown>, originator: string, tlp: TlpLevel | null, withFields: boolean): NewVersion {
  const modified = String(o.modified);
  return {
    id: String(o.id),
    type: String(o.type),
    specVersion: '2.1',
    version: modified,
    versionUs: Date.parse(modified) * 1000,
    originator,
    revoked: o.revoked === true,
    tlp,
    contentHash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
    body: JSON.stringify(o),
    // Half the seed leaves the search fields to the store, which must derive them from the body.
    ...(withFields ? { search: searchFieldsOf(o) } : {}),
  };
}

async function seed(node: TestNode): Promise<Seeded[]> {
  const ctx = node.ctx;
  await ctx.store.upsertPeer({
    name: 'mx',
    identityId: MX,
    organisation: 'Test node MX',
    country: 'MX',
    publicKey: 'x',
    fingerprint: 'ab'.repeat(32),
    url: 'http://127.0.0.1:9',
    apiRoot: '/enlace/',
    addedUs: 1,
  });
  const out: Seeded[] = [];
  for (let i = 0; i < 130; i++) {
    const s: Omit<Seeded, 'dateAddedUs'> = {
      id: `${i % 5 === 0 ? 'threat-actor' : i % 5 === 1 ? 'malware' : 'indicator'}--${randomUUID()}`,
      type: i % 5 === 0 ? 'threat-actor' : i % 5 === 1 ? 'malware' : 'indicator',
      name: `Objeto ${i} ${i % 7 === 0 ? 'Atlántico' : 'Pacífico'}`,
      self: i % 3 !== 0,
      tlp: MARKINGS[i % 6] ?? null,
      grading: GRADINGS[i % 4] ?? null,
      labels: i % 2 === 0 ? ['Fentanyl'] : ['Armas', 'courier'],
      revoked: i % 10 === 9,
    };
    const modified = new Date(Date.parse('2026-02-01T00:00:00Z') + i * 1000).toISOString();
    const o = objectOf(i, s, modified);
    const [outcome] = await ctx.store.putVersions(node.collectionId, [versionOf(o, s.self ? ctx.identity.id : MX, s.tlp, i % 2 === 0)]);
    out.push({ ...s, dateAddedUs: outcome?.kind === 'added' ? outcome.dateAddedUs : 0 });
  }
  // An object with a newer version: only the newest is listed, where it was added.
  const first = out[10] as Seeded;
  const renamed = objectOf(10, { ...first, name: 'Objeto 10 renombrado' }, '2026-02-02T00:00:00.000Z');
  const [newer] = await ctx.store.putVersions(node.collectionId, [versionOf(renamed, ctx.identity.id, first.tlp, true)]);
  Object.assign(first, { name: 'Objeto 10 renombrado', dateAddedUs: newer?.kind === 'added' ? newer.dateAddedUs : 0 });
  // A marking definition: not intelligence, listed only when asked for by type.
  const marking = {
    type: 'marking-definition',
    spec_version: '2.1',
    id: `marking-definition--${randomUUID()}`,
    created: '2026-01-01T00:00:00.000Z',
    name: 'Handling',
    definition_type: 'statement',
    definition: { statement: 'x' },
  };
  const [m] = await ctx.store.putVersions(node.collectionId, [
    { ...versionOf({ ...marking, modified: marking.created }, ctx.identity.id, null, false), body: JSON.stringify(marking) },
  ]);
  out.push({
    id: marking.id,
    type: 'marking-definition',
    name: 'Handling',
    self: true,
    tlp: null,
    grading: null,
    labels: [],
    revoked: false,
    dateAddedUs: m?.kind === 'added' ? m.dateAddedUs : 0,
    hidden: true,
  });
  // The same object in a second collection, in a newer version: it is listed once, from there.
  await ctx.store.createCollection({ id: 'second', alias: 'second', title: 'Second' });
  // date_added increases strictly within a collection, not across two: a new collection's first
  // instant may equal the other's last one within the same millisecond, and the order of a tie is
  // not what this test is about. A few milliseconds apart, "newest first" has one answer.
  await new Promise((r) => setTimeout(r, 5));
  const moved = out[20] as Seeded;
  const elsewhere = objectOf(20, { ...moved, name: 'Objeto 20 en otra colección' }, '2026-02-03T00:00:00.000Z');
  const [o2] = await ctx.store.putVersions('second', [versionOf(elsewhere, moved.self ? ctx.identity.id : MX, moved.tlp, false)]);
  Object.assign(moved, { name: 'Objeto 20 en otra colección', dateAddedUs: o2?.kind === 'added' ? o2.dateAddedUs : 0 });
  return out;
}

/** Every page of a query, followed by its cursor; fails on a repeated object. */
async function allPages(c: ConsoleClient, query: string, limit: number): Promise<ListItem[]> {
  const items: ListItem[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const sep = query ? '&' : '';
    const page = ok(await c.get(`/console/api/objects?${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`));
    items.push(...(page.items as ListItem[]));
    assert.ok((page.items as ListItem[]).length <= limit);
    cursor = page.next as string | null;
    if (cursor === null) break;
  }
  const ids = items.map((i) => i.id);
  assert.equal(new Set(ids).size, ids.length, `no object twice for ${query}`);
  return items;
}

forEachNodeBackend('console intelligence list', (backend) => {
  let node: TestNode;
  let seeded: Seeded[];
  let c: ConsoleClient;
  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
    seeded = await seed(node);
    c = await signedIn(node, 'analyst');
  });
  after(async () => node.close());

  const expected = (keep: (s: Seeded) => boolean): string[] =>
    seeded
      .filter((s) => keep(s))
      .sort((a, b) => b.dateAddedUs - a.dateAddedUs)
      .map((s) => s.id);
  const listed = (items: ListItem[]) => items.map((i) => i.id).filter((id) => seeded.some((s) => s.id === id));

  const cases: [query: string, keep: (s: Seeded) => boolean][] = [
    ['', (s) => !s.revoked && !s.hidden],
    ['q=ATLANTICO', (s) => !s.revoked && s.name.includes('Atlántico')],
    ['q=registro%2012%20de', (s) => !s.revoked && s.name.startsWith('Objeto 12 ')],
    ['type=malware&type=threat-actor', (s) => !s.revoked && (s.type === 'malware' || s.type === 'threat-actor')],
    ['type=marking-definition', (s) => s.type === 'marking-definition'],
    ['origin=self', (s) => !s.revoked && !s.hidden && s.self],
    ['origin=mx', (s) => !s.revoked && !s.self],
    ['origin=MX', (s) => !s.revoked && !s.self],
    ['origin=US&origin=mx', (s) => !s.revoked && !s.hidden],
    ['origin=BR', () => false],
    ['marking=amber+strict', (s) => !s.revoked && s.tlp === 'amber+strict'],
    ['marking=amber%2Bstrict&marking=none', (s) => !s.revoked && !s.hidden && (s.tlp === 'amber+strict' || s.tlp === null)],
    ['marking=red&type=indicator', (s) => !s.revoked && s.tlp === 'red' && s.type === 'indicator'],
    ['grading=b2&grading=ungraded', (s) => !s.revoked && !s.hidden && (s.grading === 'B2' || s.grading === null)],
    ['label=COURIER', (s) => !s.revoked && s.labels.includes('courier')],
    ['label=fentanyl&marking=green', (s) => !s.revoked && s.labels.includes('Fentanyl') && s.tlp === 'green'],
    ['revoked=only', (s) => s.revoked],
    ['revoked=include', (s) => !s.hidden],
  ];

  for (const [query, keep] of cases) {
    it(`lists ${query || 'everything'} newest first, page after page without gaps or repeats`, async () => {
      const want = expected(keep);
      for (const limit of [7, 200]) assert.deepEqual(listed(await allPages(c, query, limit)), want, `${query} by ${limit}`);
    });
  }

  it('lists objects added since an instant', async () => {
    const sorted = [...seeded].sort((a, b) => a.dateAddedUs - b.dateAddedUs);
    const pivot = sorted[100] as Seeded;
    const since = new Date(Math.floor(pivot.dateAddedUs / 1000)).toISOString();
    const items = await allPages(c, `since=${since}&revoked=include`, 50);
    const sinceUs = Math.floor(pivot.dateAddedUs / 1000) * 1000;
    const want = expected((s) => !s.hidden && s.dateAddedUs > sinceUs);
    assert.ok(want.length > 10 && want.length < 40);
    assert.deepEqual(listed(items), want);
  });

  it('finds an object by its id, and shows each item as the contract says', async () => {
    const target = seeded[10] as Seeded;
    const page = ok(await c.get(`/console/api/objects?q=${target.id}`));
    const [item] = page.items as ListItem[];
    assert.equal(item?.id, target.id);
    assert.equal(item?.name, 'Objeto 10 renombrado');
    assert.equal(item?.modified, '2026-02-02T00:00:00.000Z');
    assert.equal(item?.created, '2026-01-01T00:00:00.000Z');
    assert.equal(item?.version, '2026-02-02T00:00:00.000Z');
    assert.equal(item?.tlp, target.tlp);
    assert.deepEqual(item?.labels, target.labels);
    assert.equal(item?.grading, target.grading);
    assert.deepEqual(item?.originator, { id: node.ctx.identity.id, name: 'Test node US', country: 'US', self: true, peer: null });
    assert.match(String(item?.dateAdded), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const mx = ok(await c.get('/console/api/objects?origin=mx&limit=1')).items as ListItem[];
    assert.deepEqual(mx[0]?.originator, { id: MX, name: 'Test node MX', country: 'MX', self: false, peer: 'mx' });
    const revoked = seeded.find((s) => s.revoked) as Seeded;
    assert.equal(
      (ok(await c.get(`/console/api/objects?q=${revoked.id}`)).items as ListItem[])[0]?.revoked,
      true,
      'an id finds its object even revoked',
    );
    const hidden = seeded.find((s) => s.hidden) as Seeded;
    assert.equal((ok(await c.get(`/console/api/objects?q=${hidden.id}`)).items as ListItem[])[0]?.type, 'marking-definition');
    const moved = ok(await c.get(`/console/api/objects?q=${(seeded[20] as Seeded).id}`)).items as ListItem[];
    assert.equal(moved.length, 1, 'held in two collections, listed once');
    assert.equal(moved[0]?.collection, 'second');
  });

  it('refuses filters it does not understand, naming them', async () => {
    const bad = [
      'limit=0',
      'limit=201',
      'limit=ten',
      'marking=purple',
      'grading=Z9',
      'since=yesterday',
      'revoked=maybe',
      'cursor=%25%25',
      `cursor=${Buffer.from('[1,2]').toString('base64url')}`,
      'type=Indicator',
      "type=x'%20or%201=1--",
      'origin=nowhere-node',
      'label=',
      `q=${'x'.repeat(201)}`,
      'q=a&q=b',
      'colour=red',
    ];
    for (const query of bad) {
      const r = await c.get(`/console/api/objects?${query}`);
      assert.equal(r.status, 400, `${query}: ${r.text}`);
      assert.equal((r.json as Json).error_code, 'http.bad-request');
      assert.ok(String((r.json as Json).title).length > 20);
    }
  });
});
