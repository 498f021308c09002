/**
 * Proposals as Enlace models them: a partner cannot make a version of another node's object, so
 * it sends an `x-enlace-proposal` (the change it suggests) and the originator answers with an
 * `x-enlace-proposal-response`. Both are ordinary signed STIX objects (declared in
 * src/stix/definitions/proposal.ts); a proposal's state is derived from the responses its
 * target's originator made, never stored apart.
 */
import type { Permission } from '../accounts/model.js';
import type { StixObject } from '../stix/index.js';

export const PROPOSAL_TYPE = 'x-enlace-proposal';
export const RESPONSE_TYPE = 'x-enlace-proposal-response';

export const PROPOSAL_STATES = ['pending', 'accepted', 'rejected', 'withdrawn'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export type Decision = 'accept' | 'reject';

/** Properties to set (whole top-level values) and properties to drop. */
export interface ProposedChange {
  changes: Readonly<Record<string, unknown>>;
  removals: readonly string[];
}

/** Who acts: an account's username (as intake records it) and what it may do. */
export interface Actor {
  username: string;
  permissions: ReadonlySet<Permission>;
}

export interface ProposalInput extends ProposedChange {
  targetId: string;
  rationale: string;
}

export interface DecisionInput {
  decision: Decision;
  reason?: string;
  /** Accept even though the target changed since the version the proposal was made on. */
  force?: boolean;
}

export interface ListOptions {
  state?: ProposalState | 'all';
  /** mine: made by this node; theirs: made by partners about this node's objects; absent: both. */
  whose?: 'mine' | 'theirs';
  limit?: number;
}

export const LIST_DEFAULT_LIMIT = 100;
export const LIST_MAX_LIMIT = 1000;

/** The originator's answer as a proposal's reader sees it. */
export interface ResponseView {
  id: string;
  decision: 'accepted' | 'rejected';
  reason?: string;
  resulting_version?: string;
  created: string;
}

/** One proposal, with its state as this node knows it. */
export interface ProposalView {
  id: string;
  created: string;
  /** Identity id of the node that made the proposal. */
  proposer: string;
  /** True when this node made it. */
  mine: boolean;
  target_ref: string;
  target_version: string;
  /** The newest version of the target held here, or null when the target is not held. */
  target_current_version: string | null;
  /** Identity id of the target's originator, when the target is held. */
  target_originator: string | null;
  changes: Record<string, unknown>;
  removals: string[];
  rationale: string;
  state: ProposalState;
  /** Pending, and the target has a newer version than the one proposed on. */
  stale: boolean;
  response?: ResponseView;
}

/** The fields of a stored proposal, read defensively (it may come from any partner). */
export interface ProposalFields extends ProposedChange {
  id: string;
  created: string;
  targetRef: string;
  targetVersion: string;
  rationale: string;
  revoked: boolean;
}

export interface ResponseFields {
  id: string;
  created: string;
  proposalRef: string;
  targetRef: string;
  decision: 'accepted' | 'rejected';
  reason?: string;
  resultingVersion?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A stored proposal's fields, or null when the object is not one (or not a readable one). */
export function readProposal(o: StixObject): ProposalFields | null {
  if (o.type !== PROPOSAL_TYPE) return null;
  const targetRef = text(o['target_ref']);
  const targetVersion = text(o['target_version']);
  const changes = o['changes'] ?? {};
  const removals = o['removals'] ?? [];
  if (targetRef === undefined || targetVersion === undefined || !isRecord(changes)) return null;
  if (!Array.isArray(removals) || !removals.every((r) => typeof r === 'string')) return null;
  return {
    id: o.id,
    created: text(o.created) ?? '',
    targetRef,
    targetVersion,
    changes,
    removals: removals as string[],
    rationale: text(o['rationale']) ?? '',
    revoked: o.revoked === true,
  };
}

/** A stored response's fields, or null when the object is not one. */
export function readResponse(o: StixObject): ResponseFields | null {
  if (o.type !== RESPONSE_TYPE) return null;
  const proposalRef = text(o['proposal_ref']);
  const targetRef = text(o['target_ref']);
  const decision = o['decision'];
  if (proposalRef === undefined || targetRef === undefined || (decision !== 'accepted' && decision !== 'rejected')) return null;
  const out: ResponseFields = { id: o.id, created: text(o.created) ?? '', proposalRef, targetRef, decision };
  const reason = text(o['reason']);
  const resultingVersion = text(o['resulting_version']);
  if (reason !== undefined) out.reason = reason;
  if (resultingVersion !== undefined) out.resultingVersion = resultingVersion;
  return out;
}
