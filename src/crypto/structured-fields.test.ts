import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  parseDictionary,
  serializeInnerList,
  serializeMember,
  SF_LIMITS,
  StructuredFieldError,
  type InnerList,
  type Item,
} from './structured-fields.js';

function refused(text: string): string {
  try {
    parseDictionary(text);
  } catch (e) {
    assert.ok(e instanceof StructuredFieldError, `expected StructuredFieldError, got ${String(e)}`);
    return e.message;
  }
  assert.fail(`accepted: ${text.slice(0, 80)}`);
}

describe('RFC 8941 dictionary parsing', () => {
  it('reads the RFC 9421 B.2.6 Signature-Input and writes it back byte for byte', () => {
    const text =
      'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
    const member = parseDictionary(text).get('sig-b26');
    assert.equal(member?.kind, 'inner-list');
    const list = member as InnerList;
    assert.deepEqual(
      list.items.map((i) => i.value),
      ['date', '@method', '@path', '@authority', 'content-type', 'content-length'].map((value) => ({ type: 'string', value })),
    );
    assert.deepEqual(list.params, [
      ['created', { type: 'integer', value: 1618884473 }],
      ['keyid', { type: 'string', value: 'test-key-ed25519' }],
    ]);
    assert.equal(serializeMember('sig-b26', list), text);
  });

  it('reads byte sequences, tokens, booleans, escapes and several members', () => {
    const dict = parseDictionary('a=:AQID:, b=tok/en:1 ,c, d=?0;p, e="q\\"\\\\", f=-12, g=(1 "x";k=?1);z');
    assert.deepEqual((dict.get('a') as Item).value, { type: 'bytes', value: Buffer.from([1, 2, 3]) });
    assert.deepEqual((dict.get('b') as Item).value, { type: 'token', value: 'tok/en:1' });
    assert.deepEqual((dict.get('c') as Item).value, { type: 'boolean', value: true });
    assert.deepEqual(dict.get('d'), {
      kind: 'item',
      value: { type: 'boolean', value: false },
      params: [['p', { type: 'boolean', value: true }]],
    });
    assert.deepEqual((dict.get('e') as Item).value, { type: 'string', value: 'q"\\' });
    assert.deepEqual((dict.get('f') as Item).value, { type: 'integer', value: -12 });
    const g = dict.get('g') as InnerList;
    assert.equal(serializeInnerList(g), '(1 "x";k);z');
    assert.equal(serializeMember('e', dict.get('e') as Item), 'e="q\\"\\\\"');
    assert.equal(serializeMember('c', dict.get('c') as Item), 'c');
  });

  it('refuses malformed and hostile values with StructuredFieldError', () => {
    const cases = [
      '',
      '   ',
      'a=',
      'A=1',
      'a=1,',
      'a=1,,b=2',
      'a="unterminated',
      'a="bad \\n escape"',
      'a="tab\there"',
      'a="ñ"',
      'a=:not base64!:',
      'a=:AQI:',
      'a=:AQID',
      'a=1.5',
      'a=1234567890123456',
      'a=?2',
      'a=(1 2',
      'a=(1"x")',
      'a=1;k=1;k=2',
      'a=1, a=2',
      'a=1 b=2',
      'a=@x',
      'x'.repeat(SF_LIMITS.maxChars + 1),
      Array.from({ length: SF_LIMITS.maxMembers + 1 }, (_, i) => `k${i}=1`).join(', '),
      `a=(${Array.from({ length: SF_LIMITS.maxInnerItems + 1 }, () => '1').join(' ')})`,
      `a=1${Array.from({ length: SF_LIMITS.maxParams + 1 }, (_, i) => `;p${i}`).join('')}`,
    ];
    for (const text of cases) refused(text);
  });

  it('never throws anything but StructuredFieldError on random input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        try {
          parseDictionary(text);
        } catch (e) {
          assert.ok(e instanceof StructuredFieldError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('serialises what it parses back to an equivalent dictionary', () => {
    const text = 'sig=("@method" "@target-uri");created=1;keyid="k";alg="ed25519";nonce="n-_"';
    const member = parseDictionary(text).get('sig') as InnerList;
    assert.equal(serializeMember('sig', member), text);
    assert.throws(() => serializeMember('Sig', member), StructuredFieldError);
    assert.throws(
      () => serializeInnerList({ kind: 'inner-list', items: [], params: [['x', { type: 'string', value: 'é' }]] }),
      StructuredFieldError,
    );
    assert.throws(
      () => serializeInnerList({ kind: 'inner-list', items: [], params: [['x', { type: 'integer', value: 1.5 }]] }),
      StructuredFieldError,
    );
  });
});
