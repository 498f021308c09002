/**
 * The report's words, dates and numbers in its language, already escaped for HTML: every method
 * returns markup-safe text, so the document builder never places an unescaped string.
 */
import { translate } from '../../i18n/index.js';
import type { EvidenceLang } from './model.js';
import type { EvidenceMessageKey } from './messages.js';
import { escapeMarkup } from './text.js';

export const LOCALES: Record<EvidenceLang, string> = { en: 'en-US', es: 'es-MX' };

export interface Words {
  lang: EvidenceLang;
  /** The BCP 47 tag for the `lang` attribute. */
  locale: string;
  /** A catalogue text, its parameters (raw, never escaped ones) inserted, escaped. */
  t(key: EvidenceMessageKey, params?: Record<string, string | number>): string;
  /** A catalogue text unescaped: only as a parameter of t(). */
  raw(key: EvidenceMessageKey, params?: Record<string, string | number>): string;
  /** Partner data, escaped. */
  data(text: string): string;
  /*
   * Dates and numbers come out of Intl, which never writes & < > " or ', so escaping leaves them
   * as they are and they serve as parameters of t() too.
   */
  /** Date and time in UTC, escaped. */
  dateTime(t: number): string;
  longDate(t: number): string;
  /** A number with at most `digits` decimals, grouped as the language groups them. */
  number(n: number, digits: number): string;
  km(metres: number): string;
  position(lat: number, lon: number): string;
  /** A list of partner identities, or the word for none. */
  list(items: readonly string[]): string;
}

export function wordsFor(lang: EvidenceLang): Words {
  const locale = LOCALES[lang];
  // 24-hour clock in both languages: times in an incident report are compared, not chatted about.
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long', timeZone: 'UTC', hourCycle: 'h23' });
  const longDate = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC', hourCycle: 'h23' });
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number): Intl.NumberFormat => {
    let f = numbers.get(digits);
    if (!f) numbers.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 })));
    return f;
  };
  const raw = (key: EvidenceMessageKey, params: Record<string, string | number> = {}) => translate(lang, 'drones-evidence', key, params);
  const t = (key: EvidenceMessageKey, params: Record<string, string | number> = {}) => escapeMarkup(raw(key, params));
  const number = (n: number, digits: number) => escapeMarkup(numberFormat(digits).format(n));
  return {
    lang,
    locale,
    t,
    raw,
    data: escapeMarkup,
    dateTime: (ms) => escapeMarkup(dateTime.format(ms)),
    longDate: (ms) => escapeMarkup(longDate.format(ms)),
    number,
    km: (metres) => number(metres / 1000, 2),
    // Coordinates keep the dot and no grouping in both languages (es-MX writes decimals with a dot too).
    position: (lat, lon) => `${lat.toFixed(5)}, ${lon.toFixed(5)}`,
    list: (items) => (items.length === 0 ? t('value.none') : items.map(escapeMarkup).join(', ')),
  };
}
