/**
 * A partner that answers badly: not JSON, cut off, too large, too slow, junk objects, paging
 * that never ends. The pulling node must fail with a clear reason or refuse the junk, and never
 * hang, crash or store anything. Real: HTTP on loopback (a hand-written fake partner), node B.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EnlaceError } from '../errors/index.js';
import type { PeerRecord } from '../store/types.js';
import { startTestNode, type TestNode } from '../test-support/nodes.js';
import { PeerClient } from './client.js';
import { pullFromPeer } from './pull.js';

type Answer = (req: IncomingMessage, res: ServerResponse) => void;

const COLLECTIONS = JSON.stringify({
  collections: [{ id: 'c0ffee00-0000-4000-8000-000000000001', alias: 'intel', title: 'x', can_read: true, can_write: true }],
});
const taxii = (res: ServerResponse, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(200, { 'content-type': 'application/taxii+json;version=2.1', ...headers });
  res.end(body);
};

describe('a partner that answers badly', () => {
  let b: TestNode;
  let server: Server;
  let answer: Answer = (_req, res) => taxii(res, COLLECTIONS);
  let peer: PeerRecord;

  before(async () => {
    b = await startTestNode({ name: 'b', country: 'MX', backend: 'sqlite' });
    server = createServer((req, res) => answer(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    peer = {
      name: 'odd',
      identityId: 'identity--0d0d0d0d-0000-4000-8000-000000000000',
      organisation: 'Odd partner',
      country: 'ZZ',
      publicKey: b.ctx.identity.publicKey,
      fingerprint: 'f'.repeat(64),
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apiRoot: 'enlace',
      addedUs: 0,
    };
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await b?.close();
  });

  const failure = async (p: Promise<unknown>): Promise<EnlaceError> => {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof EnlaceError, `an EnlaceError, not ${String(e)}`);
      return e;
    }
    assert.fail('expected a failure');
  };

  it('says so when the answer is not JSON, or an error page', async () => {
    answer = (_req, res) => taxii(res, '<html>hello</html>');
    const notJson = await failure(new PeerClient(b.ctx, peer).collections());
    assert.equal(notJson.code, 'peer.bad-response');
    assert.match(notJson.message, /invalid JSON/);
    answer = (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<h1>Service Unavailable</h1>' + 'x'.repeat(10_000));
    };
    const down = await failure(new PeerClient(b.ctx, peer).collections());
    assert.equal(down.code, 'peer.bad-response');
    assert.equal(down.params.status, 503);
    assert.ok(down.message.length < 500, 'the error page is cut short');
  });

  it('treats an answer cut off midway as the partner being unreachable', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/taxii+json;version=2.1', 'content-length': '5000' });
      res.write(COLLECTIONS.slice(0, 40), () => res.socket?.destroy());
    };
    const e = await failure(new PeerClient(b.ctx, peer).collections());
    assert.equal(e.code, 'peer.unreachable');
  });

  it('refuses an answer larger than it accepts, declared or streamed', async () => {
    const limit = 64 * 1024;
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/taxii+json;version=2.1', 'content-length': String(10 * limit) });
      res.end('x'.repeat(10 * limit));
    };
    const declared = await failure(new PeerClient(b.ctx, peer, 5_000, limit).collections());
    assert.match(declared.message, /answer larger than 65536 bytes/);
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/taxii+json;version=2.1' });
      const chunk = 'y'.repeat(16 * 1024);
      for (let i = 0; i < 40; i++) res.write(chunk);
      res.end();
    };
    const streamed = await failure(new PeerClient(b.ctx, peer, 5_000, limit).collections());
    assert.match(streamed.message, /answer larger than 65536 bytes/);
  });

  it('gives up on a partner that does not answer in time', async () => {
    answer = () => undefined;
    const started = Date.now();
    const e = await failure(new PeerClient(b.ctx, peer, 300).collections());
    assert.equal(e.code, 'peer.unreachable');
    assert.ok(Date.now() - started < 3_000);
  });

  it('refuses junk objects one by one and stores nothing', async () => {
    answer = (req, res) => {
      if (req.url?.includes('/objects/'))
        taxii(res, JSON.stringify({ more: false, objects: [1, null, 'x', [], { type: 'indicator' }, { id: 'x'.repeat(100_000) }] }));
      else taxii(res, COLLECTIONS);
    };
    const before = await b.ctx.store.countObjects(b.collectionId);
    const r = await pullFromPeer(b.ctx, new PeerClient(b.ctx, peer), 100);
    assert.deepEqual([r.added, r.duplicates, r.rejected], [0, 0, 6]);
    assert.equal(await b.ctx.store.countObjects(b.collectionId), before);
    const recorded = await b.ctx.store.listRejections('peer:odd', 10);
    assert.equal(recorded.length, 6);
    assert.ok(recorded.every((x) => x.reason.startsWith('object.invalid: ') && (x.objectId ?? '').length <= 300));
  });

  it('stops when the partner announces more pages but its paging does not move forward', async () => {
    let asked = 0;
    answer = (req, res) => {
      if (!req.url?.includes('/objects/')) return taxii(res, COLLECTIONS);
      asked++;
      taxii(res, JSON.stringify({ more: true, next: `token-${asked}`, objects: [] }));
    };
    const e = await failure(pullFromPeer(b.ctx, new PeerClient(b.ctx, peer), 100));
    assert.equal(e.code, 'peer.bad-response');
    assert.match(e.localized('es'), /su paginación no avanza/);
    assert.ok(asked <= 2, `asked ${asked} times`);
  });
});
