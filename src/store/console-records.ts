/** The console's sessions and searches (migration 0005), shared by both backends. */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Dialect, EnlaceDatabase, ObjectsTable } from './schema.js';
import type { ConsoleRow, ConsoleSearch, ConsoleSessionRecord, ConsoleStore } from './console-types.js';
import { StoreError } from './errors.js';
import { PlannerStatistics } from './pg-statistics.js';
import { toStoredVersionWithBody, VERSION_COLUMNS, type VersionRow } from './rows.js';

type Db = Kysely<EnlaceDatabase>;
type Eb = ExpressionBuilder<EnlaceDatabase & { o: ObjectsTable }, 'o'>;

export const CONSOLE_MAX_LIMIT = 1000;
const MAX_VALUES = 1000;
const ROW_COLUMNS = [...VERSION_COLUMNS, 'body', 'name', 'grading'] as const;

const toSession = (r: EnlaceDatabase['console_sessions']): ConsoleSessionRecord => ({
  idHash: r.id_hash,
  accountId: r.account_id,
  csrfToken: r.csrf_token,
  createdUs: Number(r.created_us),
  lastSeenUs: Number(r.last_seen_us),
  expiresUs: Number(r.expires_us),
});

const toRow = (r: VersionRow & { body: string; name: string | null; grading: string | null }): ConsoleRow => ({
  ...toStoredVersionWithBody(r),
  name: r.name,
  grading: r.grading,
});

/** LIKE pattern for a substring, with `!` escaping the pattern's own wildcards. */
const contains = (s: string): string => `%${s.replace(/[!%_]/g, (c) => `!${c}`)}%`;

function checkList(field: string, values: readonly unknown[] | undefined, nullable = false): void {
  if (values === undefined) return;
  if (!Array.isArray(values) || values.length > MAX_VALUES) throw new StoreError('store.invalid_query', { field });
  if (!values.every((v) => typeof v === 'string' || (nullable && v === null))) throw new StoreError('store.invalid_query', { field });
}

function validateSearch(q: ConsoleSearch): void {
  if (!Number.isSafeInteger(q.limit) || q.limit < 1 || q.limit > CONSOLE_MAX_LIMIT) {
    throw new StoreError('store.invalid_limit', { limit: String(q.limit), max: CONSOLE_MAX_LIMIT });
  }
  if (q.text !== undefined && typeof q.text !== 'string') throw new StoreError('store.invalid_query', { field: 'text' });
  for (const f of ['ids', 'types', 'excludeTypes', 'originators', 'labels'] as const) checkList(f, q[f]);
  checkList('tlp', q.tlp, true);
  checkList('gradings', q.gradings, true);
  if (q.addedAfterUs !== undefined && !Number.isSafeInteger(q.addedAfterUs))
    throw new StoreError('store.invalid_query', { field: 'addedAfterUs' });
  if (!['include', 'only', 'exclude'].includes(q.revoked)) throw new StoreError('store.invalid_query', { field: 'revoked' });
  const a = q.after;
  if (a !== undefined && (!Number.isSafeInteger(a.dateAddedUs) || !Number.isSafeInteger(a.seq) || typeof a.collectionId !== 'string')) {
    throw new StoreError('store.invalid_query', { field: 'after' });
  }
}

/** `column in (…)`, where null in the list also admits rows whose column is null. */
function inOrNull(eb: Eb, column: 'o.tlp' | 'o.grading', values: readonly (string | null)[]): Expression<SqlBool> {
  const named = values.filter((v): v is string => v !== null);
  const either: Expression<SqlBool>[] = [];
  if (named.length > 0) either.push(eb(column, 'in', named));
  if (values.includes(null)) either.push(eb(column, 'is', null));
  return eb.or(either);
}

/**
 * The row is the newest of its id across collections: no other collection holds a newer version
 * (ties go to the smaller collection id). Asked only when the node has more than one collection.
 */
