import type { Principal } from '../accounts/model.js';
import { EnlaceError } from '../errors/index.js';
import { translate } from '../i18n/index.js';
import type { NodeContext } from '../node/context.js';
import { formatTimestampUs } from '../stix/index.js';
import type { AuditHeadRecord } from '../store/types.js';
import { isExchange, parseEntryLeaf, type ReadEntry } from './entry.js';
import { isAuditError, type AuditError } from './errors.js';
import { leafHash } from './merkle.js';
import { auditOf } from './node-audit.js';
import { bad, bounded, readParams, required } from './params.js';
import { decodeProof, encodeProof, takePeerHead } from './peer-heads.js';
import type { SignedTreeHead } from './tree-head.js';

/*
 * The audit API beside TAXII (no HTTP in here; routes in src/server/audit-routes.ts). Partner
 * nodes, authenticated by their request signatures, read this node's log to check it against
 * their own: the entries about them in full, every other entry sealed (position and leaf hash
 * only), so that one partner never learns what the node exchanged with another. Accounts with
 * `audit:read` see everything.
 */

/** Entries served per request; a few hundred KB of JSON. */
export const MAX_ENTRIES_PER_REQUEST = 1000;
/** Heads listed per request. */
export const MAX_HEADS_PER_REQUEST = 1000;
/** Largest body a peer may POST with a head: a head and a proof are about 4 KB. */
export const MAX_HEAD_BODY_BYTES = 64 * 1024;

/** A partner node, or an account allowed to read the audit log. */
export function requireAuditReader(principal: Principal | undefined, action: string): Principal {
  if (!principal) throw new EnlaceError('auth.required');
  if (principal.kind === 'peer' || principal.permissions.has('audit:read')) return principal;
  throw new EnlaceError('auth.forbidden', { action });
}

/** An account allowed to read the audit log (partners may not use these endpoints). */
export function requireAuditAccount(principal: Principal | undefined, action: string): Extract<Principal, { kind: 'account' }> {
  if (!principal) throw new EnlaceError('auth.required');
  if (principal.kind === 'account' && principal.permissions.has('audit:read')) return principal;
  throw new EnlaceError('auth.forbidden', { action });
}

/** A fresh signed head of this node's log; a partner is also told the name this node knows it by. */
export async function currentHead(ctx: NodeContext, principal: Principal): Promise<{ tree_head: SignedTreeHead; peer_name?: string }> {
  const head = await auditOf(ctx).treeHead();
  return principal.kind === 'peer' ? { tree_head: head, peer_name: principal.peer.name } : { tree_head: head };
}

/** Entries [from, to) of this node's log, sealed where the reader is not a party to them. */
export async function readEntries(
  ctx: NodeContext,
  principal: Principal,
  query: unknown,
): Promise<{ tree_size: number; entries: ReadEntry[] }> {
  const p = readParams(query, { from: 'count', to: 'count' });
  const from = required(p.from, 'from');
  const to = required(p.to, 'to');
  if (to <= from) throw bad('to', 'must be greater than from');
  if (to - from > MAX_ENTRIES_PER_REQUEST)
    throw new EnlaceError('audit.range-too-large', { max: MAX_ENTRIES_PER_REQUEST, count: to - from });
  const log = await auditOf(ctx).current();
  const size = await log.size();
  if (to > size) throw new EnlaceError('audit.out-of-range', { what: `entries ${from}..${to - 1}`, size });
  const bodies = await guarded(() => log.merkle.bodies(from, to));
  const forPeer = principal.kind === 'peer' ? principal.peer.name : null;
  const entries = bodies.map((body, i): ReadEntry => {
    let entry: ReadEntry;
    try {
      entry = parseEntryLeaf(body);
    } catch (e) {
      // A partner sees an unreadable entry sealed like any other not about it (the root check
      // tells it something is wrong); the node's own people are told what.
      if (forPeer !== null) return { seq: from + i, sealed: leafHash(body).toString('base64') };
      throw damaged(e, from + i);
    }
    if (forPeer !== null && !(isExchange(entry) && entry.peer === forPeer))
      return { seq: from + i, sealed: leafHash(body).toString('base64') };
    return entry;
  });
  return { tree_size: size, entries };
}

/** RFC 9162 inclusion path of one entry in the tree of a given size. */
export async function inclusion(ctx: NodeContext, query: unknown): Promise<{ index: number; tree_size: number; inclusion_path: string[] }> {
  const p = readParams(query, { index: 'count', tree_size: 'count' });
  const index = required(p.index, 'index');
  const log = await auditOf(ctx).current();
  const size = await log.size();
  const treeSize = bounded(p.tree_size, 'tree_size', size, 1, size);
  if (index >= treeSize) throw new EnlaceError('audit.out-of-range', { what: `entry ${index}`, size: treeSize });
  return { index, tree_size: treeSize, inclusion_path: encodeProof(await guarded(() => log.inclusionProof(index, treeSize))) };
}

/** RFC 9162 consistency path between two sizes of this node's log. */
export async function consistency(
  ctx: NodeContext,
  query: unknown,
): Promise<{ first: number; second: number; consistency_path: string[] }> {
  const p = readParams(query, { first: 'count', second: 'count' });
  const log = await auditOf(ctx).current();
  const size = await log.size();
  const second = bounded(p.second, 'second', size, 0, size);
  const first = bounded(required(p.first, 'first'), 'first', 0, 0, second);
  return { first, second, consistency_path: encodeProof(await guarded(() => log.consistencyProof(first, second))) };
}

