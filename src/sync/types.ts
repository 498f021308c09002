import type { ErrorCode, ErrorParams } from '../errors/index.js';
import type { HeadExchangeResult } from '../audit/head-exchange.js';

/** What one sync pass with one peer did. */
export interface SyncReport {
  peer: string;
  ok: boolean;
  pulled: number;
  pulledDuplicates: number;
  pullRejected: number;
  pushed: number;
  pushRejected: number;
  /** Why the pass failed, in English (logs, the API). */
  error?: string;
  /** The same failure as a catalogue code, when it has one, to be shown in the reader's language. */
  failure?: { code: ErrorCode; params: ErrorParams };
  /** The exchange of signed tree heads that follows a successful pass; its failure leaves `ok` as it is. */
  audit?: HeadExchangeResult;
  durationMs: number;
}

/** A peer's sync health as people read it in the CLI, the API and the console. */
export interface PeerStatus {
  peer: string;
  url: string;
  fingerprint: string;
  state: 'ok' | 'failing' | 'never-synced';
  lastSuccess: string | null;
  lastAttempt: string | null;
  lastFailure: string | null;
  lastFailureReason: string | null;
  consecutiveFailures: number;
  /** Versions waiting on either side: theirs not yet pulled, ours not yet pushed. */
  lagObjects: { incoming: number; outgoing: number };
  /** How stale our view is: seconds since the last successful exchange while anything waits. */
  lagSeconds: number;
  pulledTotal: number;
  pushedTotal: number;
  rejectedTotal: number;
  /** The latest objects refused either way: received from the peer, or sent and refused by it. */
  recentRejections: { direction: 'received' | 'sent'; objectId: string | null; reason: string; at: string }[];
  /**
   * Objects the peer originated and then revoked: this node keeps only the revoked version (the
   * proof its audit needs) and shows users that they were withdrawn.
   */
  revokedByPeer: number;
  /** The exchange of signed tree heads (transparency log) with the peer. */
  audit: {
    state: 'ok' | 'failing' | 'never';
    lastSuccess: string | null;
    lastFailure: string | null;
    /** Catalogue code of the last failure, e.g. audit.head-inconsistent. */
    lastFailureCode: string | null;
    lastFailureReason: string | null;
    /** Size of the peer's latest head accepted here. */
    peerTreeSize: number | null;
    /** Size of this node's latest head the peer accepted. */
    ownTreeSize: number | null;
  };
}

/** The sync engine as other layers see it. */
export interface SyncController {
  syncNow(peer?: string): Promise<SyncReport[]>;
  status(): Promise<PeerStatus[]>;
}