const newestAnywhere = (eb: Eb): Expression<SqlBool> =>
  eb.not(
    eb.exists(
      eb
        .selectFrom('objects as n')
        .select(sql.lit(1).as('one'))
        .whereRef('n.stix_id', '=', 'o.stix_id')
        .whereRef('n.collection_id', '<>', 'o.collection_id')
        .where('n.is_latest', '=', sql.lit(1))
        .where((nb) =>
          nb.or([
            nb('n.version_us', '>', nb.ref('o.version_us')),
            nb.and([nb('n.version_us', '=', nb.ref('o.version_us')), nb('n.collection_id', '<', nb.ref('o.collection_id'))]),
          ]),
        ),
    ),
  );

export class ConsoleRecords implements ConsoleStore {
  private readonly statistics: PlannerStatistics | null;

  constructor(
    private readonly db: Db,
    dialect: Dialect,
  ) {
    this.statistics = dialect === 'postgres' ? new PlannerStatistics(db) : null;
  }

  /** Waits for background maintenance (the store is closing). */
  async settle(): Promise<void> {
    await this.statistics?.settle();
  }

  async createSession(s: ConsoleSessionRecord): Promise<void> {
    await this.db
      .insertInto('console_sessions')
      .values({
        id_hash: s.idHash,
        account_id: s.accountId,
        csrf_token: s.csrfToken,
        created_us: s.createdUs,
        last_seen_us: s.lastSeenUs,
        expires_us: s.expiresUs,
      })
      .execute();
  }

