/**
 * Proposals at work in a node: a partner's account proposes a change to an object another node
 * originated; the originator's accounts list what was proposed and accept (the originator makes
 * and signs the new version itself) or reject it. Every object made here enters through the
 * intake as an account's, so this node signs it, and leaves by the ordinary sync and release
 * policy. Rules about what may change live in rules.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Permission } from '../accounts/model.js';
import { EnlaceError, type ErrorParam } from '../errors/index.js';
import { commitObjects, ingestObjects, prepareObjects, type IntakeResult, type IntakeSource } from '../intake/service.js';
import type { NodeContext } from '../node/context.js';
import { renderReason } from '../release/policy/index.js';
import {
  PROPOSAL_EXTENSION_ID,
  PROPOSAL_RESPONSE_EXTENSION_ID,
  formatTimestampUs,
  isValidIdentifier,
  parseStixTimestamp,
  renderIssue,
  validateObject,
  type StixObject,
} from '../stix/index.js';
import { PROPOSAL_MAX_RATIONALE, PROPOSAL_MAX_REASON } from '../stix/definitions/proposal.js';
import type { StoredVersionWithBody } from '../store/types.js';
import type { ProposalMessageKey } from './messages.js';
import {
  LIST_DEFAULT_LIMIT,
  LIST_MAX_LIMIT,
  PROPOSAL_STATES,
  PROPOSAL_TYPE,
  RESPONSE_TYPE,
  readProposal,
  readResponse,
  type Actor,
  type DecisionInput,
  type ListOptions,
  type ProposalInput,
  type ProposalView,
  type ProposedChange,
} from './model.js';
import { bothLanguages } from './phrase.js';
import { everyOfType, isRevoked, newestHeld, type Held } from './records.js';
import { applyChange, checkChange, type ChangeProblem } from './rules.js';
import { buildViews } from './views.js';

/** What a decision produced. */
export interface DecisionResult {
  proposal: ProposalView;
  response_id: string;
  /** On acceptance: the version of the target the originator made. */
  resulting_version?: string;
}

const NEEDS: Record<'list' | 'propose' | 'decide', { permission: Permission; action: ProposalMessageKey }> = {
  list: { permission: 'objects:read', action: 'action.list' },
  propose: { permission: 'objects:write', action: 'action.propose' },
  decide: { permission: 'proposals:decide', action: 'action.decide' },
};

/** Refuses an actor that may not do `what` (the HTTP layer asks before it reads a body, too). */
export function requireAllowed(actor: Actor, what: keyof typeof NEEDS): void {
  const { permission, action } = NEEDS[what];
  if (!actor.permissions.has(permission)) throw new EnlaceError('auth.forbidden', { action: bothLanguages(action) });
}

function problemError(p: ChangeProblem): EnlaceError {
  const { code, ...params } = p;
  return new EnlaceError('proposal.not-allowed', { detail: bothLanguages(`problem.${code}`, params) }, { problem: p });
}

const short = (s: string): string => s.slice(0, 300);

/** Builds the would-be version, and refuses the change when the result is not valid STIX. */
function nextVersion(ctx: NodeContext, target: Held, change: ProposedChange): StixObject {
  const problem = checkChange(target.object, change);
  if (problem !== null) throw problemError(problem);
  const candidate = applyChange(target.object, change, nextModified(target.row.version));
  const checked = validateObject(candidate, ctx.registry);
  if (!checked.ok) {
    const phrase = (lang: 'en' | 'es') =>
      checked.issues
        .slice(0, 5)
        .map((i) => `${i.path || '/'}: ${renderIssue(i, lang)}`)
        .join('; ');
    throw new EnlaceError('proposal.invalid-result', { detail: { en: phrase('en'), es: phrase('es') } }, { issues: checked.issues });
  }
  return candidate;
}

/** A `modified` after `previous` (by at least a millisecond, whatever the clock says), to the millisecond. */
export function nextModified(previous: string, nowUs: number = Date.now() * 1000): string {
  const previousUs = parseStixTimestamp(previous) ?? 0;
  // Truncating previous+1 ms to the millisecond still lands after `previous`.
  return formatTimestampUs(Math.max(nowUs, previousUs + 1000), 3);
}

function markingsOf(o: StixObject): { object_marking_refs?: string[] } {
  const refs = o.object_marking_refs;
  return Array.isArray(refs) && refs.length > 0 ? { object_marking_refs: [...refs] } : {};
}

function checkText(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= max ? trimmed : undefined;
}

function firstRefusal(results: readonly (IntakeResult | undefined)[]): EnlaceError | undefined {
  return results.find((r) => r !== undefined && r.outcome === 'rejected')?.error;
}

/**
 * Refuses a proposal that could never reach the target's originator: this node sends nothing to
 * a node it has not pinned, nor anything its own release policy withholds from that node.
 */
