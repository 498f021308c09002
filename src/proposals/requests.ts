/**
 * Reading the proposal API's requests strictly: a body or query that is not exactly what the
 * endpoint takes is refused as a whole, with what is wrong named, before anything is looked up
 * or stored.
 */
import { EnlaceError } from '../errors/index.js';
import { isValidIdentifier } from '../stix/index.js';
import { readJsonObjectBody, refuseUnknownFields } from '../server/json-body.js';
import { isPlainObject } from '../stix/structure.js';
import type { ProposalMessageKey } from './messages.js';
import { PROPOSAL_STATES, PROPOSAL_TYPE, type DecisionInput, type ListOptions, type ProposalInput } from './model.js';
import { bothLanguages } from './phrase.js';

/** Largest request body: 256 KiB of proposed values, the rationale, and JSON's own overhead. */
export const MAX_PROPOSAL_BODY_BYTES = 512 * 1024;

function bad(key: ProposalMessageKey, params: Record<string, string | number> = {}): EnlaceError {
  return new EnlaceError('http.bad-request', { detail: bothLanguages(key, params) });
}

/** The body as a JSON object within Enlace's structural limits (depth, sizes, no prototype keys). */
export function readJsonBody(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  return readJsonObjectBody(contentType, body, { maxBytes: MAX_PROPOSAL_BODY_BYTES, acceptJsonSuffix: true });
}

const onlyFields = refuseUnknownFields;

function optionalText(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw bad('body.text', { name });
  return v;
}

/** `{ target, changes?, removals?, rationale }`. */
export function readProposalBody(body: Record<string, unknown>): ProposalInput {
  onlyFields(body, ['target', 'changes', 'removals', 'rationale']);
  const target = body['target'];
  if (target === undefined) throw bad('body.missing', { name: 'target' });
  if (typeof target !== 'string' || !isValidIdentifier(target)) throw bad('body.target');
  const changes = body['changes'] ?? {};
  if (!isPlainObject(changes)) throw bad('body.changes');
  const removals = body['removals'] ?? [];
  if (!Array.isArray(removals) || !removals.every((r) => typeof r === 'string')) throw bad('body.removals');
  const rationale = optionalText(body, 'rationale');
  if (rationale === undefined) throw bad('body.missing', { name: 'rationale' });
  return { targetId: target, changes, removals: removals as string[], rationale };
}

/** `{ decision: "accept" | "reject", reason?, force? }`. */
export function readDecisionBody(body: Record<string, unknown>): DecisionInput {
  onlyFields(body, ['decision', 'reason', 'force']);
  const decision = body['decision'];
  if (decision === undefined) throw bad('body.missing', { name: 'decision' });
  if (decision !== 'accept' && decision !== 'reject') throw bad('body.decision');
  const force = body['force'];
  if (force !== undefined && typeof force !== 'boolean') throw bad('body.force');
  const reason = optionalText(body, 'reason');
  return { decision, ...(reason !== undefined ? { reason } : {}), ...(force !== undefined ? { force } : {}) };
}

/** A proposal id from a path, or a 400 naming it. */
export function readProposalId(id: string): string {
  const shown = id.slice(0, 80);
  if (!isValidIdentifier(id, [PROPOSAL_TYPE])) throw bad('param.id', { value: shown });
  return id;
}

/** `?state=&whose=&limit=`, each at most once. */
export function readListQuery(query: unknown): ListOptions {
  const out: ListOptions = {};
  if (typeof query !== 'object' || query === null) return out;
  for (const [name, raw] of Object.entries(query as Record<string, unknown>)) {
    if (name !== 'state' && name !== 'whose' && name !== 'limit') throw bad('param.unknown', { name: name.slice(0, 40) });
    if (Array.isArray(raw)) throw bad('param.repeated', { name });
    const value = String(raw);
    const invalid = (expected: string) => bad('param.invalid', { name, value: value.slice(0, 40), expected });
    if (name === 'state') {
      if (value !== 'all' && !(PROPOSAL_STATES as readonly string[]).includes(value)) throw invalid([...PROPOSAL_STATES, 'all'].join(', '));
      out.state = value as ListOptions['state'];
    } else if (name === 'whose') {
      if (value !== 'mine' && value !== 'theirs') throw invalid('mine, theirs');
      out.whose = value;
    } else {
      if (!/^[1-9][0-9]{0,5}$/.test(value)) throw invalid('1-1000');
      out.limit = Number(value);
    }
  }
  return out;
}
