import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GRADING_EXTENSION_ID, NODE_IDENTITY_EXTENSION_ID, SIGNATURE_EXTENSION_ID } from '../../stix/index.js';
import { evaluateRelease, type ReleaseDecision } from './evaluate.js';
import { CA_NODE, CONTEXT, MARKINGS, MX_NODE, PEER_CA, PEER_MX, TLP, UNKNOWN_MARKING, US_NODE, indicator, policyWith } from './fixtures.js';
import type { PeerReleaseRules } from './model.js';

const codes = (d: ReleaseDecision): string[] => d.reasons.map((r) => r.code);
const marked = (...refs: string[]) => indicator({ object_marking_refs: refs });
const run = (refs: string[], rules: Partial<PeerReleaseRules> = {}, peer = PEER_MX) =>
  evaluateRelease(marked(...refs), peer, policyWith(rules), CONTEXT);

describe('TLP rule', () => {
  const table: [string, string[], Partial<PeerReleaseRules>, string, string][] = [
    ['RED never leaves, even under the most open policy', [TLP.red], {}, 'withhold', 'tlp-red.withhold'],
    ['TLP 1.0 RED reads as RED', [TLP.red1], {}, 'withhold', 'tlp-red.withhold'],
    ['RED wins over GREEN on the same object', [TLP.green, TLP.red], {}, 'withhold', 'tlp-red.withhold'],
    ['AMBER+STRICT without the organisation named', [TLP.strict], {}, 'withhold', 'tlp-amber-strict.withhold'],
    ['AMBER+STRICT naming the peer organisation', [TLP.strict, MARKINGS.relMxOrg.id], {}, 'release', 'tlp-amber-strict.release'],
    ['AMBER+STRICT naming only the country', [TLP.strict, MARKINGS.relMx.id], {}, 'withhold', 'tlp-amber-strict.withhold'],
    ['AMBER allowed by the peer policy', [TLP.amber], {}, 'release', 'tlp-amber.release'],
    ['AMBER not allowed', [TLP.amber], { allow_amber: false }, 'withhold', 'tlp-amber.withhold'],
    ['TLP 1.0 AMBER maps to AMBER', [TLP.amber1], { allow_amber: false }, 'withhold', 'tlp-amber.withhold'],
    ['GREEN allowed', [TLP.green], {}, 'release', 'tlp-green.release'],
    ['GREEN not allowed', [TLP.green1], { allow_green: false }, 'withhold', 'tlp-green.withhold'],
    [
      'CLEAR under the strictest policy',
      [TLP.clear],
      { allow_green: false, allow_amber: false, ceiling: 'clear' },
      'release',
      'tlp-clear.release',
    ],
    ['TLP 1.0 WHITE is CLEAR', [TLP.white1], { ceiling: 'clear' }, 'release', 'tlp-clear.release'],
  ];
  for (const [title, refs, rules, decision, code] of table) {
    it(title, () => {
      const d = run(refs, rules);
      assert.equal(d.decision, decision);
      assert.ok(codes(d).includes(code), codes(d).join());
      assert.equal(d.released === undefined, decision === 'withhold');
    });
  }

  it('an object without TLP is judged as the policy says unmarked objects are', () => {
    const o = indicator({ object_marking_refs: undefined });
    assert.equal(evaluateRelease(o, PEER_MX, policyWith({ allow_amber: false }, 'amber'), CONTEXT).decision, 'withhold');
    assert.equal(evaluateRelease(o, PEER_MX, policyWith({ allow_amber: false }, 'green'), CONTEXT).decision, 'release');
    assert.equal(evaluateRelease(o, PEER_MX, policyWith({}, 'red'), CONTEXT).decision, 'withhold');
  });

  it('uses the peer entry of the policy, and the default for others', () => {
    const policy = { ...policyWith({ allow_amber: false }), peers: { mx: { ...policyWith().default } } };
    assert.equal(evaluateRelease(marked(TLP.amber), PEER_MX, policy, CONTEXT).decision, 'release');
    assert.equal(evaluateRelease(marked(TLP.amber), PEER_CA, policy, CONTEXT).decision, 'withhold');
  });
});

