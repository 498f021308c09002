/**
 * The web console's pure logic, part two: the relationship graph's layout, the console's
 * addresses, the release-policy and new-object forms, and the API client (console/src/lib,
 * loaded by web-lib-testing.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { webLib, type Json, type Route } from './web-lib-testing.js';

const lib = webLib();

describe('console relationship graph', () => {
  const end = (id: string, name: string) => ({ id, type: id.split('--')[0], name });
  const center = { id: 'malware--c', type: 'malware', name: 'Center' };

  it('puts the object in the middle and each neighbour once around it', () => {
    const g = lib().graph;
    const rels = [
      { id: 'relationship--1', relationship_type: 'uses', source: end('threat-actor--a', 'A'), target: end('malware--c', 'Center') },
      { id: 'relationship--2', relationship_type: 'indicates', source: end('indicator--b', 'B'), target: end('malware--c', 'Center') },
      { id: 'relationship--3', relationship_type: 'related-to', source: end('malware--c', 'Center'), target: end('threat-actor--a', 'A') },
    ];
    const layout = g.layoutGraph(center, rels);
    assert.equal(layout.nodes.length, 3);
    assert.ok(layout.nodes[0]?.center);
    assert.equal(layout.edges.length, 3);
    assert.equal(layout.hidden, 0);
    for (const n of layout.nodes) {
      assert.ok(n.x - g.BOX.width / 2 >= 0 && n.x + g.BOX.width / 2 <= layout.width, `${n.id} fits across`);
      assert.ok(n.y - g.BOX.height / 2 >= 0 && n.y + g.BOX.height / 2 <= layout.height, `${n.id} fits down`);
    }
  });

  it('draws at most a readable number of neighbours and says how many it left out', () => {
    const g = lib().graph;
    const rels = Array.from({ length: g.MAX_NEIGHBOURS + 3 }, (_, i) => ({
      id: `relationship--${i}`,
      relationship_type: 'uses',
      source: end('malware--c', 'Center'),
      target: end(`tool--${i}`, `T${i}`),
    }));
    const layout = g.layoutGraph(center, rels);
    assert.equal(layout.nodes.length, g.MAX_NEIGHBOURS + 1);
    assert.equal(layout.hidden, 3);
    assert.equal(layout.edges.length, g.MAX_NEIGHBOURS);
  });

  it('ends arrows on the edge of a box', () => {
    const g = lib().graph;
    assert.deepEqual(g.borderPoint({ x: 100, y: 100 }, { x: 500, y: 100 }), { x: 100 + g.BOX.width / 2, y: 100 });
    assert.deepEqual(g.borderPoint({ x: 100, y: 100 }, { x: 100, y: 400 }), { x: 100, y: 100 + g.BOX.height / 2 });
  });
});

describe('console addresses', () => {
  it('name every screen and come back to the same screen', () => {
    const r = lib().routes;
    const cases: [string, string, Route][] = [
      ['/console/', '', { name: 'overview' }],
      ['/console', '', { name: 'overview' }],
      ['/console/intelligence', '?q=x', { name: 'intelligence', search: '?q=x' }],
      [
        '/console/objects/indicator--2a1c8bf8-1d55-4a73-8d3e-7a0a0f5a1d10',
        '',
        { name: 'object', id: 'indicator--2a1c8bf8-1d55-4a73-8d3e-7a0a0f5a1d10' },
      ],
      ['/console/release', '?peer=mx&id=note--1', { name: 'release', peer: 'mx', id: 'note--1' }],
      ['/console/audit', '', { name: 'audit', peer: null }],
      ['/console/admin', '', { name: 'admin' }],
    ];
    for (const [path, search, route] of cases) {
      assert.deepEqual(r.parseRoute(path, search), route, path);
      const href = r.hrefOf(route);
      const q = href.indexOf('?');
      assert.deepEqual(r.parseRoute(q < 0 ? href : href.slice(0, q), q < 0 ? '' : href.slice(q)), route, href);
    }
    assert.equal(r.parseRoute('/console/nowhere', '').name, 'not-found');
    assert.equal(r.parseRoute('/console/objects/%E0%A4%A', '').name, 'not-found');
    assert.equal(r.hrefOf({ name: 'object', id: 'a b/c' }), '/console/objects/a%20b%2Fc');
  });

  it('open a screen only to the roles that may use it', () => {
    const r = lib().routes;
    const analyst = ['objects:read', 'objects:write', 'status:read'];
    assert.ok(r.canOpen('intelligence', analyst));
    assert.ok(!r.canOpen('release', analyst));
    assert.ok(!r.canOpen('audit', analyst));
    assert.ok(!r.canOpen('admin', analyst));
    assert.ok(r.canOpen('admin', ['accounts:manage']));
    assert.ok(r.canOpen('audit', ['audit:read']));
  });
});

describe('console release policy form', () => {
  const rules = { allow_green: true, allow_amber: false, ceiling: 'green', allow_third_party: false };

  it('sends the policy without the numbers the node gives', () => {
    const p = lib().policy;
    const draft = p.draftOf({
      version: 3,
      updated_at: '2026-11-01T00:00:00.000Z',
      unmarked_as: 'amber',
      default: rules,
      peers: { mx: { ...rules, min_grading: { source_reliability: 'B', information_credibility: 2 } } },
    });
    const body = p.policyBody(draft);
    assert.deepEqual(Object.keys(body).sort(), ['default', 'peers', 'unmarked_as']);
    assert.deepEqual((body['peers'] as Json)['mx'], { ...rules, min_grading: { source_reliability: 'B', information_credibility: 2 } });
    assert.deepEqual(p.setMinGrading({ ...rules, min_grading: { source_reliability: 'A', information_credibility: 1 } }, '', 1), rules);
  });

  it('warns about rules that contradict their ceiling', () => {
    const p = lib().policy;
    assert.deepEqual(p.ruleWarnings({ ...rules, allow_amber: true }), ['amber-above-ceiling']);
    assert.deepEqual(p.ruleWarnings({ ...rules, ceiling: 'clear' }), ['green-above-ceiling']);
    assert.deepEqual(p.ruleWarnings({ ...rules, allow_amber: true, ceiling: 'amber' }), []);
  });
});

describe('console new object form', () => {
  it('asks for a name, and a pattern for an indicator', () => {
    const c = lib().create;
    assert.deepEqual(c.createProblems(c.EMPTY_DRAFT), ['name-required', 'pattern-required']);
    assert.deepEqual(c.createProblems({ ...c.EMPTY_DRAFT, name: 'x', pattern: "ipv4-addr:value = '1'" }), ['pattern-brackets']);
    assert.deepEqual(c.createProblems({ ...c.EMPTY_DRAFT, type: 'malware', name: 'x' }), []);
  });

  it('makes a marked, graded STIX object for the node to sign', () => {
    const c = lib().create;
    const s = lib().stix;
    const now = new Date('2026-11-27T12:00:00.000Z');
    const body = c.createBody(
      {
        ...c.EMPTY_DRAFT,
        name: ' Tap ',
        pattern: "[ipv4-addr:value = '203.0.113.7']",
        marking: 'red',
        grading: 'B2',
        labels: 'fuel, fuel, drones',
      },
      now,
    );
    assert.deepEqual(body, {
      type: 'indicator',
      name: 'Tap',
      labels: ['fuel', 'drones'],
      pattern: "[ipv4-addr:value = '203.0.113.7']",
      pattern_type: 'stix',
      valid_from: '2026-11-27T12:00:00.000Z',
      object_marking_refs: [s.TLP2_MARKING_IDS['red']],
      extensions: {
        [s.GRADING_EXTENSION_ID]: { extension_type: 'property-extension', source_reliability: 'B', information_credibility: 2 },
      },
    });
    assert.equal(c.createBody({ ...c.EMPTY_DRAFT, type: 'malware', name: 'M' }, now)['is_family'], false);
  });
});

describe('console API client', () => {
  interface Seen {
    url: string;
    init: RequestInit;
  }
  const stub = (status: number, body: string, seen: Seen[]): typeof fetch =>
    (async (url: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(url), init: init ?? {} });
      return new Response(status === 204 ? null : body, { status, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
  const headers = (s: Seen | undefined) => (s?.init.headers ?? {}) as Record<string, string>;

  it("sends the session cookie, the reader's language, and the CSRF token only on changes", async () => {
    const { ApiClient } = lib().api;
    const seen: Seen[] = [];
    const client = new ApiClient({ locale: () => 'es-MX', onUnauthorized: () => undefined, fetch: stub(200, '{"ok":true}', seen) });
    client.setCsrfToken('tok');
    assert.deepEqual(await client.get('/console/api/objects', { q: 'x', type: ['a', 'b'], empty: '' }), { ok: true });
    await client.post('/console/api/objects', { type: 'note' });
    assert.equal(seen[0]?.url, '/console/api/objects?q=x&type=a&type=b');
    assert.equal(seen[0]?.init.credentials, 'same-origin');
    assert.equal(headers(seen[0])['Accept-Language'], 'es-MX');
    assert.equal(headers(seen[0])['X-CSRF-Token'], undefined);
    assert.equal(seen[1]?.init.method, 'POST');
    assert.equal(headers(seen[1])['X-CSRF-Token'], 'tok');
    assert.equal(headers(seen[1])['Content-Type'], 'application/json');
    assert.equal(seen[1]?.init.body, '{"type":"note"}');
  });

  it("turns the node's error body into an error that says what went wrong", async () => {
    const { ApiClient, isApiError } = lib().api;
    const body = JSON.stringify({
      title: 'Solicitud incorrecta',
      description: 'Falta el patrón.',
      error_code: 'http.bad-request',
      http_status: 400,
    });
    const client = new ApiClient({ locale: () => 'es-MX', onUnauthorized: () => undefined, fetch: stub(400, body, []) });
    const err = await client.post('/console/api/objects', {}).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(isApiError(err));
    assert.equal(err.status, 400);
    assert.equal(err.code, 'http.bad-request');
    assert.equal(err.title, 'Solicitud incorrecta');
    assert.equal(err.description, 'Falta el patrón.');
  });

  it('reports an ended session, except where a 401 is the answer asked for', async () => {
    const { ApiClient } = lib().api;
    let ended = 0;
    const client = new ApiClient({
      locale: () => 'en',
      onUnauthorized: () => {
        ended++;
      },
      fetch: stub(401, '{"title":"Sign in"}', []),
    });
    await client.get('/console/api/overview').catch(() => undefined);
    assert.equal(ended, 1);
    await client.get('/console/api/session', undefined, { expectUnauthorized: true }).catch(() => undefined);
    assert.equal(ended, 1);
  });

  it('says when the node cannot be reached, and returns nothing for 204', async () => {
    const { ApiClient, isApiError } = lib().api;
    const down = new ApiClient({
      locale: () => 'en',
      onUnauthorized: () => undefined,
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    const err = await down.get('/x').then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(isApiError(err));
    assert.equal(err.status, 0);
    assert.equal(err.code, 'network');
    const ok = new ApiClient({ locale: () => 'en', onUnauthorized: () => undefined, fetch: stub(204, '', []) });
    assert.equal(await ok.delete('/console/api/session'), undefined);
  });
});
