import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RELEASE_POLICY, parseReleasePolicy, rulesForPeer } from './model.js';
import { POLICY_ISSUE_CODES, REASON_CODES, messages, renderReason } from './messages.js';
import { OPEN_RULES } from './fixtures.js';

describe('release policy data', () => {
  const valid = {
    ...DEFAULT_RELEASE_POLICY,
    version: 3,
    peers: { mx: { ...OPEN_RULES, min_grading: { source_reliability: 'B', information_credibility: 2 } } },
  };
  it('accepts a well-formed policy', () => {
    const r = parseReleasePolicy(valid);
    assert.ok(r.ok);
    assert.equal(rulesForPeer(r.policy, 'mx').allow_amber, true);
    assert.equal(rulesForPeer(r.policy, 'ca'), r.policy.default);
    assert.equal(rulesForPeer(r.policy, '__proto__'), r.policy.default);
  });
  it('refuses a policy that would let RED out, unknown keys, or bad values', () => {
    const bad: unknown[] = [
      null,
      'policy',
      {},
      { ...valid, default: { ...OPEN_RULES, ceiling: 'red' } },
      { ...valid, default: { ...OPEN_RULES, allow_everything: true } },
      { ...valid, version: 0 },
      { ...valid, updated_at: 'yesterday' },
      { ...valid, unmarked_as: 'white' },
      { ...valid, peers: { 'MX!': OPEN_RULES } },
      { ...valid, peers: { mx: { ...OPEN_RULES, min_grading: { source_reliability: 'E', information_credibility: 2 } } } },
      { ...valid, extra: 1 },
    ];
    for (const b of bad) {
      const r = parseReleasePolicy(b);
      assert.equal(r.ok, false, JSON.stringify(b));
      if (!r.ok) assert.ok(r.issues.length > 0 && r.issues.every((i) => i.code === 'policy-invalid' && i.params.path.startsWith('/')));
    }
  });
});

describe('reason messages', () => {
  it('have an English and a Spanish template for every code, with the same placeholders', () => {
    const holes = (t: string) => [...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const code of [...REASON_CODES, ...POLICY_ISSUE_CODES]) {
      assert.ok(messages.en[code].length > 0 && messages.es[code].length > 0, code);
      assert.deepEqual(holes(messages.en[code]), holes(messages.es[code]), code);
      assert.notEqual(messages.en[code], messages.es[code], code);
    }
  });
  it('cover exactly the codes, in both languages', () => {
    assert.deepEqual(Object.keys(messages.en).sort(), [...REASON_CODES, ...POLICY_ISSUE_CODES].sort());
    assert.deepEqual(Object.keys(messages.es).sort(), Object.keys(messages.en).sort());
  });
  it('render with their parameters', () => {
    assert.equal(
      renderReason('es', 'tlp-amber.withhold', { peer: 'mx' }),
      'TLP:AMBER retenido: la política no permite AMBER para el par mx.',
    );
    assert.equal(renderReason('en', 'tlp-amber.withhold', {}), 'TLP:AMBER withheld: the policy does not allow AMBER for peer {{peer}}.');
  });
});
