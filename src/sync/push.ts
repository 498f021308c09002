import type { NodeContext } from '../node/context.js';
import type { PeerRecord } from '../store/types.js';
import { releaseViewFor } from '../release/gate.js';
import { PEER_PERMISSIONS } from '../accounts/model.js';
import type { PeerClient } from './client.js';
import { remoteTargetFor } from './collections.js';

export interface PushResult {
  pushed: number;
  rejected: number;
  rejections: { objectId: string | null; reason: string }[];
  /** Versions still waiting to be pushed when the pass stopped. */
  outgoing: number;
}

/**
 * Sends the peer what it may receive and has not been sent yet, in feed order, as TAXII POSTs.
 * The push cursor advances only after the peer answered with a status, so a partner that is down
 * loses nothing: the same versions go again when it returns (and duplicates are no-ops there).
 */
export async function pushToPeer(ctx: NodeContext, client: PeerClient, pageSize: number): Promise<PushResult> {
  const peer = client.peer;
  const result: PushResult = { pushed: 0, rejected: 0, rejections: [], outgoing: 0 };
  const view = releaseViewFor({ kind: 'peer', peer, permissions: PEER_PERMISSIONS });
  const remote = await client.collections();
  for (const collection of await ctx.store.listCollections()) {
    const target = remoteTargetFor(collection, remote);
    if (!target) continue;
    let lastSeq = (await ctx.store.getPushCursor(peer.name, collection.id))?.lastSeq ?? 0;
    for (;;) {
      const page = await ctx.store.queryObjects({
        collectionId: collection.id,
        versions: { all: true, first: false, last: false, timestampsUs: [] },
        afterSeq: lastSeq,
        limit: pageSize,
        withBody: true,
        ...view,
      });
      const last = page.rows[page.rows.length - 1];
      if (!last) break;
      const status = await client.postObjects(target.id, page.rows.map((r) => r.body));
      result.pushed += status.success_count;
      result.rejected += status.failure_count;
      for (const f of status.failures ?? []) result.rejections.push({ objectId: f.id ?? null, reason: f.message ?? 'refused' });
      lastSeq = last.seq;
      await ctx.store.savePushCursor({ peer: peer.name, collectionId: collection.id, lastSeq, updatedUs: Date.now() * 1000 });
      if (!page.more) break;
    }
  }
  result.outgoing = await outgoingBacklog(ctx, peer);
  return result;
}

/** How many versions the peer may receive that have not been pushed to it yet. */
export async function outgoingBacklog(ctx: NodeContext, peer: PeerRecord): Promise<number> {
  const view = releaseViewFor({ kind: 'peer', peer, permissions: PEER_PERMISSIONS });
  let total = 0;
  for (const collection of await ctx.store.listCollections()) {
    const lastSeq = (await ctx.store.getPushCursor(peer.name, collection.id))?.lastSeq ?? 0;
    const waiting = await ctx.store.queryObjects({
      collectionId: collection.id,
      versions: { all: true, first: false, last: false, timestampsUs: [] },
      afterSeq: lastSeq,
      limit: 1,
      withBody: false,
      countRemaining: true,
      ...view,
    });
    total += waiting.rows.length + (waiting.remaining ?? 0);
  }
  return total;
}
