import type { Principal } from '../accounts/model.js';
import type { ObjectQuery } from '../store/types.js';

/** The part of a query that decides what a principal may see of a collection. */
export type ReleaseView = Pick<ObjectQuery, 'excludeOriginators' | 'excludeTlp'>;

/**
 * The single place every way out of the node asks what a principal may receive. Accounts of this
 * node see everything it holds. A partner node never receives TLP:RED, and is never sent its
 * own objects back. The full per-peer release policy (issue 3) replaces the body of this function,
 * not its callers.
 */
export function releaseViewFor(principal: Principal): ReleaseView {
  if (principal.kind === 'account') return {};
  return { excludeOriginators: [principal.peer.identityId], excludeTlp: ['red'] };
}

/** A stable text naming a view, so that pagination cursors are bound to it. */
export function viewKey(view: ReleaseView): string {
  return JSON.stringify([view.excludeOriginators ?? [], view.excludeTlp ?? []]);
}
