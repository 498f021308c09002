import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { rawPublicKey } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { entryLeaf, parseEntryLeaf, toLogEntry, type LogEntry } from './entry.js';
import { leafHash, EMPTY_ROOT } from './merkle.js';
import { makeTreeHead, signTreeHead, verifyTreeHead } from './tree-head.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const LOG = 'identity--0f7e3c1a-5b2d-4c8e-9a1f-2b3c4d5e6f70';
const root = leafHash(Buffer.from('root'));

describe('signed tree heads', () => {
  const signed = signTreeHead(makeTreeHead(42, root, 1_764_000_000_000_000, LOG), privateKey);

  it('verify with the signer key, given as KeyObject or raw base64url', () => {
    const byObject = verifyTreeHead(signed, publicKey, LOG);
    assert.equal(byObject.ok, true);
    if (byObject.ok) assert.deepEqual(byObject.rootHash, root);
    assert.equal(verifyTreeHead(signed, rawPublicKey(publicKey)).ok, true);
    assert.match(signed.signature, /^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/, 'detached compact JWS');
  });

  it('carry exactly the RFC fields with the root in base64', () => {
    assert.deepEqual(Object.keys(signed).sort(), ['log_id', 'root_hash', 'signature', 'timestamp', 'tree_size']);
    assert.equal(signed.root_hash, root.toString('base64'));
  });

  it('fail when any signed field changes', () => {
    for (const change of [
      { tree_size: 43 },
      { root_hash: EMPTY_ROOT.toString('base64') },
      { timestamp: signed.timestamp + 1 },
      { log_id: 'identity--other' },
    ]) {
      const result = verifyTreeHead({ ...signed, ...change }, publicKey);
      assert.equal(result.ok, false, JSON.stringify(change));
      if (!result.ok) assert.equal(result.code, 'bad-signature');
    }
  });

  it('fail with another key, or when signed by another key', () => {
    const r1 = verifyTreeHead(signed, other.publicKey);
    assert.equal(r1.ok, false);
    const forged = signTreeHead(makeTreeHead(42, root, signed.timestamp, LOG), other.privateKey);
    const r2 = verifyTreeHead(forged, publicKey, LOG);
    assert.equal(r2.ok, false);
    if (!r2.ok) assert.equal(r2.code, 'bad-signature');
  });

  it('fail when naming another log than expected', () => {
    const r = verifyTreeHead(signed, publicKey, 'identity--someone-else');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.code, 'wrong-log');
  });

  it('reject malformed and hostile values without throwing', () => {
    const sig = signed.signature;
    const [h, , s] = sig.split('.') as [string, string, string];
    for (const bad of [
      null,
      'head',
      [],
      { ...signed, extra: 1 },
      { ...signed, tree_size: -1 },
      { ...signed, tree_size: 1.5 },
      { ...signed, tree_size: '42' },
      { ...signed, timestamp: Number.MAX_SAFE_INTEGER + 2 },
      { ...signed, root_hash: root.toString('hex') },
      { ...signed, root_hash: Buffer.alloc(31).toString('base64') },
      { ...signed, root_hash: `${root.toString('base64')} ` },
      { ...signed, log_id: '' },
      { ...signed, log_id: 'x'.repeat(10_000) },
      { ...signed, signature: undefined },
      { ...signed, signature: `${h}.${Buffer.from('{}').toString('base64url')}.${s}` },
      { ...signed, signature: `${h}..${s}A` },
      { ...signed, signature: `${h}..` },
      { ...signed, signature: 'x'.repeat(100_000) },
    ]) {
      const r = verifyTreeHead(bad, publicKey);
      assert.equal(r.ok, false, JSON.stringify(bad)?.slice(0, 120));
    }
    const alg = Buffer.from('{"alg":"none","kid":"x"}').toString('base64url');
    assert.equal(verifyTreeHead({ ...signed, signature: `${alg}..${s}` }, publicKey).ok, false);
    assert.equal(verifyTreeHead(signed, 'not-a-key').ok, false);
  });

  it('refuse to sign a malformed head', () => {
    assert.throws(() => makeTreeHead(-1, root, 0, LOG), AuditError);
    assert.throws(() => makeTreeHead(1, root.subarray(1), 0, LOG), AuditError);
    assert.throws(() => signTreeHead({ tree_size: 1, root_hash: 'zz', timestamp: 0, log_id: LOG }, privateKey), AuditError);
  });
});

describe('log entries', () => {
  const entry: LogEntry = {
    seq: 7,
    atUs: 1_764_000_000_123_456,
    peer: 'mx',
    direction: 'sent',
    objectId: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    version: '2026-10-01T00:00:00.000Z',
    contentHash: 'a'.repeat(64),
  };

  it('serialise as RFC 8785 canonical JSON and read back', () => {
    const leaf = entryLeaf(entry);
    assert.equal(
      leaf.toString('utf8'),
      '{"atUs":1764000000123456,"contentHash":"' +
        'a'.repeat(64) +
        '","direction":"sent","objectId":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","peer":"mx","seq":7,"version":"2026-10-01T00:00:00.000Z"}',
    );
    assert.deepEqual(parseEntryLeaf(leaf), entry);
  });

  it('refuse malformed entries with the field named', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...entry, seq: -1 }, 'seq'],
      [{ ...entry, atUs: 1.5 }, 'atUs'],
      [{ ...entry, peer: '' }, 'peer'],
      [{ ...entry, direction: 'relayed' }, 'direction'],
      [{ ...entry, objectId: 'x'.repeat(600) }, 'objectId'],
      [{ ...entry, version: 5 }, 'version'],
      [{ ...entry, contentHash: 'A'.repeat(64) }, 'contentHash'],
      [{ ...entry, note: 'hi' }, 'note'],
    ];
    for (const [bad, field] of cases) {
      assert.throws(
        () => toLogEntry(bad),
        (e: unknown) => e instanceof AuditError && e.code === 'entry-invalid' && e.params.field === field,
      );
    }
    assert.throws(() => toLogEntry(null), AuditError);
    assert.throws(() => toLogEntry([entry]), AuditError);
  });

  it('refuse leaf bytes that are not the one canonical spelling, or oversized', () => {
    const pretty = Buffer.from(JSON.stringify(entry, null, 1));
    assert.throws(
      () => parseEntryLeaf(pretty),
      (e: unknown) => e instanceof AuditError && e.params.reason === 'not canonical JSON',
    );
    assert.throws(() => parseEntryLeaf(Buffer.from('{nope')), AuditError);
    assert.throws(() => parseEntryLeaf(Buffer.alloc(5000, 0x20)), AuditError);
  });
});
