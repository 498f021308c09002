/**
 * Reading what the store holds for proposals: the newest version of an object wherever it is
 * kept, and every proposal or response, newest version of each.
 */
import type { NodeContext } from '../node/context.js';
import type { StixObject } from '../stix/index.js';
import type { StoredVersion, StoredVersionWithBody, VersionSelector } from '../store/types.js';

const LATEST: VersionSelector = { all: false, first: false, last: true, timestampsUs: [] };
const PAGE = 1000;

/** A stored version and its body, parsed. */
export interface Held {
  row: StoredVersionWithBody;
  object: StixObject;
}

const newer = (a: StoredVersion, b: StoredVersion): boolean =>
  a.versionUs > b.versionUs || (a.versionUs === b.versionUs && a.dateAddedUs > b.dateAddedUs);

/** The newest version of `id` this node holds, in whichever collection; null when none. */
export async function newestHeld(ctx: NodeContext, id: string): Promise<Held | null> {
  const versions = await ctx.store.findVersionsAnywhere(id);
  let newest: StoredVersion | undefined;
  for (const v of versions) if (newest === undefined || newer(v, newest)) newest = v;
  if (newest === undefined) return null;
  const page = await ctx.store.queryObjects({ collectionId: newest.collectionId, ids: [id], versions: LATEST, limit: 1, withBody: true });
  const row = page.rows[0];
  return row === undefined ? null : { row, object: JSON.parse(row.body) as StixObject };
}

/** True when the object was revoked (no version may follow a revoked one). */
export async function isRevoked(ctx: NodeContext, id: string): Promise<boolean> {
  return (await ctx.store.revocationsOf([id])).has(id);
}

/** The newest stored version of each id, without bodies. */
export async function newestVersionsOf(ctx: NodeContext, ids: readonly string[]): Promise<Map<string, StoredVersion>> {
  const out = new Map<string, StoredVersion>();
  const unique = [...new Set(ids)];
  for (const c of await ctx.store.listCollections()) {
    for (let i = 0; i < unique.length; i += PAGE) {
      const chunk = unique.slice(i, i + PAGE);
      const page = await ctx.store.queryObjects({ collectionId: c.id, ids: chunk, versions: LATEST, limit: chunk.length, withBody: false });
      for (const row of page.rows) {
        const seen = out.get(row.id);
        if (seen === undefined || newer(row, seen)) out.set(row.id, row);
      }
    }
  }
  return out;
}

/** The newest version of every object of one type, across the node's collections. */
export async function everyOfType(ctx: NodeContext, type: string): Promise<Held[]> {
  const byId = new Map<string, Held>();
  for (const c of await ctx.store.listCollections()) {
    let afterSeq = 0;
    for (;;) {
      const page = await ctx.store.queryObjects({
        collectionId: c.id,
        types: [type],
        versions: LATEST,
        afterSeq,
        limit: PAGE,
        withBody: true,
      });
      for (const row of page.rows) {
        const seen = byId.get(row.id);
        if (seen === undefined || newer(row, seen.row)) byId.set(row.id, { row, object: JSON.parse(row.body) as StixObject });
      }
      const last = page.rows[page.rows.length - 1];
      if (!page.more || last === undefined) break;
      afterSeq = last.seq;
    }
  }
  return [...byId.values()];
}
