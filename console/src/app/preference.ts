import { isLocale, pickLocale } from '../lib/locale.js';
import type { Locale } from '../lib/types.js';

/** A language chosen by hand on this browser wins over the browser's own list until sign-in. */
const LOCALE_KEY = 'enlace.locale';

export function initialLocale(): Locale {
  try {
    const chosen = window.localStorage.getItem(LOCALE_KEY);
    if (isLocale(chosen)) return chosen;
  } catch {
    // Storage can be disabled by policy; the browser's language still applies.
  }
  return pickLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // Not remembered on this browser; the account still remembers it once signed in.
  }
}
