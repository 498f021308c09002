/**
 * The console's first screen: who this node is, each partner's sync state as the engine reports
 * it, what crossed the border today (counted in the transparency log), and what needs a person:
 * a failing sync, a failing exchange of audit heads, objects refused today, partners' proposals
 * waiting for a decision.
 */
import { parseEntryLeaf } from '../audit/entry.js';
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { listProposals } from '../proposals/service.js';
import { formatTimestampUs } from '../stix/index.js';
import type { PeerStatus, SyncController } from '../sync/types.js';
import type { Viewer } from './model.js';
import { bothLanguages } from './phrase.js';

export interface OverviewAlert {
  kind: 'sync-failing' | 'audit-failing' | 'rejections' | 'proposals-pending';
  peer?: string;
  count?: number;
  since?: string;
  /** For audit-failing: the catalogue code of the last failure (e.g. audit.head-inconsistent). */
  code?: string;
}

export interface Overview {
  node: { name: string; organisation: string; country: string; fingerprint: string; identityId: string };
  peers: PeerStatus[];
  /** Exchanges logged since local midnight on the node (`since`). */
  today: { received: number; sent: number; since: string };
  alerts: OverviewAlert[];
}

const MAX_REJECTIONS_COUNTED = 10_000;

/** Local midnight of the node's clock, in microseconds. */
function midnightUs(nowMs: number): number {
  const d = new Date(nowMs);
  d.setHours(0, 0, 0, 0);
  return d.getTime() * 1000;
}

/** The first position of the audit log written at or after `sinceUs` (entries are appended in time order). */
async function firstEntryFrom(ctx: NodeContext, sinceUs: number): Promise<number> {
  let lo = 0;
  let hi = await ctx.store.auditSize();
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const [body] = await ctx.store.auditReadBodies(mid, mid + 1);
    let atUs = Number.MAX_SAFE_INTEGER;
    try {
      if (body) atUs = parseEntryLeaf(body).atUs;
    } catch {
      // An unreadable entry is the audit's to report; here it only must not stop the overview.
    }
    if (atUs < sinceUs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function alertsOf(peers: readonly PeerStatus[]): OverviewAlert[] {
  const alerts: OverviewAlert[] = [];
  for (const p of peers) {
    if (p.state === 'failing') {
      alerts.push({ kind: 'sync-failing', peer: p.peer, count: p.consecutiveFailures, ...(p.lastSuccess ? { since: p.lastSuccess } : {}) });
    }
    if (p.audit.state === 'failing') {
      alerts.push({
        kind: 'audit-failing',
        peer: p.peer,
        ...(p.audit.lastFailure ? { since: p.audit.lastFailure } : {}),
        ...(p.audit.lastFailureCode ? { code: p.audit.lastFailureCode } : {}),
      });
    }
  }
  return alerts;
}

export async function overview(ctx: NodeContext, viewer: Viewer, sync: SyncController | undefined, nowMs = Date.now()): Promise<Overview> {
  if (!viewer.permissions.has('status:read')) throw new EnlaceError('auth.forbidden', { action: bothLanguages('action.overview') });
  const sinceUs = midnightUs(nowMs);
  const peers = sync ? await sync.status() : [];
  const today = await ctx.store.console.countExchangesFrom(await firstEntryFrom(ctx, sinceUs));
  const alerts = alertsOf(peers);
  for (const peer of await ctx.store.listPeers()) {
    const refused = (await ctx.store.listRejections(`peer:${peer.name}`, MAX_REJECTIONS_COUNTED)).filter((r) => r.atUs >= sinceUs);
    if (refused.length > 0)
      alerts.push({ kind: 'rejections', peer: peer.name, count: refused.length, since: formatTimestampUs(sinceUs, 6) });
  }
  if (viewer.permissions.has('proposals:decide')) {
    const actor = { username: viewer.username, permissions: viewer.permissions };
    const pending = await listProposals(ctx, actor, { state: 'pending', whose: 'theirs', limit: 1000 });
    if (pending.length > 0) alerts.push({ kind: 'proposals-pending', count: pending.length });
  }
  const me = ctx.identity;
  return {
    node: { name: me.name, organisation: me.organisation, country: me.country, fingerprint: me.fingerprint, identityId: me.id },
    peers,
    today: { ...today, since: formatTimestampUs(sinceUs, 6) },
    alerts,
  };
}
