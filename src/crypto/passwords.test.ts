import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CryptoError } from './errors.js';
import { API_TOKEN_PREFIX, hashApiToken, hashPassword, needsRehash, newApiToken, verifyPassword } from './passwords.js';

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof CryptoError, `expected CryptoError, got ${String(e)}`);
    return e.code;
  }
  return 'no error';
}

describe('passwords', () => {
  it('hashes as scrypt$16384$8$1$salt$hash with a fresh 16-byte salt', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    assert.match(a, /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    assert.notEqual(a, b);
    assert.equal(Buffer.from(a.split('$')[4] ?? '', 'base64').length, 16);
    assert.equal(needsRehash(a), false);
    assert.equal(needsRehash(a.replace('$16384$', '$1024$')), true);
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('contraseña segura');
    assert.equal(await verifyPassword('contraseña segura', stored), true);
    assert.equal(await verifyPassword('contraseña Segura', stored), false);
    assert.equal(await verifyPassword('', stored), false);
    assert.equal(await verifyPassword('x'.repeat(10_000), stored), false);
  });

  it('treats composed and decomposed accents as the same password (NFC)', async () => {
    const stored = await hashPassword('contrase\u00f1a');
    assert.equal(await verifyPassword('contrasen\u0303a', stored), true);
  });

  it('refuses malformed or hostile stored hashes', async () => {
    const good = await hashPassword('pw');
    const [, , , , salt = '', hash = ''] = good.split('$');
    const bad = [
      '',
      'plain',
      'bcrypt$2b$10$abc',
      good.replace('scrypt', 'SCRYPT'),
      `scrypt$16383$8$1$${salt}$${hash}`,
      `scrypt$1073741824$8$1$${salt}$${hash}`,
      `scrypt$1048576$32$16$${salt}$${hash}`,
      `scrypt$16384$0$1$${salt}$${hash}`,
      `scrypt$16384$8$0$${salt}$${hash}`,
      `scrypt$16384$8$1$${salt}$`,
      `scrypt$16384$8$1$!!$${hash}`,
      `scrypt$16384$8$1$${salt}$${hash.slice(0, 8)}`,
      `scrypt$16384$8$1$${salt.replace('==', '')}$${hash}`,
      `${good}$extra`,
    ];
    for (const stored of bad) assert.equal(await rejection(verifyPassword('pw', stored)), 'password-hash-malformed', stored);
    assert.equal(await rejection(verifyPassword('pw', 7 as unknown as string)), 'password-hash-malformed');
  });

  it('refuses to hash absurdly long passwords', async () => {
    assert.equal(await rejection(hashPassword('x'.repeat(5000))), 'password-too-long');
  });
});

describe('API tokens', () => {
  it('issues enl_ + 32 random bytes and stores only the SHA-256 hex', () => {
    const { token, hash } = newApiToken();
    assert.match(token, /^enl_[A-Za-z0-9_-]{43}$/);
    assert.ok(token.startsWith(API_TOKEN_PREFIX));
    assert.equal(Buffer.from(token.slice(4), 'base64url').length, 32);
    assert.equal(hash, createHash('sha256').update(token).digest('hex'));
    assert.equal(hashApiToken(token), hash);
    assert.notEqual(newApiToken().token, token);
    assert.notEqual(hashApiToken(`${token}x`), hash);
  });
});
