import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { GRADING_EXTENSION_ID } from '../stix/enlace-ids.js';
import {
  TEST_PG_URL,
  dropSchema,
  forEachBackend,
  randomSchemaName,
  removeTempDir,
  requirePostgres,
  tempDir,
} from '../test-support/stores.js';
import { staticMigrations } from './migrations/index.js';
import { openStoreInternal, type StoreOptions } from './open.js';
import { OwnSchemaPostgresDialect } from './pg-introspector.js';
import { PlannerStatistics } from './pg-statistics.js';
import type { Dialect, EnlaceDatabase } from './schema.js';
import { foldForSearch, searchFieldsOf } from './search-fields.js';
import { US_NODE, makeVersion, stixId } from './test-versions.js';

describe('search fields', () => {
  it('folds case and accents, so that people find what they type', () => {
    assert.equal(foldForSearch('ÑANDÚ Atlántico Ⅻ'), 'nandu atlantico xii');
    const f = searchFieldsOf({
      type: 'indicator',
      name: '  Mensajero   ',
      description: 'Visto en Nogales',
      pattern: "[ipv4-addr:value = '1.2.3.4']",
      labels: ['Fentanilo', 'Sonora'],
      extensions: { [GRADING_EXTENSION_ID]: { extension_type: 'property-extension', source_reliability: 'B', information_credibility: 2 } },
    });
    assert.equal(f.name, 'Mensajero');
    assert.equal(f.grading, 'B2');
    assert.equal(f.labels, '["fentanilo","sonora"]');
    assert.match(f.text, /visto en nogales/);
    assert.match(f.text, /ipv4-addr:value = '1\.2\.3\.4'/);
  });

  it('names what an object is about, and stores only storable text', () => {
    assert.deepEqual(searchFieldsOf({ type: 'relationship', source_ref: 'a--1', target_ref: 'b--2', relationship_type: 'uses' }).refs, [
      'a--1',
      'b--2',
    ]);
    assert.deepEqual(searchFieldsOf({ type: 'note', object_refs: ['a--1', 'a--1', 7], content: 'x' }).refs, ['a--1']);
    assert.deepEqual(searchFieldsOf({ type: 'indicator', object_refs: ['a--1'] }).refs, [], 'only types that are about another object');
    const odd = searchFieldsOf({ type: 'note', content: 'a\u0000b\ud800c' });
    assert.equal(odd.name, 'ab\ufffdc');
    assert.ok(!odd.text.includes('\u0000'));
    assert.deepEqual(searchFieldsOf(null), { name: null, grading: null, labels: null, text: '', refs: [] });
    const bad = searchFieldsOf({
      type: 'x',
      extensions: { [GRADING_EXTENSION_ID]: { source_reliability: 'Z', information_credibility: 9 } },
    });
    assert.equal(bad.grading, null);
  });
});

forEachBackend('console records', (open) => {
  it('keeps sessions by hash and forgets ended ones', async () => {
    const store = await open();
    const base = { accountId: 'acc', csrfToken: 't', createdUs: 1_000, lastSeenUs: 1_000, expiresUs: 10_000 };
    await store.console.createSession({ ...base, idHash: 'h1' });
    await store.console.createSession({ ...base, idHash: 'h2', lastSeenUs: 5_000 });
    await store.console.createSession({ ...base, idHash: 'h3', accountId: 'other', lastSeenUs: 5_000 });
    assert.deepEqual(await store.console.getSession('h1'), { ...base, idHash: 'h1' });
    await store.console.touchSession('h1', 4_000);
    assert.equal((await store.console.getSession('h1'))?.lastSeenUs, 4_000);
    assert.equal(await store.console.deleteExpiredSessions(6_000, 4_500), 1, 'h1 idle since before 4 500');
    await store.console.deleteSessionsOf('acc');
    assert.equal(await store.console.getSession('h2'), null);
    assert.notEqual(await store.console.getSession('h3'), null);
    assert.equal(await store.console.deleteExpiredSessions(10_000, 0), 1, 'past its absolute end');
  });

  it('refreshes stale planner statistics on PostgreSQL in the background', async () => {
    const store = await open();
    if (store.backend !== 'postgres') return;
    const stats = new PlannerStatistics((store as unknown as { db: Kysely<EnlaceDatabase> }).db);
    assert.equal(await stats.areStale(1_000_000), true, 'a table never analyzed');
    await stats.settle();
    assert.equal(await stats.areStale(1_000_000), false, 'known fresh once ANALYZE ran');
    assert.equal(await stats.areStale(2_000_000), false, 'and still fresh when looked at again');
  });

  it('finds referrers in their newest version only', async () => {
    const store = await open();
    await store.createCollection({ id: 'c', title: 'C' });
    const target = stixId('indicator');
    const noteId = stixId('note');
    const note = (refs: string[], t: number) =>
      makeVersion({
        id: noteId,
        versionUs: t,
        body: JSON.stringify({
          type: 'note',
          id: noteId,
          content: 'n',
          object_refs: refs,
          spec_version: '2.1',
          created: 'x',
          modified: 'x',
        }),
      });
    await store.putVersions('c', [note([target], 1_000_000)]);
    assert.deepEqual(
      (await store.console.referrersOf(target, ['note'], 10)).map((r) => r.id),
      [noteId],
    );
    await store.putVersions('c', [note([stixId('malware')], 2_000_000)]);
    assert.deepEqual(await store.console.referrersOf(target, [], 10), [], 'the newest version is about something else');
  });
});

