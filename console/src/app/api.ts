import i18next from 'i18next';
import { ApiClient } from '../lib/api.js';

let whenUnauthorized: () => void = () => undefined;

/** The session screen registers here what to do when the node says the session is gone. */
export function onUnauthorized(handler: () => void): void {
  whenUnauthorized = handler;
}

/** The console's one API client. */
export const api = new ApiClient({
  locale: () => i18next.language || 'en',
  onUnauthorized: () => whenUnauthorized(),
});