/**
 * A partner hands over the latest head of its log, with a consistency proof from the head of its
 * log this node holds. A proof from another size is answered with the size needed.
 */
export async function receiveHead(
  ctx: NodeContext,
  principal: Principal,
  body: Buffer | undefined,
): Promise<{ accepted: true; tree_size: number; stored: boolean }> {
  if (principal.kind !== 'peer') throw new EnlaceError('audit.peers-only', { action: 'hand over a tree head' });
  const peer = principal.peer;
  if (!body || body.length === 0) throw new EnlaceError('http.malformed-json', { detail: 'empty body' });
  if (body.length > MAX_HEAD_BODY_BYTES) throw new EnlaceError('http.payload-too-large', { size: body.length, max: MAX_HEAD_BODY_BYTES });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new EnlaceError('http.malformed-json', { detail: (e as Error).message.slice(0, 200) });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw bad('body', 'not a JSON object');
  const { tree_head: head, consistency: link, ...rest } = parsed as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw bad(extra.slice(0, 40), 'unknown member');
  if (head === undefined) throw bad('tree_head', 'missing');
  let given: { size: number; proof: Uint8Array[] } | null = null;
  if (link !== undefined && link !== null) {
    const l = link as Record<string, unknown>;
    const proof = decodeProof(l.consistency_path);
    if (typeof link !== 'object' || typeof l.tree_size !== 'number' || !Number.isSafeInteger(l.tree_size) || l.tree_size < 0 || !proof) {
      throw bad('consistency', 'must be {tree_size, consistency_path: [base64 hashes]}');
    }
    given = { size: l.tree_size, proof };
  }
  const claimedSize = (head as { tree_size?: unknown } | null)?.tree_size;
  const taken = await takePeerHead(
    ctx.store,
    peer,
    head,
    async (size1, size2) => {
      // The head held here is whichever of the two sizes the new head is not.
      const held = size1 === claimedSize ? size2 : size1;
      if (!given || given.size !== held) throw new EnlaceError('audit.proof-needed', { size: held }, { held_tree_size: held });
      return given.proof;
    },
    Date.now() * 1000,
  );
  return { accepted: true, tree_size: taken.head.tree_size, stored: taken.stored };
}

export interface HeldHead {
  /** Whose log: this node's name for its own, else the peer's local name. */
  log: string;
  log_id: string;
  status: AuditHeadRecord['status'];
  received: string;
  /** The signed head as stored: JSON, or the stored text when it no longer parses. */
  tree_head: unknown;
}

/**
 * Heads this node holds. A partner is shown only those of its own log (so it can check this node
 * keeps them unaltered, and check its own log against them); an account sees all, or one log's.
 */
export async function heldHeads(ctx: NodeContext, principal: Principal, query: unknown): Promise<{ heads: HeldHead[] }> {
  const p = readParams(query, { log: 'name', limit: 'count' });
  const limit = bounded(p.limit, 'limit', 100, 1, MAX_HEADS_PER_REQUEST);
  const logs: { name: string; logId: string }[] = [];
  if (principal.kind === 'peer') {
    if (p.log !== undefined) throw bad('log', 'a partner is shown the heads of its own log only');
    logs.push({ name: principal.peer.name, logId: principal.peer.identityId });
  } else if (p.log === undefined || p.log === ctx.identity.name) {
    logs.push({ name: ctx.identity.name, logId: ctx.identity.id });
    if (p.log === undefined) for (const peer of await ctx.store.listPeers()) logs.push({ name: peer.name, logId: peer.identityId });
  } else {
    const peer = await ctx.store.getPeer(String(p.log));
    if (!peer) throw new EnlaceError('peer.unknown', { peer: String(p.log) });
    logs.push({ name: peer.name, logId: peer.identityId });
  }
  const heads: HeldHead[] = [];
  for (const l of logs) {
    for (const h of await ctx.store.auditListHeads({ logId: l.logId, limit })) {
      heads.push({
        log: l.name,
        log_id: h.logId,
        status: h.status,
        received: formatTimestampUs(h.receivedUs, 3),
        tree_head: parseStored(h.head),
      });
    }
  }
  return { heads };
}

/** A stored head's JSON; the text itself when it no longer parses (a verifier then calls it malformed). */
export function parseStored(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Runs a read of the log, turning what a damaged log throws into the catalogue's error. */
async function guarded<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (!isAuditError(e)) throw e;
    if (e.code === 'size-out-of-range')
      throw new EnlaceError('audit.out-of-range', { what: `tree size ${String(e.params.size)}`, size: Number(e.params.max) });
    if (e.code === 'index-out-of-range')
      throw new EnlaceError('audit.out-of-range', { what: `entry ${String(e.params.index)}`, size: Number(e.params.size) });
    throw damaged(e, e.params.index);
  }
}

function damaged(e: unknown, index: string | number | undefined): EnlaceError {
  const audit = isAuditError(e) ? (e as AuditError) : null;
  const detail = audit
    ? {
        en: translate('en', 'audit', `audit.${audit.code}`, audit.params),
        es: translate('es', 'audit', `audit.${audit.code}`, audit.params),
      }
    : (e as Error).message.slice(0, 200);
  return new EnlaceError('audit.log-damaged', { detail }, { audit_code: audit?.code ?? 'unknown', index: index ?? null });
}
