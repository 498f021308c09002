/**
 * The release policies the demo saves on each node: what each administrator lets go to the other
 * node. Data only; each node's one evaluator (src/release/policy) applies them on every way out.
 */
import type { PeerReleaseRules, ReleasePolicy } from '../release/policy/index.js';

/** A release policy as an administrator submits it; the node numbers and dates each saved version. */
export type DemoReleasePolicy = Omit<ReleasePolicy, 'version' | 'updated_at'>;

/** A peer not named in the policy gets what a fresh node shares: TLP:CLEAR only. */
const CLEAR_ONLY: PeerReleaseRules = { allow_green: false, allow_amber: false, ceiling: 'clear', allow_third_party: false };

/**
 * The U.S. node, for the Mexico node (peer `mx`): GREEN and AMBER; AMBER+STRICT where the
 * originator names Mexico's organisation; never TLP:RED; nothing other nodes originated.
 */
export const US_RELEASE_POLICY: DemoReleasePolicy = {
  unmarked_as: 'amber',
  default: CLEAR_ONLY,
  peers: { mx: { allow_green: true, allow_amber: true, ceiling: 'amber+strict', allow_third_party: false } },
};

/** The Mexico node, for the U.S. node (peer `us`): GREEN and AMBER back. */
export const MX_RELEASE_POLICY: DemoReleasePolicy = {
  unmarked_as: 'amber',
  default: CLEAR_ONLY,
  peers: { us: { allow_green: true, allow_amber: true, ceiling: 'amber', allow_third_party: false } },
};