/** Opens the raw database of a store location, migrated only up to 0004 (before the console). */
async function migratedTo0004(options: StoreOptions): Promise<Kysely<unknown>> {
  const dialect: Dialect = options.kind;
  const db =
    options.kind === 'sqlite'
      ? new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(options.file) }) })
      : new Kysely<unknown>({
          dialect: new OwnSchemaPostgresDialect({
            pool: new pg.Pool({ connectionString: options.url, options: `-c search_path=${options.schema}` }),
          }),
        });
  if (options.kind === 'postgres') await sql`create schema if not exists ${sql.id(options.schema ?? 'public')}`.execute(db);
  const migrator = new Migrator({
    db,
    provider: staticMigrations(dialect),
    ...(options.kind === 'postgres' ? { migrationTableSchema: options.schema } : {}),
  });
  const { error } = await migrator.migrateTo('0004_audit_exchanges');
  if (error) throw error;
  return db;
}

describe('migration 0005 on a store that already holds objects', () => {
  const locations: [string, () => Promise<StoreOptions | null>, () => Promise<void>][] = [];
  const dir = tempDir('migration-0005');
  const schema = randomSchemaName();
  locations.push(['sqlite', async () => ({ kind: 'sqlite', file: join(dir, 'old.db') }), async () => removeTempDir(dir)]);
  locations.push([
    'postgres',
    async () => ((await requirePostgres('migration')) ? { kind: 'postgres', url: TEST_PG_URL, schema } : null),
    () => dropSchema(schema),
  ]);
  for (const [name, where, cleanup] of locations) {
    after(cleanup);
    it(`fills the search fields and references of every stored version [${name}]`, async () => {
      const options = await where();
      if (options === null) return;
      const db = await migratedTo0004(options);
      const target = stixId('indicator');
      const rows = [
        { type: 'indicator', id: target, name: 'Ruta del Atlántico', labels: ['Armas'] },
        {
          type: 'relationship',
          id: stixId('relationship'),
          relationship_type: 'indicates',
          source_ref: target,
          target_ref: stixId('threat-actor'),
        },
      ];
      await sql`insert into collections (id, alias, title, description, last_seq, last_date_added_us, created_us) values ('c', null, 'C', null, 2, 2, 1)`.execute(
        db,
      );
      for (const [i, o] of rows.entries()) {
        const v = makeVersion({ id: o.id, originator: US_NODE, body: JSON.stringify(o) });
        await sql`insert into objects (collection_id, seq, stix_id, type, spec_version, version, version_us, date_added_us, originator,
          revoked, tlp, is_latest, is_first, content_hash, body) values ('c', ${i + 1}, ${v.id}, ${o.type}, '2.1', ${v.version}, ${v.versionUs},
          ${i + 1}, ${v.originator}, 0, null, 1, 1, ${v.contentHash}, ${v.body})`.execute(db);
      }
      await db.destroy();
      const store = await openStoreInternal(options);
      try {
        const found = await store.console.searchObjects({ text: foldForSearch('atlantico'), revoked: 'exclude', limit: 10 });
        assert.deepEqual(
          found.rows.map((r) => [r.id, r.name]),
          [[target, 'Ruta del Atlántico']],
        );
        const labelled = await store.console.searchObjects({ labels: ['armas'], revoked: 'exclude', limit: 10 });
        assert.equal(labelled.rows.length, 1);
        assert.deepEqual(
          (await store.console.referrersOf(target, ['relationship'], 10)).map((r) => r.type),
          ['relationship'],
        );
      } finally {
        await store.close();
      }
    });
  }
});
