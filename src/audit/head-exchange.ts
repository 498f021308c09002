import { EnlaceError, isEnlaceError, type ErrorCode, type ErrorParams } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import type { AuditPeerState } from '../store/types.js';
import { isAuditError } from './errors.js';
import { auditOf } from './node-audit.js';
import { encodeProof, takePeerHead } from './peer-heads.js';
import { fetchConsistency, fetchPeerHead, peerErrorCode, type AuditPeerApi } from './remote-log.js';

/*
 * The tree heads two nodes trade on every sync pass. Each side fetches the partner's latest head,
 * checks its signature with the pinned key and, with a consistency proof, that it extends the
 * head held from the last pass; then hands over its own, proved against the head the partner
 * holds. A partner that rewrites its log after handing a head cannot hand another one that is
 * accepted, and the contradicting head is kept as evidence.
 */

export interface HeadExchangeResult {
  ok: boolean;
  /** tree_size of the partner's head accepted in this pass. */
  peerTreeSize?: number;
  /** tree_size of this node's head the partner accepted. */
  ownTreeSize?: number;
  /** Why it failed, in English (logs, the API). */
  error?: string;
  failure?: { code: string; params: ErrorParams };
}

/** One exchange of heads with a partner, recorded in its audit state; never throws. */
export async function runHeadExchange(ctx: NodeContext, api: AuditPeerApi): Promise<HeadExchangeResult> {
  const peer = api.peer.name;
  const nowUs = Date.now() * 1000;
  const state: AuditPeerState = (await ctx.store.getAuditPeerState(peer)) ?? {
    peer,
    lastAttemptUs: null,
    lastSuccessUs: null,
    lastFailureUs: null,
    lastFailureCode: null,
    lastFailureReason: null,
    consecutiveFailures: 0,
    peerTreeSize: null,
    handedTreeSize: null,
  };
  state.lastAttemptUs = nowUs;
  let result: HeadExchangeResult;
  try {
    const theirs = await takeTheirs(ctx, api);
    state.peerTreeSize = theirs;
    const mine = await handOurs(ctx, api, state.handedTreeSize);
    state.handedTreeSize = mine;
    state.lastSuccessUs = Date.now() * 1000;
    state.consecutiveFailures = 0;
    result = { ok: true, peerTreeSize: theirs, ownTreeSize: mine };
  } catch (e) {
    const failure = failureOf(e);
    state.lastFailureUs = Date.now() * 1000;
    state.lastFailureCode = failure.code;
    state.lastFailureReason = failure.message.slice(0, 500);
    state.consecutiveFailures += 1;
    result = { ok: false, error: failure.message, failure: { code: failure.code, params: failure.params } };
    ctx.log.warn({ peer, err: failure.message }, 'tree head exchange with peer failed');
  }
  await ctx.store.saveAuditPeerState(state);
  return result;
}

/** Fetches, checks and keeps the partner's latest head; returns its size. */
async function takeTheirs(ctx: NodeContext, api: AuditPeerApi): Promise<number> {
  const { treeHead } = await fetchPeerHead(api);
  const taken = await takePeerHead(ctx.store, api.peer, treeHead, (a, b) => fetchConsistency(api, a, b), Date.now() * 1000);
  return taken.head.tree_size;
}

/**
 * Hands the partner a fresh head of this node's log, with a proof from the head it accepted last
 * time. When the partner holds another one (its store was restored, a pass was cut short), it
 * names it and the proof is made again once.
 */
async function handOurs(ctx: NodeContext, api: AuditPeerApi, handed: number | null): Promise<number> {
  const audit = auditOf(ctx);
  const post = async (from: number | null): Promise<number> => {
    const head = await audit.treeHead();
    const log = await audit.current();
    const usable = from !== null && from <= head.tree_size ? from : null;
    const consistency =
      usable === null ? null : { tree_size: usable, consistency_path: encodeProof(await log.consistencyProof(usable, head.tree_size)) };
    await api.auditPost('heads', { tree_head: head, consistency });
    return head.tree_size;
  };
  try {
    return await post(handed);
  } catch (e) {
    const answer = peerErrorCode(e);
    const held = answer?.code === 'audit.proof-needed' ? answer.details.held_tree_size : undefined;
    if (typeof held !== 'number' || !Number.isSafeInteger(held) || held < 0) throw e;
    // A fresh head is signed for the retry: the partner may hold one newer than the head just
    // sent (it fetched one meanwhile). Only a head held beyond the log as it now stands is wrong.
    const size = await (await audit.current()).size();
    if (held > size) throw new EnlaceError('audit.head-inconsistent', { peer: ctx.identity.name, size1: held, size2: size });
    return post(held);
  }
}

function failureOf(e: unknown): { code: string; params: ErrorParams; message: string } {
  if (isEnlaceError(e)) return { code: e.code satisfies ErrorCode, params: e.params, message: e.message };
  if (isAuditError(e)) return { code: `audit.${e.code}`, params: e.params, message: e.message };
  return { code: 'http.internal', params: { ref: '-' }, message: e instanceof Error ? e.message : String(e) };
}