async function checkDeliverable(ctx: NodeContext, target: Held, proposal: StixObject): Promise<void> {
  const params = { originator: target.row.originator, id: target.row.id };
  const peer = await ctx.store.getPeerByIdentity(target.row.originator);
  if (peer === null) throw new EnlaceError('proposal.not-deliverable', { ...params, detail: bothLanguages('delivery.not-a-peer') });
  const versionUs = parseStixTimestamp(String(proposal.modified)) ?? 0;
  // Judged as it would be once stored, by the very call every way out makes.
  const row: StoredVersionWithBody = {
    collectionId: target.row.collectionId,
    seq: 0,
    id: proposal.id,
    type: proposal.type,
    specVersion: '2.1',
    version: String(proposal.modified),
    versionUs,
    dateAddedUs: versionUs,
    originator: ctx.identity.id,
    revoked: false,
    tlp: target.row.tlp,
    isLatest: true,
    isFirst: true,
    contentHash: '',
    body: JSON.stringify(proposal),
  };
  const [judged] = await ctx.release.judge(peer, [row]);
  if (judged !== undefined && judged.decision.decision !== 'withhold') return;
  const withheld = (judged?.decision.reasons ?? []).filter((r) => r.effect === 'withhold');
  const reasons = (lang: 'en' | 'es') => withheld.map((r) => renderReason(lang, r.code, r.params)).join(' ');
  const detail: ErrorParam = {
    en: bothLanguages('delivery.withheld', { reasons: reasons('en') }).en,
    es: bothLanguages('delivery.withheld', { reasons: reasons('es') }).es,
  };
  throw new EnlaceError('proposal.not-deliverable', { ...params, detail });
}

async function viewOf(ctx: NodeContext, proposalId: string): Promise<ProposalView> {
  const held = await newestHeld(ctx, proposalId);
  const [view] = held === null ? [] : await buildViews(ctx, [held], await everyOfType(ctx, RESPONSE_TYPE));
  if (view === undefined) throw new EnlaceError('proposal.unknown', { id: short(proposalId) });
  return view;
}

/**
 * Proposes a change to an object another node originated. The proposal carries the target's
 * markings, since its values may restate the target's content; it is stored in the target's
 * collection and signed by this node.
 */
