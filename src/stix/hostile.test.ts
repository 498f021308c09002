import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VALID_SAMPLES } from './samples.js';
import { STRUCTURE_LIMITS } from './structure.js';
import { parseStixObject, validateStixObject } from './validate.js';

const tool = (): Record<string, unknown> => structuredClone(VALID_SAMPLES['tool'] as Record<string, unknown>);

function codesOf(input: unknown): string[] {
  const r = validateStixObject(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`);
}

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { x_deeper: v };
  return v;
}

describe('hostile input', () => {
  it('refuses non-objects without throwing', () => {
    for (const input of [null, undefined, 42, 'indicator', true, [], [VALID_SAMPLES['tool']], () => 1, Symbol('s'), 10n]) {
      assert.deepEqual(codesOf(input), [' not-an-object']);
    }
  });

  it('refuses class instances, Maps and Dates as objects', () => {
    assert.deepEqual(codesOf(new Map([['type', 'tool']])), [' not-an-object']);
    assert.deepEqual(codesOf({ ...tool(), x_when: new Date(0) }), ['/x_when not-json']);
  });

  it('refuses __proto__ smuggled through JSON.parse, at any depth', () => {
    const top = parseStixObject(JSON.stringify(tool()).replace('{', '{"__proto__":{"admin":true},'));
    assert.equal(top.ok, false);
    assert.deepEqual(!top.ok && top.issues, [{ path: '/__proto__', code: 'forbidden-key', params: { key: '__proto__' } }]);
    const deep = JSON.parse('{"x_meta":{"a":[{"__proto__":{"polluted":1}}]}}') as Record<string, unknown>;
    assert.deepEqual(codesOf({ ...tool(), ...deep }), ['/x_meta/a/0/__proto__ forbidden-key']);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('refuses constructor and prototype keys', () => {
    assert.deepEqual(codesOf({ ...tool(), x_meta: { constructor: 1, prototype: 2 } }), [
      '/x_meta/constructor forbidden-key',
      '/x_meta/prototype forbidden-key',
    ]);
  });

  it('accepts 32 levels of nesting and refuses 33', () => {
    // The object itself is level 1, so a 31-deep chain under one property reaches level 32.
    assert.deepEqual(codesOf({ ...tool(), x_deep: nested(31) }), []);
    const r = codesOf({ ...tool(), x_deep: nested(32) });
    assert.equal(r.length, 1);
    assert.match(r[0] ?? '', /too-deep$/);
  });

  it('survives very deep nesting and cycles', () => {
    const text = '{"type":"tool","x_deep":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const r = parseStixObject(text);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.issues.some((i) => i.code === 'too-deep'));
    const cyclic: Record<string, unknown> = tool();
    cyclic['x_self'] = cyclic;
    assert.ok(codesOf(cyclic).some((c) => c.endsWith('too-deep')));
  });

  it('refuses arrays over 10,000 items and strings over 1 MiB', () => {
    const long = Array.from({ length: STRUCTURE_LIMITS.maxArrayLength + 1 }, () => 'x');
    assert.deepEqual(codesOf({ ...tool(), labels: long }), ['/labels array-too-long']);
    assert.deepEqual(codesOf({ ...tool(), labels: long.slice(1) }), []);
    const big = 'a'.repeat(STRUCTURE_LIMITS.maxStringBytes + 1);
    assert.deepEqual(codesOf({ ...tool(), description: big }), ['/description string-too-long']);
    // Counted in UTF-8 bytes: 400k three-byte characters exceed 1 MiB while .length does not.
    assert.deepEqual(codesOf({ ...tool(), description: '€'.repeat(400_000) }), ['/description string-too-long']);
    assert.deepEqual(codesOf({ ...tool(), description: 'a'.repeat(STRUCTURE_LIMITS.maxStringBytes) }), []);
  });

  it('refuses overlong keys anywhere', () => {
    assert.deepEqual(codesOf({ ...tool(), x_meta: { ['k'.repeat(251)]: 1 } }), ['/x_meta key-too-long']);
  });

  it('refuses values JSON cannot carry', () => {
    assert.deepEqual(codesOf({ ...tool(), confidence: Number.NaN }), ['/confidence not-json']);
    assert.deepEqual(codesOf({ ...tool(), x_n: Infinity, x_u: undefined, x_f: () => 1 }), [
      '/x_n not-json',
      '/x_u not-json',
      '/x_f not-json',
    ]);
    // eslint-disable-next-line no-sparse-arrays -- a hole is what this input is about
    assert.deepEqual(codesOf({ ...tool(), labels: ['a', , 'b'] }), ['/labels/1 not-json']);
  });

  it('refuses lone surrogates, which UTF-8 cannot carry, in values and keys', () => {
    assert.deepEqual(codesOf({ ...tool(), description: 'a\uD800b' }), ['/description not-json']);
    assert.deepEqual(codesOf({ ...tool(), x_meta: { ['k\uDC00']: 1 } }), ['/x_meta not-json']);
    assert.deepEqual(codesOf({ ...tool(), description: 'pair 😀 is fine' }), []);
  });

  it('escapes hostile keys in paths', () => {
    const r = validateStixObject({ ...tool(), extensions: { 'a/b~c': {} } });
    assert.ok(!r.ok && r.issues.some((i) => i.path === '/extensions/a~1b~0c'));
  });

  it('refuses identifiers and types that look like paths', () => {
    assert.ok(codesOf({ ...tool(), id: 'tool--../../../etc/passwd' }).includes('/id invalid-identifier'));
    assert.ok(codesOf({ ...tool(), type: '../tool' }).includes('/type invalid-type-name'));
    assert.ok(
      codesOf({ ...tool(), created_by_ref: 'identity--0b3b1f4e-7f0a-4c1e-9a56-5f2d9c1e4a10/..' }).includes(
        '/created_by_ref invalid-identifier',
      ),
    );
  });

  it('bounds the work on an object full of errors', () => {
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`x_ref_${i}_ref`, 'bad']));
    const start = process.hrtime.bigint();
    const r = validateStixObject({ ...tool(), ...many });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    assert.ok(!r.ok && r.issues.length === 50);
    assert.ok(ms < 1000, `took ${ms} ms`);
  });
});
