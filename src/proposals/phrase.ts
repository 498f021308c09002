import { translate } from '../i18n/index.js';
import type { ProposalMessageKey } from './messages.js';

/** One message of the proposals module in both languages, as an error parameter carries it. */
export function bothLanguages(key: ProposalMessageKey, params: Record<string, string | number> = {}): { en: string; es: string } {
  return { en: translate('en', 'proposals', key, params), es: translate('es', 'proposals', key, params) };
}
