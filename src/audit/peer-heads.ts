import { EnlaceError } from '../errors/index.js';
import type { PeerRecord, Store } from '../store/types.js';
import { HASH_BYTES, MAX_PROOF_HASHES, verifyConsistency } from './merkle.js';
import { verifyTreeHead, type SignedTreeHead } from './tree-head.js';

/*
 * The signed tree heads a node holds of each peer's log. A head is kept only when it is signed by
 * the peer's pinned key, names the peer's log, and extends (or is a prefix of) the largest head
 * already accepted from that peer: each accepted head proves the one before it was not rewritten.
 */

/** Where a consistency proof between two sizes of the peer's log comes from (the peer, or its request). */
export type ProofSource = (size1: number, size2: number) => Promise<Uint8Array[]>;

export interface TakenHead {
  head: SignedTreeHead;
  /** False when the same head (size and root) was already held. */
  stored: boolean;
}

/**
 * Checks a head of a peer's log and keeps it. A genuine head that contradicts the one held is
 * kept too, as evidence (status `inconsistent`), and refused.
 * @throws EnlaceError audit.head-rejected (not genuine, or no usable proof), audit.head-inconsistent
 */
export async function takePeerHead(store: Store, peer: PeerRecord, value: unknown, proofs: ProofSource, nowUs: number): Promise<TakenHead> {
  const checked = verifyTreeHead(value, peer.publicKey, peer.identityId);
  if (!checked.ok) throw new EnlaceError('audit.head-rejected', { peer: peer.name, reason: checked.detail });
  const head = checked.head;
  const [held] = await store.auditListHeads({ logId: peer.identityId, statuses: ['accepted'], limit: 1 });
  if (held) {
    // Every head covers the whole log when signed: one signed later for fewer entries than a
    // head held says the log lost entries, whatever proof comes with it.
    if (head.tree_size < held.treeSize && head.timestamp > held.timestampUs) {
      await keep(store, peer, head, 'inconsistent', nowUs);
      throw new EnlaceError('audit.head-inconsistent', { peer: peer.name, size1: held.treeSize, size2: head.tree_size });
    }
    const heldRoot = Buffer.from(held.rootHash, 'base64');
    const small =
      head.tree_size <= held.treeSize ? { size: head.tree_size, root: checked.rootHash } : { size: held.treeSize, root: heldRoot };
    const large =
      head.tree_size <= held.treeSize ? { size: held.treeSize, root: heldRoot } : { size: head.tree_size, root: checked.rootHash };
    // Equal sizes and the empty tree need no proof (verifyConsistency settles them with an empty one).
    const proof = small.size === large.size || small.size === 0 ? [] : await proofs(small.size, large.size);
    const consistent = verifyConsistency(small.size, large.size, proof, small.root, large.root);
    if (!consistent) {
      await keep(store, peer, head, 'inconsistent', nowUs);
      throw new EnlaceError('audit.head-inconsistent', { peer: peer.name, size1: held.treeSize, size2: head.tree_size });
    }
  }
  return { head, stored: await keep(store, peer, head, 'accepted', nowUs) };
}

function keep(store: Store, peer: PeerRecord, head: SignedTreeHead, status: 'accepted' | 'inconsistent', nowUs: number): Promise<boolean> {
  return store.auditSaveHead({
    logId: head.log_id,
    peer: peer.name,
    treeSize: head.tree_size,
    rootHash: head.root_hash,
    timestampUs: head.timestamp,
    status,
    head: JSON.stringify(head),
    receivedUs: nowUs,
  });
}

/** A proof as it travels in JSON: standard base64 hashes. */
export function encodeProof(hashes: readonly Uint8Array[]): string[] {
  return hashes.map((h) => Buffer.from(h).toString('base64'));
}

/** A proof read from JSON, or null when it is not a list of at most 106 hashes in canonical base64. */
export function decodeProof(value: unknown): Uint8Array[] | null {
  if (!Array.isArray(value) || value.length > MAX_PROOF_HASHES) return null;
  const out: Uint8Array[] = [];
  for (const item of value) {
    if (typeof item !== 'string' || item.length > 64) return null;
    const bytes = Buffer.from(item, 'base64');
    if (bytes.length !== HASH_BYTES || bytes.toString('base64') !== item) return null;
    out.push(bytes);
  }
  return out;
}
