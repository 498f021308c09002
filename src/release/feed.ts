/**
 * A collection's feed as one peer may see it. Rules are judged per object, so the store cannot
 * filter alone: pages are over-fetched and judged, and paging (`more`, the next position,
 * counts, date headers) is computed from released versions only, so nothing a peer may not
 * see shows through it — not even that it exists.
 */
import type { ObjectQuery, PeerRecord, Store, StoredVersionWithBody, VersionSelector } from '../store/types.js';
import type { JudgedVersion, ReleaseService } from './service.js';

/** A query in a peer's view; the view's own exclusions are added here, not by callers. */
export type PeerFeedQuery = Omit<ObjectQuery, 'withBody' | 'excludeOriginators' | 'excludeTlp' | 'countRemaining' | 'afterSeq'>;

export interface PeerFeedPage {
  /** Released versions, each with the text that crosses (redacted copies already signed). */
  rows: ReleasedVersion[];
  /** True when at least one more released version follows. */
  more: boolean;
  /**
   * Feed position to continue after: the last version delivered when `more`, otherwise the last
   * one examined (what lies before it was judged, released or not). Undefined when nothing was.
   */
  position?: number;
  /** Released versions after this page, when asked for and countable within the scan budget. */
  remaining?: number;
}

export type ReleasedVersion = JudgedVersion & { body: string; contentHash: string };

export interface PeerFeedOptions {
  afterSeq?: number;
  countRemaining?: boolean;
  /**
   * Most versions examined for one page. A feed whose next released version lies further on
   * answers `more` with a position to continue from: slower for the peer, never a leak of what
   * lies between (a page can then be empty while `more` is true).
   */
  scanBudget?: number;
}

const DEFAULT_SCAN_BUDGET = 50_000;
/** Most versions examined to count what remains; beyond it the count is not given. */
const REMAINING_BUDGET = 20_000;
const ALL: VersionSelector = { all: true, first: false, last: false, timestampsUs: [] };

/** What the store can pre-filter without judging: TLP:RED never leaves, and a peer's own objects never echo back. */
function prefilter(peer: PeerRecord): Pick<ObjectQuery, 'excludeOriginators' | 'excludeTlp'> {
  return { excludeOriginators: [peer.identityId], excludeTlp: ['red'] };
}

function versionMatches(row: StoredVersionWithBody, sel: VersionSelector): boolean {
  if (sel.all || (sel.last && row.isLatest)) return true;
  const at = row.versionUs === 0 ? row.dateAddedUs : row.versionUs;
  return sel.timestampsUs.includes(at);
}

/**
 * Judges rows for the peer and keeps those it may see: the version itself must be released, and
 * so must the object's newest version — when the originator re-marks an object so that it may no
 * longer go to this peer, no older version of it goes either. With `first`, a version counts as
 * first when it is the earliest one the peer may see.
 */
export async function visibleVersions(
  store: Store,
  release: ReleaseService,
  peer: PeerRecord,
  collectionId: string,
  rows: StoredVersionWithBody[],
  selector: VersionSelector,
): Promise<ReleasedVersion[]> {
  const judged = (await release.judge(peer, rows)).filter((j): j is ReleasedVersion => j.body !== null && j.contentHash !== null);
  const older = [...new Set(judged.filter((j) => !j.row.isLatest).map((j) => j.row.id))];
  const latestWithheld = new Set<string>();
  if (older.length > 0) {
    const latest = await store.queryObjects({
      collectionId,
      ids: older,
      versions: { all: false, first: false, last: true, timestampsUs: [] },
      limit: older.length,
      withBody: true,
      ...prefilter(peer),
    });
    const released = new Set((await release.judge(peer, latest.rows)).filter((j) => j.body !== null).map((j) => j.row.id));
    for (const id of older) if (!released.has(id)) latestWithheld.add(id);
  }
  let kept = judged.filter((j) => !latestWithheld.has(j.row.id));
  if (selector.first && !selector.all) {
    const firstSeq = await firstVisibleSeqs(
      store,
      release,
      peer,
      collectionId,
      kept.filter((j) => !j.row.isFirst).map((j) => j.row.id),
    );
    const firstVisible = (j: ReleasedVersion): boolean => j.row.isFirst || firstSeq.get(j.row.id) === j.row.seq;
    kept = kept.filter((j) => versionMatches(j.row, selector) || firstVisible(j));
  }
  return kept;
}

