import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AuditLog } from './audit-log.js';
import { entryLeaf, type NewLogEntry } from './entry.js';
import { MemoryLogStorage } from './memory-storage.js';
import { compareLogs, outOfOrder, type AuditVerdict } from './verify.js';
import type { AuditedLog, DiscrepancyCode } from './verify-log.js';

const US = 'identity--00000000-0000-4000-8000-0000000000a1';
const MX = 'identity--00000000-0000-4000-8000-0000000000b2';
const usKey = generateKeyPairSync('ed25519');
const mxKey = generateKeyPairSync('ed25519');
const T0 = 1_764_000_000_000_000;
/** Heads are signed an hour after the exchanges, well past the grace period. */
const HEAD_TIME = T0 + 3_600_000_000;

interface Exchange {
  objectId: string;
  version: string;
  contentHash: string;
  atUs: number;
}

const hash = (i: number): string => i.toString(16).padStart(64, '0');
const exchange = (i: number): Exchange => ({
  objectId: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  version: '2026-10-01T00:00:00.000Z',
  contentHash: hash(i + 1),
  atUs: T0 + i * 1000,
});

const sentTo = (peer: string, x: Exchange): NewLogEntry => ({ ...x, peer, direction: 'sent' });
const receivedFrom = (peer: string, x: Exchange): NewLogEntry => ({ ...x, peer, direction: 'received' });

/** Bodies served by the storage can be swapped, as an attacker with database access would. */
class TamperableStorage extends MemoryLogStorage {
  replaced = new Map<number, Uint8Array>();
  override async readBodies(from: number, to: number): Promise<Uint8Array[]> {
    const bodies = await super.readBodies(from, to);
    return bodies.map((b, i) => this.replaced.get(from + i) ?? b);
  }
}

interface Built {
  log: AuditLog;
  storage: TamperableStorage;
  heads: unknown[];
}

/** Records entries, signing a head after each size listed in `headsAt` and at the end. */
async function build(entries: NewLogEntry[], logId: string, key: KeyObject, headsAt: number[] = []): Promise<Built> {
  const storage = new TamperableStorage();
  const log = await AuditLog.open(storage);
  const heads: unknown[] = [];
  let done = 0;
  for (const at of [...headsAt, entries.length]) {
    await log.record(entries.slice(done, at));
    done = at;
    heads.push(await log.treeHead(logId, key, HEAD_TIME + at));
  }
  return { log, storage, heads };
}

const side = (b: Built, logId: string, key: KeyObject, counterpart: string, heads = b.heads): AuditedLog => ({
  logId,
  publicKey: key,
  counterpart,
  heads,
  log: b.log,
});

const N = 20;
const all = Array.from({ length: N }, (_, i) => exchange(i));
const back = Array.from({ length: 4 }, (_, i) => exchange(100 + i));
/** us sends 20 objects to mx and receives 4 back, interleaved after the 10th. */
const usEntries = (xs: Exchange[] = all): NewLogEntry[] => [
  ...xs.slice(0, 10).map((x) => sentTo('mx', x)),
  ...back.map((x) => receivedFrom('mx', x)),
  ...xs.slice(10).map((x) => sentTo('mx', x)),
];
const mxEntries = (xs: Exchange[] = all): NewLogEntry[] => [...xs.map((x) => receivedFrom('us', x)), ...back.map((x) => sentTo('us', x))];

async function honestMx(): Promise<AuditedLog> {
  return side(await build(mxEntries(), MX, mxKey.privateKey, [10]), MX, mxKey.publicKey, 'us');
}

function codes(v: AuditVerdict): DiscrepancyCode[] {
  return v.discrepancies.map((d) => d.code);
}

function find(v: AuditVerdict, code: DiscrepancyCode): Record<string, string | number>[] {
  return v.discrepancies.filter((d) => d.code === code).map((d) => d.params);
}

