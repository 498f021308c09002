import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SIGNATURE_EXTENSION_ID, type GranularMarking } from '../../stix/index.js';
import { evaluateRelease } from './evaluate.js';
import { CA_NODE, US_NODE, CONTEXT, MARKINGS, PEER_MX, TLP, UNKNOWN_MARKING, indicator, policyWith } from './fixtures.js';
import { parseSelector } from './redact.js';

const withGranular = (granular: GranularMarking[], extra: Record<string, unknown> = {}) =>
  indicator({ granular_markings: granular, ...extra });
const GREEN_ONLY = policyWith({ allow_amber: false });

describe('granular markings', () => {
  it('removes a property marked with what the peer may not receive, and explains it', () => {
    const o = withGranular([{ selectors: ['description'], marking_ref: TLP.amber }]);
    const before = structuredClone(o);
    const d = evaluateRelease(o, PEER_MX, GREEN_ONLY, CONTEXT);
    assert.equal(d.decision, 'redact');
    assert.equal(d.released?.['description'], undefined);
    assert.equal(d.released?.['name'], 'Courier phone');
    assert.equal(d.released?.granular_markings, undefined);
    assert.deepEqual(o, before, 'the original is never changed');
    assert.deepEqual(d.reasons.at(-1), {
      rule: 'granular',
      effect: 'redact',
      code: 'granular.redact',
      params: { peer: 'mx', marking: TLP.amber, selector: 'description' },
    });
  });

  it('keeps what the peer may receive, with its marking', () => {
    const o = withGranular([{ selectors: ['description'], marking_ref: TLP.amber }]);
    assert.equal(evaluateRelease(o, PEER_MX, policyWith(), CONTEXT).decision, 'release');
    const both = withGranular([
      { selectors: ['description'], marking_ref: TLP.red },
      { selectors: ['name', 'description'], marking_ref: MARKINGS.h3.id },
    ]);
    const d = evaluateRelease(both, PEER_MX, policyWith(), CONTEXT);
    assert.equal(d.decision, 'redact');
    assert.deepEqual(d.released?.granular_markings, [{ selectors: ['name'], marking_ref: MARKINGS.h3.id }]);
  });

  it('re-indexes selectors into a list an element was removed from', () => {
    const o = withGranular([
      { selectors: ['external_references.[0]'], marking_ref: TLP.red },
      { selectors: ['external_references.[1].url'], marking_ref: TLP.green },
    ]);
    const d = evaluateRelease(o, PEER_MX, policyWith(), CONTEXT);
    assert.equal(d.decision, 'redact');
    assert.deepEqual(d.released?.external_references, [{ source_name: 'report', url: 'https://reports.example.mx/2' }]);
    assert.deepEqual(d.released?.granular_markings, [{ selectors: ['external_references.[0].url'], marking_ref: TLP.green }]);
  });

  it('removes a nested property, a whole reference for a field of it, and a list left empty', () => {
    const nested = indicator({
      x_detail: { kept: 'a', gone: 'b' },
      granular_markings: [{ selectors: ['x_detail.gone'], marking_ref: TLP.red }],
    });
    assert.deepEqual(evaluateRelease(nested, PEER_MX, policyWith(), CONTEXT).released?.['x_detail'], { kept: 'a' });
    const o = withGranular([
      { selectors: ['external_references.[1].url'], marking_ref: UNKNOWN_MARKING },
      { selectors: ['external_references.[0].url'], marking_ref: TLP.green },
    ]);
    const d = evaluateRelease(o, PEER_MX, policyWith(), CONTEXT);
    assert.equal(d.decision, 'redact');
    // {source_name} alone is not a valid reference, so the reference goes whole.
    assert.deepEqual(d.released?.external_references, [
      { source_name: 'case-file', external_id: 'CF-1', url: 'https://cases.example.mx/1' },
    ]);
    assert.deepEqual(d.released?.granular_markings, [{ selectors: ['external_references.[0].url'], marking_ref: TLP.green }]);
    const all = withGranular([{ selectors: ['labels.[0]', 'labels.[1]'], marking_ref: TLP.red }], { labels: ['a', 'b'] });
    const e = evaluateRelease(all, PEER_MX, policyWith(), CONTEXT);
    assert.equal(e.decision, 'redact');
    assert.equal(Object.hasOwn(e.released ?? {}, 'labels'), false);
  });

  it('withholds the object when a required property is marked', () => {
    const d = evaluateRelease(withGranular([{ selectors: ['pattern'], marking_ref: TLP.red }]), PEER_MX, policyWith(), CONTEXT);
    assert.equal(d.decision, 'withhold');
    assert.equal(d.released, undefined);
    assert.equal(d.reasons.at(-1)?.code, 'granular.breaks-object');
  });

  it('withholds the object when an identifying property is marked', () => {
    for (const selector of ['id', 'created_by_ref', 'object_marking_refs.[0]', 'granular_markings']) {
      const d = evaluateRelease(withGranular([{ selectors: [selector], marking_ref: TLP.red }]), PEER_MX, policyWith(), CONTEXT);
      assert.equal(d.decision, 'withhold', selector);
      assert.equal(d.reasons.at(-1)?.code, 'granular.protected');
    }
  });

  it('withholds the object when a withheld marking selects nothing', () => {
    for (const selector of ['nothing_here', 'external_references.[9]', 'name.[0]', '[0]', 'a..b', '']) {
      const d = evaluateRelease(withGranular([{ selectors: [selector], marking_ref: TLP.red }]), PEER_MX, policyWith(), CONTEXT);
      assert.equal(d.decision, 'withhold', selector);
      assert.equal(d.reasons.at(-1)?.code, 'granular.bad-selector');
    }
  });

  it('AMBER+STRICT on a property goes only where the organisation is named', () => {
    const o = withGranular([{ selectors: ['description'], marking_ref: TLP.strict }]);
    assert.equal(evaluateRelease(o, PEER_MX, policyWith(), CONTEXT).decision, 'redact');
    const named = withGranular([
      { selectors: ['description'], marking_ref: TLP.strict },
      { selectors: ['description'], marking_ref: MARKINGS.relMxOrg.id },
    ]);
    assert.equal(evaluateRelease(named, PEER_MX, policyWith(), CONTEXT).decision, 'release');
  });

  it('releasability on a property removes it for peers not listed', () => {
    const o = withGranular([{ selectors: ['name'], marking_ref: MARKINGS.relCa.id }]);
    const d = evaluateRelease(o, PEER_MX, policyWith(), CONTEXT);
    assert.equal(d.decision, 'redact');
    assert.equal(d.released?.['name'], undefined);
  });

  it("never alters another node's object: withholds it instead", () => {
    const o = withGranular([{ selectors: ['description'], marking_ref: TLP.red }], {
      created_by_ref: CA_NODE,
      object_marking_refs: [TLP.green, MARKINGS.relMx.id],
    });
    const d = evaluateRelease(o, PEER_MX, policyWith(), CONTEXT);
    assert.equal(d.decision, 'withhold');
    assert.equal(d.reasons.at(-1)?.code, 'granular.third-party');
  });

  it('drops the originator signature from a redacted copy (it no longer matches)', () => {
    const o = withGranular([{ selectors: ['description'], marking_ref: TLP.red }], {
      extensions: { [SIGNATURE_EXTENSION_ID]: { extension_type: 'property-extension', signer: US_NODE } },
    });
    const d = evaluateRelease(o, PEER_MX, policyWith(), CONTEXT);
    assert.equal(d.decision, 'redact');
    assert.equal(d.released?.extensions, undefined);
  });

  it('withholds malformed granular markings', () => {
    for (const g of [
      {},
      'x',
      [{ selectors: 'description' }],
      [{ selectors: [] }],
      [{ selectors: [1] }],
      [{ selectors: ['name'], marking_ref: 7 }],
    ]) {
      const d = evaluateRelease(indicator({ granular_markings: g }), PEER_MX, policyWith(), CONTEXT);
      assert.equal(d.decision, 'withhold', JSON.stringify(g));
      assert.equal(d.reasons[0]?.code, 'malformed.withhold');
    }
  });
});

describe('parseSelector', () => {
  it('reads properties and list indices', () => {
    assert.deepEqual(parseSelector('external_references.[0].url'), ['external_references', 0, 'url']);
    assert.deepEqual(parseSelector('description'), ['description']);
  });
  it('refuses malformed selectors', () => {
    for (const s of ['', '.', 'a.', '[0]', 'a.[x]', 'a.[01]', 'a.[-1]', 'a.[1e3]', 'a'.repeat(2000), 7, null]) {
      assert.equal(parseSelector(s), null, String(s));
    }
  });
});
