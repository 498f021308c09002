import { EnlaceError } from '../errors/index.js';
import { translate, type Lang } from '../i18n/index.js';
import type { NodeContext } from '../node/context.js';
import { formatTimestampUs } from '../stix/index.js';
import type { AuditHeadRecord, PeerRecord } from '../store/types.js';
import { auditOf, MAX_HEADS_AUDITED } from './node-audit.js';
import { fetchHeldHeads, fetchPeerHead, RemoteLog, type AuditPeerApi } from './remote-log.js';
import { parseStored } from './service.js';
import { compareLogs, type AuditVerdict } from './verify.js';
import { checkLog, type AuditedLog, type Discrepancy } from './verify-log.js';

/*
 * `enlace audit verify --peer mx` and GET /api/v1/audit/verify: this node's log and the partner's
 * (read over the wire), each checked against every signed head of it that either side holds and
 * a fresh one, then compared exchange by exchange.
 */

/** Where a tree head the audit used came from, so that a bad one can be traced. */
export interface HeadSource {
  /** own: signed and kept by this node; held: a partner's head kept here; fresh: signed for this audit; witness: a head of this node's log the partner keeps. */
  origin: 'own' | 'held' | 'fresh' | 'witness';
  /** When this node (or, for a witness, the partner) received or made it. */
  received: string | null;
}

export interface AuditedLogSummary {
  name: string;
  log_id: string;
  /** Size of the head the log was checked against (0 when none held). */
  tree_size: number;
  heads: number;
}

/** A verdict over both logs, with the logs named as people know them (this node's name, the peer's). */
export interface NodeVerdict {
  ok: boolean;
  peer: string;
  checkedAt: string;
  logs: AuditedLogSummary[];
  matched: number;
  pending: number;
  truncated: boolean;
  discrepancies: (Discrepancy & { head?: HeadSource })[];
}

export interface VerifyOptions {
  /** Exchanges younger than this before the other side's latest head count as pending. Default 10 minutes. */
  graceUs?: number;
}

interface Side {
  audited: AuditedLog;
  sources: HeadSource[];
}

/** Audits this node's log and the partner's. Fails only when the peer is unknown; an unreachable partner is a discrepancy. */
export async function verifyWithPeer(ctx: NodeContext, api: AuditPeerApi, options: VerifyOptions = {}): Promise<NodeVerdict> {
  const peer = api.peer;
  const audit = auditOf(ctx);
  const fresh = await audit.treeHead();
  const own: Side = {
    audited: { logId: ctx.identity.id, publicKey: ctx.identity.publicKey, counterpart: peer.name, heads: [], log: await audit.current() },
    sources: [],
  };
  addStored(own, await audit.ownHeads(), 'own');
  addHead(own, fresh, { origin: 'fresh', received: formatTimestampUs(fresh.timestamp, 3) });

  let theirs: Side;
  try {
    const head = await fetchPeerHead(api);
    for (const h of await fetchHeldHeads(api, MAX_HEADS_AUDITED)) addHead(own, h, { origin: 'witness', received: null });
    const size = sizeOf(head.treeHead);
    theirs = {
      audited: {
        logId: peer.identityId,
        publicKey: peer.publicKey,
        counterpart: head.peerName ?? ctx.identity.name,
        heads: [],
        log: new RemoteLog(api, size),
      },
      sources: [],
    };
    addStored(
      theirs,
      await ctx.store.auditListHeads({ logId: peer.identityId, statuses: ['accepted', 'inconsistent'], limit: MAX_HEADS_AUDITED }),
      'held',
    );
    addHead(theirs, head.treeHead, { origin: 'fresh', received: null });
  } catch (e) {
    if (!(e instanceof EnlaceError) || !['peer.unreachable', 'peer.bad-response'].includes(e.code)) throw e;
    return unreachable(ctx, peer, own, e);
  }
  const verdict = await compareLogs(own.audited, theirs.audited, { graceUs: options.graceUs, checkOrder: false });
  return named(ctx, peer, verdict, own, theirs);
}

/** A stored peer name to an audit API, or peer.unknown. */
export async function peerNamed(ctx: NodeContext, name: string): Promise<PeerRecord> {
  const peer = await ctx.store.getPeer(name);
  if (!peer) throw new EnlaceError('peer.unknown', { peer: name });
  return peer;
}

