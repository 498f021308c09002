import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../app/hooks.js';
import { isLocale, LOCALES } from '../lib/locale.js';
import type { Locale } from '../lib/types.js';

/** English / Español (México), each named in its own language so anyone can find theirs. */
export function LanguageSwitch({ onChange }: { onChange: (locale: Locale) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  return (
    <div className="lang-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('shell.language')}
      </label>
      <select
        id={id}
        data-testid="lang-switch"
        value={locale}
        onChange={(e) => {
          if (isLocale(e.target.value)) onChange(e.target.value);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