export async function propose(ctx: NodeContext, actor: Actor, input: ProposalInput): Promise<ProposalView> {
  requireAllowed(actor, 'propose');
  const targetId = input.targetId;
  const target = isValidIdentifier(targetId) ? await newestHeld(ctx, targetId) : null;
  if (target === null) throw new EnlaceError('proposal.target-unknown', { id: short(targetId) });
  if (target.row.originator === ctx.identity.id) throw new EnlaceError('proposal.own-object', { id: targetId });
  if (target.row.revoked || (await isRevoked(ctx, targetId))) throw new EnlaceError('proposal.target-revoked', { id: targetId });
  const change: ProposedChange = { changes: input.changes, removals: [...new Set(input.removals)] };
  nextVersion(ctx, target, change);
  const rationale = checkText(input.rationale, PROPOSAL_MAX_RATIONALE);
  if (rationale === undefined) {
    throw new EnlaceError('proposal.not-allowed', { detail: bothLanguages('problem.rationale', { max: PROPOSAL_MAX_RATIONALE }) });
  }

  const now = formatTimestampUs(Date.now() * 1000, 3);
  const proposal: StixObject = {
    type: PROPOSAL_TYPE,
    spec_version: '2.1',
    id: `${PROPOSAL_TYPE}--${randomUUID()}`,
    created: now,
    modified: now,
    created_by_ref: ctx.identity.id,
    target_ref: targetId,
    target_version: target.row.version,
    ...(Object.keys(change.changes).length > 0 ? { changes: structuredClone(change.changes) } : {}),
    ...(change.removals.length > 0 ? { removals: [...change.removals] } : {}),
    rationale,
    ...markingsOf(target.object),
    extensions: { [PROPOSAL_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  };
  await checkDeliverable(ctx, target, proposal);
  const results = await ingestObjects(ctx, target.row.collectionId, [proposal], { kind: 'account', username: actor.username });
  const refused = firstRefusal(results);
  if (refused !== undefined) throw refused;
  return viewOf(ctx, proposal.id);
}

/** The response to a proposal, carrying the target's markings so it reaches the proposer as the target does. */
function responseTo(
  ctx: NodeContext,
  proposalId: string,
  target: StixObject,
  fields: {
    decision: 'accepted' | 'rejected';
    reason?: string;
    resultingVersion?: string;
  },
): StixObject {
  const now = formatTimestampUs(Date.now() * 1000, 3);
  return {
    type: RESPONSE_TYPE,
    spec_version: '2.1',
    id: `${RESPONSE_TYPE}--${randomUUID()}`,
    created: now,
    modified: now,
    created_by_ref: ctx.identity.id,
    proposal_ref: proposalId,
    target_ref: target.id,
    decision: fields.decision,
    ...(fields.reason !== undefined ? { reason: fields.reason } : {}),
    ...(fields.resultingVersion !== undefined ? { resulting_version: fields.resultingVersion } : {}),
    ...markingsOf(target),
    extensions: { [PROPOSAL_RESPONSE_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  };
}

/**
 * The originator accepts or rejects a proposal about one of its objects. Accepting applies the
 * proposed change to the newest version (refused when the target changed since the proposal,
 * unless forced) and stores that new version and the response in one transaction.
 */
export async function decide(ctx: NodeContext, actor: Actor, proposalId: string, input: DecisionInput): Promise<DecisionResult> {
  requireAllowed(actor, 'decide');
  const held = isValidIdentifier(proposalId, [PROPOSAL_TYPE]) ? await newestHeld(ctx, proposalId) : null;
  const fields = held === null ? null : readProposal(held.object);
  if (held === null || fields === null) throw new EnlaceError('proposal.unknown', { id: short(proposalId) });
  const target = await newestHeld(ctx, fields.targetRef);
  if (target === null) throw new EnlaceError('proposal.target-unknown', { id: fields.targetRef });
  if (target.row.originator !== ctx.identity.id) {
    throw new EnlaceError('proposal.not-ours', { id: proposalId, originator: target.row.originator });
  }
  const earlier = (await everyOfType(ctx, RESPONSE_TYPE))
    .filter((r) => r.row.originator === ctx.identity.id)
    .map((r) => readResponse(r.object))
    .find((r) => r !== null && r.proposalRef === proposalId);
  if (earlier) {
    throw new EnlaceError('proposal.already-decided', {
      id: proposalId,
      decision: bothLanguages(`decision.${earlier.decision}`),
      at: earlier.created,
    });
  }
  if (fields.revoked) throw new EnlaceError('proposal.withdrawn', { id: proposalId });
  if (target.row.revoked || (await isRevoked(ctx, target.row.id))) throw new EnlaceError('proposal.target-revoked', { id: target.row.id });
  const reason = checkText(input.reason, PROPOSAL_MAX_REASON);
  if ((input.reason !== undefined && reason === undefined) || (input.decision === 'reject' && reason === undefined)) {
    throw new EnlaceError('proposal.bad-reason', { max: PROPOSAL_MAX_REASON });
  }
  const source: IntakeSource = { kind: 'account', username: actor.username };

  if (input.decision === 'reject') {
    const response = responseTo(ctx, proposalId, target.object, { decision: 'rejected', ...(reason !== undefined ? { reason } : {}) });
    const refused = firstRefusal(await ingestObjects(ctx, target.row.collectionId, [response], source));
    if (refused !== undefined) throw refused;
    return { proposal: await viewOf(ctx, proposalId), response_id: response.id };
  }

  if (target.row.versionUs !== parseStixTimestamp(fields.targetVersion) && input.force !== true) {
    throw new EnlaceError('proposal.stale', { target: target.row.id, proposed: fields.targetVersion, current: target.row.version });
  }
  const version = nextVersion(ctx, target, { changes: fields.changes, removals: fields.removals });
  const response = responseTo(ctx, proposalId, version, {
    decision: 'accepted',
    resultingVersion: String(version.modified),
    ...(reason !== undefined ? { reason } : {}),
  });
  // Both or neither: a response naming a version that was not stored would mislead the proposer.
  const batch = await prepareObjects(ctx, [version, response], source);
  const early = firstRefusal(batch.results);
  if (early !== undefined) throw early;
  const refused = firstRefusal(await commitObjects(ctx, target.row.collectionId, batch));
  if (refused !== undefined) throw refused;
  return { proposal: await viewOf(ctx, proposalId), response_id: response.id, resulting_version: String(version.modified) };
}

function badOption(key: ProposalMessageKey, params: Record<string, string | number>): EnlaceError {
  return new EnlaceError('http.bad-request', { detail: bothLanguages(key, params) });
}

/**
 * Proposals this node made, and those partners made about its objects, newest first, with their
 * state as the responses held here tell it.
 */
export async function listProposals(ctx: NodeContext, actor: Actor, options: ListOptions = {}): Promise<ProposalView[]> {
  requireAllowed(actor, 'list');
  const state = options.state ?? 'all';
  if (state !== 'all' && !(PROPOSAL_STATES as readonly string[]).includes(state)) {
    throw badOption('param.invalid', {
      name: 'state',
      value: String(state).slice(0, 40),
      expected: [...PROPOSAL_STATES, 'all'].join(', '),
    });
  }
  if (options.whose !== undefined && options.whose !== 'mine' && options.whose !== 'theirs') {
    throw badOption('param.invalid', { name: 'whose', value: String(options.whose).slice(0, 40), expected: 'mine, theirs' });
  }
  const limit = options.limit ?? LIST_DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > LIST_MAX_LIMIT) {
    throw badOption('param.invalid', { name: 'limit', value: String(limit).slice(0, 40), expected: `1-${LIST_MAX_LIMIT}` });
  }
  const views = await buildViews(ctx, await everyOfType(ctx, PROPOSAL_TYPE), await everyOfType(ctx, RESPONSE_TYPE));
  const me = ctx.identity.id;
  return views
    .filter((v) => v.mine || v.target_originator === me)
    .filter((v) => options.whose === undefined || (options.whose === 'mine') === v.mine)
    .filter((v) => state === 'all' || v.state === state)
    .sort((a, b) => (parseStixTimestamp(b.created) ?? 0) - (parseStixTimestamp(a.created) ?? 0) || a.id.localeCompare(b.id))
    .slice(0, limit);
}
