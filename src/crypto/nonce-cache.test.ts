import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NonceCache } from './nonce-cache.js';

describe('NonceCache', () => {
  it('reports a nonce as replayed until it expires', () => {
    let now = 1000;
    const cache = new NonceCache({ ttlSeconds: 600, now: () => now });
    assert.equal(cache.seen('a'), false);
    assert.equal(cache.seen('a'), true);
    now += 600;
    assert.equal(cache.seen('a'), true, 'still inside the window');
    now += 1;
    assert.equal(cache.seen('a'), false, 'forgotten after the TTL, recorded afresh');
    assert.equal(cache.seen('a'), true);
  });

  it('does not extend a nonce life when it is replayed', () => {
    let now = 0;
    const cache = new NonceCache({ ttlSeconds: 10, now: () => now });
    cache.seen('n');
    now = 9;
    assert.equal(cache.seen('n'), true);
    now = 11;
    assert.equal(cache.seen('n'), false);
  });

  it('stays within its bound, forgetting the oldest first', () => {
    const cache = new NonceCache({ maxEntries: 3, now: () => 0 });
    for (const n of ['a', 'b', 'c', 'd']) assert.equal(cache.seen(n), false);
    assert.equal(cache.size, 3);
    assert.equal(cache.seen('d'), true);
    assert.equal(cache.seen('b'), true);
    assert.equal(cache.seen('a'), false, 'a was evicted');
  });

  it('drops expired entries as time passes', () => {
    let now = 0;
    const cache = new NonceCache({ ttlSeconds: 5, now: () => now });
    for (let i = 0; i < 100; i++) cache.seen(`n${i}`);
    now = 6;
    cache.seen('fresh');
    assert.equal(cache.size, 1);
  });
});
