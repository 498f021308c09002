import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../lib/types.js';

type Catalogue = Record<string, unknown>;

/* Each language is its own chunk: a reader downloads only the one they read. */
const loaders: Record<Locale, () => Promise<{ default: Catalogue }>> = {
  en: () => import('./en.json'),
  'es-MX': () => import('./es-MX.json'),
};

async function ensureLoaded(locale: Locale): Promise<void> {
  if (i18next.hasResourceBundle(locale, 'translation')) return;
  const { default: catalogue } = await loaders[locale]();
  i18next.addResourceBundle(locale, 'translation', catalogue);
}

export async function initI18n(locale: Locale): Promise<void> {
  const { default: catalogue } = await loaders[locale]();
  await i18next.use(initReactI18next).init({
    lng: locale,
    // Both catalogues hold every key (a test checks it): no silent fallback to the other language.
    fallbackLng: false,
    resources: { [locale]: { translation: catalogue } },
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
    react: { useSuspense: false },
  });
  document.documentElement.lang = locale;
}

export async function switchLocale(locale: Locale): Promise<void> {
  await ensureLoaded(locale);
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}
