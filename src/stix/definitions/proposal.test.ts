import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENLACE_BUILTIN_EXTENSIONS, ENLACE_TRANSLATIONS } from '../enlace-definitions.js';
import { PROPOSAL_EXTENSION_ID, PROPOSAL_RESPONSE_EXTENSION_ID } from '../enlace-ids.js';
import type { StixObject } from '../model.js';
import { validateWithOfficialSchemas } from '../official-schemas.js';
import { TLP2_MARKING_IDS } from '../tlp.js';
import { validateStixObject } from '../validate.js';

const T0 = '2026-11-27T17:52:37.123Z';
const US_NODE = 'identity--0b3b1f4e-7f0a-4c1e-9a56-5f2d9c1e4a10';
const MX_NODE = 'identity--7c2d1f0e-3a4b-4c5d-8e6f-0a1b2c3d4e5f';
const TARGET = 'indicator--33fe3b22-0201-47cf-85d0-97c02164528d';
const PROPOSAL = 'x-enlace-proposal--2f6a0b1c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';

const proposal = (props: Record<string, unknown> = {}): StixObject => ({
  type: 'x-enlace-proposal',
  spec_version: '2.1',
  id: PROPOSAL,
  created: T0,
  modified: T0,
  created_by_ref: MX_NODE,
  target_ref: TARGET,
  target_version: '2026-11-01T10:00:00.000Z',
  changes: { confidence: 80, labels: ['corroborated'] },
  removals: ['description'],
  rationale: 'Seen again at the San Luis crossing on 2026-11-20.',
  object_marking_refs: [TLP2_MARKING_IDS.green],
  extensions: { [PROPOSAL_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  ...props,
});

const response = (props: Record<string, unknown> = {}): StixObject => ({
  type: 'x-enlace-proposal-response',
  spec_version: '2.1',
  id: 'x-enlace-proposal-response--5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  created: T0,
  modified: T0,
  created_by_ref: US_NODE,
  proposal_ref: PROPOSAL,
  target_ref: TARGET,
  decision: 'accepted',
  resulting_version: '2026-11-28T08:00:00.000Z',
  extensions: { [PROPOSAL_RESPONSE_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  ...props,
});

const issues = (o: unknown): string[] => {
  const r = validateStixObject(o);
  return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`);
};

const without = (o: StixObject, key: string): StixObject => {
  const copy: Record<string, unknown> = { ...o };
  delete copy[key];
  return copy as StixObject;
};

describe('the proposal and proposal-response definitions', () => {
  it('are built-in new-sdo definitions with Spanish translations', () => {
    for (const id of [PROPOSAL_EXTENSION_ID, PROPOSAL_RESPONSE_EXTENSION_ID]) {
      const b = ENLACE_BUILTIN_EXTENSIONS.find((e) => e.definition.id === id);
      assert.ok(b, id);
      assert.deepEqual(b.definition['extension_types'], ['new-sdo']);
      assert.deepEqual(validateWithOfficialSchemas(b.definition), []);
      assert.ok(
        ENLACE_TRANSLATIONS.some((t) => t['object_ref'] === id),
        `${id} has its es-MX language-content`,
      );
    }
  });

  it('accept well-formed proposals and responses, which pass the official schemas too', () => {
    for (const o of [
      proposal(),
      proposal({ removals: undefined }),
      without(proposal(), 'changes'),
      response(),
      response({ decision: 'accepted', reason: 'Corroborated by our own sources.' }),
      without(response({ decision: 'rejected', reason: 'Not corroborated.' }), 'resulting_version'),
    ]) {
      const clean = JSON.parse(JSON.stringify(o)) as StixObject;
      assert.deepEqual(issues(clean), [], JSON.stringify(clean));
      assert.deepEqual(validateWithOfficialSchemas(clean), []);
    }
  });

  it('refuse proposals that say nothing, name bad properties, or lack what is required', () => {
    assert.notDeepEqual(issues(without(without(proposal(), 'changes'), 'removals')), []);
    assert.notDeepEqual(issues(proposal({ changes: {} })), []);
    assert.notDeepEqual(issues(proposal({ changes: { 'Bad-Name': 1 } })), []);
    assert.notDeepEqual(issues(proposal({ removals: ['description', 'description'] })), []);
    assert.notDeepEqual(issues(proposal({ removals: ['x'] })), []);
    assert.notDeepEqual(issues(proposal({ target_version: 'yesterday' })), []);
    assert.notDeepEqual(issues(proposal({ target_ref: 'not-an-id' })), []);
    assert.notDeepEqual(issues(proposal({ rationale: '' })), []);
    assert.notDeepEqual(issues(without(proposal(), 'rationale')), []);
    assert.notDeepEqual(issues(proposal({ changes: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p_${i}x`, i])) })), []);
    assert.deepEqual(issues(proposal({ extensions: {} })).includes('/type unknown-type'), true);
  });

  it('refuse responses whose decision and particulars disagree', () => {
    assert.notDeepEqual(issues(without(response(), 'resulting_version')), [], 'an acceptance names its version');
    assert.notDeepEqual(issues(without(response({ decision: 'rejected' }), 'resulting_version')), [], 'a rejection says why');
    assert.notDeepEqual(issues(response({ decision: 'rejected', reason: 'no' })), [], 'a rejection made no version');
    assert.notDeepEqual(issues(response({ decision: 'maybe' })), []);
    assert.notDeepEqual(issues(response({ proposal_ref: TARGET })), []);
  });
});