  async getSession(idHash: string): Promise<ConsoleSessionRecord | null> {
    const row = await this.db.selectFrom('console_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async touchSession(idHash: string, lastSeenUs: number): Promise<void> {
    await this.db.updateTable('console_sessions').set({ last_seen_us: lastSeenUs }).where('id_hash', '=', idHash).execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('console_sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteSessionsOf(accountId: string): Promise<void> {
    await this.db.deleteFrom('console_sessions').where('account_id', '=', accountId).execute();
  }

  async deleteExpiredSessions(nowUs: number, idleBeforeUs: number): Promise<number> {
    const r = await this.db
      .deleteFrom('console_sessions')
      .where((eb) => eb.or([eb('expires_us', '<=', nowUs), eb('last_seen_us', '<', idleBeforeUs)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async searchObjects(q: ConsoleSearch): Promise<{ rows: ConsoleRow[]; more: boolean }> {
    validateSearch(q);
    const several = await this.severalCollections();
    const page = (db: Db) =>
      db
        .selectFrom('objects as o')
        .select(ROW_COLUMNS.map((c) => `o.${c}` as const))
        .where((eb) => {
          const all: Expression<SqlBool>[] = [eb('o.is_latest', '=', sql.lit(1))];
          if (q.text !== undefined && q.text.length > 0) all.push(sql<SqlBool>`o.search_text like ${contains(q.text)} escape '!'`);
          if (q.ids !== undefined && q.ids.length > 0) all.push(eb('o.stix_id', 'in', q.ids));
          if (q.types !== undefined && q.types.length > 0) all.push(eb('o.type', 'in', q.types));
          if (q.excludeTypes !== undefined && q.excludeTypes.length > 0) all.push(eb('o.type', 'not in', q.excludeTypes));
          if (q.originators !== undefined && q.originators.length > 0) all.push(eb('o.originator', 'in', q.originators));
          if (q.tlp !== undefined && q.tlp.length > 0) all.push(inOrNull(eb, 'o.tlp', q.tlp));
          if (q.gradings !== undefined && q.gradings.length > 0) all.push(inOrNull(eb, 'o.grading', q.gradings));
          if (q.labels !== undefined && q.labels.length > 0) {
            all.push(eb.or(q.labels.map((l) => sql<SqlBool>`o.labels like ${contains(JSON.stringify(l))} escape '!'`)));
          }
          if (q.addedAfterUs !== undefined) all.push(eb('o.date_added_us', '>', q.addedAfterUs));
          if (q.revoked !== 'include') all.push(eb('o.revoked', '=', sql.lit(q.revoked === 'only' ? 1 : 0)));
          if (q.after !== undefined) {
            const a = q.after;
            all.push(sql<SqlBool>`(o.date_added_us, o.collection_id, o.seq) < (${a.dateAddedUs}, ${a.collectionId}, ${a.seq})`);
          }
          if (several) all.push(newestAnywhere(eb));
          return eb.and(all);
        })
        .orderBy('o.date_added_us', 'desc')
        .orderBy('o.collection_id', 'desc')
        .orderBy('o.seq', 'desc')
        .limit(q.limit + 1)
        .execute();
    const rows = (await this.statistics?.areStale())
      ? await this.db.transaction().execute(async (trx) => {
          // Without statistics the planner's choice is a guess; walking the date index never reads more than it must.
          await sql`set local enable_sort = off`.execute(trx);
          await sql`set local enable_bitmapscan = off`.execute(trx);
          return page(trx);
        })
      : await page(this.db);
    return { rows: rows.slice(0, q.limit).map(toRow), more: rows.length > q.limit };
  }

  async newestOf(ids: readonly string[]): Promise<ConsoleRow[]> {
    const unique = [...new Set(ids)];
    const newest = new Map<string, ConsoleRow>();
    for (let i = 0; i < unique.length; i += MAX_VALUES) {
      const rows = await this.db
        .selectFrom('objects as o')
        .select(ROW_COLUMNS.map((c) => `o.${c}` as const))
        .where('o.stix_id', 'in', unique.slice(i, i + MAX_VALUES))
        .where('o.is_latest', '=', sql.lit(1))
        .execute();
      for (const r of rows.map(toRow)) {
        const seen = newest.get(r.id);
        if (!seen || r.versionUs > seen.versionUs || (r.versionUs === seen.versionUs && r.collectionId < seen.collectionId))
          newest.set(r.id, r);
      }
    }
    return [...newest.values()];
  }

  async referrersOf(id: string, types: readonly string[], limit: number): Promise<ConsoleRow[]> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > CONSOLE_MAX_LIMIT) {
      throw new StoreError('store.invalid_limit', { limit: String(limit), max: CONSOLE_MAX_LIMIT });
    }
    const rows = await this.db
      .selectFrom('object_refs as r')
      .innerJoin('objects as o', (j) => j.onRef('o.collection_id', '=', 'r.collection_id').onRef('o.seq', '=', 'r.seq'))
      .select(ROW_COLUMNS.map((c) => `o.${c}` as const))
      .where('r.ref_id', '=', id)
      .where('o.is_latest', '=', sql.lit(1))
      .$if(types.length > 0, (qb) => qb.where('o.type', 'in', [...types]))
      .orderBy('o.date_added_us', 'desc')
      .limit(limit)
      .execute();
    // A referrer held in two collections counts once, in its newest version.
    const newest = new Map<string, ConsoleRow>();
    for (const r of rows.map(toRow)) {
      const seen = newest.get(r.id);
      if (!seen || r.versionUs > seen.versionUs) newest.set(r.id, r);
    }
    return [...newest.values()];
  }

  async countExchangesFrom(fromSeq: number): Promise<{ sent: number; received: number }> {
    const rows = await this.db
      .selectFrom('audit_exchanges')
      .select(['direction', (eb) => eb.fn.countAll<number>().as('n')])
      .where('seq', '>=', fromSeq)
      .groupBy('direction')
      .execute();
    const count = (d: string) => Number(rows.find((r) => r.direction === d)?.n ?? 0);
    return { sent: count('sent'), received: count('received') };
  }

  private async severalCollections(): Promise<boolean> {
    const rows = await this.db.selectFrom('collections').select('id').limit(2).execute();
    return rows.length > 1;
  }
}
