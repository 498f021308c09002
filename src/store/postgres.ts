/**
 * The production backend: PostgreSQL through `pg`. Several node processes may share one
 * database, so `putVersions` takes a row lock on the collection (SELECT … FOR UPDATE) and
 * assigns feed positions and date_added only while holding it: a writer that got position N
 * commits before any writer can get N+1, and a reader that has seen N can never later find a
 * freshly committed row below it.
 */
import pg from 'pg';
import { Kysely, sql } from 'kysely';
import { OwnSchemaPostgresDialect } from './pg-introspector.js';
import type { EnlaceDatabase } from './schema.js';
import type { NewVersion, PullCursor, PutOutcome, RejectionRecord } from './types.js';
import { BaseStore } from './base-store.js';
import type { StoreInternals } from './base-store.js';
import { StoreError, isUniqueViolation, reasonOf, redactUrl } from './errors.js';
import { boundsFromRows, planPut, validateVersions, versionKey } from './plan.js';
import type { ExistingBounds, ExistingVersion, FlaggedRow, PlannedRow } from './plan.js';
import { flag } from './rows.js';
import { searchFieldsOfBody, type SearchFields } from './search-fields.js';
import * as rec from './records.js';

export interface PostgresOptions {
  url: string;
  /** Keeps every table in this schema (created if missing), e.g. one per parallel test file. */
  schema?: string;
  poolSize?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const INT8_OID = 20;
const DEFAULT_POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 10_000;

/** int8 (bigint, count(*)) arrives as text; every such value here is a position or microseconds, safe as a number. */
function numericTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, (text: string) => Number(text));
  return types;
}

export class PostgresStore extends BaseStore {
  readonly backend = 'postgres' as const;

  constructor(
    db: Kysely<EnlaceDatabase>,
    private readonly schema: string | undefined,
    internals: StoreInternals,
  ) {
    super(db, 'postgres', internals);
  }

