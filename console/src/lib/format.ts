/**
 * Dates, numbers and identifiers as people read them, in the active locale (Intl), so that the
 * same instant reads "Nov 27, 2026, 3:04 PM CST" in English and "27 nov 2026, 15:04 CST" in Spanish.
 */
import { intlLocale } from './locale.js';
import type { Locale } from './types.js';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DisplayNames>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DisplayNames>(
  key: string,
  make: () => T,
): T {
  const hit = cache.get(key);
  if (hit) return hit as T;
  const made = make();
  cache.set(key, made);
  return made;
}

function parse(iso: string | null | undefined): Date | null {
  if (iso === null || iso === undefined || iso === '') return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Date and time with the time zone, for a table cell; empty for a missing or broken value. */
export function formatDateTime(iso: string | null | undefined, locale: Locale, timeZone?: string): string {
  const d = parse(iso);
  if (!d) return '';
  const f = cached(
    `dt|${locale}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        dateStyle: 'medium',
        timeStyle: 'short',
        ...(timeZone ? { timeZone } : {}),
      }),
  );
  const tz = cached(
    `tz|${locale}|${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { timeZoneName: 'short', ...(timeZone ? { timeZone } : {}) }),
  );
  const zone = tz.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value;
  return zone ? `${f.format(d)} ${zone}` : f.format(d);
}

/** The exact instant in UTC, for a tooltip: what both nodes' logs agree on. */
export function formatUtc(iso: string | null | undefined, locale: Locale): string {
  const d = parse(iso);
  if (!d) return '';
  return cached(
    `utc|${locale}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        dateStyle: 'long',
        timeStyle: 'long',
        timeZone: 'UTC',
      }),
  ).format(d);
}

/** The time of day with its zone: the second line of a date in a narrow table column. */
export function formatTime(iso: string | null | undefined, locale: Locale, timeZone?: string): string {
  const d = parse(iso);
  if (!d) return '';
  return cached(
    `t|${locale}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
        ...(timeZone ? { timeZone } : {}),
      }),
  ).format(d);
}

export function formatDate(iso: string | null | undefined, locale: Locale): string {
  const d = parse(iso);
  if (!d) return '';
  return cached(`d|${locale}`, () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium' })).format(d);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "5 minutes ago" / "hace 5 minutos"; "now" within ten seconds. */
export function formatRelative(iso: string | null | undefined, now: Date, locale: Locale): string {
  const d = parse(iso);
  if (!d) return '';
  const seconds = Math.round((d.getTime() - now.getTime()) / 1000);
  const f = cached(`rel|${locale}`, () => new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' }));
  if (Math.abs(seconds) < 10) return f.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return f.format(Math.trunc(seconds / size), unit);
  }
  return f.format(seconds, 'second');
}

export function formatNumber(n: number, locale: Locale): string {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(n);
}

/** A span of time in its largest sensible unit: "3 hours", "2 días". */
export function formatDuration(seconds: number, locale: Locale): string {
  const s = Math.max(0, Math.round(seconds));
  const [unit, size] =
    s >= 86400
      ? (['day', 86400] as const)
      : s >= 3600
        ? (['hour', 3600] as const)
        : s >= 60
          ? (['minute', 60] as const)
          : (['second', 1] as const);
  const value = s >= 60 ? Math.round((s / size) * 10) / 10 : s;
  return cached(
    `u|${locale}|${unit}`,
    () =>
      new Intl.NumberFormat(intlLocale(locale), {
        style: 'unit',
        unit,
        unitDisplay: 'long',
        maximumFractionDigits: 1,
      }),
  ).format(value);
}

/** A country's name in the reader's language from its ISO 3166-1 code; the code when unknown. */
export function countryName(code: string, locale: Locale): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  try {
    const names = cached(`region|${locale}`, () => new Intl.DisplayNames([intlLocale(locale)], { type: 'region' }));
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** A language's name in the reader's language ("es" → "Spanish" / "español"). */
export function languageName(tag: string, locale: Locale): string {
  try {
    const names = cached(`lang|${locale}`, () => new Intl.DisplayNames([intlLocale(locale)], { type: 'language' }));
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * A key fingerprint in groups of four, as people read it aloud to the partner to confirm it
 * (upper case avoids misreading "b" and "6" over the phone).
 */
export function groupFingerprint(hex: string): string {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return (clean.match(/.{1,4}/g) ?? []).join(' ');
}

/** The part of a STIX id after the type, shortened for a table; the full id goes in a tooltip. */
export function shortId(id: string): string {
  const uuid = id.includes('--') ? id.slice(id.indexOf('--') + 2) : id;
  return uuid.slice(0, 8);
}

/** A transparency-log timestamp (microseconds since the epoch, RFC 9162 style) as ISO text. */
export function microsToIso(us: unknown): string | null {
  if (typeof us !== 'number' || !Number.isFinite(us)) return null;
  const d = new Date(Math.floor(us / 1000));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
