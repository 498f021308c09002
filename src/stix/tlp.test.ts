import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StixObject } from './model.js';
import {
  TLP1_MARKINGS,
  TLP1_MARKING_IDS,
  TLP2_MARKINGS,
  TLP2_MARKING_IDS,
  TLP_EXTENSION_ID,
  mostRestrictiveTlp,
  tlpLevelOf,
  tlpLevelOfMarking,
} from './tlp.js';
import { validateStixObject } from './validate.js';

function codes(obj: unknown): string[] {
  const r = validateStixObject(obj);
  return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`);
}

describe('TLP marking definitions', () => {
  it('carry the official ids, TLP 2.0 in the extension form', () => {
    assert.deepEqual(
      TLP2_MARKINGS.map((m) => m.id),
      Object.values(TLP2_MARKING_IDS),
    );
    const green = TLP2_MARKINGS[1] as StixObject;
    assert.deepEqual(green, {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:GREEN',
      extensions: {
        'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'green' },
      },
    });
    assert.equal(TLP1_MARKINGS[0]?.id, 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9');
    assert.deepEqual(TLP1_MARKINGS[0]?.['definition'], { tlp: 'white' });
  });

  it('all validate', () => {
    for (const m of [...TLP2_MARKINGS, ...TLP1_MARKINGS]) assert.deepEqual(codes(m), [], m.id);
  });

  it('refuse a relabelled official id or a look-alike marking', () => {
    const clear = structuredClone(TLP2_MARKINGS[0] as StixObject);
    (clear.extensions as Record<string, Record<string, unknown>>)[TLP_EXTENSION_ID] = {
      extension_type: 'property-extension',
      tlp_2_0: 'red',
    };
    assert.deepEqual(codes(clear), ['/id tlp-mismatch']);
    const renamed = { ...structuredClone(TLP2_MARKINGS[4] as StixObject), name: 'TLP:CLEAR' };
    assert.deepEqual(codes(renamed), ['/name tlp-mismatch']);
    const lookAlike = {
      ...structuredClone(TLP2_MARKINGS[0] as StixObject),
      id: 'marking-definition--11111111-2222-4333-8444-555555555555',
    };
    assert.deepEqual(codes(lookAlike), ['/id tlp-mismatch']);
    const white = { ...structuredClone(TLP1_MARKINGS[0] as StixObject), definition: { tlp: 'red' } };
    assert.deepEqual(codes(white), ['/id tlp-mismatch']);
    const statement = { ...structuredClone(TLP1_MARKINGS[3] as StixObject), definition_type: 'statement', definition: { statement: 'x' } };
    assert.deepEqual(codes(statement), ['/id tlp-mismatch']);
  });

  it('refuse an unknown TLP 2.0 level', () => {
    const odd = structuredClone(TLP2_MARKINGS[2] as StixObject);
    (odd.extensions as Record<string, Record<string, unknown>>)[TLP_EXTENSION_ID] = {
      extension_type: 'property-extension',
      tlp_2_0: 'purple',
    };
    assert.ok(codes(odd).includes(`/extensions/${TLP_EXTENSION_ID}/tlp_2_0 not-in-enum`));
  });
});

describe('tlpLevelOf', () => {
  it('reads TLP 2.0 and TLP 1.0 markings (white reads as clear)', () => {
    assert.equal(tlpLevelOf({ object_marking_refs: [TLP2_MARKING_IDS['amber+strict']] }), 'amber+strict');
    assert.equal(tlpLevelOf({ object_marking_refs: [TLP1_MARKING_IDS.white] }), 'clear');
    assert.equal(tlpLevelOf({ object_marking_refs: [TLP1_MARKING_IDS.amber] }), 'amber');
    assert.equal(tlpLevelOfMarking(TLP1_MARKING_IDS.red), 'red');
  });

  it('lets the most restrictive marking win', () => {
    assert.equal(tlpLevelOf({ object_marking_refs: [TLP2_MARKING_IDS.clear, TLP1_MARKING_IDS.red, TLP2_MARKING_IDS.green] }), 'red');
    assert.equal(tlpLevelOf({ object_marking_refs: [TLP2_MARKING_IDS.amber, TLP2_MARKING_IDS['amber+strict']] }), 'amber+strict');
    assert.equal(tlpLevelOf({ object_marking_refs: [TLP1_MARKING_IDS.green, TLP2_MARKING_IDS.clear] }), 'green');
  });

  it('is null without TLP markings, and ignores other markings and junk', () => {
    assert.equal(tlpLevelOf({}), null);
    assert.equal(tlpLevelOf({ object_marking_refs: 'x' }), null);
    assert.equal(tlpLevelOf({ object_marking_refs: ['marking-definition--a2b1c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 7] }), null);
    assert.equal(tlpLevelOf({ object_marking_refs: [7, TLP2_MARKING_IDS.green] }), 'green');
    assert.equal(mostRestrictiveTlp([]), null);
  });
});