describe('ceiling rule', () => {
  it('withholds what the peer policy allows but lies above the ceiling', () => {
    const d = run([TLP.amber], { ceiling: 'green' });
    assert.equal(d.decision, 'withhold');
    assert.deepEqual(codes(d), ['tlp-amber.release', 'ceiling.withhold']);
    assert.deepEqual(d.reasons[1]?.params, { peer: 'mx', level: 'AMBER', ceiling: 'GREEN' });
  });
  it('stops AMBER+STRICT at an AMBER ceiling even when the organisation is named', () => {
    assert.equal(run([TLP.strict, MARKINGS.relMxOrg.id], { ceiling: 'amber' }).decision, 'withhold');
  });
});

describe('releasability rule', () => {
  it('releases to a peer whose country is listed', () => {
    assert.equal(run([TLP.green, MARKINGS.relMx.id]).decision, 'release');
  });
  it('withholds from a peer not listed', () => {
    const d = run([TLP.green, MARKINGS.relCa.id]);
    assert.equal(d.decision, 'withhold');
    assert.ok(codes(d).includes('releasability.withhold'));
    assert.equal(run([TLP.green, MARKINGS.relCa.id], {}, PEER_CA).decision, 'release');
  });
  it('needs the peer on every list the object carries', () => {
    assert.equal(run([TLP.green, MARKINGS.relMx.id, MARKINGS.relCa.id]).decision, 'withhold');
  });
  it('withholds objects under a marking the node does not know', () => {
    const d = run([TLP.clear, UNKNOWN_MARKING]);
    assert.equal(d.decision, 'withhold');
    assert.deepEqual(d.reasons[0], {
      rule: 'unknown-marking',
      effect: 'withhold',
      code: 'unknown-marking.withhold',
      params: { marking: UNKNOWN_MARKING },
    });
  });
  it('lets H0 and H3 markings through when nothing else forbids', () => {
    assert.equal(run([TLP.green, MARKINGS.h3.id]).decision, 'release');
    assert.equal(run([TLP.green, MARKINGS.h0RelMx.id]).decision, 'release');
  });
});

describe('third-party (H2) rule', () => {
  const theirs = (...refs: string[]) => indicator({ created_by_ref: CA_NODE, object_marking_refs: [TLP.green, ...refs] });
  const judge = (o: ReturnType<typeof theirs>, rules: Partial<PeerReleaseRules> = {}) =>
    evaluateRelease(o, PEER_MX, policyWith(rules), CONTEXT);
  it("never passes another node's object when the peer policy forbids it", () => {
    assert.deepEqual(codes(judge(theirs(MARKINGS.relMx.id), { allow_third_party: false })).at(-1), 'third-party.policy');
  });
  it("needs the originator's marking to name the peer", () => {
    assert.ok(codes(judge(theirs())).includes('third-party.not-named'));
    assert.equal(judge(theirs(MARKINGS.relMx.id)).decision, 'release');
  });
  it('never passes an H2 object on, even to a listed peer', () => {
    const d = judge(theirs(MARKINGS.relMx.id, MARKINGS.h2.id));
    assert.equal(d.decision, 'withhold');
    assert.ok(codes(d).includes('third-party.h2'));
  });
  it("counts an object with no known originator as another node's", () => {
    assert.equal(judge(indicator({ created_by_ref: undefined })).decision, 'withhold');
  });
  it('prefers the originator the store recorded, then the signer', () => {
    const o = indicator({ created_by_ref: CA_NODE });
    const ctx = { ...CONTEXT, originatorOf: () => US_NODE };
    assert.equal(evaluateRelease(o, PEER_MX, policyWith(), ctx).decision, 'release');
    const signed = indicator({
      created_by_ref: US_NODE,
      extensions: { [SIGNATURE_EXTENSION_ID]: { extension_type: 'property-extension', signer: CA_NODE } },
    });
    assert.equal(evaluateRelease(signed, PEER_MX, policyWith(), CONTEXT).decision, 'withhold');
  });
  it('never sends a peer its own objects back', () => {
    const d = evaluateRelease(indicator({ created_by_ref: MX_NODE }), PEER_MX, policyWith(), CONTEXT);
    assert.deepEqual(codes(d), ['echo.withhold']);
  });
});

