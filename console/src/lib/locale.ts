import type { Locale } from './types.js';

export const LOCALES: readonly Locale[] = ['en', 'es-MX'];

export function isLocale(v: unknown): v is Locale {
  return v === 'en' || v === 'es-MX';
}

/**
 * The console's language from the browser's list (navigator.languages): the first entry in
 * Spanish or English decides, so a Mexican analyst whose browser says "es-ES" still gets es-MX.
 */
export function pickLocale(languages: readonly string[]): Locale {
  for (const raw of languages) {
    const lang = raw.toLowerCase();
    if (lang === 'es' || lang.startsWith('es-')) return 'es-MX';
    if (lang === 'en' || lang.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** The BCP 47 tag Intl formats with: American English for en, as the issue asks. */
export function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-US' : 'es-MX';
}

/** The language key of the reason texts the release preview gives in both languages. */
export function reasonLanguage(locale: Locale): 'en' | 'es' {
  return locale === 'en' ? 'en' : 'es';
}

/**
 * The translation (from STIX language-content) to show for the reader, if the object has one:
 * an exact tag first, then any of the same language ("es" for "es-MX").
 */
export function translationFor(
  translations: Readonly<Record<string, Readonly<Record<string, string>>>>,
  locale: Locale,
  objectLang: string | undefined,
): { lang: string; fields: Readonly<Record<string, string>> } | null {
  const primary = locale.split('-')[0]?.toLowerCase() ?? locale;
  // An object already written in the reader's language needs no translation.
  if (objectLang !== undefined && objectLang.toLowerCase().split('-')[0] === primary) return null;
  const tags = Object.keys(translations);
  const exact = tags.find((t) => t.toLowerCase() === locale.toLowerCase());
  const same = exact ?? tags.find((t) => t.toLowerCase().split('-')[0] === primary);
  if (same === undefined) return null;
  const fields = translations[same];
  return fields && Object.keys(fields).length > 0 ? { lang: same, fields } : null;
}
