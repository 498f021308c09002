import { exchangedVersion, type NodeContext } from '../node/context.js';
import type { PeerRecord } from '../store/types.js';
import { peerFeedPage, visibleVersions } from '../release/feed.js';
import type { PeerClient } from './client.js';
import { remoteTargetFor } from './collections.js';

export interface PushResult {
  pushed: number;
  rejected: number;
  rejections: { objectId: string | null; reason: string }[];
  /** Versions still waiting to be pushed when the pass stopped. */
  outgoing: number;
}

const ALL_VERSIONS = { all: true, first: false, last: false, timestampsUs: [] };

/**
 * Sends the peer what the release policy lets it receive and has not been sent yet, in feed
 * order, as TAXII POSTs (redacted copies as the policy makes them). The push cursor advances only
 * after the peer answered with a status, so a partner that is down loses nothing: the same
 * versions go again when it returns (and duplicates are no-ops there).
 */
export async function pushToPeer(ctx: NodeContext, client: PeerClient, pageSize: number): Promise<PushResult> {
  const peer = client.peer;
  const result: PushResult = { pushed: 0, rejected: 0, rejections: [], outgoing: 0 };
  const remote = await client.collections();
  for (const collection of await ctx.store.listCollections()) {
    const target = remoteTargetFor(collection, remote);
    if (!target) continue;
    let lastSeq = (await ctx.store.getPushCursor(peer.name, collection.id))?.lastSeq ?? 0;
    for (;;) {
      const page = await peerFeedPage(
        ctx.store,
        ctx.release,
        peer,
        { collectionId: collection.id, versions: ALL_VERSIONS, limit: pageSize },
        { afterSeq: lastSeq },
      );
      if (page.rows.length > 0) {
        // Logged before it leaves: a log that says "sent" for a POST that failed is corrected by
        // the retry (the same version is recorded once), a POST that left unlogged would not be.
        await ctx.exchanges.sent(
          peer.name,
          page.rows.map((r) => exchangedVersion(r.row.id, r.row.version, r.contentHash)),
        );
        const status = await client.postObjects(
          target.id,
          page.rows.map((r) => r.body),
        );
        result.pushed += status.success_count;
        result.rejected += status.failure_count;
        for (const f of status.failures ?? []) result.rejections.push({ objectId: f.id ?? null, reason: f.message ?? 'refused' });
      }
      if (page.position !== undefined && page.position > lastSeq) {
        lastSeq = page.position;
        await ctx.store.savePushCursor({ peer: peer.name, collectionId: collection.id, lastSeq, updatedUs: Date.now() * 1000 });
      }
      if (!page.more) break;
    }
  }
  result.outgoing = await outgoingBacklog(ctx, peer);
  return result;
}

/** Beyond this many waiting versions the backlog is not judged one by one; the rest are counted as they stand. */
const JUDGED_BACKLOG = 5_000;

/** How many versions the peer may receive that have not been pushed to it yet. */
export async function outgoingBacklog(ctx: NodeContext, peer: PeerRecord): Promise<number> {
  let total = 0;
  for (const collection of await ctx.store.listCollections()) {
    const lastSeq = (await ctx.store.getPushCursor(peer.name, collection.id))?.lastSeq ?? 0;
    const waiting = await ctx.store.queryObjects({
      collectionId: collection.id,
      versions: ALL_VERSIONS,
      afterSeq: lastSeq,
      limit: JUDGED_BACKLOG,
      withBody: true,
      countRemaining: true,
      excludeOriginators: [peer.identityId],
      excludeTlp: ['red'],
    });
    total += (await visibleVersions(ctx.store, ctx.release, peer, collection.id, waiting.rows, ALL_VERSIONS)).length;
    total += waiting.remaining ?? 0;
  }
  return total;
}
