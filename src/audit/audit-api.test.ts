/**
 * The audit API over real HTTP: who may call what, what a partner is shown of entries about
 * others, and hostile or malformed requests to every endpoint, each answered with its catalogue
 * error. Three nodes: US, and two partners (MX and CA) that must not learn of each other.
 */
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest } from '../crypto/index.js';
import type { NodeContext } from '../node/context.js';
import { indicator, postObjects } from '../sync/testing.js';
import {
  forEachNodeBackend,
  pinPeers,
  readResult,
  startTestNode,
  taxiiClient,
  type HttpResult,
  type TestNode,
} from '../test-support/nodes.js';
import { AuditLog } from './audit-log.js';
import { MemoryLogStorage } from './memory-storage.js';
import { enlace } from '../cli/testing.js';
import { EnlaceError } from '../errors/index.js';
import { auditOf } from './node-audit.js';
import { discrepancyMessage, verifyWithPeer } from './node-verify.js';
import { alterEntry } from './testing.js';
import { encodeProof } from './peer-heads.js';

/** A request signed with a node's key, as its peer client would send it, with any body at all. */
async function signed(ctx: NodeContext, method: 'GET' | 'POST', url: string, body?: string | Buffer): Promise<HttpResult> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const bytes = body === undefined ? undefined : Buffer.from(body);
  if (bytes) headers['content-type'] = 'application/json';
  const sig = signRequest({
    method,
    url,
    headers,
    body: bytes,
    keyId: ctx.identity.fingerprint,
    privateKey: ctx.privateKey,
    nonce: randomUUID(),
  });
  return readResult(await fetch(url, { method, headers: { ...headers, ...sig }, body: bytes }));
}

const errorOf = (r: HttpResult): string | undefined => (r.json as { error_code?: string } | null)?.error_code;

