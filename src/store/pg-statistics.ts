/**
 * Whether PostgreSQL's planner statistics of the objects table can be trusted. The console's list
 * is planned from them: without them, right after a bulk load (a first sync of 100,000 objects),
 * PostgreSQL sorts every newest version instead of walking the date index, and a first page
 * takes a second instead of milliseconds. Autovacuum refreshes them on most servers, not on all
 * (it may be off, or lag behind a load): at most once a minute this looks, and when a tenth of
 * the table changed since the last ANALYZE it runs one in the background, as autovacuum would.
 * Until that finishes, callers walk the index regardless of the planner's estimate.
 */
import { sql, type Kysely } from 'kysely';
import type { EnlaceDatabase } from './schema.js';

const CHECK_EVERY_MS = 60_000;
const STALE = { rows: 1000, share: 0.1 };

export class PlannerStatistics {
  private checkedMs = 0;
  private stale = true;
  private analyzing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Kysely<EnlaceDatabase>) {}

  /** True while the statistics are known stale (an ANALYZE is then under way). */
  async areStale(nowMs = Date.now()): Promise<boolean> {
    if (nowMs - this.checkedMs < CHECK_EVERY_MS) return this.stale;
    this.checkedMs = nowMs;
    const { rows } = await sql<{ live: number; changed: number; analyzed: boolean }>`
      select n_live_tup as live, n_mod_since_analyze as changed, coalesce(last_analyze, last_autoanalyze) is not null as analyzed
      from pg_stat_user_tables where relid = 'objects'::regclass`.execute(this.db);
    const r = rows[0];
    const changed = Number(r?.changed ?? 0);
    this.stale = r !== undefined && (!r.analyzed || (changed > STALE.rows && changed > STALE.share * Number(r.live)));
    if (this.stale) {
      this.analyzing = sql`analyze objects`
        .execute(this.db)
        .then(() => {
          this.stale = false;
        })
        // Not the owner of the table, or the store is closing: the planner keeps what it has.
        .catch(() => undefined);
    }
    return this.stale;
  }

  /** Waits for an ANALYZE under way (the store is closing). */
  settle(): Promise<void> {
    return this.analyzing;
  }
}