  protected override async migrationSchema(): Promise<string> {
    if (this.schema !== undefined) return this.schema;
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.db);
    return rows[0]?.name ?? 'public';
  }

  protected override inWriteTransaction<T>(fn: (db: Kysely<EnlaceDatabase>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  protected override async lockCollection(
    db: Kysely<EnlaceDatabase>,
    collectionId: string,
  ): Promise<{ lastSeq: number; lastDateAddedUs: number } | null> {
    const head = await db
      .selectFrom('collections')
      .select(['last_seq', 'last_date_added_us'])
      .where('id', '=', collectionId)
      .forUpdate()
      .executeTakeFirst();
    return head ? { lastSeq: Number(head.last_seq), lastDateAddedUs: Number(head.last_date_added_us) } : null;
  }

  override async putVersions(
    collectionId: string,
    versions: NewVersion[],
    alsoSave?: { pullCursor?: PullCursor; rejections?: RejectionRecord[] },
  ): Promise<PutOutcome[]> {
    validateVersions(versions);
    return this.db.transaction().execute(async (trx) => {
      const head = await this.lockCollection(trx, collectionId);
      if (!head) throw new StoreError('store.collection_not_found', { collectionId });
      // Read only after the lock: under READ COMMITTED each statement sees what the previous
      // holder of the lock committed.
      const { existing, bounds } = await findTouched(trx, collectionId, versions);
      const plan = planPut({
        versions,
        existing,
        bounds,
        lastSeq: head.lastSeq,
        lastDateAddedUs: head.lastDateAddedUs,
        nowUs: this.nowUs(),
      });
      if (plan.clearLatest.length > 0) {
        await sql`update objects set is_latest = 0
          where collection_id = ${collectionId} and seq = any(${plan.clearLatest}::bigint[])`.execute(trx);
      }
      if (plan.clearFirst.length > 0) {
        await sql`update objects set is_first = 0
          where collection_id = ${collectionId} and seq = any(${plan.clearFirst}::bigint[])`.execute(trx);
      }
      if (plan.inserts.length > 0) {
        await insertRows(trx, collectionId, plan.inserts);
        await trx
          .updateTable('collections')
          .set({ last_seq: plan.lastSeq, last_date_added_us: plan.lastDateAddedUs })
          .where('id', '=', collectionId)
          .execute();
      }
      if (alsoSave?.pullCursor) await rec.savePullCursor(trx, alsoSave.pullCursor);
      if (alsoSave?.rejections && alsoSave.rejections.length > 0) await rec.addRejections(trx, alsoSave.rejections);
      if (this.internals.onPositionsAssigned) {
        await this.internals.onPositionsAssigned({ collectionId, seqs: plan.inserts.map((r) => r.seq) });
      }
      return plan.outcomes;
    });
  }
}

/**
 * In one round trip, what the collection holds for the batch's ids: the versions the batch
 * repeats, and the rows carrying the latest / first flags.
 */
async function findTouched(
  db: Kysely<EnlaceDatabase>,
  collectionId: string,
  versions: readonly NewVersion[],
): Promise<{ existing: Map<string, ExistingVersion>; bounds: Map<string, ExistingBounds> }> {
  const existing = new Map<string, ExistingVersion>();
  if (versions.length === 0) return { existing, bounds: new Map() };
  const wanted = new Set(versions.map((v) => versionKey(v.id, v.versionUs)));
  const ids = [...new Set(versions.map((v) => v.id))];
  const stamps = [...new Set(versions.map((v) => v.versionUs))];
  // `version_us = any(all stamps)` over-selects a little (another id's stamp); filtered below.
  const { rows } = await sql<{
    stix_id: string;
    seq: number;
    version_us: number;
    date_added_us: number;
    content_hash: string;
    is_latest: number;
    is_first: number;
  }>`select stix_id, seq, version_us, date_added_us, content_hash, is_latest, is_first from objects
     where stix_id = any(${ids}::text[]) and collection_id = ${collectionId}
       and (is_latest = 1 or is_first = 1 or version_us = any(${stamps}::bigint[]))`.execute(db);
  const flagged: FlaggedRow[] = [];
  for (const r of rows) {
    const row = { stixId: r.stix_id, seq: Number(r.seq), versionUs: Number(r.version_us) };
    const key = versionKey(row.stixId, row.versionUs);
    if (wanted.has(key)) existing.set(key, { seq: row.seq, dateAddedUs: Number(r.date_added_us), contentHash: r.content_hash });
    if (r.is_latest === 1 || r.is_first === 1) flagged.push({ ...row, isLatest: r.is_latest === 1, isFirst: r.is_first === 1 });
  }
  return { existing, bounds: boundsFromRows(flagged) };
}

/** Inserts planned rows column-wise through unnest: one statement and 19 parameters whatever the batch size. */
async function insertRows(db: Kysely<EnlaceDatabase>, collectionId: string, rows: readonly PlannedRow[]): Promise<void> {
  const col = <T>(pick: (r: PlannedRow) => T): T[] => rows.map(pick);
  const search = rows.map((r) => r.version.search ?? searchFieldsOfBody(r.version.body));
  const field = <T>(pick: (f: SearchFields) => T): T[] => search.map(pick);
  await sql`
    insert into objects (collection_id, seq, stix_id, type, spec_version, version, version_us, date_added_us,
      originator, revoked, tlp, is_latest, is_first, content_hash, body, name, grading, labels, search_text)
    select ${collectionId}, * from unnest(
      ${col((r) => r.seq)}::bigint[], ${col((r) => r.version.id)}::text[], ${col((r) => r.version.type)}::text[],
      ${col((r) => r.version.specVersion)}::text[], ${col((r) => r.version.version)}::text[],
      ${col((r) => r.version.versionUs)}::bigint[], ${col((r) => r.dateAddedUs)}::bigint[],
      ${col((r) => r.version.originator)}::text[], ${col((r) => flag(r.version.revoked))}::smallint[],
      ${col((r) => r.version.tlp)}::text[], ${col((r) => flag(r.isLatest))}::smallint[],
      ${col((r) => flag(r.isFirst))}::smallint[], ${col((r) => r.version.contentHash)}::text[],
      ${col((r) => r.version.body)}::text[], ${field((f) => f.name)}::text[], ${field((f) => f.grading)}::text[],
      ${field((f) => f.labels)}::text[], ${field((f) => f.text)}::text[])`.execute(db);
  const refs = rows.flatMap((r, i) => (search[i]?.refs ?? []).map((ref) => ({ ref, seq: r.seq })));
  if (refs.length > 0) {
    await sql`insert into object_refs (ref_id, collection_id, seq)
      select ref, ${collectionId}, seq from unnest(${refs.map((x) => x.ref)}::text[], ${refs.map((x) => x.seq)}::bigint[]) as v(ref, seq)
      on conflict do nothing`.execute(db);
  }
}

/** Connects to PostgreSQL (creating `schema` if asked for). Migrations are run by the caller. */
export async function openPostgresStore(options: PostgresOptions, internals: StoreInternals = {}): Promise<PostgresStore> {
  const { url, schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new StoreError('store.invalid_schema', { schema });
  const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
  if (!Number.isSafeInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
    throw new StoreError('store.invalid_pool_size', { poolSize: String(options.poolSize) });
  }
  try {
    await prepareDatabase(url, schema);
  } catch (err) {
    throw new StoreError('store.unreachable', { url: redactUrl(url), reason: reasonOf(err) }, { cause: err });
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: numericTypes(),
    // Set at connection start-up, so every pooled connection resolves tables in the schema.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection dropped by the server emits 'error' on the pool; without a listener the
  // process would crash. The next query on the pool reports the problem instead.
  pool.on('error', () => undefined);
  const db = new Kysely<EnlaceDatabase>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
  return new PostgresStore(db, schema, internals);
}

/** Checks that the server answers, and creates the store's schema if one is asked for. */
async function prepareDatabase(url: string, schema: string | undefined): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  await client.connect();
  try {
    if (schema !== undefined) {
      try {
        await client.query(`create schema if not exists "${schema}"`);
      } catch (err) {
        // Two openers racing on CREATE SCHEMA IF NOT EXISTS: one may see a unique violation.
        if (!isUniqueViolation(err)) throw err;
      }
    } else {
      await client.query('select 1');
    }
  } finally {
    await client.end();
  }
}
