/**
 * The seed data of the two-node demo: a fictional fentanyl and precursor-chemical network working
 * between Sinaloa/Sonora and Arizona, as the U.S. node and the Mexico node each know it. Ids and
 * timestamps are fixed, so a second run submits exact duplicates that the nodes ignore.
 *
 * Objects are unsigned: each node signs what its own accounts submit and becomes the originator.
 *
 * @example
 * const nodes = { usIdentity: usConfig.node.identityId, mxIdentity: mxConfig.node.identityId };
 * await post(usNode, usObjects(nodes));
 * await post(mxNode, mxObjects(nodes));
 */
import { isValidIdentifier, type StixObject } from '../stix/index.js';
import type { DemoMessageCode } from './messages.js';
import type { ScenarioNodes } from './scenario-kit.js';
import { buildMxObjects } from './scenario-mx.js';
import { US_RED_IDS } from './scenario-us.js';
import { buildUsObjects, buildUsRevocation } from './scenario-us-release.js';

export type { ScenarioNodes } from './scenario-kit.js';
export { US_MARKING, US_RELEASE, US_REVOKED_ID } from './scenario-us-release.js';
export { MX_RELEASE_POLICY, US_RELEASE_POLICY, type DemoReleasePolicy } from './scenario-policy.js';

/** The node identities handed to the scenario are unusable; `code` is a key of `demoMessages`. */
export class ScenarioError extends Error {
  constructor(
    readonly code: DemoMessageCode,
    readonly params: Record<string, string>,
  ) {
    super(
      `${code} (${Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`,
    );
    this.name = 'ScenarioError';
  }
}

/** At most this much of a rejected value is echoed back, so an oversized input stays a short message. */
const ECHO_LIMIT = 80;

function checkNodes(nodes: ScenarioNodes): void {
  for (const [node, value] of [
    ['us', nodes.usIdentity],
    ['mx', nodes.mxIdentity],
  ] as const) {
    if (!isValidIdentifier(value, ['identity'])) {
      throw new ScenarioError('scenario.node-identity-invalid', { node, value: String(value).slice(0, ECHO_LIMIT) });
    }
  }
  // Same identity on both sides would make every object look like the partner's own.
  if (nodes.usIdentity.toLowerCase() === nodes.mxIdentity.toLowerCase()) {
    throw new ScenarioError('scenario.node-identities-equal', { value: nodes.usIdentity });
  }
}

/**
 * What the U.S. node originates (about 75 object versions, English text): its handling markings
 * first, later versions last. Throws ScenarioError on bad node ids.
 */
export function usObjects(nodes: ScenarioNodes): StixObject[] {
  checkNodes(nodes);
  return buildUsObjects(nodes);
}

/**
 * The revocation the U.S. node sends once Mexico holds the object (US_REVOKED_ID): its last
 * version, with `revoked: true`. Throws ScenarioError on bad node ids.
 */
export function usRevocation(nodes: ScenarioNodes): StixObject {
  checkNodes(nodes);
  return buildUsRevocation(nodes);
}

/** What the Mexico node originates (about 25 objects, Mexican Spanish text). Throws ScenarioError on bad node ids. */
export function mxObjects(nodes: ScenarioNodes): StixObject[] {
  checkNodes(nodes);
  return buildMxObjects(nodes);
}

/** Ids of the U.S. objects marked TLP:RED; none of them may ever reach the Mexico node. */
export const DEMO_RED_IDS: string[] = [...US_RED_IDS];
