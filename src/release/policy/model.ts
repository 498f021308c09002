/**
 * The originator's release policy as data: what this node lets leave, per peer. It is stored and
 * versioned, shown in the console, and read by the one evaluator (evaluate.ts) every way out calls.
 */
import { z } from 'zod';
import { SOURCE_RELIABILITY } from '../../stix/definitions/grading.js';

/** The levels an administrator may set as a ceiling: TLP:RED never leaves, so it is not one. */
export const CEILING_LEVELS = ['clear', 'green', 'amber', 'amber+strict'] as const;
export type Ceiling = (typeof CEILING_LEVELS)[number];

const TLP_LEVEL_ENUM = z.enum(['clear', 'green', 'amber', 'amber+strict', 'red']);

/** The weakest grading a peer may receive; objects graded below it, or not graded, are withheld. */
export const MinGradingSchema = z.strictObject({
  source_reliability: z.enum(SOURCE_RELIABILITY),
  information_credibility: z.number().int().min(1).max(4),
});
export type MinGrading = z.infer<typeof MinGradingSchema>;

/** What one peer may receive. */
export const PeerReleaseRulesSchema = z.strictObject({
  /** TLP:GREEN may go to this peer. */
  allow_green: z.boolean(),
  /** TLP:AMBER may go to this peer (AMBER+STRICT additionally needs the peer's organisation named). */
  allow_amber: z.boolean(),
  /** Nothing above this level leaves for this peer, whatever else allows it. */
  ceiling: z.enum(CEILING_LEVELS),
  min_grading: MinGradingSchema.optional(),
  /**
   * Objects another node originated may be passed on to this peer — still only when the
   * originator's marking names the peer and is not H2.
   */
  allow_third_party: z.boolean(),
});
export type PeerReleaseRules = z.infer<typeof PeerReleaseRulesSchema>;

/** Peer names as the peers table stores them. */
const PEER_NAME = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/);

/**
 * A version of the node's release policy. A peer without its own entry gets `default`; entries
 * are complete rather than overrides, so what a peer gets can be read off one entry.
 */
export const ReleasePolicySchema = z.strictObject({
  version: z.number().int().min(1),
  updated_at: z.iso.datetime(),
  /** How an object carrying no TLP marking is treated; amber unless administrators decide otherwise. */
  unmarked_as: TLP_LEVEL_ENUM,
  default: PeerReleaseRulesSchema,
  peers: z.record(PEER_NAME, PeerReleaseRulesSchema),
});
export type ReleasePolicy = z.infer<typeof ReleasePolicySchema>;

/** Nothing but TLP:CLEAR of this node's own objects leaves; the policy a fresh node starts with. */
export const DEFAULT_RELEASE_POLICY: ReleasePolicy = {
  version: 1,
  updated_at: '2026-11-01T00:00:00.000Z',
  unmarked_as: 'amber',
  default: { allow_green: false, allow_amber: false, ceiling: 'clear', allow_third_party: false },
  peers: {},
};

export type ParsePolicyResult =
  { ok: true; policy: ReleasePolicy } | { ok: false; issues: { code: 'policy-invalid'; params: { path: string; problem: string } }[] };

/** Validates stored or submitted policy data; never throws. */
export function parseReleasePolicy(data: unknown): ParsePolicyResult {
  const r = ReleasePolicySchema.safeParse(data);
  if (r.success) return { ok: true, policy: r.data };
  return {
    ok: false,
    issues: r.error.issues.slice(0, 50).map((i) => ({
      code: 'policy-invalid' as const,
      params: { path: '/' + i.path.map(String).join('/'), problem: i.code },
    })),
  };
}

/** The rules that apply to one peer. */
export function rulesForPeer(policy: ReleasePolicy, peerName: string): PeerReleaseRules {
  return Object.hasOwn(policy.peers, peerName) ? (policy.peers[peerName] ?? policy.default) : policy.default;
}

/** The facts about a peer the evaluator needs. */
export interface PeerView {
  /** The peer's local name (key into `policy.peers`). */
  readonly name: string;
  /** The peer node's identity id. */
  readonly identityId: string;
  /** The identity id of the organisation the peer node belongs to (AMBER+STRICT names it). */
  readonly organisationId: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}
