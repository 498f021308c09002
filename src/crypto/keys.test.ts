import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, KeyObject } from 'node:crypto';
import {
  fingerprintOf,
  fingerprintOfKey,
  formatFingerprint,
  generateNodeKeyPair,
  isFingerprint,
  loadPrivateKey,
  publicKeyFromRaw,
  rawPublicKey,
} from './keys.js';
import { CryptoError } from './errors.js';

// RFC 8037 Appendix A.1 / A.2: the Ed25519 key used throughout that RFC's examples.
const RFC8037_X = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CryptoError, `expected CryptoError, got ${String(e)}`);
    return e.code;
  }
  assert.fail('expected a CryptoError');
}

describe('node key pairs', () => {
  it('generates a raw base64url public key and a PKCS#8 PEM that belong together', () => {
    const pair = generateNodeKeyPair();
    assert.match(pair.publicKey, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(pair.publicKey, 'base64url').length, 32);
    assert.match(pair.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    const key = loadPrivateKey(pair.privateKeyPem);
    assert.equal(rawPublicKey(key), pair.publicKey);
    assert.equal(fingerprintOfKey(key), fingerprintOf(pair.publicKey));
    assert.notEqual(generateNodeKeyPair().publicKey, pair.publicKey);
  });

  it('refuses private keys that are unreadable, oversized or not Ed25519', () => {
    assert.equal(
      code(() => loadPrivateKey('not a pem')),
      'private-key-malformed',
    );
    assert.equal(
      code(() => loadPrivateKey('')),
      'private-key-malformed',
    );
    assert.equal(
      code(() => loadPrivateKey('x'.repeat(100_000))),
      'private-key-malformed',
    );
    assert.equal(
      code(() => loadPrivateKey(42 as unknown as string)),
      'private-key-malformed',
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecPem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.equal(
      code(() => loadPrivateKey(ecPem)),
      'private-key-not-ed25519',
    );
    const publicPem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    assert.equal(
      code(() => loadPrivateKey(publicPem)),
      'private-key-malformed',
    );
  });
});

describe('publicKeyFromRaw', () => {
  it('imports the RFC 8037 key and caches the KeyObject', () => {
    const key = publicKeyFromRaw(RFC8037_X);
    assert.ok(key instanceof KeyObject);
    assert.equal(key.type, 'public');
    assert.equal(key.asymmetricKeyType, 'ed25519');
    assert.equal(publicKeyFromRaw(RFC8037_X), key);
    assert.equal(rawPublicKey(key), RFC8037_X);
  });

  it('refuses wrong lengths with public-key-length', () => {
    const raw = Buffer.from(RFC8037_X, 'base64url');
    assert.equal(
      code(() => publicKeyFromRaw(raw.subarray(0, 31).toString('base64url'))),
      'public-key-length',
    );
    assert.equal(
      code(() => publicKeyFromRaw(Buffer.concat([raw, raw.subarray(0, 1)]).toString('base64url'))),
      'public-key-length',
    );
    assert.equal(
      code(() => publicKeyFromRaw('')),
      'public-key-length',
    );
  });

  it('refuses anything but canonical unpadded base64url', () => {
    const raw = Buffer.from(RFC8037_X, 'base64url');
    assert.equal(
      code(() => publicKeyFromRaw(`${RFC8037_X}=`)),
      'public-key-encoding',
    );
    assert.equal(
      code(() => publicKeyFromRaw(raw.toString('base64'))),
      'public-key-encoding',
    );
    assert.equal(
      code(() => publicKeyFromRaw(`${RFC8037_X.slice(0, 42)}p`)),
      'public-key-encoding',
    ); // non-zero pad bits
    assert.equal(
      code(() => publicKeyFromRaw(`${RFC8037_X.slice(0, 20)} ${RFC8037_X.slice(21)}`)),
      'public-key-encoding',
    );
    assert.equal(
      code(() => publicKeyFromRaw('A'.repeat(5000))),
      'public-key-encoding',
    );
    assert.equal(
      code(() => publicKeyFromRaw(null as unknown as string)),
      'public-key-encoding',
    );
  });

  it('refuses to export a key that is not Ed25519', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.equal(
      code(() => rawPublicKey(ec.publicKey)),
      'public-key-not-ed25519',
    );
  });
});

describe('fingerprints', () => {
  it('is the SHA-256 of the raw 32 key bytes, lowercase hex', () => {
    const fp = fingerprintOf(RFC8037_X);
    const expected = createHash('sha256').update(Buffer.from(RFC8037_X, 'base64url')).digest('hex');
    assert.equal(fp, expected);
    assert.ok(isFingerprint(fp));
    assert.equal(fingerprintOfKey(publicKeyFromRaw(RFC8037_X)), fp);
  });

  it('is refused for a malformed key', () => {
    assert.equal(
      code(() => fingerprintOf('abc')),
      'public-key-length',
    );
    assert.equal(
      code(() => fingerprintOf('!!!!')),
      'public-key-encoding',
    );
  });

  it('formats as sixteen groups of four for reading aloud', () => {
    const fp = 'ABCDEF0123456789'.repeat(4);
    const shown = formatFingerprint(fp);
    assert.equal(shown, 'abcd ef01 2345 6789 abcd ef01 2345 6789 abcd ef01 2345 6789 abcd ef01 2345 6789');
    assert.equal(shown.split(' ').length, 16);
    assert.equal(
      code(() => formatFingerprint('abcd')),
      'fingerprint-malformed',
    );
    assert.equal(
      code(() => formatFingerprint('g'.repeat(64))),
      'fingerprint-malformed',
    );
    assert.equal(
      code(() => formatFingerprint(undefined as unknown as string)),
      'fingerprint-malformed',
    );
    assert.equal(isFingerprint(fp), false, 'upper case is not the stored form');
  });
});
