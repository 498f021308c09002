/** The properties a redacted copy lacks, read off the evaluator's own copies. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SIGNATURE_EXTENSION_ID } from '../stix/index.js';
import { evaluateRelease } from './policy/index.js';
import { CONTEXT, PEER_MX, TLP, UNKNOWN_MARKING, indicator, policyWith } from './policy/fixtures.js';
import { withheldProperties } from './withheld.js';

const copyFor = (o: Record<string, unknown>) => {
  const d = evaluateRelease(o, PEER_MX, policyWith(), CONTEXT);
  assert.equal(d.decision, 'redact');
  return d.released;
};

describe('withheld properties', () => {
  it('names a removed property, a removed list entry and a nested property, as selectors of the stored object', () => {
    const o = indicator({
      labels: ['a', 'b', 'c'],
      x_detail: { kept: 'a', gone: 'b' },
      granular_markings: [
        { selectors: ['description', 'labels.[1]', 'x_detail.gone'], marking_ref: TLP.red },
        { selectors: ['labels.[2]'], marking_ref: TLP.green },
      ],
    });
    assert.deepEqual(withheldProperties(o, copyFor(o)), ['description', 'labels.[1]', 'x_detail.gone']);
  });

  it('names a whole reference when a field of it was marked, and a list emptied by redaction', () => {
    const o = indicator({
      labels: ['only'],
      granular_markings: [{ selectors: ['external_references.[1].url', 'labels.[0]'], marking_ref: UNKNOWN_MARKING }],
    });
    assert.deepEqual(withheldProperties(o, copyFor(o)), ['external_references.[1]', 'labels']);
  });

  it('does not count the signature, which a copy carries anew, nor re-pointed granular markings', () => {
    const signed = {
      ...indicator(),
      extensions: { [SIGNATURE_EXTENSION_ID]: { signer: 'a' } },
      granular_markings: [{ selectors: ['name'], marking_ref: TLP.green }],
    };
    const copy = { ...indicator(), extensions: { [SIGNATURE_EXTENSION_ID]: { signer: 'b' } } };
    assert.deepEqual(withheldProperties(signed, copy), []);
    assert.deepEqual(withheldProperties(indicator(), indicator()), []);
  });
});
