/**
 * A proposal as people read it, with its state derived from the responses held: accepted or
 * rejected by the first response its target's originator signed, withdrawn when its proposer
 * revoked it undecided, pending otherwise.
 */
import type { NodeContext } from '../node/context.js';
import { parseStixTimestamp } from '../stix/index.js';
import { readProposal, readResponse, type ProposalState, type ProposalView, type ResponseFields, type ResponseView } from './model.js';
import { newestVersionsOf, type Held } from './records.js';

interface Answer {
  fields: ResponseFields;
  originator: string;
}

function responseView(a: ResponseFields): ResponseView {
  const out: ResponseView = { id: a.id, decision: a.decision, created: a.created };
  if (a.reason !== undefined) out.reason = a.reason;
  if (a.resultingVersion !== undefined) out.resulting_version = a.resultingVersion;
  return out;
}

/** Views of the given proposals, judged against the given responses. Unreadable proposals are left out. */
export async function buildViews(ctx: NodeContext, proposals: readonly Held[], responses: readonly Held[]): Promise<ProposalView[]> {
  const read = proposals.flatMap((p) => {
    const fields = readProposal(p.object);
    return fields === null ? [] : [{ held: p, fields }];
  });
  const targets = await newestVersionsOf(
    ctx,
    read.map((r) => r.fields.targetRef),
  );
  const answers = new Map<string, Answer[]>();
  for (const r of responses) {
    const fields = readResponse(r.object);
    if (fields === null) continue;
    const list = answers.get(fields.proposalRef) ?? [];
    list.push({ fields, originator: r.row.originator });
    answers.set(fields.proposalRef, list);
  }
  return read.map(({ held, fields }) => {
    const target = targets.get(fields.targetRef);
    const targetOriginator = target?.originator ?? null;
    // Only the target's originator answers for it: a response anyone else signed decides nothing.
    const answer = (answers.get(fields.id) ?? [])
      .filter((a) => a.originator === targetOriginator && a.fields.targetRef === fields.targetRef)
      .sort((a, b) => (parseStixTimestamp(a.fields.created) ?? 0) - (parseStixTimestamp(b.fields.created) ?? 0))[0];
    const state: ProposalState = answer !== undefined ? answer.fields.decision : fields.revoked ? 'withdrawn' : 'pending';
    const stale = state === 'pending' && target !== undefined && target.versionUs !== parseStixTimestamp(fields.targetVersion);
    const view: ProposalView = {
      id: fields.id,
      created: fields.created,
      proposer: held.row.originator,
      mine: held.row.originator === ctx.identity.id,
      target_ref: fields.targetRef,
      target_version: fields.targetVersion,
      target_current_version: target?.version ?? null,
      target_originator: targetOriginator,
      changes: { ...fields.changes },
      removals: [...fields.removals],
      rationale: fields.rationale,
      state,
      stale,
    };
    if (answer !== undefined) view.response = responseView(answer.fields);
    return view;
  });
}
