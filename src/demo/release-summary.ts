/**
 * What a node's release policy lets a peer receive, object by object, as the demo reports it. The
 * decisions come from the node's own release service (the one evaluator every way out calls);
 * this file only counts them.
 */
import type { NodeContext } from '../node/context.js';
import type { RuleId } from '../release/policy/index.js';
import type { StoredVersionWithBody } from '../store/types.js';

export interface ReleaseSummary {
  /** Objects judged (latest version of each), the peer's own left aside. */
  held: number;
  /** The peer's own objects: never sent back, so not counted as withheld. */
  returned: number;
  /** Released exactly as stored. */
  released: number;
  /** Released as a redacted copy. */
  redacted: number;
  /** Properties (or list entries) left out of the redacted copies. */
  withheldProperties: number;
  withheld: number;
  /** Withheld objects per rule that withheld them; an object withheld by two rules counts under both. */
  byRule: Map<RuleId, number>;
  /** Released objects (redacted or not) per rule that released them, likewise. */
  releasedByRule: Map<RuleId, number>;
  /** Ids the peer receives (as they are or redacted). */
  releasedIds: Set<string>;
  /** Of those, the ones whose latest version is a revocation. */
  revokedIds: Set<string>;
}

const LATEST = { all: false, first: false, last: true, timestampsUs: [] };
const PAGE = 1000;

/** Types of the drone picture (x-enlace-drone-incident, x-enlace-drone-alert-ack). */
export const DRONE_TYPE_PREFIX = 'x-enlace-drone-';

/** Judges the latest version of every object the node holds for `peerName`; throws when no such peer is pinned. */
export async function summariseRelease(ctx: NodeContext, peerName: string): Promise<ReleaseSummary> {
  const peer = await ctx.store.getPeer(peerName);
  if (!peer) throw new Error(`no peer named ${peerName}`);
  const s: ReleaseSummary = {
    held: 0,
    returned: 0,
    released: 0,
    redacted: 0,
    withheldProperties: 0,
    withheld: 0,
    byRule: new Map(),
    releasedByRule: new Map(),
    releasedIds: new Set(),
    revokedIds: new Set(),
  };
  for (const c of await ctx.store.listCollections()) {
    let afterSeq: number | undefined;
    for (;;) {
      const page = await ctx.store.queryObjects({ collectionId: c.id, versions: LATEST, afterSeq, limit: PAGE, withBody: true });
      // The drone scene's incidents and acknowledgements are reported by the scene itself.
      const intelligence = page.rows.filter((r) => !r.type.startsWith(DRONE_TYPE_PREFIX));
      for (const j of await ctx.release.judge(peer, intelligence)) count(s, j.row, j.decision.decision, j.decision.reasons);
      const last = page.rows[page.rows.length - 1];
      if (!page.more || !last) break;
      afterSeq = last.seq;
    }
  }
  return s;
}

function count(
  s: ReleaseSummary,
  row: StoredVersionWithBody,
  decision: 'release' | 'redact' | 'withhold',
  reasons: readonly { rule: RuleId; effect: string }[],
): void {
  const rules = new Set(reasons.filter((r) => r.effect === 'withhold').map((r) => r.rule));
  if (decision === 'withhold' && rules.size === 1 && rules.has('echo')) {
    s.returned++;
    return;
  }
  s.held++;
  if (decision === 'withhold') {
    s.withheld++;
    for (const rule of rules) {
      s.byRule.set(rule, (s.byRule.get(rule) ?? 0) + 1);
    }
    return;
  }
  for (const rule of new Set(reasons.filter((r) => r.effect === 'release').map((r) => r.rule))) {
    s.releasedByRule.set(rule, (s.releasedByRule.get(rule) ?? 0) + 1);
  }
  if (decision === 'redact') {
    s.redacted++;
    s.withheldProperties += reasons.filter((r) => r.effect === 'redact').length;
  } else {
    s.released++;
  }
  s.releasedIds.add(row.id);
  if (row.revoked) s.revokedIds.add(row.id);
}
