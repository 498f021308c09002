import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { decodeBase64url } from './encoding.js';
import { CryptoError } from './errors.js';

/** Length of a raw Ed25519 public key (RFC 8032 §5.1.5). */
export const ED25519_PUBLIC_KEY_BYTES = 32;
const MAX_PEM_CHARS = 16 * 1024;
const MAX_CACHED_KEYS = 4096;
const FINGERPRINT = /^[0-9a-f]{64}$/;

/** A node's signing key: the public half travels to peers, the private half stays on disk. */
export interface NodeKeyPair {
  /** Raw 32-byte Ed25519 public key, base64url without padding. */
  publicKey: string;
  /** PKCS#8 PEM of the private key. */
  privateKeyPem: string;
}

/** Creates a fresh Ed25519 key pair for a node. */
export function generateNodeKeyPair(): NodeKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  return { publicKey: rawPublicKey(publicKey), privateKeyPem: typeof pem === 'string' ? pem : pem.toString('utf8') };
}

/** Reads a PEM private key and insists that it is Ed25519. */
export function loadPrivateKey(pem: string): KeyObject {
  if (typeof pem !== 'string' || pem.length === 0 || pem.length > MAX_PEM_CHARS) {
    throw new CryptoError('private-key-malformed', { reason: 'not a PEM text of sensible size' });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw new CryptoError('private-key-malformed', { reason: e instanceof Error ? e.message : 'unreadable' });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CryptoError('private-key-not-ed25519', { type: key.asymmetricKeyType ?? 'unknown' });
  }
  return key;
}

// Peers' keys are looked up for every object verified; parsing them once keeps verification cheap.
const publicKeyCache = new Map<string, KeyObject>();

/** Turns a raw base64url Ed25519 public key into a KeyObject (cached). */
export function publicKeyFromRaw(b64url: string): KeyObject {
  const cached = publicKeyCache.get(b64url);
  if (cached) return cached;
  decodeRawPublicKey(b64url);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url }, format: 'jwk' });
  } catch (e) {
    throw new CryptoError('public-key-encoding', { reason: e instanceof Error ? e.message : 'rejected' });
  }
  if (publicKeyCache.size >= MAX_CACHED_KEYS) {
    const oldest = publicKeyCache.keys().next();
    if (!oldest.done) publicKeyCache.delete(oldest.value);
  }
  publicKeyCache.set(b64url, key);
  return key;
}

/** The raw base64url form of an Ed25519 public key, or of the public half of a private key. */
export function rawPublicKey(key: KeyObject): string {
  if (!(key instanceof KeyObject) || key.asymmetricKeyType !== 'ed25519') {
    throw new CryptoError('public-key-not-ed25519', {
      type: key instanceof KeyObject ? (key.asymmetricKeyType ?? key.type) : typeof key,
    });
  }
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const x = pub.export({ format: 'jwk' }).x;
  if (typeof x !== 'string') throw new CryptoError('public-key-encoding', { reason: 'no x in JWK export' });
  return x;
}

/** SHA-256 of the raw public key, lowercase hex: how nodes name keys to each other. */
export function fingerprintOf(publicKeyB64url: string): string {
  return createHash('sha256').update(decodeRawPublicKey(publicKeyB64url)).digest('hex');
}

const fingerprintByKey = new WeakMap<KeyObject, string>();

/** Fingerprint of an Ed25519 KeyObject (public or private), cached per object. */
export function fingerprintOfKey(key: KeyObject): string {
  const known = fingerprintByKey.get(key);
  if (known) return known;
  const fp = fingerprintOf(rawPublicKey(key));
  fingerprintByKey.set(key, fp);
  return fp;
}

/** True for a 64-character lowercase hex fingerprint. */
export function isFingerprint(value: unknown): value is string {
  return typeof value === 'string' && FINGERPRINT.test(value);
}

/**
 * Groups a fingerprint by four hex digits ("3f2a 9c01 …") so two administrators can read it to
 * each other over the phone before pinning a peer.
 */
export function formatFingerprint(fp: string): string {
  if (typeof fp !== 'string' || !/^[0-9a-fA-F]{64}$/.test(fp)) {
    throw new CryptoError('fingerprint-malformed', { value: typeof fp === 'string' ? fp.slice(0, 80) : typeof fp });
  }
  return (fp.toLowerCase().match(/.{4}/g) ?? []).join(' ');
}

function decodeRawPublicKey(b64url: string): Buffer {
  if (typeof b64url !== 'string' || b64url.length > 1024) {
    throw new CryptoError('public-key-encoding', { reason: 'not a base64url text of sensible size' });
  }
  const bytes = decodeBase64url(b64url);
  if (!bytes) throw new CryptoError('public-key-encoding', { reason: 'not canonical unpadded base64url' });
  if (bytes.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new CryptoError('public-key-length', { length: bytes.length, expected: ED25519_PUBLIC_KEY_BYTES });
  }
  return bytes;
}
