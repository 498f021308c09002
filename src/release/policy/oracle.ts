/**
 * An independent checker for the property tests: reads the original object, the policy and the
 * evaluator's answer, and lists every way the answer lets out what the policy forbids. It is
 * written from the rules themselves, shares no code with the evaluator, and favours being
 * obviously right over being fast. Content strings carry unique tokens (`~t12~`) so that a leak
 * can be found in the released copy whatever it was renamed or re-indexed to.
 */
import { GRADING_EXTENSION_ID, NODE_IDENTITY_EXTENSION_ID, SIGNATURE_EXTENSION_ID } from '../../stix/index.js';
import type { ReleaseDecision } from './evaluate.js';
import type { PeerView, ReleasePolicy } from './model.js';

type Level = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
const ORDER: Level[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** What the checker knows of markings, written out by the test rather than read by the evaluator's code. */
export interface OracleFacts {
  readonly tlp: Readonly<Record<string, Level>>;
  readonly lists: Readonly<Record<string, readonly string[]>>;
  readonly h2: ReadonlySet<string>;
  /** Every marking id the node knows (TLP and Enlace markings alike). */
  readonly known: ReadonlySet<string>;
  readonly local: ReadonlySet<string>;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every string inside `v`, with its path written as a STIX selector. */
function leaves(v: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof v === 'string') out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${path}.[${i}]`, out));
  else if (isObj(v)) for (const k of Object.keys(v)) leaves(v[k], path === '' ? k : `${path}.${k}`, out);
  return out;
}

const tokens = (s: string): string[] => s.match(/~t\d+~/g) ?? [];
const within = (selector: string, path: string) => path === selector || path.startsWith(selector + '.');

function resolve(root: unknown, selector: string): boolean {
  let at = root;
  for (const step of selector.split('.')) {
    const m = /^\[(\d+)\]$/.exec(step);
    if (m) {
      if (!Array.isArray(at) || Number(m[1]) >= at.length) return false;
      at = at[Number(m[1])];
    } else {
      if (!isObj(at) || !Object.hasOwn(at, step)) return false;
      at = at[step];
    }
  }
  return true;
}

/**
 * Lists the violations of `policy` in what `decision` sends `peer` of `original` (empty when
 * none). `original` must be the object the evaluator was given.
 */
export function violations(original: Json, peer: PeerView, policy: ReleasePolicy, facts: OracleFacts, decision: ReleaseDecision): string[] {
  const out: string[] = [];
  if (decision.decision === 'withhold') {
    if (decision.released !== undefined) out.push('withheld, yet something is released');
    return out;
  }
  const sent = decision.released;
  if (!isObj(sent)) return ['nothing released on ' + decision.decision];
  const rules = (Object.hasOwn(policy.peers, peer.name) ? policy.peers[peer.name] : undefined) ?? policy.default;
  const objRefs = Array.isArray(original['object_marking_refs']) ? (original['object_marking_refs'] as string[]) : [];
  const objLevels = objRefs.map((r) => facts.tlp[r]).filter((l): l is Level => l !== undefined);
  const objLevel = objLevels.length > 0 ? objLevels.reduce((a, b) => (ORDER.indexOf(a) > ORDER.indexOf(b) ? a : b)) : policy.unmarked_as;

  /** May content under these markings (on top of the object's TLP level) go to the peer? */
  const allowed = (refs: readonly string[], why: string): boolean => {
    let level: Level = objLevel;
    for (const r of refs) {
      if (!facts.known.has(r)) {
        out.push(`${why}: unknown marking ${r}`);
        return false;
      }
      const l = facts.tlp[r];
      if (l !== undefined && ORDER.indexOf(l) > ORDER.indexOf(level)) level = l;
    }
    const lists = refs.map((r) => facts.lists[r]).filter((l): l is readonly string[] => l !== undefined);
    const problems: string[] = [];
    if (level === 'red') problems.push('RED');
    if (ORDER.indexOf(level) > ORDER.indexOf(rules.ceiling)) problems.push(`${level} above ceiling ${rules.ceiling}`);
    if (level === 'amber' && !rules.allow_amber) problems.push('AMBER not allowed');
    if (level === 'green' && !rules.allow_green) problems.push('GREEN not allowed');
    if (level === 'amber+strict' && !lists.some((l) => l.includes(peer.organisationId) || l.includes(peer.identityId))) {
      problems.push('AMBER+STRICT to an organisation not named');
    }
    for (const l of lists) {
      if (!l.includes(peer.identityId) && !l.includes(peer.organisationId) && !l.includes(peer.country))
        problems.push('not releasable to peer');
    }
    for (const p of problems) out.push(`${why}: ${p}`);
    return problems.length === 0;
  };

  allowed(objRefs, 'object');
  if (JSON.stringify(sent['object_marking_refs']) !== JSON.stringify(original['object_marking_refs'])) out.push('object markings changed');
  if (sent['id'] !== original['id'] || sent['type'] !== original['type']) out.push('identity of the object changed');

  const exts = isObj(original['extensions']) ? original['extensions'] : {};
  const sig = exts[SIGNATURE_EXTENSION_ID];
  const originator = isObj(sig) && typeof sig['signer'] === 'string' ? sig['signer'] : original['created_by_ref'];
  if (originator === peer.identityId || originator === peer.organisationId) out.push('object sent back to its originator');
  if (typeof originator !== 'string' || !facts.local.has(originator)) {
    if (!rules.allow_third_party) out.push('third-party object, policy forbids');
    if (objRefs.some((r) => facts.h2.has(r))) out.push('third-party object marked H2');
    if (!objRefs.some((r) => facts.lists[r] !== undefined)) out.push('third-party object, originator names nobody');
    if (decision.decision === 'redact') out.push('third-party object altered');
  }
  // Definitions and a node's own identity card are not intelligence, so no grading applies to them.
  const describesNode = original['type'] === 'identity' && Object.hasOwn(exts, NODE_IDENTITY_EXTENSION_ID);
  const ungradable = original['type'] === 'marking-definition' || original['type'] === 'extension-definition' || describesNode;
  if (rules.min_grading !== undefined && !ungradable) {
    const g = exts[GRADING_EXTENSION_ID];
    const okGrade =
      isObj(g) &&
      'ABCX'.indexOf(String(g['source_reliability'])) >= 0 &&
      'ABCX'.indexOf(String(g['source_reliability'])) <= 'ABCX'.indexOf(rules.min_grading.source_reliability) &&
      typeof g['information_credibility'] === 'number' &&
      g['information_credibility'] <= rules.min_grading.information_credibility;
    if (!okGrade) out.push('grading below the minimum');
  }
  if (decision.decision === 'release' && JSON.stringify(sent) !== JSON.stringify(original)) out.push('release changed the object');

  // Property level: no token of a withheld region may appear; a kept token keeps its granular markings.
  const granular = Array.isArray(original['granular_markings']) ? (original['granular_markings'] as unknown as Json[]) : [];
  const sentText = JSON.stringify(sent);
  const sentPaths = new Map<string, string>();
  for (const [path, s] of leaves(sent, '', [])) for (const t of tokens(s)) sentPaths.set(t, path);
  const sentGranular = Array.isArray(sent['granular_markings']) ? (sent['granular_markings'] as unknown as Json[]) : [];
  // A released object is the originator's as stored; only a redacted copy is this evaluator's to keep consistent.
  if (decision.decision === 'redact')
    for (const g of sentGranular) {
      for (const s of g['selectors'] as string[]) if (!resolve(sent, s)) out.push(`released selector ${s} selects nothing`);
    }
  for (const [path, s] of leaves(original, '', [])) {
    if (path.startsWith('granular_markings') || path.startsWith('object_marking_refs')) continue;
    const over = granular.filter(
      (g) => Array.isArray(g['selectors']) && (g['selectors'] as unknown[]).some((sel) => typeof sel === 'string' && within(sel, path)),
    );
    const refs = over.map((g) => g['marking_ref']).filter((r): r is string => typeof r === 'string');
    for (const t of tokens(s)) {
      if (!sentText.includes(t)) continue;
      allowed([...objRefs, ...refs], `property ${path}`);
      const at = sentPaths.get(t);
      for (const r of refs) {
        const kept =
          at !== undefined &&
          sentGranular.some((g) => g['marking_ref'] === r && (g['selectors'] as string[]).some((sel) => within(sel, at)));
        if (!kept) out.push(`property ${path} lost its marking ${r}`);
      }
    }
  }
  return out;
}
