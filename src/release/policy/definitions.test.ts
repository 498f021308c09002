import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ENLACE_BUILTIN_EXTENSIONS,
  GRADING_EXTENSION_ID,
  HANDLING_EXTENSION_ID,
  validateStixObject,
  type StixObject,
} from '../../stix/index.js';
import { MARKINGS, US_ORG, indicator } from './fixtures.js';
import { MarkingCatalog, readHandlingMarking } from './markings.js';

const marking = (entry: Record<string, unknown>): StixObject => ({
  ...MARKINGS.h2,
  extensions: { [HANDLING_EXTENSION_ID]: { extension_type: 'property-extension', ...entry } },
});

describe('handling and releasability marking definitions', () => {
  it('are built-in Enlace extensions', () => {
    const ids = ENLACE_BUILTIN_EXTENSIONS.map((b) => b.definition.id);
    assert.ok(ids.includes(HANDLING_EXTENSION_ID));
    assert.ok(ids.includes(GRADING_EXTENSION_ID));
  });

  it('validate when well formed', () => {
    for (const m of Object.values(MARKINGS)) assert.equal(validateStixObject(m).ok, true, m.id);
  });

  it('refuse what the schema forbids', () => {
    const bad: Record<string, unknown>[] = [
      {},
      { handling_code: 'H4' },
      { handling_code: 'H3' },
      { handling_code: 'H2', conditions: 'only H3 states conditions' },
      { releasable_to: [] },
      { releasable_to: ['ZZ'] },
      { releasable_to: ['identity--nope'] },
      { releasable_to: ['MX', 'MX'] },
      { handling_code: 'H0', colour: 'blue' },
    ];
    for (const entry of bad) {
      assert.equal(validateStixObject(marking(entry)).ok, false, JSON.stringify(entry));
    }
  });

  it('are not read when what they mean is unclear', () => {
    for (const entry of [
      {},
      { handling_code: 'H4' },
      { releasable_to: [] },
      { releasable_to: 'MX' },
      { releasable_to: [7] },
      { handling_code: 'H1', conditions: 3 },
    ]) {
      assert.equal(readHandlingMarking(marking(entry)), null, JSON.stringify(entry));
    }
    assert.equal(readHandlingMarking({ ...MARKINGS.h2, type: 'indicator' }), null);
  });

  it('are read by the catalog; malformed ones stay unknown', () => {
    const catalog = MarkingCatalog.from([marking({ handling_code: 'H9' }), MARKINGS.relMx, MARKINGS.h3]);
    assert.equal(catalog.resolve(MARKINGS.h2.id).kind, 'unknown');
    const rel = catalog.resolve(MARKINGS.relMx.id);
    assert.ok(rel.kind === 'handling' && rel.releasableTo?.has('MX'));
    const h3 = catalog.resolve(MARKINGS.h3.id);
    assert.ok(h3.kind === 'handling' && h3.handling === 'H3' && h3.conditions === 'Ask before use in court.');
    const statement: StixObject = {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--4b2d4f2a-3d5a-4a41-9d0e-43a7b0b6d8c1',
      created: '2026-11-02T00:00:00.000Z',
      created_by_ref: US_ORG,
      definition_type: 'statement',
      definition: { statement: '(c) US' },
    };
    assert.equal(MarkingCatalog.from([statement]).resolve(statement.id).kind, 'statement');
  });
});

describe('grading property extension', () => {
  const graded = (entry: Record<string, unknown>) =>
    indicator({
      extensions: { [GRADING_EXTENSION_ID]: { extension_type: 'property-extension', ...entry } },
    });
  it('accepts A/B/C/X and 1-4', () => {
    for (const r of ['A', 'B', 'C', 'X'])
      for (const c of [1, 2, 3, 4]) {
        assert.equal(validateStixObject(graded({ source_reliability: r, information_credibility: c })).ok, true, `${r}${c}`);
      }
  });
  it('refuses anything else', () => {
    for (const entry of [
      { source_reliability: 'D', information_credibility: 1 },
      { source_reliability: 'A', information_credibility: 5 },
      { source_reliability: 'A', information_credibility: 1.5 },
      { source_reliability: 'A' },
      { source_reliability: 'A', information_credibility: 1, x: 1 },
    ]) {
      assert.equal(validateStixObject(graded(entry)).ok, false, JSON.stringify(entry));
    }
  });
});
