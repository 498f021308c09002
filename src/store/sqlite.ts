/**
 * The embedded backend: one SQLite file per node, through better-sqlite3. Writes that must be
 * serialised run under BEGIN IMMEDIATE, which takes the database's write lock up front, so
 * feed positions handed out inside always follow commit order, even across processes.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { EnlaceDatabase } from './schema.js';
import type { NewVersion, PullCursor, PutOutcome, RejectionRecord } from './types.js';
import { BaseStore } from './base-store.js';
import type { StoreInternals } from './base-store.js';
import { StoreError, reasonOf } from './errors.js';
import { boundsFromRows, planPut, validateVersions, versionKey } from './plan.js';
import type { ExistingVersion, FlaggedRow, PutPlan } from './plan.js';
import { flag } from './rows.js';
import { searchFieldsOfBody } from './search-fields.js';
import * as rec from './records.js';

/**
 * How long a writer waits for another process's write lock before failing. better-sqlite3 is
 * synchronous, so that wait blocks this process's event loop: SQLite suits one node process
 * per file; several processes on one database are what PostgreSQL is for.
 */
const BUSY_TIMEOUT_MS = 5000;
/** Page cache per connection, KiB: keeps the hot index pages of a large feed in memory. */
const CACHE_KIB = 32 * 1024;

interface Head {
  last_seq: number;
  last_date_added_us: number;
}

