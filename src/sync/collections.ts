import type { Collection } from '../store/types.js';
import type { RemoteCollection } from './client.js';

/**
 * Where a partner's collection lands here, and where ours lands there: the collection with the
 * same alias, else the first one (each node is created with one, alias "intel").
 */
export function localTargetFor(remote: RemoteCollection, local: Collection[]): Collection | null {
  return local.find((c) => remote.alias !== undefined && c.alias === remote.alias) ?? local[0] ?? null;
}

export function remoteTargetFor(local: Collection, remote: RemoteCollection[]): RemoteCollection | null {
  const writable = remote.filter((c) => c.can_write);
  return writable.find((c) => local.alias !== null && c.alias === local.alias) ?? writable[0] ?? null;
}
