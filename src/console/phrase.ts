import { EnlaceError } from '../errors/index.js';
import { translate } from '../i18n/index.js';
import type { ConsoleMessageKey } from './messages.js';

/** One message of the console's server side in both languages, as an error parameter carries it. */
export function bothLanguages(key: ConsoleMessageKey, params: Record<string, string | number> = {}): { en: string; es: string } {
  return { en: translate('en', 'console', key, params), es: translate('es', 'console', key, params) };
}

/** A request the console refuses as a whole (400), with what is wrong named in both languages. */
export function badRequest(key: ConsoleMessageKey, params: Record<string, string | number> = {}): EnlaceError {
  return new EnlaceError('http.bad-request', { detail: bothLanguages(key, params) });
}
