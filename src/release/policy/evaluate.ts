/**
 * The one release evaluator: for one object and one peer, what leaves this node under the
 * originator's policy — the object, a redacted copy, or nothing — and why. Pure and synchronous;
 * every way out (TAXII, sync push, export) calls it, so a rule lives here and nowhere else.
 */
import {
  GRADING_EXTENSION_ID,
  NODE_IDENTITY_EXTENSION_ID,
  SIGNATURE_EXTENSION_ID,
  type ExtensionRegistry,
  type StixObject,
  type TlpLevel,
} from '../../stix/index.js';
import { SOURCE_RELIABILITY } from '../../stix/definitions/grading.js';
import { judgeGranular } from './granular.js';
import type { HandlingMarking, MarkingCatalog } from './markings.js';
import { rulesForPeer, type MinGrading, type PeerReleaseRules, type PeerView, type ReleasePolicy } from './model.js';
import { reason, type Effect, type ReleaseReason } from './reasons.js';
import { judgeReleasability, judgeTlp, listNamesOrganisation, listNamesPeer, tlpRank } from './tlp-rules.js';

/** What the evaluator knows about this node and its markings. */
export interface ReleaseContext {
  /** The identities that are this node: its node identity and the organisations it speaks for. */
  readonly localIdentities: ReadonlySet<string>;
  readonly markings: MarkingCatalog;
  /**
   * The node that originated an object, as the store recorded it. Without it the signer of the
   * Enlace signature, then `created_by_ref`, are taken; an object with none counts as another node's.
   */
  readonly originatorOf?: (object: StixObject) => string | undefined;
  /** Extension definitions a redacted copy must still satisfy; defaults to the built-ins. */
  readonly registry?: ExtensionRegistry;
}

