/**
 * Evidence exports in the node's transparency log, on real nodes (SQLite and PostgreSQL): every
 * export's SHA-256 becomes an `evidence` access entry, committed by signed heads, listed by the
 * access log, the CLI and the API, and both partners' audits still pass.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entryLeaf, isAccess, toRecordedEntry, type AccessEntry } from '../../audit/entry.js';
import { AuditError } from '../../audit/errors.js';
import { listAccess } from '../../audit/access-log.js';
import { leafHash, verifyInclusion } from '../../audit/merkle.js';
import { auditOf } from '../../audit/node-audit.js';
import { verifyWithPeer } from '../../audit/node-verify.js';
import { alterEntry, storedEntries } from '../../audit/testing.js';
import { checkLog } from '../../audit/verify-log.js';
import { enlace } from '../../cli/testing.js';
import { PeerClient } from '../../sync/client.js';
import { indicator, postObjects } from '../../sync/testing.js';
import { forEachNodeBackend, pinPeers, startTestNode, taxiiClient, type TestNode } from '../../test-support/nodes.js';
import { sampleIncident } from './fixtures.js';
import { EVIDENCE_FORMATS, exportIncident, recordEvidenceExport } from './index.js';

describe('the evidence access action in log entries', () => {
  const base = {
    seq: 7,
    atUs: 1_790_000_000_000_000,
    kind: 'access',
    account: 'analyst',
    objectId: 'x-enlace-drone-incident--00000000-0000-4000-8000-000000000001',
    version: '2026-10-01T12:00:00.000Z',
    contentHash: 'ab'.repeat(32),
    salt: 'AAAAAAAAAAAAAAAAAAAAAA',
  } as const;

  it('leaves the leaf hashes of existing view and export entries as they were', () => {
    // Computed before the action was added: logs already written must still verify.
    assert.equal(
      leafHash(entryLeaf({ ...base, action: 'view' })).toString('hex'),
      'ba184ad14fea092b1565ad8d9c6f616557911dda8f345aa22ba1b0dc53b59c6e',
    );
    assert.equal(
      leafHash(entryLeaf({ ...base, action: 'export' })).toString('hex'),
      '87357f55b1cdd90428ddc4c4b90d41357d65e2efac6e194ae6f300f5d24770ce',
    );
  });

  it('accepts "evidence" with a file digest and refuses other actions and malformed digests', () => {
    const file = exportIncident(sampleIncident(), 'csv', 'en');
    const entry = toRecordedEntry({ ...base, action: 'evidence', contentHash: file.sha256 });
    assert.equal((entry as AccessEntry).action, 'evidence');
    for (const action of ['Evidence', 'download', '', 1])
      assert.throws(
        () => toRecordedEntry({ ...base, action }),
        (e: unknown) => e instanceof AuditError && e.params.field === 'action',
        String(action),
      );
    for (const contentHash of [file.sha256.toUpperCase(), file.sha256.slice(1), `${file.sha256}0`]) {
      assert.throws(
        () => toRecordedEntry({ ...base, action: 'evidence', contentHash }),
        (e: unknown) => e instanceof AuditError && e.params.field === 'contentHash',
      );
    }
  });
});

forEachNodeBackend('evidence exports recorded in the audit log', (backend) => {
  let us: TestNode;
  let mx: TestNode;
  const view = sampleIncident();

  before(async () => {
    us = await startTestNode({ name: 'us', country: 'US', backend });
    mx = await startTestNode({ name: 'mx', country: 'MX', backend });
    await pinPeers(us, mx);
    // Exchanges in both logs first, so the partners' audit has something to compare.
    await postObjects(us, [indicator({ name: 'drone launch site' })]);
    const [report] = await mx.engine.syncNow('us');
    assert.equal(report?.ok, true, report?.error);
  });
  after(async () => {
    for (const n of [us, mx]) await n?.close();
  });

  it('logs each export as an evidence entry holding the file SHA-256, committed by a signed head', async () => {
    const audit = auditOf(us.ctx);
    const before = await audit.treeHead();
    const files = EVIDENCE_FORMATS.map((f) => exportIncident(view, f, 'es'));
    for (const file of files) await recordEvidenceExport(us.ctx, 'analyst', view, file);

    const evidence = (await storedEntries(us.ctx.store)).filter(isAccess).filter((e) => e.action === 'evidence');
    assert.deepEqual(
      evidence.map((e) => e.contentHash),
      files.map((f) => f.sha256),
    );
    assert.ok(evidence.every((e) => e.account === 'analyst' && e.objectId === view.id && e.version === view.version));

    const head = await audit.treeHead();
    const log = await audit.current();
    const root = Buffer.from(head.root_hash, 'base64');
    for (const e of evidence) {
      assert.ok(
        verifyInclusion(e.seq, head.tree_size, leafHash(entryLeaf(e)), await log.inclusionProof(e.seq, head.tree_size), root),
        `entry ${e.seq} is in the signed log`,
      );
    }
    const check = await checkLog({
      logId: us.ctx.identity.id,
      publicKey: us.ctx.identity.publicKey,
      counterpart: 'mx',
      heads: [before, head],
      log,
    });
    assert.deepEqual(check.discrepancies, []);

    const listed = await listAccess(us.ctx, { limit: 4 });
    assert.deepEqual(
      listed.map((r) => [r.action, r.content_hash, r.intact]),
      [...files].reverse().map((f) => ['evidence', f.sha256, true]),
    );
  });

  it('passes both partners audits, the new entries sealed to the partner', async () => {
    const mxRecord = await us.ctx.store.getPeer('mx');
    const usRecord = await mx.ctx.store.getPeer('us');
    assert.ok(mxRecord && usRecord);
    const ours = await verifyWithPeer(us.ctx, new PeerClient(us.ctx, mxRecord), { graceUs: 0 });
    assert.deepEqual(ours.discrepancies, []);
    assert.equal(ours.ok, true);
    const theirs = await verifyWithPeer(mx.ctx, new PeerClient(mx.ctx, usRecord), { graceUs: 0 });
    assert.deepEqual(theirs.discrepancies, []);
    assert.equal(theirs.ok, true);
  });

  it('shows evidence exports in the access log of the API and of `enlace audit access`, in both languages', async () => {
    const api = await taxiiClient(us, 'supervisor').get('/api/v1/audit/access?limit=1');
    assert.equal(api.status, 200, api.text);
    const [newest] = (api.json as { entries: { action: string; object_id: string; intact: boolean; content_hash: string }[] }).entries;
    assert.equal(newest?.action, 'evidence');
    assert.equal(newest?.object_id, view.id);
    assert.equal(newest?.intact, true);
    assert.equal(newest?.content_hash, exportIncident(view, 'report', 'es').sha256);

    const en = await enlace(['--dir', us.dir, 'audit', 'access', '--limit', '2']);
    assert.equal(en.code, 0, en.stderr);
    assert.match(en.stdout, new RegExp(`#\\d+ {2}analyst {2}exported evidence {2}${view.id} {2}${view.version}\\n`));
    const es = await enlace(['--dir', us.dir, '--lang', 'es', 'audit', 'access', '--limit', '1']);
    assert.equal(es.code, 0, es.stderr);
    assert.match(es.stdout, /analyst {2}exportó evidencia {2}x-enlace-drone-incident--/);
  });

  it('refuses a digest that is not a SHA-256 in lowercase hex, logging nothing', async () => {
    const size = await us.ctx.store.auditSize();
    const sha256 = exportIncident(view, 'geojson', 'en').sha256;
    for (const bad of [sha256.toUpperCase(), sha256.slice(2), '', 'not a digest']) {
      await assert.rejects(
        recordEvidenceExport(us.ctx, 'analyst', view, { sha256: bad }),
        (e: unknown) => e instanceof AuditError && e.code === 'entry-invalid',
      );
    }
    await assert.rejects(recordEvidenceExport(us.ctx, '', view, { sha256 }), AuditError);
    assert.equal(await us.ctx.store.auditSize(), size);
  });

  it('finds a digest changed in the log afterwards', async () => {
    const audit = auditOf(us.ctx);
    const head = await audit.treeHead();
    const [target] = (await storedEntries(us.ctx.store)).filter(isAccess).filter((e) => e.action === 'evidence');
    assert.ok(target);
    await alterEntry(us.ctx.store, target.seq, (e) => ({ ...e, contentHash: '0'.repeat(64) }));
    const check = await checkLog({
      logId: us.ctx.identity.id,
      publicKey: us.ctx.identity.publicKey,
      counterpart: 'mx',
      heads: [head],
      log: await audit.current(),
    });
    assert.deepEqual(
      check.discrepancies.map((d) => [d.code, d.params.index]),
      [['entry-altered', target.seq]],
    );
  });
});
