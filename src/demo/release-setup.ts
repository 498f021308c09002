/**
 * TEST HELPER — not for production paths. Two test nodes named as in the demo ("us", "mx"), each
 * with the demo's release policy, seeded with the demo scenario over TAXII, synced both ways; then
 * the U.S. node revokes the scenario's object and both sync again — as `npm run demo` does.
 */
import assert from 'node:assert/strict';
import type { StoredVersionWithBody } from '../store/types.js';
import { allVersions, postObjects } from '../sync/testing.js';
import { pinPeers, startTestNode, type Backend, type TestNode } from '../test-support/nodes.js';
import { expectRelease, type Expectation } from './release-expected.js';
import { MX_RELEASE_POLICY, US_RELEASE_POLICY, mxObjects, usObjects, usRevocation, type ScenarioNodes } from './scenario.js';

export interface DemoPair {
  us: TestNode;
  mx: TestNode;
  nodes: ScenarioNodes;
  /** The U.S. handling marking definitions, as the scenario writes them. */
  markingDefinitions: ReturnType<typeof usObjects>;
  /** What Mexico should have received after the first sync (before the revocation), and what it stored. */
  firstSync: { expected: Expectation; mxHeld: StoredVersionWithBody[] };
  /** What Mexico should receive now. */
  expected: Expectation;
  close(): Promise<void>;
}

/**
 * Both nodes pull from and push to each other once; fails the test when a pass fails or refuses
 * anything. With `mexicoPulls` false only the U.S. node syncs: Mexico receives by push alone.
 */
export async function syncBoth(us: TestNode, mx: TestNode, mexicoPulls = true): Promise<void> {
  const passes = mexicoPulls
    ? ([
        [mx, 'us'],
        [us, 'mx'],
      ] as const)
    : ([[us, 'mx']] as const);
  for (const [node, peer] of passes) {
    const [report] = await node.engine.syncNow(peer);
    assert.ok(report?.ok, `sync ${node.name} ↔ ${peer}: ${report?.error ?? 'no report'}`);
    assert.equal(report.pullRejected + report.pushRejected, 0, `sync ${node.name} ↔ ${peer} refused nothing`);
  }
}

/** The versions `node` holds that `originator` originated. */
export async function heldFrom(node: TestNode, originator: TestNode): Promise<StoredVersionWithBody[]> {
  return (await allVersions(node.ctx.store, node.collectionId)).filter((r) => r.originator === originator.ctx.identity.id);
}

export async function startDemoPair(backend: Backend, opts: { mexicoPulls?: boolean } = {}): Promise<DemoPair> {
  const mexicoPulls = opts.mexicoPulls ?? true;
  const [us, mx] = await Promise.all([
    startTestNode({ name: 'us', country: 'US', backend, releasePolicy: { ...US_RELEASE_POLICY } }),
    startTestNode({ name: 'mx', country: 'MX', backend, releasePolicy: { ...MX_RELEASE_POLICY } }),
  ]);
  try {
    await pinPeers(us, mx);
    const nodes = { usIdentity: us.ctx.identity.id, mxIdentity: mx.ctx.identity.id };
    const usSeed = usObjects(nodes);
    const markingDefinitions = usSeed.filter((o) => o.type === 'marking-definition');
    for (const [node, objects] of [
      [us, usSeed],
      [mx, mxObjects(nodes)],
    ] as const) {
      const status = await postObjects(node, objects);
      assert.equal(status.failure_count, 0, JSON.stringify(status.failures));
    }
    await syncBoth(us, mx, mexicoPulls);
    const firstSync = { expected: await expectRelease(us, mx, US_RELEASE_POLICY, markingDefinitions), mxHeld: await heldFrom(mx, us) };
    const revoked = await postObjects(us, [usRevocation(nodes)]);
    assert.equal(revoked.success_count, 1, JSON.stringify(revoked.failures));
    await syncBoth(us, mx, mexicoPulls);
    const expected = await expectRelease(us, mx, US_RELEASE_POLICY, markingDefinitions);
    return {
      us,
      mx,
      nodes,
      markingDefinitions,
      firstSync,
      expected,
      close: async () => {
        await Promise.all([us.close(), mx.close()]);
      },
    };
  } catch (e) {
    await Promise.all([us.close(), mx.close()]);
    throw e;
  }
}
