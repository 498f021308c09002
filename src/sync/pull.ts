import { EnlaceError } from '../errors/index.js';
import { commitObjects, prepareObjects, type PreparedBatch } from '../intake/service.js';
import type { NodeContext } from '../node/context.js';
import { formatTimestampUs } from '../stix/index.js';
import type { PullCursor } from '../store/types.js';
import type { PeerClient, RemotePage } from './client.js';
import { localTargetFor } from './collections.js';
import { alreadyReceived } from './known-versions.js';

const STUCK = {
  en: 'it announces more pages but its paging does not move forward',
  es: 'anuncia más páginas pero su paginación no avanza',
};

export interface PullResult {
  added: number;
  duplicates: number;
  rejected: number;
  /** Versions the peer still had after the last page (0 when caught up). */
  remaining: number;
  /** date_added (peer clock) of the newest version received in this pass. */
  lastAddedUs: number | null;
}

/**
 * Pulls every version the peer releases to us, page by page. The page's objects and the cursor
 * that follows them are committed together: killed at any moment, the next pass resumes exactly
 * where the last commit left off, and a version delivered twice is a no-op.
 */
export async function pullFromPeer(
  ctx: NodeContext,
  client: PeerClient,
  pageSize: number,
  opts: { maxPages?: number; onPage?: (ms: number, objects: number) => void } = {},
): Promise<PullResult> {
  const maxPages = opts.maxPages ?? Infinity;
  const peer = client.peer;
  const result: PullResult = { added: 0, duplicates: 0, rejected: 0, remaining: 0, lastAddedUs: null };
  const local = await ctx.store.listCollections();
  for (const remote of (await client.collections()).filter((c) => c.can_read)) {
    const target = localTargetFor(remote, local);
    if (!target) continue;
    let cursor: PullCursor = (await ctx.store.getPullCursor(peer.name, remote.id)) ?? {
      peer: peer.name,
      remoteCollectionId: remote.id,
      next: null,
      lastDateAddedUs: 0,
      updatedUs: 0,
    };
    // The added_after that began the current walk of `next` tokens, repeated with each token (the
    // peer binds a token to the filters of its walk). A token saved by an earlier pass began a
    // walk whose filter is unknown here: it is sent alone, which suits the first, unfiltered
    // pull, and is replaced below if the peer refuses it.
    let walkAddedAfter: string | null = null;
    const fetchPage = (from: PullCursor) => {
      const asked = performance.now();
      if (!from.next) walkAddedAfter = from.lastDateAddedUs > 0 ? formatTimestampUs(from.lastDateAddedUs) : null;
      const p = client.objectsPage(remote.id, { next: from.next, addedAfter: walkAddedAfter, limit: pageSize }).then((page) => {
        opts.onPage?.(performance.now() - asked, page.objects.length);
        return page;
      });
      p.catch(() => undefined); // awaited below; keeps an early failure from being "unhandled"
      return p;
    };
    // Three pages are in flight at once: the next one is being fetched, the current one is being
    // validated and verified (signature checks run on the thread pool), and the previous one is
    // being stored. Pages are committed in order, each with the cursor that follows it, so a
    // crash anywhere still resumes exactly after the last committed page.
    const prepareFetched = (p: Promise<RemotePage>) =>
      p.then(async (page) => {
        // What the peer already pushed comes back in its feed: passed over, not verified again.
        const known = await alreadyReceived(ctx, peer, target.id, page.objects);
        const fresh = known.size === 0 ? page.objects : page.objects.filter((_, i) => !known.has(i));
        return { page, known: known.size, batch: await prepareObjects(ctx, fresh, { kind: 'peer', peer }) };
      });
    let pending = prepareFetched(fetchPage(cursor));
    pending.catch(() => undefined);
    for (let pages = 0; pages < maxPages; pages++) {
      let page: RemotePage;
      let batch: PreparedBatch;
      let known: number;
      try {
        ({ page, batch, known } = await pending);
      } catch (e) {
        // A cursor the peer no longer honours (expired, key rotated): date_added is strictly
        // increasing per collection, so resuming from the last one seen loses nothing.
        if (cursor.next && /bad-cursor/.test((e as Error).message)) {
          cursor = { ...cursor, next: null };
          pending = prepareFetched(fetchPage(cursor));
          pending.catch(() => undefined);
          continue;
        }
        throw e;
      }
      // Each page of a feed ends later than the one before: a peer announcing more without
      // moving forward would have this loop ask for the same page forever.
      if (page.more && (page.lastAddedUs === null || page.lastAddedUs <= cursor.lastDateAddedUs)) {
        throw new EnlaceError('peer.bad-response', { peer: peer.name, status: 200, detail: STUCK });
      }
      const lastDateAddedUs = page.lastAddedUs ?? cursor.lastDateAddedUs;
      cursor = { ...cursor, next: page.more ? page.next : null, lastDateAddedUs, updatedUs: Date.now() * 1000 };
      if (page.more && pages + 1 < maxPages) {
        pending = prepareFetched(fetchPage(cursor));
        pending.catch(() => undefined);
      }
      const outcomes = await commitObjects(ctx, target.id, batch, { pullCursor: cursor });
      result.duplicates += known;
      for (const o of outcomes) {
        if (o.outcome === 'added') result.added++;
        else if (o.outcome === 'duplicate') result.duplicates++;
        else result.rejected++;
      }
      if (page.lastAddedUs !== null) result.lastAddedUs = Math.max(result.lastAddedUs ?? 0, page.lastAddedUs);
      // The peer counts what is left on the first page of a pass; later pages count down from it.
      if (page.remaining !== null) result.remaining = page.remaining;
      else result.remaining = page.more ? Math.max(0, result.remaining - page.objects.length) : 0;
      if (!page.more) break;
    }
  }
  return result;
}
