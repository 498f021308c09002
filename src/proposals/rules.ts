/**
 * What a partner may propose to change in an object another node originated, and how an accepted
 * proposal becomes the object's next version. Pure: the proposing node checks a proposal before
 * it leaves, and the originator checks it again before accepting, since what arrives from a
 * partner is only as trustworthy as that partner.
 */
import { canonicalJson, stripSignature } from '../crypto/index.js';
import { FORBIDDEN_KEYS, TLP_LEVELS, isValidPropertyName, tlpLevelOf, tlpLevelOfMarking, type StixObject } from '../stix/index.js';
import { PROPOSAL_MAX_PROPERTIES } from '../stix/definitions/proposal.js';
import { PROPOSAL_TYPE, RESPONSE_TYPE, type ProposedChange } from './model.js';

/**
 * Properties only the originator sets. type, id, spec_version and created make the object what it
 * is; modified is stamped when the originator makes the version; created_by_ref names the
 * originator; revoking is the originator's own act; extensions carry its signature, its grading
 * and the declaration of the object's type; and changing granular markings could release a
 * property the originator withheld. object_marking_refs is not here: it may gain markings
 * (see markingsKept) but never lose one.
 */
export const PROTECTED_PROPERTIES: ReadonlySet<string> = new Set([
  'type',
  'id',
  'spec_version',
  'created',
  'modified',
  'created_by_ref',
  'revoked',
  'extensions',
  'granular_markings',
]);

/** Types no proposal may target: immutable meta objects, and proposals and responses themselves. */
const NOT_PROPOSABLE: ReadonlySet<string> = new Set(['marking-definition', 'extension-definition', PROPOSAL_TYPE, RESPONSE_TYPE]);

/** Bytes of canonical JSON the proposed values may take (the whole object is bounded by TAXII anyway). */
export const MAX_CHANGE_BYTES = 256 * 1024;

export type ChangeProblem =
  | { code: 'empty' }
  | { code: 'too-many'; max: number }
  | { code: 'too-large'; max: number }
  | { code: 'property-name' | 'protected' | 'set-and-removed' | 'not-present'; property: string }
  | { code: 'markings-lowered' }
  | { code: 'no-change' }
  | { code: 'not-proposable'; type: string };

const RANK = new Map(TLP_LEVELS.map((level, i) => [level, i]));

function stringList(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : null;
}

/**
 * True when `proposed` marks the object at least as strictly as `current` does, as the release
 * evaluator reads markings: every marking is a further restriction, except that TLP is the most
 * restrictive level present. So every non-TLP marking must stay and the TLP level may only rise.
 * An object without TLP is judged by its originator's `unmarked_as`, which the proposer cannot
 * know: only TLP:RED, above any setting, may then be added.
 */
export function markingsKept(current: unknown, proposed: unknown): boolean {
  const before = stringList(current ?? []);
  const after = stringList(proposed);
  // What cannot be read cannot be shown to keep the markings.
  if (before === null || after === null) return false;
  const kept = new Set(after);
  if (before.some((ref) => tlpLevelOfMarking(ref) === null && !kept.has(ref))) return false;
  const was = tlpLevelOf({ object_marking_refs: before });
  const now = tlpLevelOf({ object_marking_refs: after });
  if (was === null) return now === null || now === 'red';
  return now !== null && (RANK.get(now) ?? -1) >= (RANK.get(was) ?? 99);
}

/** Why `target` can take no proposal at all, or null. */
export function proposableTarget(target: StixObject): ChangeProblem | null {
  // Objects without `modified` (observables, marking definitions) have no versions to propose.
  if (NOT_PROPOSABLE.has(target.type) || typeof target.modified !== 'string') return { code: 'not-proposable', type: target.type };
  return null;
}

/**
 * The first reason the change may not be proposed for (or applied to) `target`, or null when it
 * may. It does not check that the resulting object is valid STIX: the caller validates it with
 * the node's registry.
 */
export function checkChange(target: StixObject, change: ProposedChange): ChangeProblem | null {
  const notProposable = proposableTarget(target);
  if (notProposable !== null) return notProposable;
  const set = Object.keys(change.changes);
  const removed = change.removals;
  if (set.length === 0 && removed.length === 0) return { code: 'empty' };
  if (set.length > PROPOSAL_MAX_PROPERTIES || removed.length > PROPOSAL_MAX_PROPERTIES)
    return { code: 'too-many', max: PROPOSAL_MAX_PROPERTIES };
  for (const property of [...set, ...removed]) if (PROTECTED_PROPERTIES.has(property)) return { code: 'protected', property };
  for (const property of [...set, ...removed]) {
    if (!isValidPropertyName(property) || FORBIDDEN_KEYS.has(property)) return { code: 'property-name', property: property.slice(0, 250) };
  }
  const setNames = new Set(set);
  for (const property of removed) {
    if (setNames.has(property)) return { code: 'set-and-removed', property };
    if (property === 'object_marking_refs') return { code: 'markings-lowered' };
    if (!Object.hasOwn(target, property)) return { code: 'not-present', property };
  }
  let size: number;
  try {
    size = Buffer.byteLength(canonicalJson(change.changes));
  } catch {
    return { code: 'too-large', max: MAX_CHANGE_BYTES };
  }
  if (size > MAX_CHANGE_BYTES) return { code: 'too-large', max: MAX_CHANGE_BYTES };
  if (setNames.has('object_marking_refs') && !markingsKept(target.object_marking_refs, change.changes['object_marking_refs'])) {
    return { code: 'markings-lowered' };
  }
  const changesSomething =
    removed.length > 0 || set.some((p) => !Object.hasOwn(target, p) || canonicalJson(target[p]) !== canonicalJson(change.changes[p]));
  return changesSomething ? null : { code: 'no-change' };
}

/**
 * The next version of `target` with the change applied: `modified` set, the originator's old
 * signature dropped (the originator signs the new version when it stores it). Check the change
 * with `checkChange` first.
 */
export function applyChange(target: StixObject, change: ProposedChange, modified: string): StixObject {
  const base = stripSignature(target) as Record<string, unknown>;
  const removed = new Set(change.removals);
  const out: Record<string, unknown> = {};
  // defineProperty, not assignment: no key, whatever it is, can reach the prototype.
  const put = (key: string, value: unknown) =>
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  for (const [key, value] of Object.entries(base)) if (!removed.has(key)) put(key, value);
  for (const [key, value] of Object.entries(change.changes)) put(key, structuredClone(value));
  put('modified', modified);
  return out as StixObject;
}
