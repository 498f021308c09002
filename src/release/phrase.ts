import { translate } from '../i18n/index.js';
import type { ReleaseMessageKey } from './messages.js';

/** One message of the release API in both languages, as an error parameter or a preview reason carries it. */
export function bothLanguages(key: ReleaseMessageKey, params: Record<string, string | number> = {}): { en: string; es: string } {
  return { en: translate('en', 'release-api', key, params), es: translate('es', 'release-api', key, params) };
}
