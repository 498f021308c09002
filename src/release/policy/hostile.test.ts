import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRelease } from './evaluate.js';
import { CONTEXT, PEER_MX, TLP, indicator, policyWith } from './fixtures.js';
import { MarkingCatalog } from './markings.js';

describe('hostile input', () => {
  const policy = policyWith();
  it('withholds anything that is not a STIX object, without throwing', () => {
    const inputs: unknown[] = [
      null,
      undefined,
      0,
      'indicator',
      [],
      [indicator()],
      { type: 1, id: 'x' },
      { type: 'indicator' },
      indicator({ object_marking_refs: TLP.green }),
      indicator({ object_marking_refs: [TLP.green, 3] }),
      indicator({ object_marking_refs: { 0: TLP.green } }),
    ];
    for (const input of inputs) {
      const d = evaluateRelease(input, PEER_MX, policy, CONTEXT);
      assert.equal(d.decision, 'withhold', JSON.stringify(input));
      assert.equal(d.reasons[0]?.code, 'malformed.withhold');
    }
  });

  it('withholds objects whose properties throw when read', () => {
    const trap = new Proxy(indicator(), {
      get() {
        throw new Error('boom');
      },
    });
    const getter = Object.defineProperty(indicator(), 'object_marking_refs', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    for (const o of [trap, getter]) {
      const d = evaluateRelease(o, PEER_MX, policy, CONTEXT);
      assert.equal(d.decision, 'withhold');
      assert.deepEqual(d.reasons[0]?.params, { problem: 'unreadable' });
    }
  });

  it('does not let "__proto__" keys or inherited properties change anything', () => {
    const text = JSON.stringify(indicator({ granular_markings: [{ selectors: ['__proto__'], marking_ref: TLP.red }] })).replace(
      '"name":',
      '"__proto__":{"object_marking_refs":[]},"name":',
    );
    const o = JSON.parse(text) as unknown;
    const d = evaluateRelease(o, PEER_MX, policy, CONTEXT);
    assert.equal(d.decision, 'redact');
    assert.equal(Object.hasOwn(d.released ?? {}, '__proto__'), false);
    assert.deepEqual(({} as Record<string, unknown>)['object_marking_refs'], undefined);
    const inherited = Object.create({ object_marking_refs: [TLP.red] }) as Record<string, unknown>;
    Object.assign(inherited, indicator({ object_marking_refs: undefined }));
    // An inherited marking is not the object's: an unmarked object is judged as policy says (AMBER here).
    assert.equal(evaluateRelease(inherited, PEER_MX, policyWith({ allow_amber: false }), CONTEXT).decision, 'withhold');
  });

  it('copes with oversized and deeply nested objects', () => {
    const many = indicator({ object_marking_refs: Array.from({ length: 100_000 }, () => TLP.green) });
    assert.equal(evaluateRelease(many, PEER_MX, policy, CONTEXT).decision, 'release');
    let deep: Record<string, unknown> = { leaf: 'x' };
    const path: string[] = [];
    for (let i = 0; i < 2000; i++) {
      deep = { n: deep };
      path.push('n');
    }
    const o = indicator({
      x_deep: deep,
      granular_markings: [{ selectors: [['x_deep', ...path, 'leaf'].join('.')], marking_ref: TLP.red }],
    });
    const d = evaluateRelease(o, PEER_MX, policy, CONTEXT);
    assert.equal(d.decision, 'withhold'); // the selector is too long to be read: fail closed
    const selectors = Array.from({ length: 10_000 }, (_, i) => `x_list.[${i}]`);
    const wide = indicator({
      x_list: Array.from({ length: 10_000 }, (_, i) => i),
      granular_markings: [{ selectors, marking_ref: TLP.red }],
    });
    const w = evaluateRelease(wide, PEER_MX, policy, CONTEXT);
    assert.equal(w.decision, 'redact');
    assert.equal(Object.hasOwn(w.released ?? {}, 'x_list'), false);
  });

  it('builds a catalog from junk without throwing and knows nothing from it', () => {
    const catalog = MarkingCatalog.from([
      null,
      1,
      'x',
      { type: 'marking-definition' },
      { type: 'marking-definition', id: TLP.clear, definition_type: 'statement' },
    ]);
    assert.equal(catalog.resolve(TLP.clear).kind, 'tlp');
    assert.equal(catalog.resolve('marking-definition--x').kind, 'unknown');
  });
});
