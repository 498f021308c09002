/**
 * STIX timestamps (`YYYY-MM-DDTHH:mm:ss[.s+]Z`, RFC 3339 in UTC) as integer microseconds since
 * the Unix epoch, the unit the store orders versions by.
 *
 * Choices, so that every node computes the same number from the same text:
 * - Only `Z` is accepted as offset, and `T`/`Z` must be upper case (STIX requires UTC).
 * - Any number of fraction digits is accepted, as RFC 3339 allows; digits beyond the sixth are
 *   dropped (truncation, never rounding), so `…59.9999999Z` stays in the same second.
 * - Leap seconds (`:60`) are rejected: POSIX time has no place for them, and accepting one
 *   would give two texts the same instant.
 * - Years 0000–9999 (the four digits allow no more). A JS number holds microseconds exactly
 *   until 2255-06-05; later instants are rounded toward zero to the nearest representable
 *   number (at most 32 µs off by year 9999), which keeps order and never leaves the range.
 */

const US_PER_SECOND = 1_000_000;
const SECONDS_PER_DAY = 86_400;

/** 0000-01-01T00:00:00Z in microseconds. */
export const MIN_TIMESTAMP_US = -62_167_219_200_000_000;
/** The last representable microsecond of 9999-12-31 (23:59:59.999968Z). */
export const MAX_TIMESTAMP_US = 253_402_300_799_999_968;

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of daysFromCivil. */
function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Converts exactly, rounding toward zero when the value needs more than 53 bits. */
function bigToNumberTowardZero(big: bigint): number {
  const n = Number(big);
  const negative = big < 0n;
  const magnitude = negative ? -big : big;
  const abs = Math.abs(n);
  if (BigInt(abs) <= magnitude) return n;
  // Number() rounded away from zero: step back by the spacing just below |n|.
  let spacing = 1;
  while (spacing * 2 ** 53 < abs) spacing *= 2;
  const lowered = abs - spacing;
  return negative ? -lowered : lowered;
}

/**
 * Parses a STIX timestamp into integer microseconds since the Unix epoch, or null when the
 * text is not a valid UTC RFC 3339 timestamp (bad shape, impossible date, offset other than Z).
 *
 * @example parseStixTimestamp('2026-11-27T17:52:37.123456Z') // 1795801957123456
 */
export function parseStixTimestamp(s: string): number | null {
  // Hand-rolled rather than a regular expression: this runs several times per object.
  if (typeof s !== 'string' || s.length < 20 || s.charCodeAt(s.length - 1) !== 90 /* Z */) return null;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return null;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  const second = digitsAt(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || minute < 0 || second < 0) return null;
  let micros = 0;
  if (s.length > 20) {
    if (s[19] !== '.' || s.length < 22) return null;
    const end = s.length - 1;
    for (let i = 20; i < end; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return null;
      if (i < 26) micros = micros * 10 + d;
    }
    for (let i = Math.min(end, 26); i < 26; i++) micros *= 10;
  }
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > monthDays || hour > 23 || minute > 59 || second > 59) return null;
  const seconds = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  const us = seconds * US_PER_SECOND + micros;
  if (Number.isSafeInteger(us)) return us;
  return bigToNumberTowardZero(BigInt(seconds) * 1_000_000n + BigInt(micros));
}

/** The decimal number in s[from, from+length), or -1 when a character is not a digit. */
function digitsAt(s: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Formats integer microseconds since the epoch as a STIX timestamp with `digits` (0–6)
 * fraction digits; extra precision is truncated. Throws RangeError outside years 0000–9999.
 *
 * @example formatTimestampUs(1795801957123456) // '2026-11-27T17:52:37.123456Z'
 */
export function formatTimestampUs(us: number, digits = 6): string {
  if (!Number.isInteger(us) || us < MIN_TIMESTAMP_US || us > MAX_TIMESTAMP_US) {
    throw new RangeError(`timestamp out of range: ${us}`);
  }
  if (!Number.isInteger(digits) || digits < 0 || digits > 6) {
    throw new RangeError(`fraction digits must be 0..6, got ${digits}`);
  }
  let seconds: number;
  let micros: number;
  if (Number.isSafeInteger(us)) {
    micros = ((us % US_PER_SECOND) + US_PER_SECOND) % US_PER_SECOND;
    seconds = (us - micros) / US_PER_SECOND;
  } else {
    const big = BigInt(us);
    const frac = ((big % 1_000_000n) + 1_000_000n) % 1_000_000n;
    micros = Number(frac);
    seconds = Number((big - frac) / 1_000_000n);
  }
  const secondOfDay = ((seconds % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
  const [year, month, day] = civilFromDays((seconds - secondOfDay) / SECONDS_PER_DAY);
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  const fraction = digits === 0 ? '' : '.' + pad(micros, 6).slice(0, digits);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}${fraction}Z`;
}
