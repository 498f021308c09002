import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson, stripSignature } from '../crypto/index.js';
import {
  GRADING_EXTENSION_ID,
  SIGNATURE_EXTENSION_ID,
  TLP1_MARKING_IDS,
  TLP2_MARKING_IDS,
  TLP_LEVELS,
  tlpLevelOf,
  type StixObject,
} from '../stix/index.js';
import { SAMPLE_SIGNATURE, VALID_SAMPLES } from '../stix/samples.js';
import type { ProposedChange } from './model.js';
import { PROTECTED_PROPERTIES, applyChange, checkChange, markingsKept } from './rules.js';
import { nextModified } from './service.js';

const H2 = 'marking-definition--3b7f5c9e-2a1d-4e8b-9c6f-0d1e2f3a4b5c';
const REL_MX = 'marking-definition--8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d';

/** A U.S. indicator as the MX node holds it: signed, graded, GREEN and H2. */
const target: StixObject = {
  ...structuredClone(VALID_SAMPLES['indicator'] as StixObject),
  created_by_ref: 'identity--0b3b1f4e-7f0a-4c1e-9a56-5f2d9c1e4a10',
  description: 'Courier phone used by the Sonora cell.',
  confidence: 60,
  object_marking_refs: [TLP2_MARKING_IDS.green, H2],
  extensions: {
    [SIGNATURE_EXTENSION_ID]: SAMPLE_SIGNATURE,
    [GRADING_EXTENSION_ID]: { extension_type: 'property-extension', source_reliability: 'B', information_credibility: 2 },
  },
};

const change = (changes: Record<string, unknown>, removals: string[] = []): ProposedChange => ({ changes, removals });
const code = (c: ProposedChange, on: StixObject = target) => checkChange(on, c)?.code ?? null;