forEachNodeBackend('audit API', (backend) => {
  let us: TestNode;
  let mx: TestNode;
  let ca: TestNode;
  const api = (path: string) => `${us.url}/api/v1/audit/${path}`;
  const as = (user: string | null) => taxiiClient(us, user);

  before(async () => {
    us = await startTestNode({ name: 'us', country: 'US', backend });
    mx = await startTestNode({ name: 'mx', country: 'MX', backend });
    ca = await startTestNode({ name: 'ca', country: 'CA', backend });
    await pinPeers(us, mx);
    await pinPeers(us, ca);
    await postObjects(us, [indicator({ name: 'for everyone' }), indicator({ name: 'also' })]);
    for (const peer of [mx, ca]) {
      const [report] = await peer.engine.syncNow('us');
      assert.equal(report?.ok, true, report?.error);
      assert.equal(report?.audit?.ok, true, report?.audit?.error);
    }
    // An analyst reads the collection: the access log gets its entries.
    assert.equal((await as('analyst').get(`/enlace/collections/${us.collectionId}/objects/`)).status, 200);
  });
  after(async () => {
    for (const n of [us, mx, ca]) await n?.close();
  });

  it('lets partners and accounts with audit:read in, and no one else', async () => {
    assert.equal(errorOf(await as(null).get('/api/v1/audit/head')), 'auth.required');
    for (const user of ['analyst', 'tool']) assert.equal(errorOf(await as(user).get('/api/v1/audit/head')), 'auth.forbidden', user);
    for (const user of ['supervisor', 'admin']) assert.equal((await as(user).get('/api/v1/audit/head')).status, 200, user);
    assert.equal((await signed(mx.ctx, 'GET', api('head'))).status, 200);
    assert.equal(errorOf(await as('supervisor').post('/api/v1/audit/heads', {})), 'audit.peers-only');
    for (const path of ['verify?peer=mx', 'access']) assert.equal(errorOf(await signed(mx.ctx, 'GET', api(path))), 'auth.forbidden', path);
    assert.equal(errorOf(await as('analyst').get('/api/v1/audit/access')), 'auth.forbidden');
  });

  it("shows a partner its own exchanges in full and every other entry sealed; the node's people see all", async () => {
    const size = await us.ctx.store.auditSize();
    const forMx = (await signed(mx.ctx, 'GET', api(`entries?from=0&to=${size}`))).json as { entries: Record<string, unknown>[] };
    const forCa = (await signed(ca.ctx, 'GET', api(`entries?from=0&to=${size}`))).json as { entries: Record<string, unknown>[] };
    const full = (await as('supervisor').get(`/api/v1/audit/entries?from=0&to=${size}`)).json as { entries: Record<string, unknown>[] };
    assert.equal(full.entries.filter((e) => 'sealed' in e).length, 0);
    assert.ok(full.entries.some((e) => e.kind === 'access'));
    assert.ok(forMx.entries.filter((e) => !('sealed' in e)).every((e) => e.peer === 'mx'));
    assert.ok(forCa.entries.filter((e) => !('sealed' in e)).every((e) => e.peer === 'ca'));
    assert.equal(forMx.entries.filter((e) => !('sealed' in e)).length, full.entries.filter((e) => e.peer === 'mx').length);
    assert.ok(
      !JSON.stringify(forMx).includes('"ca"') && !JSON.stringify(forMx).includes('analyst'),
      'nothing about CA or the analysts reaches MX',
    );
    // Each partner's audit of US passes on what it is shown.
    for (const [node, peer] of [
      [mx, 'us'],
      [ca, 'us'],
    ] as const) {
      const r = await taxiiClient(node, 'supervisor').get(`/api/v1/audit/verify?peer=${peer}&grace=0`);
      assert.equal((r.json as { ok: boolean }).ok, true, r.text);
    }
    const es = await taxiiClient(mx, 'supervisor').get('/api/v1/audit/verify?peer=us', { 'accept-language': 'es-MX' });
    assert.deepEqual((es.json as { discrepancies: unknown[] }).discrepancies, []);
  });

  it('answers malformed, oversized and hostile queries with the parameter named', async () => {
    const size = await us.ctx.store.auditSize();
    const cases: [string, string][] = [
      ['entries', 'audit.bad-parameter'],
      ['entries?from=0', 'audit.bad-parameter'],
      ['entries?from=abc&to=2', 'audit.bad-parameter'],
      ['entries?from=-1&to=2', 'audit.bad-parameter'],
      ['entries?from=01&to=2', 'audit.bad-parameter'],
      ['entries?from=1e3&to=2', 'audit.bad-parameter'],
      ['entries?from=99999999999999999999&to=2', 'audit.bad-parameter'],
      ['entries?from=0&from=1&to=2', 'audit.bad-parameter'],
      ['entries?from=0&to=1&peer=ca', 'audit.bad-parameter'],
      ['entries?from=2&to=2', 'audit.bad-parameter'],
      ['entries?from=0&to=5000', 'audit.range-too-large'],
      [`entries?from=0&to=${size + 1}`, 'audit.out-of-range'],
      ['proofs/inclusion', 'audit.bad-parameter'],
      [`proofs/inclusion?index=${size}`, 'audit.out-of-range'],
      ['proofs/inclusion?index=0&tree_size=0', 'audit.bad-parameter'],
      [`proofs/inclusion?index=0&tree_size=${size + 1}`, 'audit.bad-parameter'],
      ['proofs/consistency?second=1', 'audit.bad-parameter'],
      ['proofs/consistency?first=2&second=1', 'audit.bad-parameter'],
      [`proofs/consistency?first=1&second=${size + 1}`, 'audit.bad-parameter'],
      ['head?x=1', 'audit.bad-parameter'],
      ['heads?limit=0', 'audit.bad-parameter'],
      ['heads?limit=100000', 'audit.bad-parameter'],
      ['heads?log=../etc', 'audit.bad-parameter'],
      ['heads?log=nobody', 'peer.unknown'],
      ['verify', 'audit.bad-parameter'],
      ['verify?peer=nobody', 'peer.unknown'],
      ['verify?peer=mx&grace=999999', 'audit.bad-parameter'],
      ['access?limit=0', 'audit.bad-parameter'],
      ['access?account=%3Cscript%3E', 'audit.bad-parameter'],
      [`access?before=${'9'.repeat(30)}`, 'audit.bad-parameter'],
    ];
    for (const [path, code] of cases) {
      const r = await as('supervisor').get(`/api/v1/audit/${path}`);
      assert.equal(errorOf(r), code, `${path}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.ok(r.status >= 400 && r.status < 500, path);
    }
    // A partner may ask only for the heads of its own log.
    assert.equal(errorOf(await signed(mx.ctx, 'GET', api('heads?log=ca'))), 'audit.bad-parameter');
    const proof = (await as('supervisor').get(`/api/v1/audit/proofs/consistency?first=1&second=${size}`)).json as {
      consistency_path: string[];
    };
    assert.ok(Array.isArray(proof.consistency_path));
  });

  it('refuses heads handed over that are malformed, forged, of another log, or contradict the one held', async () => {
    const post = (body: string | Buffer) => signed(mx.ctx, 'POST', api('heads'), body);
    const mxAudit = auditOf(mx.ctx);
    // MX's log grows past the head US holds, so the head handed over needs a proof.
    await mx.ctx.exchanges.accessed('analyst', 'view', [
      { objectId: 'indicator--00000000-0000-4000-8000-000000000001', version: 'v', contentHash: 'a'.repeat(64) },
    ]);
    const genuine = await mxAudit.treeHead();
    const held = (await us.ctx.store.auditListHeads({ logId: mx.ctx.identity.id, statuses: ['accepted'], limit: 1 }))[0];
    assert.ok(held);
    const proof = encodeProof(await (await mxAudit.current()).consistencyProof(held.treeSize, genuine.tree_size));
    const fake = await AuditLog.open(new MemoryLogStorage());
    const foreign = await fake.treeHead(ca.ctx.identity.id, ca.ctx.privateKey);
    const cases: [string | Buffer, string][] = [
      ['', 'http.malformed-json'],
      ['{"tree_head":', 'http.malformed-json'],
      ['[]', 'audit.bad-parameter'],
      ['{}', 'audit.bad-parameter'],
      [JSON.stringify({ tree_head: genuine, extra: 1 }), 'audit.bad-parameter'],
      [JSON.stringify({ tree_head: genuine, consistency: { tree_size: 'x', consistency_path: [] } }), 'audit.bad-parameter'],
      [JSON.stringify({ tree_head: genuine, consistency: { tree_size: held.treeSize, consistency_path: ['!'] } }), 'audit.bad-parameter'],
      [JSON.stringify({ tree_head: { ...genuine, tree_size: genuine.tree_size + 1 } }), 'audit.head-rejected'],
      [JSON.stringify({ tree_head: foreign }), 'audit.head-rejected'],
      [JSON.stringify({ tree_head: 'head' }), 'audit.head-rejected'],
      [Buffer.alloc(70 * 1024, 0x20), 'http.payload-too-large'],
    ];
    for (const [body, code] of cases) {
      const r = await post(body);
      assert.equal(errorOf(r), code, `${String(body).slice(0, 80)}: ${r.status} ${r.text.slice(0, 200)}`);
    }
    assert.ok(genuine.tree_size > held.treeSize);
    const wrong = await post(JSON.stringify({ tree_head: genuine, consistency: { tree_size: 0, consistency_path: [] } }));
    assert.equal(errorOf(wrong), 'audit.proof-needed');
    assert.deepEqual((wrong.json as { details?: unknown }).details, { held_tree_size: held.treeSize });
    const ok = await post(JSON.stringify({ tree_head: genuine, consistency: { tree_size: held.treeSize, consistency_path: proof } }));
    assert.equal(ok.status, 200, ok.text);
  });

  it('still checks its own log when the partner cannot be reached, and says the partner was not', async () => {
    const record = await us.ctx.store.getPeer('mx');
    assert.ok(record);
    const down = new EnlaceError('peer.unreachable', { peer: 'mx', detail: 'ECONNREFUSED' });
    const verdict = await verifyWithPeer(us.ctx, {
      peer: record,
      auditGet: () => Promise.reject(down),
      auditPost: () => Promise.reject(down),
    });
    assert.equal(verdict.ok, false);
    assert.deepEqual(
      verdict.discrepancies.map((d) => d.code),
      ['peer-unreachable'],
    );
    assert.equal(
      discrepancyMessage(verdict.discrepancies[0]!, 'en'),
      'The log of mx could not be read: Peer mx could not be reached: ECONNREFUSED.',
    );
    assert.equal(
      discrepancyMessage(verdict.discrepancies[0]!, 'es'),
      'No se pudo leer la bitácora de mx: No se pudo contactar al par mx: ECONNREFUSED.',
    );
  });

  it('lists the access log, and flags a row whose log entry was altered', async () => {
    const r = await as('supervisor').get('/api/v1/audit/access?limit=2&account=analyst');
    const rows = (r.json as { entries: { account: string; action: string; intact: boolean; seq: number }[] }).entries;
    assert.equal(rows.length, 2);
    assert.ok(rows.every((x) => x.account === 'analyst' && x.action === 'view' && x.intact));
    assert.ok((rows[0]?.seq ?? 0) > (rows[1]?.seq ?? 0), 'newest first');
    const peers = (await as('admin').get('/api/v1/peers')).json as { peers: { peer: string; audit: { state: string } }[] };
    assert.deepEqual(peers.peers.map((p) => p.audit.state).sort(), ['never', 'never'], 'US itself never ran a pass');
    const mxPeers = (await taxiiClient(mx, 'admin').get('/api/v1/peers')).json as {
      peers: { audit: { state: string; peerTreeSize: number } }[];
    };
    assert.equal(mxPeers.peers[0]?.audit.state, 'ok');

    const cli = await enlace(['--dir', us.dir, 'audit', 'access', '--limit', '2']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(cli.stdout.trim().split('\n').length, 2);
    assert.match(cli.stdout, /Z {2}#\d+ {2}analyst {2}viewed {2}[a-z-]+--[0-9a-f-]{36} {2}\d{4}-/);
    const es = await enlace(['--dir', us.dir, '--lang', 'es', 'audit', 'access', '--limit', '1', '--account', 'analyst']);
    assert.match(es.stdout, /analyst {2}consultó/);
    assert.equal((await enlace(['--dir', us.dir, 'audit', 'access', '--limit', '0'])).code, 1);

    // Someone rewrites what the log says the analyst looked at.
    const newest = rows[0];
    assert.ok(newest);
    await alterEntry(us.ctx.store, newest.seq, (e) => ({ ...e, objectId: 'indicator--00000000-0000-4000-8000-00000000dead' }));
    const after = (await as('supervisor').get('/api/v1/audit/access?limit=1')).json as { entries: { intact: boolean }[] };
    assert.equal(after.entries[0]?.intact, false);
    const flagged = await enlace(['--dir', us.dir, 'audit', 'access', '--limit', '1']);
    assert.equal(flagged.code, 1);
    assert.match(flagged.stdout, /ALTERED/);
  });
});
