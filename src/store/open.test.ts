import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openStore, StoreError } from './index.js';
import { en, es } from './messages.js';
import { TEST_PG_URL, dropSchema, pgAvailable, randomSchemaName, removeTempDir, tempDir } from '../test-support/stores.js';

const code = (c: string) => (err: unknown) => err instanceof StoreError && err.code === c;

describe('store: opening', () => {
  const dir = tempDir('open');
  after(() => removeTempDir(dir));

  it('creates the data directory and a WAL-mode SQLite file, and opens it again', async () => {
    const file = join(dir, 'node-us', 'data', 'enlace.db');
    const store = await openStore({ kind: 'sqlite', file });
    assert.equal(store.backend, 'sqlite');
    await store.createCollection({ id: 'c', title: 'C' });
    await store.close();
    const raw = new Database(file, { readonly: true });
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.close();
    const again = await openStore({ kind: 'sqlite', file });
    assert.equal((await again.listCollections()).length, 1);
    await again.close();
  });

  it('reports a file that is not a database, or a directory, as store.open_failed', async () => {
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a SQLite database, just text that is long enough to have a header'.repeat(20));
    await assert.rejects(openStore({ kind: 'sqlite', file: junk }), code('store.open_failed'));
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    await assert.rejects(openStore({ kind: 'sqlite', file: folder }), code('store.open_failed'));
  });

  it('reports an unreachable PostgreSQL without leaking its password', async () => {
    const err = await openStore({ kind: 'postgres', url: 'postgres://enlace:s3cret@127.0.0.1:1/nowhere' }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof StoreError && err.code === 'store.unreachable', String(err));
    assert.ok(!String(err.params.url).includes('s3cret'));
    assert.ok(!err.message.includes('s3cret'));
  });

  it('refuses schema names that are not plain identifiers, and silly pool sizes', async () => {
    for (const schema of ['Robert"; drop schema public cascade; --', 'UPPER', '', 'a'.repeat(64), 'with space', '1abc']) {
      await assert.rejects(openStore({ kind: 'postgres', url: TEST_PG_URL, schema }), code('store.invalid_schema'), schema);
    }
    for (const poolSize of [0, -1, 1.5, 10_000]) {
      await assert.rejects(openStore({ kind: 'postgres', url: TEST_PG_URL, poolSize }), code('store.invalid_pool_size'));
    }
  });

  it('keeps stores in different PostgreSQL schemas apart', async (t) => {
    if (!(await pgAvailable())) {
      if (process.env.CI === 'true') assert.fail(`PostgreSQL is required under CI=true but ${TEST_PG_URL} is unreachable`);
      return t.skip('PostgreSQL not reachable');
    }
    const [s1, s2] = [randomSchemaName(), randomSchemaName()];
    try {
      const a = await openStore({ kind: 'postgres', url: TEST_PG_URL, schema: s1, poolSize: 2 });
      const b = await openStore({ kind: 'postgres', url: TEST_PG_URL, schema: s2, poolSize: 2 });
      await a.createCollection({ id: 'only-in-a', title: 'A' });
      assert.deepEqual(
        (await b.listCollections()).map((c) => c.id),
        [],
      );
      assert.deepEqual(
        (await a.listCollections()).map((c) => c.id),
        ['only-in-a'],
      );
      await a.close();
      await b.close();
    } finally {
      await dropSchema(s1);
      await dropSchema(s2);
    }
  });
});

describe('store: messages', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('has every code in English and Spanish with the same placeholders', () => {
    assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      assert.deepEqual(placeholders(es[key]!), placeholders(text), key);
      assert.notEqual(es[key], text, `${key} is translated`);
    }
  });

  it('has a text for every code the store throws', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const thrown = new Set<string>();
    for (const name of readdirSync(here).filter((n) => n.endsWith('.js') && !n.endsWith('.test.js'))) {
      for (const m of readFileSync(join(here, name), 'utf8').matchAll(/StoreError\('([a-z_.]+)'/g)) thrown.add(m[1]!);
    }
    assert.ok(thrown.size >= 10, `found the codes (${thrown.size})`);
    for (const c of thrown) assert.ok(c in en, `${c} has a message`);
  });
});
