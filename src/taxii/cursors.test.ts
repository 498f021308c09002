/**
 * TAXII 2.1 `next` tokens (section 3.4): opaque to the client, but a server must not let one be
 * forged, altered, replayed forever, or used for another collection, filter or client. Each misuse
 * is 400 with a reason.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it, mock } from 'node:test';
import { forEachNodeBackend, startTestNode, taxiiClient, type TestNode } from '../test-support/nodes.js';
import { assertTaxiiError, at, body, newIndicator, newMalware, objectsOf, postObjects, query, tamper, type Client } from './test-kit.js';

forEachNodeBackend('TAXII next cursors', (backend) => {
  let node: TestNode;
  let analyst: Client;
  let otherCollection: string;

  before(async () => {
    node = await startTestNode({ name: 'us', country: 'US', backend });
    analyst = taxiiClient(node);
    await postObjects(analyst, node, [newMalware(), newMalware(), newIndicator(), newIndicator(), newMalware()]);
    otherCollection = randomUUID();
    await node.ctx.store.createCollection({ id: otherCollection, title: 'Second collection' });
    await postObjects(analyst, node, [newMalware(), newMalware(), newMalware()], otherCollection);
  });
  after(() => node.close());

  async function firstNext(path: string, client: Client = analyst): Promise<string> {
    const env = body(await client.get(path));
    assert.equal(env.more, true);
    assert.equal(typeof env.next, 'string');
    return env.next as string;
  }

  function withNext(path: string, next: string): string {
    return `${path}${path.includes('?') ? '&' : '?'}next=${encodeURIComponent(next)}`;
  }

  it('a genuine token is accepted on the same request', async () => {
    const path = at(node, 'objects/?limit=2');
    const r = await analyst.get(withNext(path, await firstNext(path)));
    assert.equal(r.status, 200);
    assert.equal(objectsOf(r).length, 2);
  });

  it('a forged token is 400 saying the server did not issue it', async () => {
    for (const forged of ['abc', 'abc.def', '0', 'eyJ2IjoxLCJzIjowfQ.AAAA', 'x'.repeat(600), '../../etc/passwd', '%00']) {
      const e = assertTaxiiError(await analyst.get(at(node, 'objects/' + query({ limit: '2', next: forged }))), 400, 'taxii.bad-cursor');
      assert.match(e.title as string, /next cursor .*(malformed|not issued by this server)/);
    }
  });

  it('a tampered token (any byte changed, cut short or extended) is 400', async () => {
    const path = at(node, 'objects/?limit=2');
    const token = await firstNext(path);
    const n = token.length;
    for (const altered of [tamper(token, 2), tamper(token, Math.floor(n / 2)), tamper(token, n - 3), token.slice(0, -2), token + 'AA']) {
      const e = assertTaxiiError(await analyst.get(withNext(path, altered)), 400, 'taxii.bad-cursor');
      assert.match(e.title as string, /malformed|not issued by this server/);
    }
  });

  it('a token is opaque: it does not show the feed position it stands for', async () => {
    // Feed positions count every version, also those a partner may not see: in clear, the gaps
    // between them would tell a partner how many objects it is not shown.
    const token = await firstNext(at(node, 'objects/?limit=1'));
    for (const part of token.split('.')) {
      const bytes = Buffer.from(part, 'base64url');
      const printable = bytes.filter((b) => b >= 0x20 && b < 0x7f).length;
      // Text such as JSON is all printable; sealed bytes are about 37 % printable.
      assert.ok(printable < 0.8 * bytes.length, `a readable part: ${bytes.toString('latin1').slice(0, 80)}`);
    }
  });

  it('the reason a token is refused is given in Spanish too', async () => {
    const r = await analyst.get(at(node, 'objects/' + query({ limit: '2', next: 'abc' })), { 'accept-language': 'es-MX' });
    const e = assertTaxiiError(r, 400, 'taxii.bad-cursor');
    assert.match(e.title as string, /cursor next no es uno que este servidor haya emitido/);
    assert.match(e.title as string, /mal formado/);
  });

  it('a token past its lifetime is 400 saying it expired', async () => {
    const path = at(node, 'objects/?limit=2');
    const ttlMs = node.ctx.config.taxii.cursorTtlSeconds * 1000;
    // The node runs in this process: freeze its clock in the past while it issues the token.
    mock.timers.enable({ apis: ['Date'], now: Date.now() - ttlMs - 60_000 });
    let token: string;
    try {
      token = await firstNext(path);
    } finally {
      mock.timers.reset();
    }
    const e = assertTaxiiError(await analyst.get(withNext(path, token)), 400, 'taxii.bad-cursor');
    assert.match(e.title as string, /expired/);
  });

  it('a token of another collection is 400', async () => {
    const token = await firstNext(at(node, 'objects/?limit=1', otherCollection));
    const e = assertTaxiiError(await analyst.get(withNext(at(node, 'objects/?limit=1'), token)), 400, 'taxii.bad-cursor');
    assert.match(e.title as string, /another collection, filter or client/);
  });

  it('a token used with other filters is 400', async () => {
    const token = await firstNext(at(node, 'objects/?limit=1&match[type]=malware'));
    for (const other of [
      'objects/?limit=1&match[type]=indicator',
      'objects/?limit=1',
      'objects/?limit=1&match[type]=malware&match[version]=all',
      'objects/?limit=1&match[type]=malware&added_after=2020-01-01T00:00:00Z',
    ]) {
      assertTaxiiError(await analyst.get(withNext(at(node, other), token)), 400, 'taxii.bad-cursor');
    }
  });

  it('a token of the objects endpoint is refused by the manifest endpoint', async () => {
    const token = await firstNext(at(node, 'objects/?limit=1'));
    assertTaxiiError(await analyst.get(withNext(at(node, 'manifest/?limit=1'), token)), 400, 'taxii.bad-cursor');
  });

  it('a token issued to one account is refused to another', async () => {
    const path = at(node, 'objects/?limit=1');
    const token = await firstNext(path);
    assertTaxiiError(await taxiiClient(node, 'admin').get(withNext(path, token)), 400, 'taxii.bad-cursor');
  });

  it('next given twice is 400', async () => {
    const path = at(node, 'objects/?limit=1');
    const token = await firstNext(path);
    assertTaxiiError(await analyst.get(withNext(withNext(path, token), token)), 400, 'taxii.bad-filter');
  });
});
