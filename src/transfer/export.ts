import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { NodeContext } from '../node/context.js';
import type { Collection, PeerRecord, StoredVersionWithBody, VersionSelector } from '../store/types.js';
import { exchangedVersion, type ExchangedVersion } from '../node/context.js';
import { visibleVersions } from '../release/feed.js';

export interface ExportFilters {
  types?: string[];
  ids?: string[];
  addedAfterUs?: number;
  /** Every version, or only the latest of each object (default). */
  allVersions?: boolean;
  /** Only objects originated by this identity. */
  originator?: string;
  includeRevoked?: boolean;
  /** Export what this peer may receive, as it would receive it (release policy and redaction applied). */
  forPeer?: PeerRecord;
  /** The account exporting, recorded in the access log with every version written. */
  account: string;
}

/**
 * Writes a STIX bundle of a collection to a stream, page by page, so memory stays flat whatever
 * the collection's size. An export for a partner (`forPeer`) goes through the release policy
 * like any other way out; every version written is recorded in the access log.
 */
export async function exportBundle(
  ctx: NodeContext,
  collection: Collection,
  f: ExportFilters,
  out: Writable,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const versions: VersionSelector = { all: f.allVersions === true, first: false, last: f.allVersions !== true, timestampsUs: [] };
  const total = await ctx.store.countObjects(collection.id);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`);
  let afterSeq = 0;
  let count = 0;
  let scanned = 0;
  for (;;) {
    const page = await ctx.store.queryObjects({
      collectionId: collection.id,
      types: f.types,
      ids: f.ids,
      addedAfterUs: f.addedAfterUs,
      versions,
      afterSeq,
      limit: 1000,
      withBody: true,
    });
    const written: ExchangedVersion[] = [];
    for (const { row, body, contentHash } of await releasable(ctx, collection, page.rows, versions, f.forPeer)) {
      if (f.originator && row.originator !== f.originator) continue;
      if (row.revoked && !f.includeRevoked) continue;
      await write((count === 0 ? '' : ',') + body);
      written.push(exchangedVersion(row.id, row.version, contentHash));
      count++;
    }
    scanned += page.rows.length;
    if (written.length > 0) await ctx.exchanges.accessed(f.account, 'export', written);
    onProgress?.(Math.min(scanned, total), total);
    const last = page.rows[page.rows.length - 1];
    if (!page.more || !last) break;
    afterSeq = last.seq;
  }
  await write(']}\n');
  return count;
}

/** The rows as they leave: unchanged for this node's own use, judged by the release policy for a peer. */
async function releasable(
  ctx: NodeContext,
  collection: Collection,
  rows: StoredVersionWithBody[],
  versions: VersionSelector,
  peer?: PeerRecord,
): Promise<{ row: StoredVersionWithBody; body: string; contentHash: string }[]> {
  if (!peer) return rows.map((row) => ({ row, body: row.body, contentHash: row.contentHash }));
  const visible = await visibleVersions(ctx.store, ctx.release, peer, collection.id, rows, versions);
  return visible.map((v) => ({ row: v.row, body: v.body, contentHash: v.contentHash }));
}
