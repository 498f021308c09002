import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { AuditLog, type LogReader } from './audit-log.js';
import { entryLeaf, type NewLogEntry } from './entry.js';
import { AuditError } from './errors.js';
import { MemoryLogStorage } from './memory-storage.js';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle.js';
import { en, es } from './messages.js';
import { verifyTreeHead } from './tree-head.js';
import { checkLog, type DiscrepancyCode } from './verify-log.js';

const key = generateKeyPairSync('ed25519');
const LOG = 'identity--00000000-0000-4000-8000-0000000000c3';

const entry = (i: number): NewLogEntry => ({
  atUs: 1_764_000_000_000_000 + i,
  peer: 'mx',
  direction: i % 2 === 0 ? 'sent' : 'received',
  objectId: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  version: '2026-10-01T00:00:00.000Z',
  contentHash: (i + 1).toString(16).padStart(64, '0'),
});

describe('AuditLog', () => {
  it('records entries in order, gives them their positions and reads them back', async () => {
    const log = await AuditLog.open(new MemoryLogStorage());
    const first = await log.record([entry(0), entry(1)]);
    const second = await log.record([entry(2)]);
    assert.deepEqual(
      [...first, ...second].map((e) => e.seq),
      [0, 1, 2],
    );
    assert.deepEqual(await log.entries(0, 3), [...first, ...second]);
    assert.equal(await log.size(), 3);
  });

  it('refuses a batch with one bad entry and writes none of it', async () => {
    const log = await AuditLog.open(new MemoryLogStorage());
    await log.record([entry(0)]);
    await assert.rejects(
      log.record([entry(1), { ...entry(2), contentHash: 'nope' }]),
      (e: unknown) => e instanceof AuditError && e.code === 'entry-invalid',
    );
    await assert.rejects(log.record([{ ...entry(1), seq: 9 } as NewLogEntry]), AuditError);
    assert.equal(await log.size(), 1);
  });

  it('keeps positions unique under concurrent recording', async () => {
    const log = await AuditLog.open(new MemoryLogStorage());
    const batches = await Promise.all(Array.from({ length: 20 }, (_, i) => log.record([entry(i * 2), entry(i * 2 + 1)])));
    const seqs = batches
      .flat()
      .map((e) => e.seq)
      .sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 40 }, (_, i) => i),
    );
    for (const e of await log.entries(0, 40)) assert.equal(leafHash(entryLeaf(e)).length, 32);
  });

  it('signs heads whose root the proofs verify against', async () => {
    const log = await AuditLog.open(new MemoryLogStorage());
    await log.record(Array.from({ length: 9 }, (_, i) => entry(i)));
    const h9 = verifyTreeHead(await log.treeHead(LOG, key.privateKey, 5), key.publicKey, LOG);
    await log.record(Array.from({ length: 8 }, (_, i) => entry(9 + i)));
    const h17 = verifyTreeHead(await log.treeHead(LOG, key.privateKey, 6), key.publicKey, LOG);
    assert.ok(h9.ok && h17.ok);
    const [e4] = await log.entries(4, 5);
    assert.ok(e4);
    assert.ok(verifyInclusion(4, 9, leafHash(entryLeaf(e4)), await log.inclusionProof(4, 9), h9.rootHash));
    assert.ok(verifyConsistency(9, 17, await log.consistencyProof(9, 17), h9.rootHash, h17.rootHash));
  });
});

describe('checkLog against a hostile reader', () => {
  it('reports junk entries as unreadable instead of throwing', async () => {
    const good = await AuditLog.open(new MemoryLogStorage());
    await good.record(Array.from({ length: 6 }, (_, i) => entry(i)));
    const head = await good.treeHead(LOG, key.privateKey, 1);
    const hostile: LogReader = {
      size: () => good.size(),
      entries: async (from, to) => {
        const real = await good.entries(from, to);
        return real.map((e) => (e.seq === 3 ? ({ ...e, extra: '<script>' } as unknown as typeof e) : e));
      },
      inclusionProof: (i, s) => good.inclusionProof(i, s),
      consistencyProof: (a, b) => good.consistencyProof(a, b),
    };
    const check = await checkLog({ logId: LOG, publicKey: key.publicKey, counterpart: 'mx', heads: [head], log: hostile });
    assert.deepEqual(
      check.discrepancies.map((d) => [d.code, d.params.index]),
      [['entry-unreadable', 3]],
    );
    // The entries after the unreadable one are still read: a hole must not hide the rest.
    assert.deepEqual(
      check.entries.map((e) => e.seq),
      [0, 1, 2, 4, 5],
    );
  });

  it('does not try to read an absurdly long log, and survives a reader that throws', async () => {
    const throwing: LogReader = {
      size: () => Promise.resolve(1e12),
      entries: () => Promise.reject(new Error('boom')),
      inclusionProof: () => Promise.reject(new Error('boom')),
      consistencyProof: () => Promise.reject(new Error('boom')),
    };
    const check = await checkLog({ logId: LOG, publicKey: key.publicKey, counterpart: 'mx', heads: [], log: throwing });
    assert.deepEqual(check.discrepancies.map((d) => d.code).sort(), ['log-too-large', 'no-tree-head']);
    const broken = await checkLog({
      logId: LOG,
      publicKey: key.publicKey,
      counterpart: 'mx',
      heads: [],
      log: { ...throwing, size: () => Promise.resolve(-1) },
    });
    assert.deepEqual(
      broken.discrepancies.map((d) => d.code),
      ['entry-unreadable'],
    );
  });
});

describe('audit messages', () => {
  const codes: DiscrepancyCode[] = [
    'no-tree-head',
    'head-malformed',
    'head-forged',
    'log-rewritten',
    'log-truncated',
    'log-too-large',
    'entry-altered',
    'entries-swapped',
    'entry-missing',
    'entry-unreadable',
    'peer-unreachable',
    'entry-dropped',
    'content-mismatch',
    'entries-reordered',
  ];
  const errors = [
    'size-out-of-range',
    'index-out-of-range',
    'entry-invalid',
    'append-conflict',
    'storage-inconsistent',
    'body-missing',
    'tree-head-invalid',
  ];

  it('exist in English and Spanish for every code, with the same placeholders', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(es).sort());
    for (const code of [...codes, ...errors]) {
      const k = `audit.${code}`;
      assert.ok(en[k] && es[k], k);
      const holes = (t: string): string[] => [...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string).sort();
      assert.deepEqual(holes(es[k] as string), holes(en[k] as string), k);
    }
  });
});
