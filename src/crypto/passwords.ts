import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { decodeBase64 } from './encoding.js';
import { CryptoError } from './errors.js';

/*
 * Account passwords (scrypt, RFC 7914) and API tokens. The stored form names its parameters,
 * `scrypt$N$r$p$salt$hash`, so they can be raised later without invalidating old hashes.
 */

const COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const MAX_PASSWORD_BYTES = 4096;
// Bounds for parameters read back from storage: a tampered row must not make a login cost gigabytes.
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
const STORED = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/=]{1,200})\$([A-Za-z0-9+/=]{1,200})$/;

/** API tokens carry a recognisable prefix so leaked ones can be found by secret scanners. */
export const API_TOKEN_PREFIX = 'enl_';

function derive(password: string, salt: Buffer, length: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 128 * cost.N * cost.r * cost.p + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(passwordBytes(password), salt, length, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

// NFC so that "contraseña" typed with a composed or a combining ñ is the same password.
function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFC'), 'utf8');
}

/**
 * Hashes a password for storage: `scrypt$16384$8$1$<salt base64>$<hash base64>`.
 * @throws CryptoError password-too-long
 */
export async function hashPassword(password: string): Promise<string> {
  if (typeof password !== 'string' || Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    throw new CryptoError('password-too-long', { max: MAX_PASSWORD_BYTES });
  }
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, HASH_BYTES, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Checks a password against a stored hash in constant time. A wrong password gives false;
 * a stored value that is not a hash this module wrote is a fault of the store and throws.
 * @throws CryptoError password-hash-malformed
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (typeof password !== 'string' || Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return false;
  const actual = await derive(password, parsed.salt, parsed.hash.length, parsed.cost);
  return timingSafeEqual(actual, parsed.hash);
}

/** True when a stored hash uses weaker parameters than today's and should be rehashed at login. */
export function needsRehash(stored: string): boolean {
  const { cost } = parseStored(stored);
  return cost.N < COST.N || cost.r < COST.r || cost.p < COST.p;
}

function parseStored(stored: string): { cost: { N: number; r: number; p: number }; salt: Buffer; hash: Buffer } {
  const m = typeof stored === 'string' ? STORED.exec(stored) : null;
  if (!m) throw new CryptoError('password-hash-malformed', { reason: 'not scrypt$N$r$p$salt$hash' });
  const [, nText = '', rText = '', pText = '', saltText = '', hashText = ''] = m;
  const cost = { N: Number(nText), r: Number(rText), p: Number(pText) };
  const powerOfTwo = cost.N >= 2 && (cost.N & (cost.N - 1)) === 0;
  if (!powerOfTwo || cost.N > MAX_N || cost.r < 1 || cost.r > MAX_R || cost.p < 1 || cost.p > MAX_P) {
    throw new CryptoError('password-hash-malformed', { reason: 'scrypt parameters out of range' });
  }
  if (128 * cost.N * cost.r * cost.p > MAX_SCRYPT_MEMORY) {
    throw new CryptoError('password-hash-malformed', { reason: 'scrypt parameters need too much memory' });
  }
  const salt = decodeBase64(saltText);
  const hash = decodeBase64(hashText);
  if (!salt || salt.length < 8) throw new CryptoError('password-hash-malformed', { reason: 'salt' });
  if (!hash || hash.length < 16 || hash.length > 64) throw new CryptoError('password-hash-malformed', { reason: 'hash' });
  return { cost, salt, hash };
}

/** A new API token (shown once) and the SHA-256 hex to store in its place. */
export function newApiToken(): { token: string; hash: string } {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token) };
}

/**
 * SHA-256 hex of a presented token, for lookup. Tokens carry 256 random bits, so a fast hash
 * suffices: there is nothing to brute-force, unlike a password.
 */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
