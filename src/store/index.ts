/** The node's store: SQLite embedded by default, PostgreSQL for production. */
import type { Store } from './types.js';
import { openStoreInternal } from './open.js';
import type { StoreOptions } from './open.js';

export type * from './types.js';
export type { StoreOptions } from './open.js';
export { StoreError } from './errors.js';
export { en as storeMessagesEn, es as storeMessagesEs } from './messages.js';
export { MAX_PAGE_LIMIT, MAX_FILTER_VALUES } from './query.js';

/** Opens the store and brings its schema up to date (safe to call on an existing database). */
export function openStore(options: StoreOptions): Promise<Store> {
  return openStoreInternal(options);
}
