import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { AuditLog, type LogReader } from './audit-log.js';
import {
  entryLeaf,
  isExchange,
  parseEntryLeaf,
  sealEntry,
  toReadEntry,
  type NewRecordedEntry,
  type ReadEntry,
  type RecordedEntry,
} from './entry.js';
import { AuditError } from './errors.js';
import { MemoryLogStorage } from './memory-storage.js';
import { compareLogs } from './verify.js';
import { checkLog, type AuditedLog } from './verify-log.js';

const US = 'identity--00000000-0000-4000-8000-0000000000a1';
const MX = 'identity--00000000-0000-4000-8000-0000000000b2';
const usKey = generateKeyPairSync('ed25519');
const mxKey = generateKeyPairSync('ed25519');
const hash = (i: number): string => i.toString(16).padStart(64, '0');
const oid = (i: number): string => `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const salt = 'c2FsdHNhbHRzYWx0c2FsdA';

const exchange = (i: number, peer: string, direction: 'sent' | 'received'): NewRecordedEntry => ({
  atUs: 1000 + i,
  peer,
  direction,
  objectId: oid(i),
  version: 'v1',
  contentHash: hash(i + 1),
  salt,
});
const access = (i: number): NewRecordedEntry => ({
  atUs: 1000 + i,
  kind: 'access',
  account: 'analyst',
  action: 'view',
  objectId: oid(i),
  version: 'v1',
  contentHash: hash(i + 1),
  salt,
});

/** A reader that shows a partner only the entries about it, as the audit API does. */
function sealedFor(log: AuditLog, peer: string, tamper: (e: ReadEntry) => ReadEntry = (e) => e): LogReader {
  return {
    size: () => log.size(),
    entries: async (from, to) => (await log.entries(from, to)).map((e) => tamper(isExchange(e) && e.peer === peer ? e : sealEntry(e))),
    inclusionProof: (i, s) => log.inclusionProof(i, s),
    consistencyProof: (a, b) => log.consistencyProof(a, b),
  };
}

describe('entries of both kinds, and sealed entries', () => {
  it('access entries are canonical JSON leaves like exchanges, with a kind', () => {
    const e = { ...access(3), seq: 7 } as RecordedEntry;
    const leaf = entryLeaf(e);
    assert.match(leaf.toString(), /^\{"account":"analyst","action":"view","atUs":1003,"contentHash":"0+4","kind":"access",/);
    assert.deepEqual(parseEntryLeaf(leaf), e);
    const bad = (over: Record<string, unknown>) => () => toReadEntry({ ...e, ...over });
    assert.throws(bad({ kind: 'delete' }), (x: unknown) => x instanceof AuditError && x.params.field === 'kind');
    assert.throws(bad({ action: 'print' }), (x: unknown) => x instanceof AuditError && x.params.field === 'action');
    assert.throws(bad({ peer: 'mx' }), (x: unknown) => x instanceof AuditError && x.params.field === 'peer');
    assert.throws(bad({ salt: 'short' }), (x: unknown) => x instanceof AuditError && x.params.field === 'salt');
  });

  it('a sealed entry is its position and leaf hash, nothing else', () => {
    const e = { ...exchange(1, 'ca', 'sent'), seq: 4 } as RecordedEntry;
    const sealed = sealEntry(e);
    assert.deepEqual(Object.keys(sealed).sort(), ['sealed', 'seq']);
    assert.deepEqual(toReadEntry(sealed), sealed);
    for (const bad of [
      { seq: 1, sealed: 'AAAA' },
      { seq: 1, sealed: sealed.sealed, peer: 'ca' },
      { seq: -1, sealed: sealed.sealed },
      { seq: 1, sealed: 5 },
    ]) {
      assert.throws(() => toReadEntry(bad), AuditError, JSON.stringify(bad));
    }
  });
});

describe('auditing logs with sealed and access entries', () => {
  async function logs() {
    const us = await AuditLog.open(new MemoryLogStorage());
    const mx = await AuditLog.open(new MemoryLogStorage());
    // US deals with MX and with a third partner, and its analysts read things.
    await us.record([
      exchange(1, 'mx', 'sent'),
      exchange(2, 'ca', 'sent'),
      access(1),
      exchange(3, 'mx', 'sent'),
      exchange(4, 'ca', 'received'),
      access(9),
    ]);
    await mx.record([exchange(1, 'us', 'received'), access(1), exchange(3, 'us', 'received')]);
    return { us, mx, usHead: await us.treeHead(US, usKey.privateKey, 5000), mxHead: await mx.treeHead(MX, mxKey.privateKey, 5000) };
  }
  const side = (logId: string, key: typeof usKey, counterpart: string, heads: unknown[], log: LogReader): AuditedLog => ({
    logId,
    publicKey: key.publicKey,
    counterpart,
    heads,
    log,
  });

  it("sealed entries count for the root, and only the pair's exchanges are compared", async () => {
    const { us, mx, usHead, mxHead } = await logs();
    const check = await checkLog(side(US, usKey, 'mx', [usHead], sealedFor(us, 'mx')));
    assert.deepEqual(check.discrepancies, []);
    assert.equal(check.entries.filter((e) => 'sealed' in e).length, 4);
    const verdict = await compareLogs(side(US, usKey, 'mx', [usHead], sealedFor(us, 'mx')), side(MX, mxKey, 'us', [mxHead], mx), {
      graceUs: 0,
    });
    assert.deepEqual(verdict.discrepancies, []);
    assert.equal(verdict.matched, 2);
  });

  it('a sealed hash that is not the stored one is an altered entry', async () => {
    const { us, usHead } = await logs();
    const forged = sealedFor(us, 'mx', (e) =>
      e.seq === 1 && 'sealed' in e ? { seq: 1, sealed: Buffer.alloc(32, 9).toString('base64') } : e,
    );
    const check = await checkLog(side(US, usKey, 'mx', [usHead], forged));
    assert.deepEqual(
      check.discrepancies.map((d) => [d.code, d.params.index]),
      [['entry-altered', 1]],
    );
  });

  it('names two entries that traded places, and an entry whose row is gone, reading on past it', async () => {
    const { us, usHead } = await logs();
    const all = await us.entries(0, 6);
    const moved: LogReader = {
      ...sealedFor(us, 'mx'),
      entries: async (from, to) =>
        all.slice(from, to).map((e) => {
          if (e.seq === 0) return { ...(all[3] as RecordedEntry), seq: 0 };
          if (e.seq === 3) return { ...(all[0] as RecordedEntry), seq: 3 };
          return e;
        }),
    };
    const swapped = await checkLog(side(US, usKey, 'mx', [usHead], moved));
    assert.deepEqual(swapped.discrepancies, [{ code: 'entries-swapped', params: { log: US, index1: 0, index2: 3 } }]);

    const holed: LogReader = {
      ...sealedFor(us, 'mx'),
      entries: async (from, to) => {
        if (from <= 2 && to > 2) throw new AuditError('body-missing', { index: 2 });
        return us.entries(from, to);
      },
    };
    const hole = await checkLog(side(US, usKey, 'mx', [usHead], holed));
    assert.deepEqual(hole.discrepancies, [{ code: 'entry-missing', params: { log: US, index: 2 } }]);
    assert.deepEqual(
      hole.entries.map((e) => e.seq),
      [0, 1, 3, 4, 5],
    );
  });

  it('with the order check off, the same exchanges logged in another order still match', async () => {
    const { us, usHead } = await logs();
    const mx = await AuditLog.open(new MemoryLogStorage());
    await mx.record([exchange(3, 'us', 'received'), exchange(1, 'us', 'received')]);
    const mxHead = await mx.treeHead(MX, mxKey.privateKey, 5000);
    const args = [side(US, usKey, 'mx', [usHead], us), side(MX, mxKey, 'us', [mxHead], mx)] as const;
    assert.deepEqual(
      (await compareLogs(...args, { graceUs: 0 })).discrepancies.map((d) => d.code),
      ['entries-reordered'],
    );
    const relaxed = await compareLogs(...args, { graceUs: 0, checkOrder: false });
    assert.deepEqual(relaxed.discrepancies, []);
    assert.equal(relaxed.matched, 2);
  });
});
