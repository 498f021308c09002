/**
 * Property-based tests: random objects, markings, grading and originators × random peers and
 * policies; an independent oracle (oracle.ts) checks that nothing released breaks the policy.
 * FC_RUNS sets the total number of generated cases (default 100,000), split across properties.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FACTS, objectArb, peerArb, policyArb } from './arbitraries.js';
import { evaluateRelease } from './evaluate.js';
import { CONTEXT, CA_NODE, MARKINGS, TLP, US_ORG } from './fixtures.js';
import type { PeerReleaseRules } from './model.js';
import { violations } from './oracle.js';
import { SIGNATURE_EXTENSION_ID, type StixObject } from '../../stix/index.js';

const TOTAL = Math.max(1000, Number(process.env['FC_RUNS'] ?? 100_000) || 100_000);
const runs = (share: number) => Math.round(TOTAL * share);

function check(o: StixObject, peer: Parameters<typeof evaluateRelease>[1], policy: Parameters<typeof evaluateRelease>[2]) {
  const before = JSON.stringify(o);
  const d = evaluateRelease(o, peer, policy, CONTEXT);
  assert.equal(JSON.stringify(o), before, 'the evaluator changed its input');
  const v = violations(o as Record<string, unknown>, peer, policy, FACTS, d);
  assert.deepEqual(v, [], JSON.stringify({ o, peer: peer.name, policy, d }, null, 1));
  assert.ok(d.reasons.length > 0, 'every decision explains itself');
  return d;
}

describe('release policy properties', () => {
  it('nothing a peer receives breaks the policy (random objects, peers, policies)', () => {
    const seen = { release: 0, withhold: 0, redact: 0 };
    fc.assert(
      fc.property(objectArb, peerArb, policyArb, (o, peer, policy) => {
        seen[check(o, peer, policy).decision]++;
      }),
      { numRuns: runs(0.35) },
    );
    // The generators must reach every outcome, or the property proves little.
    for (const [k, n] of Object.entries(seen)) assert.ok(n > runs(0.35) / 500, `${k}: ${n}`);
  });

  it('redacted copies keep nothing a withheld granular marking covers, and stay consistent', () => {
    // The object itself may go (local, GREEN, GREEN allowed), so its granular markings decide.
    const open = (r: PeerReleaseRules): PeerReleaseRules => {
      const { min_grading: _drop, ...rest } = r;
      return { ...rest, allow_green: true, ceiling: r.ceiling === 'clear' ? 'green' : r.ceiling };
    };
    const focus = fc
      .tuple(objectArb, policyArb, fc.constantFrom<string[]>([TLP.green], [TLP.green1, MARKINGS.relMx.id], [TLP.clear]))
      .map(([o, policy, refs]) => {
        const signature = { extension_type: 'property-extension', signer: US_ORG, key_fingerprint: '0'.repeat(64), jws: 'e30..c2ln' };
        const obj: StixObject = { ...o, object_marking_refs: refs, extensions: { ...o.extensions, [SIGNATURE_EXTENSION_ID]: signature } };
        if (obj.type !== 'url') obj.created_by_ref = US_ORG;
        const peers = Object.fromEntries(Object.entries(policy.peers).map(([k, r]) => [k, open(r)]));
        return [obj, { ...policy, default: open(policy.default), peers }] as const;
      });
    let redacted = 0;
    fc.assert(
      fc.property(focus, peerArb, ([o, policy], peer) => {
        if (check(o, peer, policy).decision === 'redact') redacted++;
      }),
      { numRuns: runs(0.3) },
    );
    assert.ok(redacted > runs(0.3) / 20, `redacted: ${redacted}`);
  });

  it('third-party objects leave only as their originator allows', () => {
    const theirs = fc
      .tuple(
        objectArb,
        fc.subarray([MARKINGS.relMx.id, MARKINGS.relCa.id, MARKINGS.h2.id, MARKINGS.h0RelMx.id, MARKINGS.relMxOrg.id]),
        fc.constantFrom(TLP.clear, TLP.green, TLP.amber),
      )
      .map(([o, refs, tlp]): StixObject => ({ ...o, created_by_ref: CA_NODE, extensions: undefined, object_marking_refs: [tlp, ...refs] }))
      .map((o) => JSON.parse(JSON.stringify(o)) as StixObject);
    let released = 0;
    fc.assert(
      fc.property(theirs, peerArb, policyArb, (o, peer, policy) => {
        if (check(o, peer, policy).decision !== 'withhold') released++;
      }),
      { numRuns: runs(0.1) },
    );
    assert.ok(released > 0, 'some third-party objects must be passed on');
  });

  it('tampered objects never throw and never leak', () => {
    const keys = [
      'object_marking_refs',
      'granular_markings',
      'created_by_ref',
      'extensions',
      'description',
      'external_references',
      'type',
      'id',
    ];
    const tampered = fc
      .tuple(objectArb, fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }))
      .map(([o, k, v]) => ({ ...o, [k]: v }) as StixObject);
    fc.assert(
      fc.property(tampered, peerArb, policyArb, (o, peer, policy) => {
        check(o, peer, policy);
      }),
      { numRuns: runs(0.15) },
    );
  });

  it('arbitrary values are withheld or judged, never thrown on', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3, withObjectString: true, withNullPrototype: true }), peerArb, policyArb, (v, peer, policy) => {
        const d = evaluateRelease(v, peer, policy, CONTEXT);
        assert.equal(d.decision, 'withhold');
      }),
      { numRuns: runs(0.1) },
    );
  });
});
