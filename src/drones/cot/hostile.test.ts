import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cotEvent, NOW_US } from './fixtures.js';
import { MAX_EVENT_BYTES, MAX_NESTING, type CotRejectionReason } from './model.js';
import { parseCot } from './parse.js';

function reasonOf(xml: string): CotRejectionReason | 'accepted' {
  const result = parseCot(xml, { nowUs: NOW_US });
  return result.ok ? 'accepted' : result.rejection.reason;
}

/** Refusals must be cheap: a hostile document may not buy itself real CPU time. */
function quickly(xml: string, reason: CotRejectionReason): void {
  const started = process.hrtime.bigint();
  assert.equal(reasonOf(xml), reason);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(ms < 200, `took ${ms} ms`);
}

test('billion laughs is refused before any entity is declared to a parser', () => {
  const lol = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1 === 0 ? '' : i - 1};`.repeat(10)}">`);
  const xml =
    `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${lol.join('\n')}\n]>\n` +
    cotEvent({ detail: '<remarks>&lol9;</remarks>' }).replace(/^<\?xml[^>]*\?>\n/, '');
  quickly(xml, 'doctype');
});

test('an XXE external entity is refused, in any letter case', () => {
  const body = cotEvent({ detail: '<remarks>&xxe;</remarks>' }).replace(/^<\?xml[^>]*\?>\n/, '');
  quickly(`<!DOCTYPE event [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${body}`, 'doctype');
  quickly(`<!doctype event [<!entity xxe SYSTEM "http://attacker.example/x">]>${body}`, 'doctype');
  quickly(`<!DOCTYPE event SYSTEM "http://attacker.example/event.dtd">${body}`, 'doctype');
});

test('an undeclared entity reference is left as text, never resolved', () => {
  const result = parseCot(cotEvent({ detail: '<remarks>&xxe; &#65;</remarks>' }), { nowUs: NOW_US });
  assert.ok(result.ok);
  assert.equal(result.detection.detail.remarks, '&xxe; A');
});

test('a 1 MB document is refused on its size alone', () => {
  const padding = `<remarks>${'A'.repeat(1024 * 1024)}</remarks>`;
  quickly(cotEvent({ detail: padding }), 'too-large');
  const atLimit = cotEvent({ detail: '<remarks></remarks>' });
  const fill = MAX_EVENT_BYTES - Buffer.byteLength(atLimit);
  assert.equal(reasonOf(cotEvent({ detail: `<remarks>${'B'.repeat(fill)}</remarks>` })), 'accepted');
  assert.equal(reasonOf(cotEvent({ detail: `<remarks>${'B'.repeat(fill + 1)}</remarks>` })), 'too-large');
  // Bytes, not characters: 'ñ' is two bytes in UTF-8.
  assert.equal(reasonOf(cotEvent({ detail: `<remarks>${'ñ'.repeat(Math.ceil(fill / 2) + 1)}</remarks>` })), 'too-large');
});

test('deep nesting is refused; the limit itself is accepted', () => {
  const nest = (levels: number) => `${'<x>'.repeat(levels)}${'</x>'.repeat(levels)}`;
  // event and detail are two levels already.
  assert.equal(reasonOf(cotEvent({ detail: nest(MAX_NESTING - 2) })), 'accepted');
  assert.equal(reasonOf(cotEvent({ detail: nest(MAX_NESTING - 1) })), 'too-deep');
  quickly(cotEvent({ detail: nest(5000) }), 'too-deep');
  // Self-closing tags count as a level; comments and CDATA do not.
  assert.equal(reasonOf(cotEvent({ detail: `${'<x>'.repeat(MAX_NESTING - 3)}<y/>${'</x>'.repeat(MAX_NESTING - 3)}` })), 'accepted');
  assert.equal(reasonOf(cotEvent({ detail: `${'<x>'.repeat(MAX_NESTING - 2)}<y/>${'</x>'.repeat(MAX_NESTING - 2)}` })), 'too-deep');
  assert.equal(reasonOf(cotEvent({ detail: `<!-- ${'<x>'.repeat(100)} --><![CDATA[${'<x>'.repeat(100)}]]>` })), 'accepted');
});

test('prototype-polluting names are refused or kept inert', () => {
  // fast-xml-parser refuses such element names itself; we only check that it still does.
  assert.equal(reasonOf(cotEvent({ detail: '<__proto__ polluted="yes"/>' })), 'malformed');
  assert.equal(reasonOf(cotEvent({ detail: '<constructor/>' })), 'malformed');
  assert.equal(reasonOf(cotEvent({ detail: '<x __proto__="1" constructor="2"/>' })), 'accepted');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