describe('grading rule', () => {
  const graded = (r: string, c: number) =>
    indicator({
      extensions: { [GRADING_EXTENSION_ID]: { extension_type: 'property-extension', source_reliability: r, information_credibility: c } },
    });
  const min = { min_grading: { source_reliability: 'B' as const, information_credibility: 2 } };
  const table: [string, number, string][] = [
    ['A', 1, 'release'],
    ['B', 2, 'release'],
    ['C', 1, 'withhold'],
    ['A', 3, 'withhold'],
    ['X', 4, 'withhold'],
  ];
  for (const [r, c, decision] of table) {
    it(`${r}${c} against a minimum of B2: ${decision}`, () => {
      assert.equal(evaluateRelease(graded(r, c), PEER_MX, policyWith(min), CONTEXT).decision, decision);
    });
  }
  it('withholds ungraded or badly graded objects when a minimum is set, not otherwise', () => {
    assert.ok(codes(evaluateRelease(indicator(), PEER_MX, policyWith(min), CONTEXT)).includes('grading.ungraded'));
    assert.equal(evaluateRelease(graded('Z', 1), PEER_MX, policyWith(min), CONTEXT).decision, 'withhold');
    assert.equal(evaluateRelease(graded('A', 1.5), PEER_MX, policyWith(min), CONTEXT).decision, 'withhold');
    assert.equal(evaluateRelease(indicator(), PEER_MX, policyWith(min), CONTEXT).decision, 'withhold');
    assert.equal(evaluateRelease(indicator(), PEER_MX, policyWith(), CONTEXT).decision, 'release');
  });
  it('asks no grading of marking definitions or of the identity a node describes itself with', () => {
    const nodeCard = {
      type: 'identity',
      spec_version: '2.1',
      id: US_NODE,
      created: '2026-11-01T00:00:00.000Z',
      modified: '2026-11-01T00:00:00.000Z',
      name: 'U.S. node',
      identity_class: 'organization',
      created_by_ref: US_NODE,
      object_marking_refs: [TLP.clear],
      extensions: { [NODE_IDENTITY_EXTENSION_ID]: { extension_type: 'property-extension', node_name: 'us', country: 'US' } },
    };
    for (const o of [MARKINGS.relMx, nodeCard]) {
      const d = evaluateRelease(o, PEER_MX, policyWith(min), CONTEXT);
      assert.equal(d.decision, 'release', o.type);
      assert.ok(codes(d).includes('grading.exempt'));
    }
    const person = {
      ...nodeCard,
      id: 'identity--0b7f1f4e-55a9-4c36-9f57-07b0a4d0b7a1',
      identity_class: 'individual',
      extensions: undefined,
    };
    assert.equal(
      evaluateRelease(person, PEER_MX, policyWith(min), CONTEXT).decision,
      'withhold',
      'an identity that is intelligence is graded like any',
    );
  });
});

describe('explanations', () => {
  it('gives every reason a rule, an effect, a code and params', () => {
    const d = run([TLP.amber, MARKINGS.relCa.id], { ceiling: 'green' });
    assert.deepEqual(
      d.reasons.map((r) => `${r.rule}:${r.effect}`),
      ['tlp-amber:release', 'ceiling:withhold', 'releasability:withhold'],
    );
  });
  it('releases the very object, unchanged, when nothing is redacted', () => {
    const o = marked(TLP.green);
    const d = evaluateRelease(o, PEER_MX, policyWith(), CONTEXT);
    assert.equal(d.released, o);
  });
});
