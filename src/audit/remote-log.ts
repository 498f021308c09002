import { EnlaceError, isEnlaceError } from '../errors/index.js';
import type { PeerRecord } from '../store/types.js';
import type { LogReader } from './audit-log.js';
import { toReadEntry, type ReadEntry } from './entry.js';
import { AuditError } from './errors.js';
import { decodeProof } from './peer-heads.js';
import { MAX_ENTRIES_PER_REQUEST } from './service.js';

/** What the audit needs of a partner node's API; PeerClient provides it (signed requests). */
export interface AuditPeerApi {
  readonly peer: PeerRecord;
  auditGet(path: string, query?: Record<string, string | number>): Promise<unknown>;
  auditPost(path: string, body: unknown): Promise<unknown>;
}

/** A partner's latest head as it answers, and the name it knows this node by. */
export interface PeerHead {
  treeHead: unknown;
  peerName: string | null;
}

/** Asks a partner for a fresh signed head of its log (unchecked: the caller verifies it). */
export async function fetchPeerHead(api: AuditPeerApi): Promise<PeerHead> {
  const r = object(await api.auditGet('head'), api, 'head');
  const name = typeof r.peer_name === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(r.peer_name) ? r.peer_name : null;
  return { treeHead: r.tree_head, peerName: name };
}

/** The heads of this node's log that a partner holds, as it answers (unchecked). */
export async function fetchHeldHeads(api: AuditPeerApi, limit: number): Promise<unknown[]> {
  const r = object(await api.auditGet('heads', { limit }), api, 'heads');
  if (!Array.isArray(r.heads)) throw badAnswer(api, 'heads', 'no "heads" list');
  return r.heads.slice(0, limit).map((h: unknown) => (h !== null && typeof h === 'object' ? (h as Record<string, unknown>).tree_head : h));
}

/** A consistency proof of a partner's log between two sizes. */
export async function fetchConsistency(api: AuditPeerApi, first: number, second: number): Promise<Uint8Array[]> {
  const r = object(await api.auditGet('proofs/consistency', { first, second }), api, 'consistency proof');
  const proof = decodeProof(r.consistency_path);
  if (!proof) throw badAnswer(api, 'consistency proof', 'consistency_path is not a list of hashes');
  return proof;
}

/**
 * A partner's log read over the wire, up to the size of the head it just signed. What it answers
 * is checked by the auditor (checkLog) like any untrusted log; a hole the partner reports in its
 * own log becomes `body-missing`, so the verdict can call it a deleted entry.
 */
export class RemoteLog implements LogReader {
  constructor(
    private readonly api: AuditPeerApi,
    private readonly treeSize: number,
  ) {}

  size(): Promise<number> {
    return Promise.resolve(this.treeSize);
  }

  async entries(from: number, to: number): Promise<ReadEntry[]> {
    const out: ReadEntry[] = [];
    for (let at = from; at < to; at += MAX_ENTRIES_PER_REQUEST) {
      const end = Math.min(to, at + MAX_ENTRIES_PER_REQUEST);
      let answer: unknown;
      try {
        answer = await this.api.auditGet('entries', { from: at, to: end });
      } catch (e) {
        throw holeOrSame(e);
      }
      const list = object(answer, this.api, 'entries').entries;
      if (!Array.isArray(list) || list.length !== end - at) throw badAnswer(this.api, 'entries', `not ${end - at} entries`);
      out.push(...list.map((e: unknown) => toReadEntry(e)));
    }
    return out;
  }

  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    const r = object(await this.api.auditGet('proofs/inclusion', { index, tree_size: size }), this.api, 'inclusion proof');
    const proof = decodeProof(r.inclusion_path);
    if (!proof) throw badAnswer(this.api, 'inclusion proof', 'inclusion_path is not a list of hashes');
    return proof;
  }

  consistencyProof(size1: number, size2: number): Promise<Uint8Array[]> {
    return fetchConsistency(this.api, size1, size2);
  }
}

/** The catalogue code a partner answered with, when it answered with one. */
export function peerErrorCode(e: unknown): { code: string; details: Record<string, unknown> } | null {
  if (!isEnlaceError(e) || !e.details || typeof e.details.error_code !== 'string') return null;
  const details = e.details.details;
  return {
    code: e.details.error_code,
    details: details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : {},
  };
}

function holeOrSame(e: unknown): unknown {
  const answer = peerErrorCode(e);
  if (answer?.code === 'audit.log-damaged' && answer.details.audit_code === 'body-missing') {
    const index = answer.details.index;
    return new AuditError('body-missing', {
      index: typeof index === 'number' || typeof index === 'string' ? String(index).slice(0, 40) : '?',
    });
  }
  return e;
}

function object(value: unknown, api: AuditPeerApi, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badAnswer(api, what, 'not a JSON object');
  return value as Record<string, unknown>;
}

function badAnswer(api: AuditPeerApi, what: string, detail: string): EnlaceError {
  return new EnlaceError('peer.bad-response', { peer: api.peer.name, status: 200, detail: `${what}: ${detail}` });
}
