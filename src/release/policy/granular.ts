/**
 * Granular markings (STIX 2.1 §7.2.3): which properties carry a marking the peer may not receive,
 * and the redacted copy without them. A property that cannot go (identity, versioning, markings,
 * a property its type requires) withholds the whole object instead.
 */
import { SIGNATURE_EXTENSION_ID, validateStixObject, type GranularMarking, type StixObject } from '../../stix/index.js';
import type { ReleaseContext } from './evaluate.js';
import type { PeerReleaseRules, PeerView } from './model.js';
import { reason, type ReleaseReason } from './reasons.js';
import { parseSelector, redactCopy, resolves, type Segment } from './redact.js';
import { judgeTlp, listNamesOrganisation, listNamesPeer } from './tlp-rules.js';

/** Properties that say what the object is, who made it and how it is marked: never redacted. */
const PROTECTED = new Set([
  'type',
  'id',
  'spec_version',
  'created',
  'modified',
  'created_by_ref',
  'revoked',
  'object_marking_refs',
  'granular_markings',
]);

/**
 * Lists of small structures that are meaningless in part (STIX requires a reference's source_name
 * plus one of url/description/external_id, and both fields of a kill chain phase): withholding
 * a field of one withholds that whole entry.
 */
const WHOLE_ENTRIES = new Set(['external_references', 'kill_chain_phases']);

function entryOf(segments: Segment[]): Segment[] {
  return segments.length > 2 && WHOLE_ENTRIES.has(segments[0] as string) && typeof segments[1] === 'number'
    ? segments.slice(0, 2)
    : segments;
}

export type GranularOutcome = 'malformed' | 'withhold' | 'release' | { copy: StixObject | null };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function wellFormed(list: unknown): list is GranularMarking[] {
  if (!Array.isArray(list)) return false;
  for (const g of list) {
    if (!isRecord(g) || !Array.isArray(g['selectors']) || g['selectors'].length === 0) return false;
    if (!g['selectors'].every((s) => typeof s === 'string')) return false;
    if (g['marking_ref'] !== undefined && typeof g['marking_ref'] !== 'string') return false;
  }
  return true;
}

/** True when selector `outer` selects `inner` or something containing it. */
function covers(outer: string, inner: string): boolean {
  return inner === outer || (inner.startsWith(outer) && inner.charCodeAt(outer.length) === 46); /* . */
}

/** The selectors of one granular marking the peer may not receive. */
function deniedSelectors(
  g: GranularMarking,
  peer: PeerView,
  rules: PeerReleaseRules,
  ctx: ReleaseContext,
  objectNamesOrg: boolean,
  namers: readonly string[],
): readonly string[] {
  if (g.marking_ref === undefined) return []; // a `lang` marking restricts nothing
  const m = ctx.markings.resolve(g.marking_ref);
  const scratch: ReleaseReason[] = [];
  switch (m.kind) {
    case 'statement':
      return [];
    case 'unknown':
      return g.selectors;
    case 'handling':
      return m.releasableTo === undefined || listNamesPeer(m.releasableTo, peer) ? [] : g.selectors;
    case 'tlp':
      if (m.level !== 'amber+strict') return judgeTlp(m.level, false, peer, rules, scratch) ? [] : g.selectors;
      return g.selectors.filter((s) => {
        const named = objectNamesOrg || namers.some((n) => covers(n, s));
        return !judgeTlp(m.level, named, peer, rules, scratch);
      });
  }
}

/**
 * Applies the granular markings of `o` for `peer`, pushing a reason for each property removed or
 * for what forces the whole object to be withheld.
 */
export function judgeGranular(
  o: StixObject,
  peer: PeerView,
  rules: PeerReleaseRules,
  ctx: ReleaseContext,
  objectNamesOrg: boolean,
  reasons: ReleaseReason[],
): GranularOutcome {
  const list: unknown = o.granular_markings;
  if (!wellFormed(list)) return 'malformed';
  const namers: string[] = [];
  for (const g of list) {
    if (g.marking_ref === undefined) continue;
    const m = ctx.markings.resolve(g.marking_ref);
    if (m.kind === 'handling' && m.releasableTo !== undefined && listNamesOrganisation(m.releasableTo, peer)) {
      namers.push(...g.selectors);
    }
  }
  const withheld: Segment[][] = [];
  let blocked = false;
  for (const g of list) {
    for (const selector of deniedSelectors(g, peer, rules, ctx, objectNamesOrg, namers)) {
      const p = { peer: peer.name, marking: g.marking_ref ?? '', selector };
      const segments = parseSelector(selector);
      if (segments === null || !resolves(o, segments)) {
        reasons.push(reason('granular.bad-selector', 'withhold', p));
        blocked = true;
      } else if (PROTECTED.has(segments[0] as string)) {
        reasons.push(reason('granular.protected', 'withhold', p));
        blocked = true;
      } else {
        reasons.push(reason('granular.redact', 'redact', p));
        withheld.push(entryOf(segments));
      }
    }
  }
  if (blocked) return 'withhold';
  if (withheld.length === 0) return 'release';
  // The originator's signature covers the whole object; the copy must be signed again by this node.
  if (Object.hasOwn(o, 'extensions') && isRecord(o.extensions) && Object.hasOwn(o.extensions, SIGNATURE_EXTENSION_ID)) {
    withheld.push(['extensions', SIGNATURE_EXTENSION_ID]);
  }
  const copy = redactCopy(o, withheld, list);
  const check = validateStixObject(copy, ctx.registry === undefined ? {} : { registry: ctx.registry });
  if (!check.ok) {
    const issue = check.issues[0];
    reasons.push(
      reason('granular.breaks-object', 'withhold', {
        peer: peer.name,
        problem: issue?.code ?? '?',
        path: issue?.path ?? '',
      }),
    );
    return { copy: null };
  }
  return { copy };
}