/** The outcome for one object and one peer. */
export interface ReleaseDecision {
  readonly decision: Effect;
  /**
   * What may be sent: on 'release' the very object given (not a copy: callers must not change
   * it), on 'redact' a new copy without the withheld properties and without the originator's
   * signature, which the sending node must sign again.
   */
  readonly released?: StixObject;
  readonly reasons: readonly ReleaseReason[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property only: nothing inherited (a polluted prototype) may mark or unmark an object. */
function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function malformed(problem: string): ReleaseDecision {
  return { decision: 'withhold', reasons: [reason('malformed.withhold', 'withhold', { problem })] };
}

function originatorOf(o: StixObject, ctx: ReleaseContext): string | undefined {
  const recorded = ctx.originatorOf?.(o);
  if (recorded !== undefined) return recorded;
  const exts = own(o, 'extensions');
  const sig = isRecord(exts) && Object.hasOwn(exts, SIGNATURE_EXTENSION_ID) ? exts[SIGNATURE_EXTENSION_ID] : undefined;
  if (isRecord(sig) && typeof sig['signer'] === 'string') return sig['signer'];
  const creator = own(o, 'created_by_ref');
  return typeof creator === 'string' ? creator : undefined;
}

const RELIABILITY_RANK = new Map<unknown, number>(SOURCE_RELIABILITY.map((r, i) => [r, i]));

/** The object's grading as text (e.g. "B2"), or null when it carries no valid grading. */
export function gradingOf(o: StixObject): { reliability: number; credibility: number; text: string } | null {
  const exts = own(o, 'extensions');
  const g = isRecord(exts) && Object.hasOwn(exts, GRADING_EXTENSION_ID) ? exts[GRADING_EXTENSION_ID] : undefined;
  if (!isRecord(g)) return null;
  const reliability = RELIABILITY_RANK.get(g['source_reliability']);
  const credibility = g['information_credibility'];
  if (reliability === undefined || typeof credibility !== 'number' || !Number.isInteger(credibility)) return null;
  if (credibility < 1 || credibility > 4) return null;
  return { reliability, credibility, text: `${String(g['source_reliability'])}${credibility}` };
}

function judgeGrading(o: StixObject, min: MinGrading, peer: PeerView, reasons: ReleaseReason[]): boolean {
  const minimum = `${min.source_reliability}${min.information_credibility}`;
  const g = gradingOf(o);
  if (g === null) {
    reasons.push(reason('grading.ungraded', 'withhold', { peer: peer.name, minimum }));
    return false;
  }
  const ok = g.reliability <= (RELIABILITY_RANK.get(min.source_reliability) ?? -1) && g.credibility <= min.information_credibility;
  reasons.push(
    reason(ok ? 'grading.release' : 'grading.below', ok ? 'release' : 'withhold', {
      peer: peer.name,
      minimum,
      grading: g.text,
    }),
  );
  return ok;
}

/**
 * Grading rates intelligence. Marking and extension definitions, and the identity a node describes
 * itself with, are not intelligence: a minimum grading must not keep them (and so the meaning of
 * the markings and the name of the originator) from a peer.
 */
function gradable(o: StixObject): boolean {
  if (o.type === 'marking-definition' || o.type === 'extension-definition') return false;
  const exts = own(o, 'extensions');
  return !(o.type === 'identity' && isRecord(exts) && Object.hasOwn(exts, NODE_IDENTITY_EXTENSION_ID));
}

/** Object-level markings, resolved; null when `object_marking_refs` is malformed. */
function objectMarkings(o: StixObject, ctx: ReleaseContext) {
  const refs = own(o, 'object_marking_refs');
  const out = { level: null as TlpLevel | null, handling: [] as HandlingMarking[], unknown: [] as string[] };
  if (refs === undefined) return out;
  if (!Array.isArray(refs)) return null;
  for (const ref of refs) {
    if (typeof ref !== 'string') return null;
    const m = ctx.markings.resolve(ref);
    if (m.kind === 'tlp') {
      if (out.level === null || tlpRank(m.level) > tlpRank(out.level)) out.level = m.level;
    } else if (m.kind === 'handling') out.handling.push(m);
    else if (m.kind === 'unknown') out.unknown.push(ref);
  }
  return out;
}

function judgeThirdParty(
  originator: string | undefined,
  handling: readonly HandlingMarking[],
  peer: PeerView,
  rules: PeerReleaseRules,
  reasons: ReleaseReason[],
): boolean {
  const p = { peer: peer.name, originator: originator ?? '?' };
  if (!rules.allow_third_party) {
    reasons.push(reason('third-party.policy', 'withhold', p));
    return false;
  }
  const h2 = handling.find((m) => m.handling === 'H2');
  if (h2 !== undefined) {
    reasons.push(reason('third-party.h2', 'withhold', { ...p, marking: h2.id }));
    return false;
  }
  // The originator's permission is a releasability list naming the peer; every list must (see releasability).
  const lists = handling.filter((m) => m.releasableTo !== undefined);
  const named = lists.length > 0 && lists.every((m) => m.releasableTo !== undefined && listNamesPeer(m.releasableTo, peer));
  reasons.push(reason(named ? 'third-party.release' : 'third-party.not-named', named ? 'release' : 'withhold', p));
  return named;
}

function evaluateUnsafe(input: unknown, peer: PeerView, policy: ReleasePolicy, ctx: ReleaseContext): ReleaseDecision {
  if (!isRecord(input)) return malformed('not-an-object');
  if (typeof input['type'] !== 'string' || typeof input['id'] !== 'string') return malformed('type-or-id');
  const o = input as StixObject;
  const rules = rulesForPeer(policy, peer.name);
  const originator = originatorOf(o, ctx);
  if (originator !== undefined && (originator === peer.identityId || originator === peer.organisationId)) {
    return { decision: 'withhold', reasons: [reason('echo.withhold', 'withhold', { peer: peer.name })] };
  }
  const marks = objectMarkings(o, ctx);
  if (marks === null) return malformed('object_marking_refs');

  const reasons: ReleaseReason[] = [];
  let ok = true;
  for (const id of marks.unknown) {
    reasons.push(reason('unknown-marking.withhold', 'withhold', { marking: id }));
    ok = false;
  }
  const namesOrg = marks.handling.some((m) => m.releasableTo !== undefined && listNamesOrganisation(m.releasableTo, peer));
  ok = judgeTlp(marks.level ?? policy.unmarked_as, namesOrg, peer, rules, reasons) && ok;
  for (const m of marks.handling) ok = judgeReleasability(m, peer, reasons) && ok;
  const local = originator !== undefined && ctx.localIdentities.has(originator);
  if (!local) ok = judgeThirdParty(originator, marks.handling, peer, rules, reasons) && ok;
  if (rules.min_grading !== undefined) {
    if (gradable(o)) ok = judgeGrading(o, rules.min_grading, peer, reasons) && ok;
    else reasons.push(reason('grading.exempt', 'release', { peer: peer.name, type: o.type }));
  }
  if (!ok) return { decision: 'withhold', reasons };

  if (own(o, 'granular_markings') === undefined) return { decision: 'release', released: o, reasons };
  const g = judgeGranular(o, peer, rules, ctx, namesOrg, reasons);
  if (g === 'malformed') return malformed('granular_markings');
  if (g === 'withhold') return { decision: 'withhold', reasons };
  if (g === 'release') return { decision: 'release', released: o, reasons };
  if (!local) {
    reasons.push(reason('granular.third-party', 'withhold', { peer: peer.name, originator: originator ?? '?' }));
    return { decision: 'withhold', reasons };
  }
  return g.copy === null ? { decision: 'withhold', reasons } : { decision: 'redact', released: g.copy, reasons };
}

/**
 * Decides what of `object` may go to `peer` under `policy`. Never throws and never changes
 * `object`; anything it cannot read is withheld, with the reason.
 *
 * @example
 * const d = evaluateRelease(obj, { name: 'mx', identityId, organisationId, country: 'MX' }, policy,
 *   { localIdentities: new Set([nodeId]), markings: MarkingCatalog.from(markingDefs) });
 * if (d.decision !== 'withhold') send(d.released);
 */
export function evaluateRelease(object: unknown, peer: PeerView, policy: ReleasePolicy, context: ReleaseContext): ReleaseDecision {
  try {
    return evaluateUnsafe(object, peer, policy, context);
  } catch {
    // Only hostile non-JSON input (throwing getters, proxies) gets here.
    return malformed('unreadable');
  }
}
