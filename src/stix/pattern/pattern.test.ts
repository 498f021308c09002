import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import fc from 'fast-check';
import { objectTypesOf, parsePattern, patternMessages, PATTERN_ERROR_CODES, type PatternErrorCode } from './index.js';
import { printPattern } from './print.js';

const RUNS = Number(process.env.FC_RUNS ?? 300);

/** Patterns written as STIX 2.1 §9 shows them. */
const VALID = [
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
  "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
  "([ipv4-addr:value = '198.51.100.1/32'] FOLLOWEDBY [domain-name:value = 'example.com']) WITHIN 600 SECONDS",
  "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
  "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
  "[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
  "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\System\\\\Foo\\\\Bar']",
  "[user-account:account_type = 'unix' AND user-account:user_id = '1007'] AND [user-account:account_login = 'Peter']",
  "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1']",
  '[file:size IN (1, 2, 3)]',
  '[process:pid NOT IN (1, 2)]',
  "[file:name LIKE 'report%']",
  '[EXISTS windows-registry-key:values]',
  "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
  "[file:magic_number_hex = h'ffd8']",
  "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']",
  "[process:name = 'x'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
  "[phone-number:value = '+526641234567'] OR [x-enlace-thing:value != 'y']",
  '[file:size >= -5 AND file:size < .5 AND file:is_encrypted = true]',
  "[ file:name = 'a' ] /* a comment */ FOLLOWEDBY [file:name = 'b'] // trailing",
];

const INVALID: [string, PatternErrorCode, number][] = [
  ['', 'empty', 0],
  ["[file:name = 'foo'", 'expected', 18],
  ["file:name = 'x'", 'expected', 0],
  ["[file:name = 'unterminated]", 'unterminated-string', 13],
  ["[ipv4-addr:value = '1' AND file:name = 'x']", 'mixed-object-types', 1],
  ['[file:extensions.windows-pebinary-ext.sections = 1]', 'bad-property-name', 17],
  ["[File:name = 'x']", 'bad-object-type', 1],
  ["[file:name = 'x'] WITHIN 0 SECONDS", 'not-positive', 25],
  ["[file:name = 'x'] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'", 'start-after-stop', 18],
  ["[file:created = t'2016-13-01T00:00:00Z']", 'bad-timestamp', 16],
  ["[file:size IN (1, 'a')]", 'mixed-set', 1],
  ['[file:name LIKE 5]', 'literal-type', 16],
  ["[file:name MATCHES '(abc']", 'bad-regex', 19],
  ["[file:name = 'x'] garbage", 'trailing-input', 18],
  ['[file:size = 007]', 'leading-zero', 13],
  ["[file:name = 'a\\qb']", 'bad-escape', 15],
  ["[file:name = h'abc']", 'bad-hex', 13],
  ["[file:name = 'x'] FOLLOWEDBY", 'expected', 28],
  ['[file:size > true]', 'literal-type', 13],
  ["[file:name ~ 'x']", 'unexpected-character', 11],
  ["[file:name = 'x'] REPEATS 2.5 TIMES", 'expected', 26],
  ["[file:name = 'x' /* open", 'unterminated-comment', 17],
];

describe('STIX patterning', () => {
  for (const p of VALID) {
    it(`accepts ${p.slice(0, 70)}`, () => {
      const r = parsePattern(p);
      assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problem));
    });
  }
  for (const [p, code, at] of INVALID) {
    it(`refuses ${JSON.stringify(p).slice(0, 60)} with ${code} at ${at}`, () => {
      const r = parsePattern(p);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.problem.code, code, JSON.stringify(r.problem));
      assert.equal(r.problem.at, at, JSON.stringify(r.problem));
    });
  }

  it('names the object types a pattern tests', () => {
    const r = parsePattern(VALID[2]!);
    assert.ok(r.ok);
    assert.deepEqual(objectTypesOf(r.tree).sort(), ['ipv4-addr', 'ipv6-addr']);
  });

  it('refuses nesting past its depth and over-long text without exhausting the stack', () => {
    const deep = '('.repeat(5000) + "[file:name = 'x']" + ')'.repeat(5000);
    const r = parsePattern(deep);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.problem.code, 'too-deep');
    const deepComparison = '[' + '('.repeat(5000) + "file:name = 'x'" + ')'.repeat(5000) + ']';
    const c = parsePattern(deepComparison);
    assert.equal(!c.ok && c.problem.code, 'too-deep');
    const long = parsePattern('[' + "file:name = 'x' OR ".repeat(5000) + "file:name = 'y']");
    assert.equal(!long.ok && long.problem.code, 'too-long');
  });

  it('has a message for every code in both languages, with no other placeholder than it is given', () => {
    for (const code of PATTERN_ERROR_CODES) {
      assert.ok(patternMessages.en[code], code);
      assert.ok(patternMessages.es[code], code);
      assert.notEqual(patternMessages.en[code], patternMessages.es[code], code);
      const names = (t: string) => [...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(patternMessages.en[code]), names(patternMessages.es[code]), code);
    }
  });
});

const ident = fc
  .stringMatching(/^[a-z][a-z0-9_]{0,8}$/)
  .filter(
    (s) =>
      !/^(and|or|not|in|like|matches|issubset|issuperset|exists|start|stop|within|repeats|seconds|times|followedby|true|false)$/i.test(s),
  );
const typeName = fc.stringMatching(/^[a-z][a-z0-9]{2,6}(-[a-z0-9]{1,4})?$/);
const str = fc.string({ maxLength: 12 }).map((s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
const literal = fc.oneof(
  str,
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.constantFrom('true', 'false', "h'0a'", "t'2020-01-01T00:00:00Z'"),
);
const observation = (t: string) =>
  fc
    .array(fc.tuple(ident, fc.constantFrom('=', '!=', 'NOT ='), literal), { minLength: 1, maxLength: 3 })
    .chain((tests) => fc.constantFrom(' AND ', ' OR ').map((j) => `[${tests.map(([p, op, v]) => `${t}:${p} ${op} ${v}`).join(j)}]`));
const pattern = fc
  .array(
    typeName.chain((t) => observation(t)),
    { minLength: 1, maxLength: 4 },
  )
  .chain((obs) => fc.constantFrom(' AND ', ' OR ', ' FOLLOWEDBY ').map((j) => obs.join(j)));

test('property: generated valid patterns parse, and printing is stable', () => {
  fc.assert(
    fc.property(pattern, (p) => {
      const r = parsePattern(p);
      assert.ok(r.ok, `${p}: ${r.ok ? '' : JSON.stringify(r.problem)}`);
      const printed = printPattern(r.tree);
      const again = parsePattern(printed);
      assert.ok(again.ok, printed);
      assert.equal(printPattern(again.tree), printed);
    }),
    { numRuns: RUNS },
  );
});

test('property: any text gives a result or a problem inside it, never an exception', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 80 }),
        pattern.map((p) => p.slice(0, Math.max(0, p.length - 3))),
      ),
      (s) => {
        const r = parsePattern(s);
        if (!r.ok) assert.ok(r.problem.at >= 0 && r.problem.at <= s.length, `${s} ${JSON.stringify(r.problem)}`);
      },
    ),
    { numRuns: RUNS },
  );
});
