import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasNestedQuantifier, refuseSchema } from './schema-safety.js';

describe('regular expressions in received schemas', () => {
  for (const p of ['^(a+)+$', '(\\w*)*', '([a-z]+)*x', '(x{1,}){2,}', '((ab)+c*)+', '(a|b+)*', '(?:\\d+)+']) {
    it(`flags ${p}`, () => assert.equal(hasNestedQuantifier(p), true));
  }
  for (const p of [
    '^[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$',
    '^\\+[1-9][0-9]{6,14}$',
    '^(ab)+$',
    '^[A-Z]{2}(-[A-Z0-9]{1,3})?$',
    '^[(+)]+$',
    '\\(a+\\)+',
    '^([a-f0-9]{2})+$',
    '(a{2,5})+',
  ]) {
    it(`accepts ${p}`, () => assert.equal(hasNestedQuantifier(p), false));
  }
});

describe('refuseSchema', () => {
  it('accepts booleans and local references', () => {
    assert.equal(refuseSchema(true), null);
    assert.equal(refuseSchema({ $defs: { a: { type: 'string' } }, properties: { x: { $ref: '#/$defs/a' } } }), null);
  });

  it('refuses remote references in any reference keyword', () => {
    assert.deepEqual(refuseSchema({ $dynamicRef: 'http://x/y' }), { kind: 'remote-ref', ref: 'http://x/y' });
    assert.deepEqual(refuseSchema({ items: [{ $ref: 'file:///etc/passwd' }] }), { kind: 'remote-ref', ref: 'file:///etc/passwd' });
  });

  it('refuses over-long patterns and hostile structure', () => {
    assert.equal(refuseSchema({ pattern: 'a'.repeat(1001) })?.kind, 'unsafe-pattern');
    let deep: unknown = {};
    for (let i = 0; i < 40; i++) deep = { not: deep };
    assert.deepEqual(refuseSchema(deep), { kind: 'hostile-structure' });
  });
});
