import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  STIX_META_TYPES,
  STIX_SCO_TYPES,
  STIX_SDO_TYPES,
  STIX_SRO_TYPES,
  familyOf,
  isMeta,
  isSco,
  isSdo,
  isSro,
  isStixType,
  versionOf,
} from './model.js';

describe('the type lists', () => {
  it('hold the 19 SDOs, 2 SROs, 18 SCOs and 3 meta objects of STIX 2.1, once each', () => {
    const all = [...STIX_SDO_TYPES, ...STIX_SRO_TYPES, ...STIX_SCO_TYPES, ...STIX_META_TYPES];
    assert.deepEqual([STIX_SDO_TYPES.length, STIX_SRO_TYPES.length, STIX_SCO_TYPES.length, STIX_META_TYPES.length], [19, 2, 18, 3]);
    assert.equal(new Set(all).size, all.length);
  });
});

describe('classification', () => {
  it('by type name', () => {
    assert.equal(isSdo('indicator'), true);
    assert.equal(isSro('sighting'), true);
    assert.equal(isSco('ipv4-addr'), true);
    assert.equal(isMeta('marking-definition'), true);
    assert.equal(isSdo('relationship'), false);
    assert.equal(isStixType('phone-number'), false);
    assert.equal(isSco('phone-number'), false, 'a bare name cannot tell an extension type');
  });

  it('by object, including types declared by extensions', () => {
    const phone = {
      type: 'phone-number',
      extensions: { 'extension-definition--1464e0cb-adc9-4d8b-aa86-ade18ebe8f71': { extension_type: 'new-sco' } },
    };
    assert.equal(isSco(phone), true);
    assert.equal(familyOf({ type: 'x-case', extensions: { a: { extension_type: 'new-sdo' } } }), 'sdo');
    assert.equal(familyOf({ type: 'x-case', extensions: { a: { extension_type: 'property-extension' } } }), undefined);
    assert.equal(familyOf({ type: 'x-case', extensions: [] }), undefined);
    assert.equal(familyOf({ type: 7 }), undefined);
    assert.equal(isSdo({ type: 'tool' }), true);
  });
});

describe('versionOf', () => {
  it('is modified, else created, else null', () => {
    assert.equal(versionOf({ created: '2026-01-01T00:00:00.000Z', modified: '2026-02-01T00:00:00.000Z' }), '2026-02-01T00:00:00.000Z');
    assert.equal(versionOf({ created: '2022-10-01T00:00:00.000Z' }), '2022-10-01T00:00:00.000Z');
    assert.equal(versionOf({}), null);
    assert.equal(versionOf({ modified: 5 }), null);
  });
});
