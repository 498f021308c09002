/**
 * Store fixtures for every module's tests: run a suite once per backend, each store on its own
 * throw-away database (a temp SQLite file, or a fresh PostgreSQL schema dropped afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { Store } from '../store/types.js';
import { openStoreInternal } from '../store/open.js';
import { redactUrl } from '../store/errors.js';
import type { StoreInternals } from '../store/base-store.js';
import type { StoreOptions } from '../store/open.js';

export { redactUrl };

/** Where the test PostgreSQL listens (trust auth). */
export const TEST_PG_URL = process.env.ENLACE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable = false;

async function tryConnect(timeoutMs: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether the test PostgreSQL answers. Tries twice: synchronous SQLite work elsewhere in the
 * same process can stall the event loop past a connect timeout. Only success is remembered.
 */
export async function pgAvailable(): Promise<boolean> {
  if (!reachable) reachable = (await tryConnect(5000)) || (await tryConnect(5000));
  return reachable;
}

/** A new empty directory under the OS temp dir; remove it with `removeTempDir`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `enlace-${prefix.replace(/[^a-zA-Z0-9_-]/g, '_')}-`));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A fresh PostgreSQL schema name for one test database. */
export function randomSchemaName(): string {
  return `t_${randomBytes(8).toString('hex')}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export interface BackendContext {
  kind: 'sqlite' | 'postgres';
  /**
   * Opens a store with test-only knobs. With `sameDatabaseAs`, the store connects to the
   * database of a store this block opened before (a second process, or a restart).
   */
  openWith(internals: StoreInternals, sameDatabaseAs?: Store): Promise<Store>;
  /** The `openStore` options of a store this block opened (to reach its database from a worker). */
  optionsOf(store: Store): StoreOptions;
}

type Location = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

/**
 * Inside a describe block: true when PostgreSQL answers. Otherwise registers a test that says so —
 * skipped with a clear line, or failing under CI=true, where PostgreSQL is required — and returns false.
 */
export async function requirePostgres(what: string): Promise<boolean> {
  if (await pgAvailable()) return true;
  const where = redactUrl(TEST_PG_URL);
  if (process.env.CI === 'true') {
    it('PostgreSQL is reachable', () => {
      throw new Error(`PostgreSQL is required under CI=true but ${where} is unreachable`);
    });
  } else {
    it(`PostgreSQL not reachable at ${where}: PostgreSQL ${what} tests skipped`, { skip: true }, () => undefined);
  }
  return false;
}

/**
 * Registers `describe(name [backend])` for SQLite and for PostgreSQL. Every `open()` gives a
 * store on a new, empty, migrated database; all are closed and removed after the block.
 * Without a reachable PostgreSQL the PostgreSQL block is skipped, or fails under CI=true.
 */
export function forEachBackend(name: string, fn: (open: () => Promise<Store>, ctx: BackendContext) => void): void {
  describe(`${name} [sqlite]`, () => {
    const dir = tempDir('store');
    let n = 0;
    register(
      'sqlite',
      () => ({ kind: 'sqlite', file: join(dir, `enlace-${++n}.db`) }),
      fn,
      () => removeTempDir(dir),
    );
  });

  describe(`${name} [postgres]`, async () => {
    if (!(await requirePostgres('store'))) return;
    const schemas: string[] = [];
    register(
      'postgres',
      () => {
        const schema = randomSchemaName();
        schemas.push(schema);
        return { kind: 'postgres', url: TEST_PG_URL, schema };
      },
      fn,
      async () => {
        for (const s of schemas) await dropSchema(s);
      },
    );
  });
}

function register(
  kind: 'sqlite' | 'postgres',
  newLocation: () => Location,
  fn: (open: () => Promise<Store>, ctx: BackendContext) => void,
  cleanUp: () => void | Promise<void>,
): void {
  const opened: { store: Store; at: Location }[] = [];
  const openAt = async (at: Location, internals: StoreInternals): Promise<Store> => {
    const store = await openStoreInternal(at, internals);
    opened.push({ store, at });
    return store;
  };
  const ctx: BackendContext = {
    kind,
    openWith: (internals, sameDatabaseAs) => {
      const at = sameDatabaseAs ? opened.find((o) => o.store === sameDatabaseAs)?.at : newLocation();
      if (!at) throw new Error('sameDatabaseAs must be a store opened in this block');
      return openAt(at, internals);
    },
    optionsOf: (store) => {
      const at = opened.find((o) => o.store === store)?.at;
      if (!at) throw new Error('not a store opened in this block');
      return at;
    },
  };
  after(async () => {
    for (const { store } of opened) await store.close().catch(() => undefined);
    await cleanUp();
  });
  fn(() => openAt(newLocation(), {}), ctx);
}