describe('what a partner may propose', () => {
  it('sets and removes ordinary properties', () => {
    assert.equal(code(change({ confidence: 85, labels: ['corroborated'] }, ['description'])), null);
    assert.equal(code(change({ x_enlace_note: 'new custom property' })), null);
  });

  it('never the properties the originator alone sets', () => {
    for (const property of PROTECTED_PROPERTIES) {
      assert.equal(code(change({ [property]: 'x' })), 'protected', `set ${property}`);
      assert.equal(code(change({}, [property])), 'protected', `remove ${property}`);
    }
  });

  it('refuses what is empty, unnamed, doubled, absent or no change at all', () => {
    assert.equal(code(change({})), 'empty');
    for (const name of ['Name', 'ab', 'with-dash', '__proto__', 'constructor', 'x'.repeat(251)]) {
      assert.equal(code(change({}, [name])), 'property-name', name);
    }
    assert.equal(code(change({ confidence: 1 }, ['confidence'])), 'set-and-removed');
    assert.equal(code(change({}, ['kill_chain_phases'])), 'not-present');
    assert.equal(code(change({ confidence: 60 })), 'no-change');
    assert.equal(code(change(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p_${i}x`, i])))), 'too-many');
    assert.equal(code(change({ description: 'x'.repeat(300_000) })), 'too-large');
  });

  it('refuses targets that have no versions or are proposals themselves', () => {
    assert.equal(code(change({ value: '198.51.100.8' }), VALID_SAMPLES['ipv4-addr'] as StixObject), 'not-proposable');
    assert.equal(code(change({ name: 'x' }), { ...target, type: 'x-enlace-proposal' }), 'not-proposable');
    assert.equal(code(change({ name: 'x' }), VALID_SAMPLES['marking-definition'] as StixObject), 'not-proposable');
  });

  it('lets markings only gain: no marking dropped, no TLP level lowered', () => {
    assert.equal(code(change({}, ['object_marking_refs'])), 'markings-lowered');
    assert.equal(code(change({ object_marking_refs: [TLP2_MARKING_IDS.amber, H2] })), null, 'GREEN to AMBER');
    assert.equal(code(change({ object_marking_refs: [TLP2_MARKING_IDS.green, H2, REL_MX] })), null, 'a releasability list added');
    assert.equal(code(change({ object_marking_refs: [TLP1_MARKING_IDS.green, H2] })), null, 'the same level under TLP 1.0');
    assert.equal(code(change({ object_marking_refs: [TLP2_MARKING_IDS.clear, H2] })), 'markings-lowered', 'GREEN to CLEAR');
    assert.equal(code(change({ object_marking_refs: [TLP2_MARKING_IDS.amber] })), 'markings-lowered', 'H2 dropped');
    assert.equal(code(change({ object_marking_refs: [H2] })), 'markings-lowered', 'TLP dropped');
  });

  it("on an object without TLP, allows only TLP:RED to be added (its level is the originator's unmarked_as)", () => {
    assert.equal(markingsKept(undefined, [TLP2_MARKING_IDS.red]), true);
    assert.equal(markingsKept(undefined, [REL_MX]), true);
    for (const level of ['clear', 'green', 'amber', 'amber+strict'] as const)
      assert.equal(markingsKept(undefined, [TLP2_MARKING_IDS[level]]), false, level);
  });

  it('makes the next version: change applied, new modified, old signature gone, all else kept', () => {
    const next = applyChange(target, change({ confidence: 85 }, ['description']), '2026-12-01T00:00:00.000Z');
    assert.equal(next['confidence'], 85);
    assert.equal(Object.hasOwn(next, 'description'), false);
    assert.equal(next.modified, '2026-12-01T00:00:00.000Z');
    assert.equal(next.extensions?.[SIGNATURE_EXTENSION_ID], undefined);
    assert.deepEqual(next.extensions?.[GRADING_EXTENSION_ID], target.extensions?.[GRADING_EXTENSION_ID]);
    assert.equal(target['description'], 'Courier phone used by the Sonora cell.', 'the target itself is untouched');
  });

  it('stamps a modified after the previous one even when the clock is behind', () => {
    assert.equal(nextModified('2026-11-01T10:00:00.000Z', Date.parse('2030-01-01T00:00:00Z') * 1000), '2030-01-01T00:00:00.000Z');
    assert.equal(nextModified('2026-11-01T10:00:00.000Z', 0), '2026-11-01T10:00:00.001Z');
    assert.equal(nextModified('2026-11-01T10:00:00.000999Z', 0), '2026-11-01T10:00:00.001Z');
  });
});

const ORDINARY = [
  'object_marking_refs',
  'name',
  'description',
  'confidence',
  'labels',
  'valid_until',
  'external_references',
  'lang',
  'x_enlace_note',
];
const HOSTILE = [...PROTECTED_PROPERTIES, '__proto__', 'constructor', 'Bad', 'a'];
const nameArb = fc.oneof(
  { arbitrary: fc.constantFrom(...ORDINARY), weight: 8 },
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 2 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
);
const MARKING_IDS = [...Object.values(TLP2_MARKING_IDS), ...Object.values(TLP1_MARKING_IDS), H2, REL_MX];
const valueArb = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.subarray(MARKING_IDS),
  fc.constantFrom('identity--7c2d1f0e-3a4b-4c5d-8e6f-0a1b2c3d4e5f', true, {}, []),
);
const changeArb = fc.record({
  changes: fc.dictionary(nameArb, valueArb, { maxKeys: 5 }),
  removals: fc.array(
    fc.oneof({ arbitrary: fc.constantFrom('description', 'confidence', 'valid_from'), weight: 4 }, { arbitrary: nameArb, weight: 1 }),
    { maxLength: 2 },
  ),
});
const targetArb = fc.record({
  markings: fc.option(fc.subarray(MARKING_IDS, { minLength: 1 }), { nil: undefined }),
  description: fc.option(fc.string(), { nil: undefined }),
});

const RANK = new Map(TLP_LEVELS.map((l, i) => [l, i]));

describe('accepting a proposal, whatever it proposes', () => {
  it('never changes a protected property, never lowers the markings, never changes the originator', () => {
    let applied = 0;
    fc.assert(
      fc.property(changeArb, targetArb, (c, t) => {
        const base: StixObject = { ...structuredClone(target) };
        if (t.markings === undefined) delete base.object_marking_refs;
        else base.object_marking_refs = t.markings;
        if (t.description === undefined) delete base['description'];
        else base['description'] = t.description;
        const proposed = { changes: c.changes, removals: [...new Set(c.removals)] };
        if (checkChange(base, proposed) !== null) return;
        applied++;
        const next = applyChange(base, proposed, '2027-01-01T00:00:00.000Z');
        const before = stripSignature(base) as Record<string, unknown>;
        for (const property of PROTECTED_PROPERTIES) {
          if (property === 'modified') continue;
          assert.equal(canonicalJson(next[property] ?? null), canonicalJson(before[property] ?? null), property);
        }
        assert.equal(next.created_by_ref, target.created_by_ref, 'the originator is unchanged');
        assert.equal(Object.getPrototypeOf(next), Object.prototype);
        const kept = new Set(next.object_marking_refs ?? []);
        for (const ref of base.object_marking_refs ?? [])
          if (tlpLevelOf({ object_marking_refs: [ref] }) === null) assert.ok(kept.has(ref), ref);
        const was = tlpLevelOf(base);
        const now = tlpLevelOf(next);
        if (was === null) assert.ok(now === null || now === 'red', `${String(now)} added to an unmarked object`);
        else assert.ok(now !== null && (RANK.get(now) ?? -1) >= (RANK.get(was) ?? 9), `${was} → ${String(now)}`);
      }),
      { numRuns: 5000 },
    );
    // The generator must reach accepted changes often, or the property proves little.
    assert.ok(applied > 500, `${applied} of 5000 proposals could be applied`);
  });
});
