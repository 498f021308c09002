/**
 * Editing the release policy in a form: the rules of one peer, whether a peer follows the
 * default, and the body PUT /api/v1/release/policy takes (the node numbers the version).
 */
import type { Ceiling, PeerRules, ReleasePolicy, SourceReliability, TlpLevel } from './types.js';

export interface PolicyDraft {
  unmarked_as: TlpLevel;
  default: PeerRules;
  /** Peers with rules of their own; a peer absent here follows the default. */
  peers: Record<string, PeerRules>;
}

export function draftOf(p: ReleasePolicy): PolicyDraft {
  return {
    unmarked_as: p.unmarked_as,
    default: { ...p.default },
    peers: Object.fromEntries(Object.entries(p.peers).map(([k, v]) => [k, { ...v }])),
  };
}

/** The body to save; `version` and `updated_at` are the node's to set. */
export function policyBody(d: PolicyDraft): { unmarked_as: TlpLevel; default: PeerRules; peers: Record<string, PeerRules> } {
  const clean = (r: PeerRules): PeerRules => ({
    allow_green: r.allow_green,
    allow_amber: r.allow_amber,
    ceiling: r.ceiling,
    allow_third_party: r.allow_third_party,
    ...(r.min_grading ? { min_grading: { ...r.min_grading } } : {}),
  });
  return {
    unmarked_as: d.unmarked_as,
    default: clean(d.default),
    peers: Object.fromEntries(Object.entries(d.peers).map(([k, v]) => [k, clean(v)])),
  };
}

export function withPeerRules(d: PolicyDraft, peer: string, rules: PeerRules | null): PolicyDraft {
  const peers = { ...d.peers };
  if (rules === null) delete peers[peer];
  else peers[peer] = rules;
  return { ...d, peers };
}

export function setMinGrading(r: PeerRules, reliability: SourceReliability | '', credibility: number): PeerRules {
  const { min_grading: _dropped, ...rest } = r;
  return reliability === '' ? rest : { ...rest, min_grading: { source_reliability: reliability, information_credibility: credibility } };
}

export function sameDraft(a: PolicyDraft, b: PolicyDraft): boolean {
  return JSON.stringify(policyBody(a)) === JSON.stringify(policyBody(b));
}

/**
 * Rules that contradict themselves, so the form can say so before the node refuses nothing but
 * quietly withholds: AMBER allowed under a GREEN ceiling never leaves.
 */
export function ruleWarnings(r: PeerRules): ('amber-above-ceiling' | 'green-above-ceiling')[] {
  const order: Ceiling[] = ['clear', 'green', 'amber', 'amber+strict'];
  const out: ('amber-above-ceiling' | 'green-above-ceiling')[] = [];
  if (r.allow_amber && order.indexOf(r.ceiling) < order.indexOf('amber')) out.push('amber-above-ceiling');
  if (r.allow_green && r.ceiling === 'clear') out.push('green-above-ceiling');
  return out;
}
