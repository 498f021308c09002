import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import canonicalizeModule from 'canonicalize';
import { canonicalJson, MAX_CANONICAL_DEPTH, sha256Hex } from './canonical.js';
import { CryptoError } from './errors.js';

function refusal(value: unknown): { code: string; params: Record<string, string | number> } {
  try {
    canonicalJson(value);
  } catch (e) {
    assert.ok(e instanceof CryptoError, `expected CryptoError, got ${String(e)}`);
    return { code: e.code, params: e.params };
  }
  assert.fail('expected canonicalJson to refuse the value');
}

function fromIeeeHex(hex: string): number {
  return Buffer.from(hex, 'hex').readDoubleBE(0);
}

describe('canonicalJson: RFC 8785 examples', () => {
  it('§3.2.2 serialises numbers, strings and literals as the RFC shows', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    ) as unknown;
    assert.equal(
      canonicalJson(input),
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' + '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('§3.2.3 sorts member names by UTF-16 code units', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",' +
        ' "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",' +
        ' "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    ) as Record<string, string>;
    assert.equal(
      canonicalJson(input),
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('Appendix B number samples', () => {
    const samples: Array<[string, string]> = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [hex, expected] of samples) assert.equal(canonicalJson(fromIeeeHex(hex)), expected, hex);
    assert.equal(refusal(fromIeeeHex('7fffffffffffffff')).code, 'canonical-unsupported-value');
    assert.equal(refusal(fromIeeeHex('7ff0000000000000')).code, 'canonical-unsupported-value');
  });

  it('drops insignificant whitespace and nests objects inside arrays', () => {
    const input = JSON.parse('{ "b" : [ { "z": 1, "a": [ ] } ], "a" : { } }') as unknown;
    assert.equal(canonicalJson(input), '{"a":{},"b":[{"a":[],"z":1}]}');
    assert.equal(canonicalJson(Object.assign(Object.create(null) as object, { b: 1, a: 2 })), '{"a":2,"b":1}');
  });
});

describe('canonicalJson agrees with the canonicalize package (RFC 8785 reference in JS)', () => {
  const reference = canonicalizeModule as unknown as (input: unknown) => string | undefined;

  it('on random JSON values with Unicode text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme' }), (value) => {
        assert.equal(canonicalJson(value), reference(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('on random finite doubles, including extremes and -0', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        assert.equal(canonicalJson([n]), reference([n]));
        assert.equal(JSON.parse(canonicalJson(n)), n === 0 ? 0 : n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('canonicalJson: values JSON cannot carry', () => {
  it('refuses non-finite numbers, undefined, functions, bigint and symbols, naming the path', () => {
    assert.deepEqual(refusal({ a: { b: [1, Number.NaN] } }).params.path, '$.a.b[1]');
    assert.equal(refusal(Number.POSITIVE_INFINITY).code, 'canonical-unsupported-value');
    assert.equal(refusal({ x: Number.NEGATIVE_INFINITY }).params.kind, '-Infinity');
    assert.equal(refusal({ x: undefined }).params.kind, 'undefined');
    assert.equal(refusal([1, undefined]).params.path, '$[1]');
    // eslint-disable-next-line no-sparse-arrays -- a hole is what this input is about
    assert.equal(refusal([1, , 3]).params.path, '$[1]');
    assert.equal(refusal({ f: () => 1 }).params.kind, 'function');
    assert.equal(refusal({ n: 10n }).params.kind, 'bigint');
    assert.equal(refusal({ s: Symbol('s') }).params.kind, 'symbol');
    assert.equal(refusal(undefined).params.path, '$');
    assert.equal(refusal({ 'odd key': { v: Number.NaN } }).params.path, '$["odd key"].v');
  });

  it('refuses objects that only look like JSON (Date, Map, Buffer, class instances)', () => {
    class Thing {
      a = 1;
    }
    assert.equal(refusal({ d: new Date(0) }).params.kind, 'Date');
    assert.equal(refusal(new Map()).params.kind, 'Map');
    assert.equal(refusal({ b: Buffer.from('x') }).params.kind, 'Buffer');
    assert.equal(refusal(new Thing()).params.kind, 'Thing');
  });

  it('refuses lone surrogates in strings and member names but accepts pairs', () => {
    assert.equal(refusal({ s: 'a\ud800b' }).params.kind, 'string with a lone surrogate');
    assert.equal(refusal({ ['\udc00']: 1 }).params.kind, 'member name with a lone surrogate');
    assert.equal(canonicalJson({ s: '😀' }), '{"s":"😀"}');
  });

  it('refuses cycles and hostile nesting with a clean error, not a stack overflow', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = { back: loop };
    assert.equal(refusal(loop).code, 'canonical-cycle');
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.equal(refusal(deep).code, 'canonical-too-deep');
    let ok: unknown = 0;
    for (let i = 0; i < MAX_CANONICAL_DEPTH - 1; i++) ok = { k: ok };
    assert.ok(canonicalJson(ok).startsWith('{"k":{"k":'));
  });

  it('accepts the same object twice when it is shared, not cyclic', () => {
    const shared = { v: 1 };
    assert.equal(canonicalJson({ a: shared, b: [shared] }), '{"a":{"v":1},"b":[{"v":1}]}');
  });

  it('serialises -0 as 0', () => {
    assert.equal(canonicalJson({ z: -0 }), '{"z":0}');
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 "abc" vector for text and bytes', () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    assert.equal(sha256Hex('abc'), abc);
    assert.equal(sha256Hex(Buffer.from('abc')), abc);
    assert.equal(sha256Hex('ñ'), sha256Hex(Buffer.from([0xc3, 0xb1])));
  });
});