/** Prepared once per store: the hot path of `putVersions` runs thousands of them per batch. */
function prepareStatements(sqlite: Database.Database) {
  return {
    head: sqlite.prepare<[string], Head>('select last_seq, last_date_added_us from collections where id = ?'),
    exact: sqlite.prepare<[string, string, number], { seq: number; date_added_us: number; content_hash: string }>(
      'select seq, date_added_us, content_hash from objects where +collection_id = ? and stix_id = ? and version_us = ?',
    ),
    // By stix_id, never by a collection_id index (the unary +) nor by a union of the partial
    // flag indexes: one id has a handful of rows, a collection may have millions.
    flagged: sqlite.prepare<[string, string], { seq: number; version_us: number; is_latest: number; is_first: number }>(
      `select seq, version_us, is_latest, is_first from objects
       where +collection_id = ? and stix_id = ? and (is_latest + is_first) > 0`,
    ),
    insert: sqlite.prepare(
      `insert into objects (collection_id, seq, stix_id, type, spec_version, version, version_us, date_added_us,
         originator, revoked, tlp, is_latest, is_first, content_hash, body, name, grading, labels, search_text)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertRef: sqlite.prepare('insert or ignore into object_refs (ref_id, collection_id, seq) values (?, ?, ?)'),
    clearLatest: sqlite.prepare('update objects set is_latest = 0 where collection_id = ? and seq = ?'),
    clearFirst: sqlite.prepare('update objects set is_first = 0 where collection_id = ? and seq = ?'),
    advance: sqlite.prepare('update collections set last_seq = ?, last_date_added_us = ? where id = ?'),
  };
}

export class SqliteStore extends BaseStore {
  readonly backend = 'sqlite' as const;
  private statements: ReturnType<typeof prepareStatements> | null = null;

  constructor(
    db: Kysely<EnlaceDatabase>,
    private readonly sqlite: Database.Database,
    internals: StoreInternals,
  ) {
    super(db, 'sqlite', internals);
  }

  protected override async migrationSchema(): Promise<string | undefined> {
    return undefined;
  }

  protected override inWriteTransaction<T>(fn: (db: Kysely<EnlaceDatabase>) => Promise<T>): Promise<T> {
    // Holding Kysely's single connection keeps every other query of this process out of the
    // transaction; BEGIN IMMEDIATE keeps other processes' writers out.
    return this.db.connection().execute(async (conn) => {
      this.sqlite.exec('begin immediate');
      try {
        const result = await fn(conn);
        this.sqlite.exec('commit');
        return result;
      } catch (err) {
        if (this.sqlite.inTransaction) this.sqlite.exec('rollback');
        throw err;
      }
    });
  }

  protected override async lockCollection(
    _db: Kysely<EnlaceDatabase>,
    collectionId: string,
  ): Promise<{ lastSeq: number; lastDateAddedUs: number } | null> {
    const head = this.prepared().head.get(collectionId);
    return head ? { lastSeq: head.last_seq, lastDateAddedUs: head.last_date_added_us } : null;
  }

  override async putVersions(
    collectionId: string,
    versions: NewVersion[],
    alsoSave?: { pullCursor?: PullCursor; rejections?: RejectionRecord[] },
  ): Promise<PutOutcome[]> {
    validateVersions(versions);
    return this.inWriteTransaction(async (conn) => {
      const plan = this.applyPut(collectionId, versions);
      if (this.internals.onPositionsAssigned) {
        await this.internals.onPositionsAssigned({ collectionId, seqs: plan.inserts.map((r) => r.seq) });
      }
      if (alsoSave?.pullCursor) await rec.savePullCursor(conn, alsoSave.pullCursor);
      if (alsoSave?.rejections && alsoSave.rejections.length > 0) await rec.addRejections(conn, alsoSave.rejections);
      return plan.outcomes;
    });
  }

  private prepared(): ReturnType<typeof prepareStatements> {
    this.statements ??= prepareStatements(this.sqlite);
    return this.statements;
  }

  /** Reads what the batch touches, plans it and writes it, synchronously, inside the write lock. */
  private applyPut(collectionId: string, versions: readonly NewVersion[]): PutPlan {
    const s = this.prepared();
    const head = s.head.get(collectionId);
    if (!head) throw new StoreError('store.collection_not_found', { collectionId });

    const existing = new Map<string, ExistingVersion>();
    const flagged: FlaggedRow[] = [];
    const seenIds = new Set<string>();
    for (const v of versions) {
      const found = s.exact.get(collectionId, v.id, v.versionUs);
      if (found) {
        existing.set(versionKey(v.id, v.versionUs), {
          seq: found.seq,
          dateAddedUs: found.date_added_us,
          contentHash: found.content_hash,
        });
      }
      if (seenIds.has(v.id)) continue;
      seenIds.add(v.id);
      for (const r of s.flagged.all(collectionId, v.id)) {
        flagged.push({ stixId: v.id, seq: r.seq, versionUs: r.version_us, isLatest: r.is_latest === 1, isFirst: r.is_first === 1 });
      }
    }

    const plan = planPut({
      versions,
      existing,
      bounds: boundsFromRows(flagged),
      lastSeq: head.last_seq,
      lastDateAddedUs: head.last_date_added_us,
      nowUs: this.nowUs(),
    });
    for (const seq of plan.clearLatest) s.clearLatest.run(collectionId, seq);
    for (const seq of plan.clearFirst) s.clearFirst.run(collectionId, seq);
    for (const row of plan.inserts) {
      const v = row.version;
      const search = v.search ?? searchFieldsOfBody(v.body);
      s.insert.run(
        collectionId,
        row.seq,
        v.id,
        v.type,
        v.specVersion,
        v.version,
        v.versionUs,
        row.dateAddedUs,
        v.originator,
        flag(v.revoked),
        v.tlp,
        flag(row.isLatest),
        flag(row.isFirst),
        v.contentHash,
        v.body,
        search.name,
        search.grading,
        search.labels,
        search.text,
      );
      for (const ref of search.refs) s.insertRef.run(ref, collectionId, row.seq);
    }
    if (plan.inserts.length > 0) s.advance.run(plan.lastSeq, plan.lastDateAddedUs, collectionId);
    return plan;
  }
}

/** Opens (creating if needed) the SQLite file of a node. */
export function openSqliteStore(file: string, internals: StoreInternals = {}): SqliteStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (err) {
    throw new StoreError('store.open_failed', { file, reason: reasonOf(err) }, { cause: err });
  }
  try {
    // WAL lets readers (TAXII pages) run while a writer commits; NORMAL is durable across
    // process crashes in WAL mode and skips an fsync per transaction.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma(`cache_size = -${CACHE_KIB}`);
    forgetPlannerStatistics(sqlite);
  } catch (err) {
    sqlite.close();
    throw new StoreError('store.open_failed', { file, reason: reasonOf(err) }, { cause: err });
  }
  const db = new Kysely<EnlaceDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  return new SqliteStore(db, sqlite, internals);
}

/**
 * Every query of this store is written for a given index, and SQLite's default estimates pick
 * them. Statistics (sqlite_stat1) do harm here: taken while a table is nearly empty, they make
 * the planner choose full scans that stay chosen as the table grows to millions of rows, so
 * none are kept (a file from an older version may carry some).
 */
function forgetPlannerStatistics(sqlite: Database.Database): void {
  const hasStats = sqlite.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get();
  if (!hasStats) return;
  sqlite.exec('delete from sqlite_stat1');
  // Makes the planner reload the (now empty) statistics.
  sqlite.exec('analyze sqlite_schema');
}
