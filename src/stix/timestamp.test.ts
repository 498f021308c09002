import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_TIMESTAMP_US, MIN_TIMESTAMP_US, formatTimestampUs, parseStixTimestamp } from './timestamp.js';

describe('parseStixTimestamp', () => {
  it('reads UTC timestamps with or without a fraction', () => {
    assert.equal(parseStixTimestamp('1970-01-01T00:00:00Z'), 0);
    assert.equal(parseStixTimestamp('1970-01-01T00:00:01.5Z'), 1_500_000);
    assert.equal(parseStixTimestamp('2026-11-27T17:52:37.123456Z'), Date.UTC(2026, 10, 27, 17, 52, 37) * 1000 + 123_456);
    assert.equal(parseStixTimestamp('2014-05-08T09:00:00.000Z'), Date.UTC(2014, 4, 8, 9) * 1000);
  });

  it('truncates (never rounds) digits beyond the microsecond', () => {
    assert.equal(parseStixTimestamp('2026-01-01T00:00:00.1234569Z'), parseStixTimestamp('2026-01-01T00:00:00.123456Z'));
    assert.equal(parseStixTimestamp('2026-12-31T23:59:59.999999999Z'), parseStixTimestamp('2026-12-31T23:59:59.999999Z'));
    assert.equal(parseStixTimestamp('2026-01-01T00:00:00.' + '9'.repeat(40) + 'Z'), parseStixTimestamp('2026-01-01T00:00:00.999999Z'));
  });

  it('accepts 29 February only in leap years', () => {
    assert.notEqual(parseStixTimestamp('2024-02-29T00:00:00Z'), null);
    assert.notEqual(parseStixTimestamp('2000-02-29T00:00:00Z'), null);
    assert.equal(parseStixTimestamp('1900-02-29T00:00:00Z'), null);
    assert.equal(parseStixTimestamp('2026-02-29T00:00:00Z'), null);
  });

  const invalid = [
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2016-12-31T23:59:60Z',
    '2026-01-01T00:00:00+00:00',
    '2026-01-01T00:00:00-06:00',
    '2026-01-01T00:00:00',
    '2026-01-01t00:00:00z',
    '2026-01-01 00:00:00Z',
    '2026-01-01T00:00:00.Z',
    '2026-1-01T00:00:00Z',
    '+2026-01-01T00:00:00Z',
    '12026-01-01T00:00:00Z',
    '2026-01-01T00:00:00.12a4Z',
    '',
    'not a date',
    '２０２６-01-01T00:00:00Z',
  ];
  for (const s of invalid) {
    it(`rejects ${JSON.stringify(s)}`, () => assert.equal(parseStixTimestamp(s), null));
  }

  it('rejects non-strings without throwing', () => {
    assert.equal(parseStixTimestamp(42 as unknown as string), null);
    assert.equal(parseStixTimestamp(null as unknown as string), null);
  });

  it('covers years 0000 through 9999', () => {
    assert.equal(parseStixTimestamp('0000-01-01T00:00:00Z'), MIN_TIMESTAMP_US);
    assert.equal(parseStixTimestamp('9999-12-31T23:59:59.999999Z'), MAX_TIMESTAMP_US);
    assert.equal(parseStixTimestamp('1969-12-31T23:59:59.999999Z'), -1);
  });
});

describe('formatTimestampUs', () => {
  it('writes six fraction digits by default', () => {
    assert.equal(formatTimestampUs(Date.UTC(2026, 10, 27, 17, 52, 37) * 1000 + 123_456), '2026-11-27T17:52:37.123456Z');
    assert.equal(formatTimestampUs(0), '1970-01-01T00:00:00.000000Z');
    assert.equal(formatTimestampUs(-1), '1969-12-31T23:59:59.999999Z');
  });

  it('truncates to the requested precision', () => {
    const us = parseStixTimestamp('2026-11-27T17:52:37.123999Z') ?? 0;
    assert.equal(formatTimestampUs(us, 3), '2026-11-27T17:52:37.123Z');
    assert.equal(formatTimestampUs(us, 0), '2026-11-27T17:52:37Z');
  });

  it('refuses values it cannot write', () => {
    assert.throws(() => formatTimestampUs(1.5), RangeError);
    assert.throws(() => formatTimestampUs(Number.NaN), RangeError);
    assert.throws(() => formatTimestampUs(MAX_TIMESTAMP_US + 64), RangeError);
    assert.throws(() => formatTimestampUs(MIN_TIMESTAMP_US - 8), RangeError); // doubles are 8 apart there
    assert.throws(() => formatTimestampUs(0, 7), RangeError);
  });

  it('writes the extremes of the range', () => {
    assert.equal(formatTimestampUs(MIN_TIMESTAMP_US), '0000-01-01T00:00:00.000000Z');
    assert.equal(formatTimestampUs(MAX_TIMESTAMP_US), '9999-12-31T23:59:59.999968Z');
  });
});

describe('timestamp round trips (property-based)', () => {
  // Beyond 2^53 µs (year 2255) only some integers are representable; every one of them must survive.
  const representableUs = fc
    .oneof(
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      fc.bigInt({ min: 0n, max: BigInt(MAX_TIMESTAMP_US) }).map((b) => Number(b)),
    )
    .filter((us) => us <= MAX_TIMESTAMP_US);

  it('format then parse gives back every microsecond from 1970 to 9999', () => {
    fc.assert(
      fc.property(representableUs, (us) => parseStixTimestamp(formatTimestampUs(us)) === us),
      { numRuns: 5000 },
    );
  });

  it('format then parse round trips before 1970 too', () => {
    fc.assert(fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: 0 }), (us) => parseStixTimestamp(formatTimestampUs(us)) === us));
  });

  it('agrees with Date for millisecond timestamps', () => {
    // Within ±2^53 µs, where both sides are exact integers (years 1685 to 2255).
    const ms = fc.integer({ min: -9_007_199_254_740, max: 9_007_199_254_740 });
    fc.assert(fc.property(ms, (t) => parseStixTimestamp(new Date(t).toISOString()) === t * 1000));
  });

  it('preserves order: earlier text, smaller number', () => {
    fc.assert(
      fc.property(representableUs, representableUs, (a, b) => {
        const pa = parseStixTimestamp(formatTimestampUs(a)) ?? 0;
        const pb = parseStixTimestamp(formatTimestampUs(b)) ?? 0;
        return Math.sign(pa - pb) === Math.sign(a - b);
      }),
    );
  });
});
