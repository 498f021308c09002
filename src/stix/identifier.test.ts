import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapePointer, isValidIdentifier, isValidPropertyName, isValidTypeName, parseIdentifier, typeOfIdentifier } from './identifier.js';
import { scoId, uuidV5 } from './uuid.js';

describe('type names', () => {
  for (const ok of ['indicator', 'x-acme-widget', 'abc', 'phone-number', 'a1b', 'x'.repeat(250)]) {
    it(`accepts ${ok.slice(0, 30)}`, () => assert.equal(isValidTypeName(ok), true));
  }
  for (const bad of ['ab', 'x'.repeat(251), 'Indicator', '-abc', 'abc-', 'a--b', 'a_b', 'a.b', 'a b', '../x', '__proto__', 'ñandu', '']) {
    it(`refuses ${JSON.stringify(bad.slice(0, 30))}`, () => assert.equal(isValidTypeName(bad), false));
  }
});

describe('identifiers', () => {
  it('splits type and UUID and reads the version', () => {
    assert.deepEqual(parseIdentifier('indicator--33fe3b22-0201-47cf-85d0-97c02164528d'), {
      type: 'indicator',
      uuid: '33fe3b22-0201-47cf-85d0-97c02164528d',
      version: 4,
    });
    assert.equal(parseIdentifier('ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd')?.version, 5);
  });

  it('accepts upper-case hex (RFC 4122 input is case-insensitive)', () => {
    assert.notEqual(parseIdentifier('relationship--81f12913-1372-4c96-85ec-E9034ac98aba'), null);
  });

  const bad = [
    'indicator-33fe3b22-0201-47cf-85d0-97c02164528d', // single hyphen
    'indicator--33fe3b22-0201-07cf-85d0-97c02164528d', // version 0
    'indicator--33fe3b22-0201-67cf-85d0-97c02164528d', // version 6 is not RFC 4122
    'indicator--33fe3b22-0201-47cf-c5d0-97c02164528d', // variant 110x
    'indicator--33fe3b22-0201-47cf-85d0-97c02164528', // short
    'indicator--33fe3b22-0201-47cf-85d0-97c02164528dd', // long
    'indicator--33fe3b22020147cf85d097c02164528d', // no dashes
    'Indicator--33fe3b22-0201-47cf-85d0-97c02164528d',
    '../indicator--33fe3b22-0201-47cf-85d0-97c02164528d',
    'indicator--../../etc/passwd-0201-47cf-85d0-97c0',
    '__proto__--33fe3b22-0201-47cf-85d0-97c02164528d',
    'con structor--33fe3b22-0201-47cf-85d0-97c02164528d',
    'a--b--33fe3b22-0201-47cf-85d0-97c02164528d',
    ' indicator--33fe3b22-0201-47cf-85d0-97c02164528d',
    'indicator--33fe3b22-0201-47cf-85d0-97c02164528d\n',
    'indicator--33fe3b22-0201-47cf-85d0-97c0216452\u00e9d',
    'xx--33fe3b22-0201-47cf-85d0-97c02164528d',
    '',
  ];
  for (const id of bad) {
    it(`refuses ${JSON.stringify(id)}`, () => assert.equal(parseIdentifier(id), null));
  }

  it('checks the target type when asked', () => {
    const id = 'identity--f690c992-8e7d-4b9a-9303-3312616c0220';
    assert.equal(isValidIdentifier(id), true);
    assert.equal(isValidIdentifier(id, ['identity']), true);
    assert.equal(isValidIdentifier(id, ['marking-definition']), false);
    assert.equal(isValidIdentifier(42), false);
    assert.equal(typeOfIdentifier(id), 'identity');
  });

  it('refuses an overlong identifier before any matching', () => {
    assert.equal(parseIdentifier('a'.repeat(100_000) + '--33fe3b22-0201-47cf-85d0-97c02164528d'), null);
  });
});

describe('property names and pointers', () => {
  it('accepts STIX custom property names only', () => {
    assert.equal(isValidPropertyName('x_enlace_case'), true);
    assert.equal(isValidPropertyName('ab'), false);
    assert.equal(isValidPropertyName('Name'), false);
    assert.equal(isValidPropertyName('a-b-c'), false);
    assert.equal(isValidPropertyName('__proto__'), true); // the structural pass refuses it, not the name rule
  });

  it('escapes JSON Pointer tokens', () => {
    assert.equal(escapePointer('a/b~c'), 'a~1b~0c');
    assert.equal(escapePointer('plain'), 'plain');
  });
});

describe('UUIDv5 and SCO ids', () => {
  it('matches the RFC 4122 appendix vector (DNS namespace, www.example.com)', () => {
    assert.equal(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives the same SCO id from the same contributing properties, in any key order', () => {
    const a = scoId('vehicle', { vin: '1HGCM82633A004352', license_plate: 'VNB-123-A' });
    const b = scoId('vehicle', { license_plate: 'VNB-123-A', vin: '1HGCM82633A004352', make: undefined });
    assert.equal(a, b);
    assert.equal(parseIdentifier(a)?.version, 5);
    assert.notEqual(a, scoId('vehicle', { vin: '1HGCM82633A004352' }));
  });

  it('refuses a malformed namespace', () => {
    assert.throws(() => uuidV5('not-a-uuid', 'x'), TypeError);
  });
});