/** For each id, the feed position of the earliest version the peer may see. */
async function firstVisibleSeqs(
  store: Store,
  release: ReleaseService,
  peer: PeerRecord,
  collectionId: string,
  ids: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const unique = [...new Set(ids)].slice(0, 1000);
  if (unique.length === 0) return out;
  let afterSeq: number | undefined;
  const best = new Map<string, { versionUs: number; seq: number }>();
  for (;;) {
    const page = await store.queryObjects({
      collectionId,
      ids: unique,
      versions: ALL,
      afterSeq,
      limit: 1000,
      withBody: true,
      ...prefilter(peer),
    });
    for (const j of await release.judge(peer, page.rows)) {
      if (j.body === null) continue;
      const b = best.get(j.row.id);
      if (!b || j.row.versionUs < b.versionUs) best.set(j.row.id, { versionUs: j.row.versionUs, seq: j.row.seq });
    }
    const last = page.rows[page.rows.length - 1];
    if (!page.more || !last) break;
    afterSeq = last.seq;
  }
  for (const [id, b] of best) out.set(id, b.seq);
  return out;
}

/** One page of released versions, `q.limit` at most, in feed order. */
export async function peerFeedPage(
  store: Store,
  release: ReleaseService,
  peer: PeerRecord,
  q: PeerFeedQuery,
  opts: PeerFeedOptions = {},
): Promise<PeerFeedPage> {
  const budget = opts.scanBudget ?? DEFAULT_SCAN_BUDGET;
  // `first` is judged over every version (the first the peer may see need not be the first stored).
  const sqlVersions = q.versions.first && !q.versions.all ? ALL : q.versions;
  const collected: ReleasedVersion[] = [];
  let afterSeq = opts.afterSeq;
  let scanned = 0;
  let storeMore = true;
  // One released version beyond the page settles `more` without guessing.
  while (collected.length <= q.limit && scanned < budget) {
    const batch = Math.min(Math.max(q.limit + 1 - collected.length, 100), 10_000);
    const page = await store.queryObjects({ ...q, versions: sqlVersions, afterSeq, limit: batch, withBody: true, ...prefilter(peer) });
    scanned += page.rows.length;
    const last = page.rows[page.rows.length - 1];
    if (last) afterSeq = last.seq;
    collected.push(...(await visibleVersions(store, release, peer, q.collectionId, page.rows, q.versions)));
    storeMore = page.more;
    if (!page.more) break;
  }
  if (collected.length > q.limit) {
    const rows = collected.slice(0, q.limit);
    const result: PeerFeedPage = { rows, more: true, position: rows[rows.length - 1]?.row.seq };
    if (opts.countRemaining) {
      const remaining = await countReleased(store, release, peer, q, result.position);
      if (remaining !== undefined) result.remaining = remaining;
    }
    return result;
  }
  if (storeMore) return { rows: collected, more: true, position: afterSeq };
  return { rows: collected, more: false, position: afterSeq, ...(opts.countRemaining ? { remaining: 0 } : {}) };
}

/** Released versions after a position, or undefined when more than the budget would have to be read. */
async function countReleased(
  store: Store,
  release: ReleaseService,
  peer: PeerRecord,
  q: PeerFeedQuery,
  afterSeq: number | undefined,
): Promise<number | undefined> {
  let count = 0;
  let scanned = 0;
  let from = afterSeq;
  const sqlVersions = q.versions.first && !q.versions.all ? ALL : q.versions;
  while (scanned < REMAINING_BUDGET) {
    const page = await store.queryObjects({ ...q, versions: sqlVersions, afterSeq: from, limit: 2000, withBody: true, ...prefilter(peer) });
    scanned += page.rows.length;
    count += (await visibleVersions(store, release, peer, q.collectionId, page.rows, q.versions)).length;
    const last = page.rows[page.rows.length - 1];
    if (!page.more || !last) return count;
    from = last.seq;
  }
  return undefined;
}