describe('compareLogs', () => {
  it('finds nothing wrong with two honest logs', async () => {
    const us = await build(usEntries(), US, usKey.privateKey, [5, 12]);
    const verdict = await compareLogs(side(us, US, usKey.publicKey, 'mx'), await honestMx());
    assert.deepEqual(verdict.discrepancies, []);
    assert.equal(verdict.ok, true);
    assert.equal(verdict.matched, N + back.length);
    assert.equal(verdict.pending, 0);
    assert.equal(verdict.mySize, N + back.length);
  });

  it('names an entry altered in storage by its index', async () => {
    const us = await build(usEntries(), US, usKey.privateKey, [5]);
    const [original] = await us.log.entries(3, 4);
    assert.ok(original);
    us.storage.replaced.set(3, entryLeaf({ ...original, contentHash: 'f'.repeat(64) }));
    const verdict = await compareLogs(side(us, US, usKey.publicKey, 'mx'), await honestMx());
    assert.equal(verdict.ok, false);
    assert.deepEqual(find(verdict, 'entry-altered'), [{ log: US, index: 3 }]);
    assert.equal(find(verdict, 'content-mismatch')[0]?.objectId, original.objectId);
  });

  it('names an entry the sender dropped and rebuilt its log without', async () => {
    const original = await build(usEntries(), US, usKey.privateKey, [10]);
    const dropped = all[6] as Exchange;
    const rebuilt = await build(usEntries(all.filter((x) => x !== dropped)), US, usKey.privateKey);
    // The peer kept the head it was given before the rewrite.
    const heads = [original.heads[0], ...rebuilt.heads];
    const verdict = await compareLogs(side(rebuilt, US, usKey.publicKey, 'mx', heads), await honestMx());
    assert.ok(codes(verdict).includes('log-rewritten'));
    const drops = find(verdict, 'entry-dropped');
    assert.equal(drops.length, 1);
    assert.deepEqual(
      { log: drops[0]?.log, direction: drops[0]?.direction, objectId: drops[0]?.objectId },
      { log: US, direction: 'sent', objectId: dropped.objectId },
    );
  });

  it('names an entry the receiver never logged', async () => {
    const us = await build(usEntries(), US, usKey.privateKey);
    const missing = all[15] as Exchange;
    const mx = await build(mxEntries(all.filter((x) => x !== missing)), MX, mxKey.privateKey);
    const verdict = await compareLogs(side(us, US, usKey.publicKey, 'mx'), side(mx, MX, mxKey.publicKey, 'us'));
    assert.deepEqual(codes(verdict), ['entry-dropped']);
    assert.deepEqual(find(verdict, 'entry-dropped')[0], {
      log: MX,
      direction: 'received',
      objectId: missing.objectId,
      version: missing.version,
      otherLog: US,
      otherSeq: 19,
    });
  });

  it('names two entries swapped in the sender log', async () => {
    const swapped = [...all];
    [swapped[11], swapped[15]] = [all[15] as Exchange, all[11] as Exchange];
    const us = await build(usEntries(swapped), US, usKey.privateKey, [5]);
    const verdict = await compareLogs(side(us, US, usKey.publicKey, 'mx'), await honestMx());
    assert.deepEqual([...new Set(codes(verdict))], ['entries-reordered']);
    const moved = find(verdict, 'entries-reordered').map((p) => p.objectId);
    assert.deepEqual(moved.sort(), [all[11]?.objectId, all[15]?.objectId].sort());
  });

  it('calls a head with a changed root, or signed by another key, forged', async () => {
    const us = await build(usEntries(), US, usKey.privateKey, [10]);
    const genuine = us.heads[0] as Record<string, unknown>;
    const changedRoot = { ...genuine, root_hash: Buffer.alloc(32, 7).toString('base64') };
    const otherKey = await build(usEntries(), US, mxKey.privateKey, [10]);
    const heads = [...us.heads, changedRoot, otherKey.heads[0]];
    const verdict = await compareLogs(side(us, US, usKey.publicKey, 'mx', heads), await honestMx());
    assert.deepEqual(codes(verdict), ['head-forged', 'head-forged']);
    assert.deepEqual(
      find(verdict, 'head-forged').map((p) => p.position),
      [2, 3],
    );
  });

  it('detects history rewritten with a different entry 5 and the same later entries', async () => {
    const original = await build(mxEntries(), MX, mxKey.privateKey, [8]);
    const altered = [...all];
    altered[5] = { ...(all[5] as Exchange), contentHash: 'e'.repeat(64) };
    const rewritten = await build(mxEntries(altered), MX, mxKey.privateKey, [12]);
    const heads = [original.heads[0], ...rewritten.heads];
    const us = await build(usEntries(), US, usKey.privateKey);
    const verdict = await compareLogs(side(us, US, usKey.publicKey, 'mx'), side(rewritten, MX, mxKey.publicKey, 'us', heads));
    const rewrites = find(verdict, 'log-rewritten');
    assert.deepEqual(rewrites, [{ log: MX, size1: 8, size2: N + back.length }]);
    assert.equal(find(verdict, 'content-mismatch')[0]?.objectId, all[5]?.objectId);
    assert.equal(find(verdict, 'entry-altered').length, 0, 'the rewritten log is self-consistent');
  });

  it('calls two genuine heads of one size with different roots a rewrite (a fork)', async () => {
    const us = await build(usEntries(), US, usKey.privateKey);
    const fork = await build(usEntries([...all].reverse()), US, usKey.privateKey);
    const verdict = await compareLogs(side(us, US, usKey.publicKey, 'mx', [...fork.heads, ...us.heads]), await honestMx());
    assert.deepEqual(find(verdict, 'log-rewritten'), [{ log: US, size1: N + back.length, size2: N + back.length }]);
  });

  it('reports a log shorter than a head it signed', async () => {
    const mx = await build(mxEntries(), MX, mxKey.privateKey);
    const short = await build(mxEntries().slice(0, 15), MX, mxKey.privateKey);
    const us = await build(usEntries(), US, usKey.privateKey);
    const verdict = await compareLogs(
      side(us, US, usKey.publicKey, 'mx'),
      side(short, MX, mxKey.publicKey, 'us', [...mx.heads, ...short.heads]),
    );
    assert.deepEqual(find(verdict, 'log-truncated'), [{ log: MX, treeSize: N + back.length, size: 15 }]);
  });

  it('counts recent exchanges missing from the other side as pending, not dropped', async () => {
    const late = { ...exchange(50), atUs: HEAD_TIME + 10 };
    const us = await build([...usEntries(), sentTo('mx', late)], US, usKey.privateKey);
    const verdict = await compareLogs(side(us, US, usKey.publicKey, 'mx'), await honestMx());
    assert.deepEqual(verdict.discrepancies, []);
    assert.equal(verdict.pending, 1);
  });

  it('reports a log without any genuine head and never throws on junk heads', async () => {
    const us = await build(usEntries(), US, usKey.privateKey);
    const verdict = await compareLogs(side(us, US, usKey.publicKey, 'mx', [null, 'x', { tree_size: 1 }]), await honestMx());
    assert.deepEqual(codes(verdict).sort(), ['head-malformed', 'head-malformed', 'head-malformed', 'no-tree-head']);
  });

  it('lists at most maxDiscrepancies and says so', async () => {
    const us = await build(usEntries(), US, usKey.privateKey);
    const mx = await build([], MX, mxKey.privateKey);
    const verdict = await compareLogs(side(us, US, usKey.publicKey, 'mx'), side(mx, MX, mxKey.publicKey, 'us'), { maxDiscrepancies: 3 });
    assert.equal(verdict.discrepancies.length, 3);
    assert.equal(verdict.truncated, true);
  });
});

describe('outOfOrder', () => {
  it('names the fewest pairs that explain a reordering', () => {
    assert.deepEqual(
      outOfOrder([
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
      [],
    );
    assert.deepEqual(
      outOfOrder([
        [0, 0],
        [1, 4],
        [2, 2],
        [3, 3],
        [4, 1],
        [5, 5],
      ]),
      [
        [1, 4],
        [4, 1],
      ],
    );
    assert.deepEqual(
      outOfOrder([
        [0, 1],
        [1, 0],
      ]).length,
      1,
    );
    assert.deepEqual(outOfOrder([]), []);
  });
});
