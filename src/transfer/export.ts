import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { NodeContext } from '../node/context.js';
import type { Collection, VersionSelector } from '../store/types.js';

export interface ExportFilters {
  types?: string[];
  ids?: string[];
  addedAfterUs?: number;
  /** Every version, or only the latest of each object (default). */
  allVersions?: boolean;
  /** Only objects originated by this identity. */
  originator?: string;
  includeRevoked?: boolean;
}

/**
 * Writes a STIX bundle of a collection to a stream, page by page, so memory stays flat whatever
 * the collection's size. This is a way out of the node for its own accounts; exports for a
 * partner go through the release gate like any other way out.
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
    for (const row of page.rows) {
      scanned++;
      if (f.originator && row.originator !== f.originator) continue;
      if (row.revoked && !f.includeRevoked) continue;
      await write((count === 0 ? '' : ',') + row.body);
      count++;
    }
    onProgress?.(Math.min(scanned, total), total);
    const last = page.rows[page.rows.length - 1];
    if (!page.more || !last) break;
    afterSeq = last.seq;
  }
  await write(']}\n');
  return count;
}
