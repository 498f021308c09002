import type { Store } from './types.js';
import type { StoreInternals } from './base-store.js';
import { openSqliteStore } from './sqlite.js';
import { openPostgresStore } from './postgres.js';

export type StoreOptions = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

/** `openStore` with test-only knobs; the public entry point is `openStore` in index.ts. */
export async function openStoreInternal(options: StoreOptions, internals: StoreInternals = {}): Promise<Store> {
  const store =
    options.kind === 'sqlite'
      ? openSqliteStore(options.file, internals)
      : await openPostgresStore(
          {
            url: options.url,
            ...(options.schema === undefined ? {} : { schema: options.schema }),
            ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
          },
          internals,
        );
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
