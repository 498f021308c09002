/**
 * Store records of the transparency log beside its Merkle tree (migration 0004): the index of its
 * entries, the signed tree heads held, and the head exchange with each peer.
 */

/** An exchange entry of the audit log as indexed: the key it is logged once under, and its position. */
export interface AuditExchangeRow {
  /** The peer's local name. */
  peer: string;
  direction: 'sent' | 'received';
  objectId: string;
  version: string;
  contentHash: string;
  seq: number;
}

/** An access entry of the audit log as indexed for listing. */
export interface AuditAccessRow {
  seq: number;
  /** Username of the account. */
  account: string;
  /** What the access log entry says (src/audit AccessAction). */
  action: 'view' | 'export' | 'evidence';
  objectId: string;
  version: string;
  atUs: number;
}

/** A signed tree head this node holds: one of its own, or one a peer handed over. */
export interface AuditHeadRecord {
  /** Identity of the node whose log it is. */
  logId: string;
  /** The peer's local name for a peer's head; null for this node's own. */
  peer: string | null;
  treeSize: number;
  /** Standard base64, as in the head. */
  rootHash: string;
  timestampUs: number;
  /**
   * own: signed by this node. accepted: a peer's head, consistent with the one held before it.
   * inconsistent: a genuine peer head that contradicts an earlier one, kept as evidence.
   */
  status: 'own' | 'accepted' | 'inconsistent';
  /** The signed head as JSON text. */
  head: string;
  receivedUs: number;
}

/** How the exchange of tree heads with one peer stands. */
export interface AuditPeerState {
  peer: string;
  lastAttemptUs: number | null;
  lastSuccessUs: number | null;
  lastFailureUs: number | null;
  /** Catalogue code of the last failure (errors or audit namespace), for showing it in the reader's language. */
  lastFailureCode: string | null;
  lastFailureReason: string | null;
  consecutiveFailures: number;
  /** tree_size of the latest head accepted from the peer. */
  peerTreeSize: number | null;
  /** tree_size of the latest head of this node's log the peer accepted. */
  handedTreeSize: number | null;
}
