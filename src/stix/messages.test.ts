import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ISSUE_CODES } from './issues.js';
import { messages, renderIssue } from './messages.js';

const placeholders = (t: string): string[] => [...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('issue messages', () => {
  it('exist in English and Spanish for every code, and for nothing else', () => {
    assert.deepEqual(Object.keys(messages.en).sort(), [...ISSUE_CODES].sort());
    assert.deepEqual(Object.keys(messages.es).sort(), [...ISSUE_CODES].sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const code of ISSUE_CODES) {
      assert.deepEqual(placeholders(messages.es[code]), placeholders(messages.en[code]), code);
      assert.notEqual(messages.es[code], messages.en[code], `${code} is not translated`);
    }
  });

  it('render with parameters', () => {
    const issue = { code: 'required' as const, params: { property: 'name' } };
    assert.equal(renderIssue(issue), 'The property "name" is required.');
    assert.equal(renderIssue(issue, 'es'), 'La propiedad "name" es obligatoria.');
    assert.equal(renderIssue({ code: 'out-of-range', params: { min: 0, max: 100 } }, 'es'), 'El valor debe estar entre 0 y 100.');
  });
});
