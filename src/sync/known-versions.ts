/**
 * What a pulled page repeats of what the peer already pushed. Push and pull both carry every
 * version, so each version pushed comes back with the next pull; verifying its signature and
 * validating it again is most of the receiver's work when versions arrive many times a second
 * (drone incidents). A version is passed over only when this node holds exactly that text for that
 * id and version in the target collection AND its log already says it was received from this peer:
 * a version that came by another way (an import) is still taken, so that the log records it.
 */
import type { NodeContext } from '../node/context.js';
import type { PeerRecord } from '../store/types.js';
import { parseStixTimestamp } from '../stix/index.js';

const MAX_IDS = 1000;

function idAndVersion(o: unknown): { id: string; version: string; versionUs: number } | null {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return null;
  const r = o as Record<string, unknown>;
  const version = typeof r.modified === 'string' ? r.modified : typeof r.created === 'string' ? r.created : null;
  if (typeof r.id !== 'string' || version === null) return null;
  const versionUs = parseStixTimestamp(version);
  return versionUs === null ? null : { id: r.id, version, versionUs };
}

/** Positions in `objects` of versions already received from `peer` exactly as they stand here. */
export async function alreadyReceived(
  ctx: NodeContext,
  peer: PeerRecord,
  collectionId: string,
  objects: readonly unknown[],
): Promise<Set<number>> {
  const found = new Set<number>();
  const wanted = objects.map(idAndVersion);
  const ids = [...new Set(wanted.flatMap((w) => (w ? [w.id] : [])))];
  if (ids.length === 0 || ids.length > MAX_IDS) return found;
  const timestampsUs = [...new Set(wanted.flatMap((w) => (w ? [w.versionUs] : [])))].slice(0, MAX_IDS);
  const held = await ctx.store.queryObjects({
    collectionId,
    ids,
    versions: { all: false, first: false, last: false, timestampsUs },
    limit: 10_000,
    withBody: true,
  });
  if (held.rows.length === 0) return found;
  const bodies = new Map(held.rows.map((r) => [`${r.id}\u0000${r.version}`, r]));
  const logged = new Set(
    (await ctx.store.auditFindExchanges(peer.name, 'received', ids)).map((e) => `${e.objectId}\u0000${e.version}\u0000${e.contentHash}`),
  );
  wanted.forEach((w, index) => {
    if (!w) return;
    const row = bodies.get(`${w.id}\u0000${w.version}`);
    if (!row || !logged.has(`${w.id}\u0000${w.version}\u0000${row.contentHash}`)) return;
    // The stored body is JSON.stringify of the object as received; the same text is the same version.
    if (row.body === JSON.stringify(objects[index])) found.add(index);
  });
  return found;
}