/**
 * One discrepancy in the reader's language. A parameter `x_es` stands for `x` in Spanish (the
 * text of a partner's failure, say, which exists in both languages).
 */
export function discrepancyMessage(d: Discrepancy, lang: Lang): string {
  const params = { ...d.params };
  if (lang === 'es') for (const [k, v] of Object.entries(d.params)) if (k.endsWith('_es')) params[k.slice(0, -3)] = v;
  return translate(lang, 'audit', `audit.${d.code}`, params);
}

/** The verdict as the API answers it: every discrepancy with its message in the reader's language. */
export function renderVerdict(v: NodeVerdict, lang: Lang): Record<string, unknown> {
  return {
    ok: v.ok,
    peer: v.peer,
    checked_at: v.checkedAt,
    logs: v.logs,
    matched: v.matched,
    pending: v.pending,
    truncated: v.truncated,
    discrepancies: v.discrepancies.map((d) => ({
      code: d.code,
      message: discrepancyMessage(d, lang),
      params: d.params,
      ...(d.head ? { head: d.head } : {}),
    })),
  };
}

function addStored(side: Side, rows: AuditHeadRecord[], origin: 'own' | 'held'): void {
  // Oldest first, so that positions read in the order the heads came.
  for (const r of [...rows].reverse()) addHead(side, parseStored(r.head), { origin, received: formatTimestampUs(r.receivedUs, 3) });
}

function addHead(side: Side, head: unknown, source: HeadSource): void {
  (side.audited.heads as unknown[]).push(head);
  side.sources.push(source);
}

function sizeOf(head: unknown): number {
  const size = head !== null && typeof head === 'object' ? (head as { tree_size?: unknown }).tree_size : undefined;
  // A head without a usable size is reported by checkLog as malformed; nothing is then read.
  return typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : 0;
}

async function unreachable(ctx: NodeContext, peer: PeerRecord, own: Side, e: EnlaceError): Promise<NodeVerdict> {
  const check = await checkLog(own.audited);
  const detail = (lang: Lang) => e.localized(lang).replace(/\.$/, '').slice(0, 300);
  const discrepancies: Discrepancy[] = [
    ...check.discrepancies,
    { code: 'peer-unreachable', params: { peer: peer.name, detail: detail('en'), detail_es: detail('es') } },
  ];
  const verdict: AuditVerdict = {
    ok: false,
    discrepancies,
    truncated: false,
    matched: 0,
    pending: 0,
    mySize: check.reference?.head.tree_size ?? 0,
    theirSize: 0,
  };
  return named(ctx, peer, verdict, own, null);
}

/** Puts names on logs (identity ids become "us", "mx") and traces each head discrepancy to its source. */
function named(ctx: NodeContext, peer: PeerRecord, v: AuditVerdict, own: Side, theirs: Side | null): NodeVerdict {
  const names = new Map([
    [ctx.identity.id, ctx.identity.name],
    [peer.identityId, peer.name],
  ]);
  const discrepancies = v.discrepancies.map((d) => {
    const params = { ...d.params };
    for (const k of ['log', 'otherLog', 'sender', 'receiver']) {
      const value = params[k];
      if (typeof value === 'string') params[k] = names.get(value) ?? value;
    }
    const side = d.params.log === ctx.identity.id ? own : d.params.log === peer.identityId ? theirs : null;
    const position = d.params.position;
    const head =
      (d.code === 'head-forged' || d.code === 'head-malformed') && side && typeof position === 'number'
        ? side.sources[position]
        : undefined;
    return { code: d.code, params, ...(head ? { head } : {}) };
  });
  const logs: AuditedLogSummary[] = [
    { name: ctx.identity.name, log_id: ctx.identity.id, tree_size: v.mySize, heads: own.audited.heads.length },
    { name: peer.name, log_id: peer.identityId, tree_size: v.theirSize, heads: theirs?.audited.heads.length ?? 0 },
  ];
  return {
    ok: v.ok,
    peer: peer.name,
    checkedAt: formatTimestampUs(Date.now() * 1000, 3),
    logs,
    matched: v.matched,
    pending: v.pending,
    truncated: v.truncated,
    discrepancies,
  };
}
