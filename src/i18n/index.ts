import i18next, { type i18n } from 'i18next';
import { errorMessages } from '../errors/messages.js';
import { catalogues as extraCatalogues } from './catalogues.js';

/** The two languages every text a person reads exists in. "es" is Mexican Spanish (es-MX). */
export type Lang = 'en' | 'es';

/** Picks the language from a locale tag, an Accept-Language header ("es-MX,es;q=0.9") or LANG ("es_MX.UTF-8"). */
export function langOf(tag: string | undefined | null): Lang {
  if (!tag) return 'en';
  const first = tag.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('es') ? 'es' : 'en';
}

export type Catalogue = { en: Record<string, string>; es: Record<string, string> };

/** Every namespace's messages; a test checks that each key exists in both languages. */
export const allCatalogues: Record<string, Catalogue> = {
  errors: errorMessages,
  ...extraCatalogues,
};

let instance: i18n | null = null;

function ready(): i18n {
  if (instance) return instance;
  const resources: Record<string, Record<string, Record<string, string>>> = { en: {}, es: {} };
  for (const [ns, cat] of Object.entries(allCatalogues)) {
    resources.en![ns] = cat.en;
    resources.es![ns] = cat.es;
  }
  const created = i18next.createInstance();
  // Keys contain dots ("auth.required"); they are flat ids, not paths.
  void created.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: ['en', 'es'],
    ns: Object.keys(allCatalogues),
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  instance = created;
  return created;
}

/**
 * Renders one message in the reader's language.
 * @example translate('es', 'errors', 'peer.unknown', { peer: 'mx' })
 */
export function translate(lang: Lang, ns: string, key: string, params: Record<string, string | number> = {}): string {
  return ready().t(key, { ...params, lng: lang, ns });
}
