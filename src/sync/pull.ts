import { ingestObjects } from '../intake/service.js';
import type { NodeContext } from '../node/context.js';
import { formatTimestampUs } from '../stix/index.js';
import type { PullCursor } from '../store/types.js';
import type { PeerClient } from './client.js';
import { localTargetFor } from './collections.js';

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
    for (let pages = 0; pages < maxPages; pages++) {
      const addedAfter = cursor.lastDateAddedUs > 0 ? formatTimestampUs(cursor.lastDateAddedUs) : null;
      let page;
      const asked = performance.now();
      try {
        page = await client.objectsPage(remote.id, { next: cursor.next, addedAfter, limit: pageSize });
        opts.onPage?.(performance.now() - asked, page.objects.length);
      } catch (e) {
        // A cursor the peer no longer honours (expired, key rotated): date_added is strictly
        // increasing per collection, so resuming from the last one seen loses nothing.
        if (cursor.next && /bad-cursor/.test((e as Error).message)) {
          cursor = { ...cursor, next: null };
          continue;
        }
        throw e;
      }
      const lastDateAddedUs = page.lastAddedUs ?? cursor.lastDateAddedUs;
      cursor = { ...cursor, next: page.more ? page.next : null, lastDateAddedUs, updatedUs: Date.now() * 1000 };
      const outcomes = await ingestObjects(ctx, target.id, page.objects, { kind: 'peer', peer }, { pullCursor: cursor });
      for (const o of outcomes) {
        if (o.outcome === 'added') result.added++;
        else if (o.outcome === 'duplicate') result.duplicates++;
        else result.rejected++;
      }
      if (page.lastAddedUs !== null) result.lastAddedUs = Math.max(result.lastAddedUs ?? 0, page.lastAddedUs);
      result.remaining = page.remaining ?? (page.more ? result.remaining : 0);
      if (!page.more) break;
    }
  }
  return result;
}
